package dev.csatkit.examples.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.ChannelProvider;
import dev.csatkit.channels.spi.ChannelProviders;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceProvidersTest {

    @Test
    void theFourAdaptersAreDiscoveredFromTheirModules() {
        assertThat(ChannelProviders.available()).extracting(ChannelProvider::type, ChannelProvider::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("console-sms", ChannelKind.SMS),
                        org.assertj.core.groups.Tuple.tuple("scripted-ivr", ChannelKind.VOICE_DTMF),
                        org.assertj.core.groups.Tuple.tuple("smtp-email", ChannelKind.EMAIL),
                        org.assertj.core.groups.Tuple.tuple("webhook-chat", ChannelKind.CHAT));
    }

    @Test
    void channelsAreCreatedFromSettings(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("calls.txt");
        Files.writeString(script, "+44 20 7946 0901 answer 5@2.5 id=c1\n", StandardCharsets.UTF_8);
        List<InboundReply> replies = new ArrayList<>();
        Channel ivr = ChannelProviders.create("scripted-ivr", ChannelContext.builder("ivr-1")
                .setting("line.number", "+15550100").setting("script.file", script.toString()).inbound(replies::add).build());
        DeliveryResult r = ivr.send(OutboundMessage.of("+442079460901", "k1", new MessageContent.Keypad(
                List.of(new AudioStage(AudioStage.Phase.PROMPT, "tts:Rate us")), Map.of("5", 5), Duration.ofSeconds(15))))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r).isEqualTo(DeliveryResult.accepted("c1"));
        assertThat(((ReplyContent.Keys) replies.get(0).content()).keys()).isEqualTo("5");

        Channel sms = ChannelProviders.create("console-sms", ChannelContext.builder("sms-1")
                .setting("sender", "+15550100").setting("route.44", "+447700900123, +447700900124")
                .setting("maxSegments", "4").build());
        assertThat(sms.capabilities().maxSmsSegments()).isEqualTo(4);

        Channel email = ChannelProviders.create("smtp-email", ChannelContext.builder("email-1")
                .setting("smtp.host", "127.0.0.1").setting("from", "surveys@example.com").build());
        assertThat(email.kind()).isEqualTo(ChannelKind.EMAIL);

        Channel chat = ChannelProviders.create("webhook-chat", ChannelContext.builder("chat-1")
                .setting("send.url", "http://127.0.0.1:9/send").setting("maxButtons", "3")
                .setting("webhook.secret", "a secret shared with the chat platform").build());
        assertThat(chat.capabilities().maxButtons()).isEqualTo(3);
        for (Channel c : List.of(ivr, sms, email, chat)) {
            ((AutoCloseable) c).close();
        }
    }

    @Test
    void missingOrBadSettingsAreNamed() {
        assertThatThrownBy(() -> ChannelProviders.create("smtp-email", ChannelContext.builder("email-1")
                .setting("from", "surveys@example.com").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings.smtp.host = (missing): must be set for channel email-1");
        assertThatThrownBy(() -> ChannelProviders.create("console-sms", ChannelContext.builder("sms-1")
                .setting("sender", "+15550100").setting("maxSegments", "many").build()))
                .hasMessage("settings.maxSegments = \"many\": must be a whole number");
        assertThatThrownBy(() -> ChannelProviders.create("console-sms", ChannelContext.builder("sms-1")
                .setting("sender", "+15550100").setting("route.44", "07700 900123").build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("routes.44[0] = \"***23\"");
    }
}
