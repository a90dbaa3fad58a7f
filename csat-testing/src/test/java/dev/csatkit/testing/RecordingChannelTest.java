package dev.csatkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.ReplyOutcome;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The recording channels carry real surveys through a real engine, and answer as customers do. */
class RecordingChannelTest {

    /** Monday 10:00 in London: outside quiet hours. */
    private final SettableClock clock = SettableClock.at(Instant.parse("2026-03-02T10:00:00Z"));

    private SurveyEngine engine(RecordingChannel channel, RatingScale scale, Medium medium) {
        SurveyDefinition survey = SurveyDefinition.builder("after-" + channel.kind().name().toLowerCase(Locale.ROOT))
                .name("After your contact").scale(scale).channels(channel.kind()).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(channel.kind(), Locale.ENGLISH).orElseThrow())
                .build();
        return SurveyEngine.builder().clock(clock).channel(channel)
                .profile(SurveyProfile.builder(survey, channel.kind()).placeholders(java.util.Map.of("company", "Acme"))
                        .acknowledgeSendingRules("ops@acme.example", clock.instant()) // SMS needs it; others keep it
                        .build())
                .build();
    }

    private Interaction interaction(String id, Contact contact, Medium medium) {
        return Interaction.builder(id, contact, medium).agent(Agent.human("agent-7", "Alice", "Billing"))
                .between(clock.instant().minus(Duration.ofMinutes(6)), clock.instant()).build();
    }

    @Test
    void anSmsSurveyIsRecordedAndTheTypedAnswerRated() {
        RecordingChannel sms = RecordingChannel.sms("sms", clock);
        try (SurveyEngine engine = engine(sms, RatingScales.fivePoint(), Medium.VOICE)) {
            Contact jane = Contact.builder("crm-1").phone("+447700900123").zone(ZoneId.of("Europe/London")).build();
            Decision d = engine.decide(interaction("call-1", jane, Medium.VOICE));
            assertThat(d).isInstanceOf(Decision.Scheduled.class);
            engine.dispatchDue();

            RecordingChannel.Sent prompt = sms.lastTo("+447700900123").orElseThrow();
            assertThat(prompt.at()).isEqualTo(clock.instant());
            assertThat(prompt.text()).contains("Acme", "Reply STOP to opt out.");
            assertThat(sms.sent()).containsExactly(prompt);

            ReplyOutcome outcome = engine.receive(sms.textFrom("+447700900123", "4 thanks"));
            assertThat(outcome).isInstanceOfSatisfying(ReplyOutcome.Rated.class, r -> assertThat(r.value()).isEqualTo(4));
            assertThat(sms.sentTo("+447700900123")).as("the prompt, then the confirmation").hasSize(2);
        }
    }

    @Test
    void keypadKeysAndChatButtonsAnswerTheirSurveys() {
        RecordingChannel ivr = RecordingChannel.keypad("ivr", clock);
        try (SurveyEngine engine = engine(ivr, RatingScales.keypadNine(), Medium.VOICE)) {
            Contact caller = Contact.builder("crm-2").phone("+447700900124").zone(ZoneId.of("Europe/London")).build();
            Interaction call = Interaction.builder("call-2", caller, Medium.VOICE)
                    .agent(Agent.human("agent-7", "Alice", "Billing"))
                    .between(clock.instant().minus(Duration.ofMinutes(6)), clock.instant())
                    .hangUp(dev.csatkit.engine.HangUp.AGENT)          // the caller stays on the line for the keypad
                    .build();
            assertThat(engine.decide(call)).isInstanceOf(Decision.Scheduled.class);
            engine.dispatchDue();
            assertThat(ivr.lastTo("+447700900124").orElseThrow().message().content())
                    .isInstanceOf(MessageContent.Keypad.class);
            ivr.connect(engine.inboundListener());
            ivr.answer(ivr.keysFrom("+447700900124", "8"));
            assertThat(engine.surveyFor("call-2").orElseThrow().rating()).hasValue(8);
        }
        RecordingChannel chat = RecordingChannel.chat("chat", clock);
        try (SurveyEngine engine = engine(chat, RatingScales.fivePoint(), Medium.CHAT)) {
            Contact user = Contact.builder("crm-3").chat("user-42").zone(ZoneId.of("Europe/London")).build();
            engine.decide(interaction("chat-3", user, Medium.CHAT));
            engine.dispatchDue();
            MessageContent.Chat sent = (MessageContent.Chat) chat.lastTo("user-42").orElseThrow().message().content();
            assertThat(sent.buttons()).hasSize(5);
            ReplyOutcome outcome = engine.receive(chat.buttonFrom("user-42", sent.buttons().get(0).payload()));
            assertThat(outcome).isInstanceOf(ReplyOutcome.Rated.class);
        }
    }

    @Test
    void aResentKeyIsNotRecordedTwiceAndFailuresAreAnsweredAsAsked() {
        RecordingChannel sms = RecordingChannel.sms("sms", clock);
        OutboundMessage m = OutboundMessage.of("+447700900123", "key-1", new MessageContent.Sms("hello"));
        DeliveryResult first = sms.send(m).toCompletableFuture().join();
        DeliveryResult again = sms.send(m).toCompletableFuture().join();
        assertThat(again).isEqualTo(first).isInstanceOf(DeliveryResult.Accepted.class);
        assertThat(sms.sent()).hasSize(1);

        sms.failNext(DeliveryResult.retryLater("throttled"));
        assertThat(sms.send(m.withIdempotencyKey("key-2")).toCompletableFuture().join())
                .isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(sms.send(m.withIdempotencyKey("key-2")).toCompletableFuture().join())
                .isInstanceOf(DeliveryResult.Accepted.class);
        assertThat(sms.send(OutboundMessage.of("a@example.com", "key-3",
                new MessageContent.Email("s", "t", java.util.Optional.empty()))).toCompletableFuture().join())
                .isInstanceOf(DeliveryResult.FailedPermanently.class);
        assertThatThrownBy(() -> sms.failNext(DeliveryResult.accepted("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sms.answer(sms.textFrom("+447700900123", "5")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("connect(engine.inboundListener())");
    }

    @Test
    void repliesAreNormalisedAsARealAdapterHandsThemIn() {
        RecordingChannel email = RecordingChannel.email("mail", clock);
        InboundReply link = email.linkFrom("jane@example.com", "survey-key-1", 4);
        assertThat(link.channelId()).isEqualTo("mail");
        assertThat(link.recipient()).isEqualTo("surveys@example.com");
        assertThat(link.content()).isEqualTo(new ReplyContent.Link("survey-key-1", 4));
        assertThat(link.receivedAt()).isEqualTo(clock.instant());
        InboundReply other = email.textFrom("jane@example.com", "5");
        assertThat(other.providerMessageId()).as("each reply its own provider id").isNotEqualTo(link.providerMessageId());
        List<ChannelKind> kinds = new ArrayList<>();
        for (RecordingChannel c : List.of(RecordingChannel.sms("a", clock), RecordingChannel.email("b", clock),
                RecordingChannel.chat("c", clock), RecordingChannel.keypad("d", clock))) {
            kinds.add(c.kind());
        }
        assertThat(kinds).containsExactly(ChannelKind.SMS, ChannelKind.EMAIL, ChannelKind.CHAT, ChannelKind.VOICE_DTMF);
    }

    @Test
    void theSettableClockMovesOnlyWhenTold() {
        SettableClock c = SettableClock.at(Instant.parse("2026-03-02T10:00:00Z"));
        SettableClock london = c.withZone(ZoneId.of("Europe/London"));
        c.advance(Duration.ofHours(2));
        assertThat(london.instant()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(london.getZone()).isEqualTo(ZoneId.of("Europe/London"));
        london.set(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(c.instant()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration = PT-1S: must not be negative");
    }
}
