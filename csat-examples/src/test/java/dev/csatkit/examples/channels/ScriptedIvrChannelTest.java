package dev.csatkit.examples.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.KeyPress;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.tck.ChannelContractTest;
import dev.csatkit.channels.tck.CustomerReply;
import dev.csatkit.channels.tck.Delivery;
import dev.csatkit.channels.tck.ProviderFault;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScriptedIvrChannelTest extends ChannelContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IvrScript script = new IvrScript();
    private final ScriptedIvr ivr = new ScriptedIvr(script);

    @Override
    protected Channel createChannel(ChannelContext context) {
        return new ScriptedIvrChannel(context, "+1 555 0100", ivr);
    }

    @Override
    protected List<Delivery> deliveries() throws IOException {
        List<Delivery> out = new ArrayList<>();
        for (String plan : ivr.answeredPlans()) {
            out.add(new Delivery(JSON.readTree(plan).get("to").asText(), JSON.readTree(plan).get("idempotencyKey").asText(),
                    keypad(JSON.readTree(plan))));
        }
        return out;
    }

    private static MessageContent.Keypad keypad(JsonNode plan) {
        List<AudioStage> stages = new ArrayList<>();
        plan.get("stages").forEach(s -> stages.add(new AudioStage(AudioStage.Phase.valueOf(s.get("phase").asText()),
                s.get("audio").asText())));
        Map<String, Integer> keys = new LinkedHashMap<>();
        plan.get("keys").properties().forEach(e -> keys.put(e.getKey(), e.getValue().asInt()));
        return new MessageContent.Keypad(stages, keys, Duration.ofMillis(plan.get("answerWindowMs").asLong()));
    }

    @Override
    protected OutboundMessage arrangeFault(ProviderFault fault, OutboundMessage message) {
        IvrScript.Outcome outcome = switch (fault) {
            case TRANSIENT -> IvrScript.Outcome.BUSY;
            case PERMANENT -> IvrScript.Outcome.UNREACHABLE;
            case HANG -> IvrScript.Outcome.STALL;
        };
        script.add(message.recipient(), new IvrScript.Call(outcome, List.of(), Optional.empty()));
        return message;
    }

    @Override
    protected void replyFromCustomer(CustomerReply reply) throws Exception {
        ReplyContent.Keys keys = (ReplyContent.Keys) reply.content();
        script.add(reply.from(), new IvrScript.Call(IvrScript.Outcome.ANSWER, keys.presses(),
                Optional.of(reply.providerMessageId())));
        OutboundMessage call = message("call-" + reply.providerMessageId(), 0, "Rate the call").withRecipient(reply.from());
        channel().send(call).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    // ---- beyond the kit -------------------------------------------------------------------

    private static final String SCRIPT = String.join("\n",
            "# number        outcome   presses",
            "+44 20 7946 0901  answer  4@1.2 #@2.0          # one key, then hash",
            "+44 20 7946 0902  answer                       # no input",
            "+44 20 7946 0903  answer  *@0.3 A@0.9 9@14.999 7@15.0 id=call-17",
            "+44 20 7946 0904  busy",
            "+44 20 7946 0904  answer  1@0.5 0@0.9 #@1.4",
            "+44 20 7946 0905  no-answer",
            "+44 20 7946 0906  unreachable",
            "");

    private record Run(List<InboundReply> replies, ScriptedIvrChannel channel) {
        DeliveryResult call(String number, String key) throws Exception {
            OutboundMessage m = OutboundMessage.of(number, key, new MessageContent.Keypad(
                    List.of(new AudioStage(AudioStage.Phase.PROMPT, "prompt.wav"),
                            new AudioStage(AudioStage.Phase.THANKS, "thanks.wav")),
                    Map.of("1", 1, "2", 2, "3", 3, "4", 4, "5", 5), Duration.ofSeconds(15)));
            return channel.send(m).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private static Run scripted() throws IOException {
        List<InboundReply> replies = new ArrayList<>();
        ScriptedIvrChannel channel = new ScriptedIvrChannel(ChannelContext.builder("ivr")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).inbound(replies::add).build(), "+15550100",
                new ScriptedIvr(new IvrScript().read(new StringReader(SCRIPT))));
        return new Run(replies, channel);
    }

    private static KeyPress press(char key, long millis) {
        return new KeyPress(key, Duration.ofMillis(millis));
    }

    @Test
    void keysArriveWithTheirTimingsHashAndStarIncluded() throws Exception {
        Run run = scripted();
        assertThat(run.call("+442079460901", "k1")).isInstanceOf(DeliveryResult.Accepted.class);
        assertThat(run.replies().get(0).content()).isEqualTo(new ReplyContent.Keys(List.of(press('4', 1200), press('#', 2000))));
        assertThat(run.replies().get(0).sender()).isEqualTo("+442079460901");
        assertThat(run.replies().get(0).recipient()).isEqualTo("+15550100");
        run.channel().close();
    }

    @Test
    void noInputIsAnEmptyKeysReply() throws Exception {
        Run run = scripted();
        run.call("+442079460902", "k2");
        assertThat(run.replies()).singleElement().satisfies(r ->
                assertThat(((ReplyContent.Keys) r.content()).noInput()).isTrue());
        run.channel().close();
    }

    @Test
    void invalidKeysAreDeliveredAndPressesAfterTheWindowAreNot() throws Exception {
        Run run = scripted();
        assertThat(run.call("+442079460903", "k3")).isEqualTo(DeliveryResult.accepted("call-17"));
        InboundReply reply = run.replies().get(0);
        assertThat(reply.content()).isEqualTo(new ReplyContent.Keys(List.of(press('*', 300), press('A', 900), press('9', 14_999))));
        assertThat(reply.providerMessageId()).isEqualTo("call-17");
        run.channel().close();
    }

    @Test
    void aBusyLineIsRetriedAndTheRetryIsAnswered() throws Exception {
        Run run = scripted();
        assertThat(run.call("+442079460904", "k4")).isEqualTo(DeliveryResult.retryLater("the line was busy"));
        assertThat(run.replies()).isEmpty();
        assertThat(run.call("+442079460904", "k4")).isInstanceOf(DeliveryResult.Accepted.class);
        assertThat(((ReplyContent.Keys) run.replies().get(0).content()).keys()).isEqualTo("10#");
        assertThat(run.call("+442079460905", "k5")).isEqualTo(DeliveryResult.retryLater("nobody answered"));
        assertThat(run.call("+442079460906", "k6"))
                .isEqualTo(DeliveryResult.failedPermanently("the number +44***06 cannot be called"));
        run.channel().close();
    }

    @Test
    void scriptErrorsNameTheLine() {
        assertThatThrownBy(() -> new IvrScript().read(new StringReader("+15550100 answer 4@1.2\n+15550101 ringing\n")))
                .hasMessage("IVR script line 2: expected a number and one of answer, busy, no-answer, unreachable, stall");
        assertThatThrownBy(() -> new IvrScript().read(new StringReader("+15550100 answer 4@soon")))
                .hasMessageStartingWith("IVR script line 1: \"4@soon\" is not a key press such as 4@1.2");
        assertThatThrownBy(() -> new IvrScript().read(new StringReader("+15550100 busy 4@1.0")))
                .hasMessageEndingWith("only an answered call has key presses");
        assertThatThrownBy(() -> new IvrScript().read(new StringReader("555-0100 busy")))
                .hasMessageStartingWith("IVR script line 1: Invalid phone number: number = \"***00\"");
    }
}
