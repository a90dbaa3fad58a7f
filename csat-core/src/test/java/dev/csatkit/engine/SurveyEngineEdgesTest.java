package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.company;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.ReviewNotes;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The engine's own limits at their edges: the builder's bounds on each side, the reviewer's name
 * and reason checked before any review is read, and a dispatch summary that is empty only when
 * every count is zero.
 */
class SurveyEngineEdgesTest {

    private static SurveyEngine.Builder builder() {
        return SurveyEngine.builder().clock(new EngineFixture.TestClock(T0)).channel(EngineFixture.sms())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", T0).placeholders(company()).noQuietHours()
                        .noFrequencyCap().build());
    }

    private static void accepted(UnaryOperator<SurveyEngine.Builder> change) {
        try (SurveyEngine e = change.apply(builder()).build()) {
            assertThat(e).isNotNull();
        }
    }

    private static void refused(UnaryOperator<SurveyEngine.Builder> change, String field) {
        assertThatThrownBy(() -> change.apply(builder()).build()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(field);
    }

    @Test
    void each_bound_of_the_builder_holds_on_its_edge_and_refuses_one_step_past_it() {
        accepted(b -> b.retention(Duration.ofDays(1)));
        refused(b -> b.retention(Duration.ofDays(1).minusMillis(1)), "retention");
        accepted(b -> b.sendLease(Duration.ofSeconds(10)).sendTimeout(Duration.ofSeconds(9)));
        refused(b -> b.sendLease(Duration.ofSeconds(10).minusMillis(1)).sendTimeout(Duration.ofSeconds(1)),
                "sendLease");
        accepted(b -> b.sendLease(Duration.ofSeconds(10)).sendTimeout(Duration.ofSeconds(10).minusMillis(1)));
        refused(b -> b.sendLease(Duration.ofSeconds(10)).sendTimeout(Duration.ofSeconds(10)), "sendTimeout");
        refused(b -> b.sendTimeout(Duration.ZERO), "sendTimeout");
        accepted(b -> b.batchSize(1));
        refused(b -> b.batchSize(0), "batchSize");
    }

    @Test
    void a_reviewer_is_checked_before_the_review_is_read() {
        try (SurveyEngine e = builder().build()) {
            String longest = "r".repeat(LowScoreReview.MAX_TEXT_LENGTH);
            ReviewNotes notes = ReviewNotes.of("cause", "follow-up", "remedy");
            // A valid name goes on to the review, which does not exist.
            assertThatThrownBy(() -> e.resolveReview("no-such-survey", longest, notes))
                    .isInstanceOf(ReviewRefusedException.class);
            assertThatThrownBy(() -> e.resolveReview("no-such-survey", longest + "r", notes))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("reviewer");
            assertThatThrownBy(() -> e.resolveReview("no-such-survey", " ", notes))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("reviewer");
            assertThatThrownBy(() -> e.resolveReview("no-such-survey", "\nAnna", notes))
                    .as("a line break first").isInstanceOf(InvalidConfigurationException.class);

            String reason = "x".repeat(ReviewNotes.MAX_LENGTH);
            assertThatThrownBy(() -> e.reopenReview("no-such-survey", longest, reason))
                    .isInstanceOf(ReviewRefusedException.class);
            assertThatThrownBy(() -> e.reopenReview("no-such-survey", "", reason))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("by");
            assertThatThrownBy(() -> e.reopenReview("no-such-survey", "Anna", reason + "x"))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("reason");
            assertThatThrownBy(() -> e.reopenReview("no-such-survey", "Anna", " "))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("reason");
        }
    }

    @Test
    void a_dispatch_summary_is_empty_only_when_every_count_is_zero() {
        assertThat(new SurveyEngine.DispatchSummary(0, 0, 0, 0, 0, 0).isEmpty()).isTrue();
        // Two counts of one each: a sum with any of its additions turned into a subtraction is zero.
        assertThat(new SurveyEngine.DispatchSummary(1, 1, 0, 0, 0, 0).isEmpty()).isFalse();
        assertThat(new SurveyEngine.DispatchSummary(1, 0, 1, 0, 0, 0).isEmpty()).isFalse();
        assertThat(new SurveyEngine.DispatchSummary(1, 0, 0, 1, 0, 0).isEmpty()).isFalse();
        assertThat(new SurveyEngine.DispatchSummary(1, 0, 0, 0, 1, 0).isEmpty()).isFalse();
        assertThat(new SurveyEngine.DispatchSummary(1, 0, 0, 0, 0, 1).isEmpty()).isFalse();
        assertThat(new SurveyEngine.DispatchSummary(0, 0, 0, 0, 0, 1).isEmpty()).isFalse();
    }
}
