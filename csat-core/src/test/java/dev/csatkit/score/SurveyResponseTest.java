package dev.csatkit.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SurveyResponseTest {

    private static final Instant T = Instant.parse("2025-03-14T09:00:00Z");

    @Test
    void theBuilderStripsTextAndDropsBlanks() {
        SurveyResponse r = SurveyResponse.builder(" call-1 ", "post-call", T).agent("  ann ").team(" ")
                .channel(ChannelKind.VOICE_DTMF).comment("\t").rating(4, T.plusSeconds(30)).build();
        assertThat(r.interactionId()).isEqualTo("call-1");
        assertThat(r.agent()).contains("ann");
        assertThat(r.team()).isEmpty();
        assertThat(r.channel()).contains("voice_dtmf");
        assertThat(r.comment()).isEmpty();
        assertThat(r.isRating()).isTrue();
        assertThat(r.isUnanswered()).isFalse();
    }

    @Test
    void withoutAReplyItIsUnanswered() {
        SurveyResponse r = SurveyResponse.builder("c", "s", T).build();
        assertThat(r.isUnanswered()).isTrue();
        assertThat(r.respondedAt()).isEmpty();
    }

    @Test
    void everyBrokenRuleIsNamed() {
        assertThatThrownBy(() -> SurveyResponse.builder(" ", "x".repeat(300), T).rating(5, T.minusSeconds(1)).build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid survey response (3 problems):\n"
                        + "  - interactionId = \"\": must not be blank\n"
                        + "  - surveyId = \"" + "x".repeat(80) + "…\" (300 characters): must be at most 256 characters\n"
                        + "  - respondedAt = 2025-03-14T08:59:59Z: must not be before sentAt 2025-03-14T09:00:00Z");
    }

    @Test
    void anOverLongCommentIsReportedWithoutItsText() {
        String comment = "call me on 07700 900456 " + "x".repeat(SurveyResponse.MAX_COMMENT_LENGTH);
        assertThatThrownBy(() -> SurveyResponse.builder("c", "s", T).rating(2, T).comment(comment).build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid survey response: comment = \"«masked»\": must be at most 65536 characters");
    }

    @Test
    void theRecordRefusesContradictoryOutcomes() {
        assertThatThrownBy(() -> new SurveyResponse("c", "s", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Locale.ROOT), Optional.empty(), T, Optional.empty(), OptionalInt.of(3),
                Optional.empty(), true, true))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid survey response (4 problems):\n"
                        + "  - locale = \"und\": must name a language\n"
                        + "  - late = true: a reply is either invalid or late, not both\n"
                        + "  - score = 3: an invalid reply has no score\n"
                        + "  - respondedAt = (missing): a reply (rating, invalid or late) needs the time it came");
    }

    @Test
    void lateAndInvalidRepliesAreNotRatings() {
        SurveyResponse late = SurveyResponse.builder("c", "s", T).lateReply(OptionalInt.of(5), T.plusSeconds(999))
                .build();
        SurveyResponse invalid = SurveyResponse.builder("c", "s", T).invalidReply(T.plusSeconds(9)).build();
        assertThat(late.isRating()).isFalse();
        assertThat(late.isUnanswered()).isFalse();
        assertThat(invalid.isRating()).isFalse();
        assertThat(invalid.score()).isEmpty();
    }
}
