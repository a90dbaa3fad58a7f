package dev.csatkit.channels.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpiValuesTest {

    private static final MessageContent SMS = new MessageContent.Sms("Rate us 1-5");

    @Test
    void messageRejectsAKeyThatCannotTravelInAHeader() {
        assertThatThrownBy(() -> OutboundMessage.of("+15550100", "has space", SMS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idempotencyKey = \"has space\": must be 1–128 visible ASCII characters without spaces");
        assertThatThrownBy(() -> OutboundMessage.of("+15550100", "k".repeat(129), SMS))
                .hasMessageStartingWith("idempotencyKey = \"kkkk");
    }

    @Test
    void messageRejectsARecipientThatSpansLines() {
        assertThatThrownBy(() -> OutboundMessage.of("a@example.com\r\nBcc: x@example.com", "k1", SMS))
                .hasMessage("recipient = \"a***@e***.com\": "
                        + "must be a single line without control characters; found U+000D");
        assertThatThrownBy(() -> OutboundMessage.of(" ", "k1", SMS))
                .hasMessage("recipient = \" \": must not be blank");
    }

    @Test
    void messageRejectsBadCorrelationIds() {
        assertThatThrownBy(() -> new OutboundMessage("+15550100", Optional.empty(), "k1",
                Map.of("survey id", "s1"), SMS))
                .hasMessage("correlationIds key = \"survey id\": must be 1–64 letters, digits, '.', '_' or '-'");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("surveyId", null);
        assertThatThrownBy(() -> new OutboundMessage("+15550100", Optional.empty(), "k1", nullValue, SMS))
                .hasMessage("correlationIds.surveyId = (missing): must be given");
    }

    @Test
    void messageKnowsItsKind() {
        OutboundMessage m = new OutboundMessage("+15550100", Optional.of("+15550199"), "k1",
                Map.of("surveyId", "s1"), SMS);
        assertThat(m.kind()).isEqualTo(ChannelKind.SMS);
        assertThat(m.withRecipient("+15550101").recipient()).isEqualTo("+15550101");
        assertThat(m.withIdempotencyKey("k2").idempotencyKey()).isEqualTo("k2");
    }

    @Test
    void emailSubjectIsOneLine() {
        assertThatThrownBy(() -> new MessageContent.Email("Hi\nBcc: x", "body", Optional.empty()))
                .hasMessage("subject = \"«masked»\": must be a single line without control characters; found U+000A");
        assertThatThrownBy(() -> new MessageContent.Email("Hi", "body", Optional.of("")))
                .hasMessage("html = \"\": must not be blank");
    }

    @Test
    void chatButtonsHaveDistinctPayloads() {
        assertThatThrownBy(() -> new MessageContent.Chat("Rate us", List.of(
                new QuickReply("Good", "csat:5"), new QuickReply("Great", "csat:5"))))
                .hasMessage("buttons[1].payload = \"csat:5\": must differ from every other button's payload "
                        + "(buttons[0] has it)");
        assertThatThrownBy(() -> new QuickReply("x".repeat(65), "p"))
                .hasMessageEndingWith("must be at most 64 characters");
    }

    @Test
    void keypadNeedsAPromptAKeyMapAndASaneWindow() {
        List<AudioStage> prompt = List.of(new AudioStage(AudioStage.Phase.PROMPT, "prompt.wav"));
        assertThatThrownBy(() -> new MessageContent.Keypad(
                List.of(new AudioStage(AudioStage.Phase.THANKS, "thanks.wav")), Map.of("1", 1), Duration.ofSeconds(15)))
                .hasMessage("stages = \"[THANKS]\": must include a PROMPT stage");
        assertThatThrownBy(() -> new MessageContent.Keypad(List.of(prompt.get(0), prompt.get(0)),
                Map.of("1", 1), Duration.ofSeconds(15)))
                .hasMessage("stages[1].phase = PROMPT: must appear once (stages[0] has it)");
        assertThatThrownBy(() -> new MessageContent.Keypad(prompt, Map.of("1#", 1), Duration.ofSeconds(15)))
                .hasMessage("keyMap key = \"1#\": must be 1–3 digits");
        assertThatThrownBy(() -> new MessageContent.Keypad(prompt, Map.of(), Duration.ofSeconds(15)))
                .hasMessage("keyMap = \"{}\": must map at least one key sequence");
        assertThatThrownBy(() -> new MessageContent.Keypad(prompt, Map.of("1", 1), Duration.ofMillis(500)))
                .hasMessage("answerWindow = PT0.5S: must be between PT1S and PT10M");
        MessageContent.Keypad ok = new MessageContent.Keypad(prompt, Map.of("2", 2, "1", 1), Duration.ofSeconds(15));
        assertThat(ok.keyMap().keySet()).containsExactly("1", "2");
        assertThat(ok.stage(AudioStage.Phase.PROMPT)).isPresent();
        assertThat(ok.stage(AudioStage.Phase.THANKS)).isEmpty();
    }

    @Test
    void capabilitiesCheckRanges() {
        assertThatThrownBy(() -> ChannelCapabilities.sms(0))
                .hasMessage("maxSmsSegments = 0: must be between 1 and 255");
        assertThatThrownBy(() -> ChannelCapabilities.builder().maxButtons(101).build())
                .hasMessage("maxButtons = 101: must be between 0 and 100");
        assertThat(ChannelCapabilities.sms(3)).isEqualTo(new ChannelCapabilities(3, 0, true, false, false));
        assertThat(ChannelCapabilities.email().html()).isTrue();
        assertThat(ChannelCapabilities.chat(3).maxButtons()).isEqualTo(3);
        assertThat(ChannelCapabilities.keypad().audio()).isTrue();
    }

    @Test
    void deliveryResultsValidate() {
        assertThatThrownBy(() -> DeliveryResult.retryAfter(Duration.ofSeconds(-1), "throttled"))
                .hasMessage("delay = PT-1S: must not be negative");
        assertThatThrownBy(() -> DeliveryResult.failedPermanently(""))
                .hasMessage("reason = \"\": must not be blank");
        assertThatThrownBy(() -> DeliveryResult.accepted("id\n2"))
                .hasMessage("providerMessageId = \"id\\u000A2\": must be a single line without control characters;"
                        + " found U+000A");
        assertThat(DeliveryResult.retryLater("busy")).isEqualTo(new DeliveryResult.RetryLater(Optional.empty(), "busy"));
    }

    @Test
    void keyPressesAreDtmfSymbolsInOrder() {
        assertThatThrownBy(() -> new KeyPress('x', Duration.ZERO))
                .hasMessage("key = \"x\": must be one of the DTMF symbols 0123456789*#ABCD");
        assertThatThrownBy(() -> new KeyPress('1', Duration.ofMillis(-1)))
                .hasMessage("at = PT-0.001S: must not be negative");
        assertThatThrownBy(() -> new ReplyContent.Keys(List.of(
                new KeyPress('1', Duration.ofSeconds(2)), new KeyPress('#', Duration.ofSeconds(1)))))
                .hasMessage("presses[1].at = PT1S: must not be earlier than the press before it (PT2S)");
        ReplyContent.Keys keys = new ReplyContent.Keys(List.of(
                new KeyPress('1', Duration.ofSeconds(1)), new KeyPress('0', Duration.ofSeconds(1)),
                new KeyPress('#', Duration.ofSeconds(2))));
        assertThat(keys.keys()).isEqualTo("10#");
        assertThat(keys.noInput()).isFalse();
        assertThat(new ReplyContent.Keys(List.of()).noInput()).isTrue();
    }

    @Test
    void replyTextIsComposed() {
        assertThat(new ReplyContent.Text("Cafe\u0301 5").text()).isEqualTo("Caf\u00e9 5");
        assertThat(new ReplyContent.Text("").text()).isEmpty();
        assertThatThrownBy(() -> new InboundReply("sms", "+15550100", "+15550199", new ReplyContent.Text("5"),
                " ", Instant.EPOCH))
                .hasMessage("providerMessageId = \" \": must not be blank");
    }

    @Test
    void aLinkCommentIsComposedAndABlankOneDropped() {
        assertThat(new ReplyContent.Link("s-1", 4).comment()).isEmpty();
        assertThat(new ReplyContent.Link("s-1", 4, Optional.of(" \n ")).comment()).isEmpty();
        assertThat(new ReplyContent.Link("s-1", 4, Optional.of("Cafe\u0301")).comment()).contains("Caf\u00e9");
        assertThatThrownBy(() -> new ReplyContent.Link("s-1", 4,
                Optional.of("x".repeat(ReplyContent.MAX_TEXT_LENGTH + 1))))
                .hasMessage("comment = \"«masked»\": must be at most 100000 characters");
    }

    @Test
    void aLinkCarriesTheAnswersToFurtherQuestionsBoundedAndNamed() {
        ReplyContent.Link link = new ReplyContent.Link("s-1", 4, Optional.empty(), Map.of("speed", 10, "effort", 3));
        assertThat(link.answers()).containsExactly(Map.entry("effort", 3), Map.entry("speed", 10));
        assertThat(link.toString()).isEqualTo("Link[surveyId=s-1, value=4, comment=(none), answers={effort=3, speed=10}]");
        assertThat(new ReplyContent.Link("s-1", 4).answers()).isEmpty();
        Map<String, Integer> many = new LinkedHashMap<>();
        for (int i = 0; i <= ReplyContent.Link.MAX_ANSWERS; i++) {
            many.put("q" + i, i);
        }
        assertThatThrownBy(() -> new ReplyContent.Link("s-1", 4, Optional.empty(), many))
                .hasMessage("answers = \"11 answers\": must be at most 10");
        assertThatThrownBy(() -> new ReplyContent.Link("s-1", 4, Optional.empty(), Map.of(" ", 1)))
                .hasMessageContaining("answers key");
    }

    @Test
    void noValueShowsPersonalDataInItsMessagesOrToString() {
        OutboundMessage m = new OutboundMessage("+447700900123", Optional.of("+447700900456"), "k1",
                Map.of("surveyId", "s-1"), new MessageContent.Sms("Hi Jane, rate us 1-5"));
        assertThat(m.toString()).isEqualTo("OutboundMessage[recipient=+44***23, sender=+44***56, idempotencyKey=k1, "
                + "correlationIds={surveyId=s-1}, content=Sms[text=«masked»]]");
        assertThat(OutboundMessage.of("jane.doe@example.com", "k2",
                new MessageContent.Email("Hi Jane", "Rate us", Optional.of("<p>Rate us</p>"))).toString())
                .contains("recipient=j***@e***.com").doesNotContain("Jane").doesNotContain("Rate us");
        InboundReply r = new InboundReply("sms", "+447700900123", "+15550100",
                new ReplyContent.Text("5 Jane was great"), "id-1", java.time.Instant.EPOCH);
        assertThat(r.toString()).contains("sender=+44***23", "recipient=+1***00", "Text[text=«masked»]")
                .doesNotContain("Jane").doesNotContain("900123");
        assertThat(new ReplyContent.Link("s-1", 4, Optional.of("Jane was great")).toString())
                .isEqualTo("Link[surveyId=s-1, value=4, comment=«masked»]");
        assertThatThrownBy(() -> OutboundMessage.of("+44 7700 900123\n", "k1", SMS))
                .hasMessage("recipient = \"+44***23\": must be a single line without control characters; found U+000A");
        assertThatThrownBy(() -> new InboundReply("sms", "jane.doe@example.com\u0007", "+15550100",
                new ReplyContent.Text("5"), "id-1", java.time.Instant.EPOCH))
                .hasMessageNotContaining("jane.doe").hasMessageContaining("j***@e***.com");
        assertThatThrownBy(() -> new MessageContent.Sms("Jane " + "x".repeat(MessageContent.MAX_TEXT_LENGTH)))
                .hasMessage("text = \"«masked»\": must be at most " + MessageContent.MAX_TEXT_LENGTH + " characters");
    }

    @Test
    void contextValidatesAndReadsSettings() {
        assertThatThrownBy(() -> ChannelContext.builder("sms eu").build())
                .hasMessage("channelId = \"sms eu\": must be 1–64 letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> ChannelContext.builder("sms").sendTimeout(Duration.ZERO).build())
                .hasMessage("sendTimeout = PT0S: must be between PT0.01S and PT10M");
        ChannelContext ctx = ChannelContext.builder("sms").setting("a", "1").clock(Clock.systemUTC()).build();
        assertThat(ctx.setting("a")).contains("1");
        assertThat(ctx.setting("b")).isEmpty();
        assertThatThrownBy(() -> ctx.requireSetting("b"))
                .hasMessage("settings.b = (missing): must be set for channel sms");
    }

    @Test
    void unknownProviderTypeListsWhatWasFound() {
        assertThatThrownBy(() -> ChannelProviders.create("nope", ChannelContext.builder("x").build()))
                .hasMessage("type = \"nope\": must name an installed channel provider; found []");
        assertThat(ChannelProviders.find("nope")).isEmpty();
    }

    @Test
    void longValuesAreShortenedInMessages() {
        assertThatThrownBy(() -> new AudioStage(AudioStage.Phase.PROMPT, "clip:" + "x".repeat(3000)))
                .hasMessage("audio = \"«masked»\": must be at most 2048 characters");
        assertThatThrownBy(() -> new QuickReply("x".repeat(100), "5"))
                .hasMessage("label = \"" + "x".repeat(80) + "…\" (100 characters): must be at most 64 characters");
    }
}
