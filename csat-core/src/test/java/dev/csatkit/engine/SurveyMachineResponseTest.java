package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.OpenSurvey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The response a survey leaves, read from what the engine stored with it, and comments cut to fit. */
class SurveyMachineResponseTest {

    static final Instant SENT = T0.plusSeconds(60);

    static OpenSurvey.Builder survey(Map<String, String> values) {
        return OpenSurvey.builder("s-1", "after-call", "c-1", T0).contactId("k1")
                .channel(ChannelKind.SMS, "sms", "+447700900123").locale(java.util.Locale.ENGLISH).values(values)
                .sentAt(SENT);
    }

    static SurveyResponse response(Map<String, String> values) {
        return SurveyMachine.response(survey(values).build(), false, OptionalInt.empty(), Optional.empty());
    }

    @Test
    void waitAndOpenTicketsAreReadOnlyFromDigits() {
        SurveyResponse r = response(Map.of(DecisionRules.WAIT_SECONDS, "95", DecisionRules.OPEN_TICKETS, "3",
                DecisionRules.REGION, "EMEA", DecisionRules.BRAND, "Acme", DecisionRules.CONTACT_KEY, "ck-1"));
        assertThat(r.waitTime()).contains(Duration.ofSeconds(95));
        assertThat(r.openTickets()).hasValue(3);
        assertThat(r.region()).contains("EMEA");
        assertThat(r.brand()).contains("Acme");
        assertThat(r.contactKey()).contains("ck-1");
        assertThat(r.sentAt()).isEqualTo(SENT);
        for (String odd : new String[] {"", "-1", "12s", "9".repeat(30)}) {
            SurveyResponse none = response(Map.of(DecisionRules.WAIT_SECONDS, odd, DecisionRules.OPEN_TICKETS, odd));
            assertThat(none.waitTime()).as(odd).isEmpty();
            assertThat(none.openTickets()).as(odd).isEmpty();
        }
        assertThat(response(Map.of(DecisionRules.WAIT_SECONDS, "0")).waitTime()).contains(Duration.ZERO);
        assertThat(response(Map.of(DecisionRules.OPEN_TICKETS, "0")).openTickets()).hasValue(0);
        assertThat(response(Map.of(DecisionRules.OPEN_TICKETS, "99999999999")).openTickets())
                .hasValue(Integer.MAX_VALUE);
        assertThat(response(Map.of()).waitTime()).isEmpty();
    }

    @Test
    void aSurveyWithOnlyInvalidRepliesLeavesAnInvalidResponse() {
        SurveyResponse invalid = SurveyMachine.response(survey(Map.of()).invalidReplies(1).build(), false,
                OptionalInt.empty(), Optional.empty());
        assertThat(invalid.invalid()).isTrue();
        assertThat(invalid.respondedAt()).contains(SENT);
        SurveyResponse missed = SurveyMachine.response(survey(Map.of()).noInputs(1).build(), false,
                OptionalInt.empty(), Optional.empty());
        assertThat(missed.invalid()).isTrue();
        SurveyResponse silent = response(Map.of());
        assertThat(silent.invalid()).isFalse();
        assertThat(silent.respondedAt()).isEmpty();
        SurveyResponse late = SurveyMachine.response(survey(Map.of()).build(), true, OptionalInt.of(4),
                Optional.of(SENT.plusSeconds(90_000)));
        assertThat(late.late()).isTrue();
        assertThat(late.score()).hasValue(4);
        assertThat(late.respondedAt()).contains(SENT.plusSeconds(90_000));
        SurveyResponse rated = SurveyMachine.response(survey(Map.of()).rating(2, SENT.plusSeconds(30))
                .comment("slow").build(), false, OptionalInt.empty(), Optional.empty());
        assertThat(rated.score()).hasValue(2);
        assertThat(rated.respondedAt()).contains(SENT.plusSeconds(30));
        assertThat(rated.comment()).contains("slow");
    }

    @Test
    void aCommentIsCutToTheLongestAResponseKeepsNeverInsideASurrogatePair() {
        int max = SurveyResponse.MAX_COMMENT_LENGTH;
        String fits = "a".repeat(max);
        assertThat(SurveyMachine.clip(fits)).isSameAs(fits);
        assertThat(SurveyMachine.clip(fits + "b")).isEqualTo(fits);
        String pairAcross = "a".repeat(max - 1) + "😀";
        assertThat(SurveyMachine.clip(pairAcross)).isEqualTo("a".repeat(max - 1));
        String pairBefore = "a".repeat(max - 2) + "😀b";
        assertThat(SurveyMachine.clip(pairBefore)).isEqualTo("a".repeat(max - 2) + "😀");
        assertThat(SurveyMachine.kindName(ChannelKind.VOICE_DTMF)).isEqualTo("voice_dtmf");
    }
}
