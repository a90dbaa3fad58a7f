package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.export.ReviewExport;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The review of low scores end to end, through the engine and its in-memory store: a low score
 * opens a review with its step, a reviewer takes and resolves it, every status change is an
 * event, and the reviews export as CSV.
 */
class LowScoreReviewTest {

    static final String PHONE = "+46701234567";
    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new ArrayList<>();
    final SurveyEngine engine = EngineFixture.smsEngine(clock, sms, events::add, b -> b.noQuietHours());

    String sent(String id, String phone) {
        Decision.Scheduled d = (Decision.Scheduled) engine.decide(call(id, contact("k-" + id, phone)).build());
        engine.dispatchDue();
        return d.surveyKey();
    }

    void reply(String phone, String body) {
        engine.receive(text(sms, phone, body, clock.instant()));
    }

    List<SurveyEvent.ReviewChanged> reviewEvents() {
        return events.stream().filter(e -> e instanceof SurveyEvent.ReviewChanged)
                .map(e -> (SurveyEvent.ReviewChanged) e).toList();
    }

    @Test
    void a_low_score_is_reviewed_from_open_to_resolved_with_an_event_for_each_change() {
        String key = sent("c1", PHONE);
        clock.advance(Duration.ofMinutes(3));
        reply(PHONE, "1 nobody called me back");

        LowScoreReview opened = engine.review(key).orElseThrow();
        assertThat(opened.status()).isEqualTo(ReviewStatus.OPEN);
        assertThat(opened.score()).isEqualTo(1);
        assertThat(opened.agent()).contains("a-1");
        assertThat(opened.team()).contains("Blue");
        assertThat(opened.interactionId()).isEqualTo("c1");
        assertThat(opened.contactId()).isEqualTo("k-c1");
        assertThat(opened.openedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(engine.openReviews(10)).containsExactly(opened);
        // The low-score event and the review come from the same step.
        assertThat(events).filteredOn(e -> e instanceof SurveyEvent.LowScore).hasSize(1);
        assertThat(reviewEvents()).singleElement().satisfies(e -> {
            assertThat(e.review()).isEqualTo(opened);
            assertThat(e.previous()).isEmpty();
            assertThat(e.by()).isEmpty();
        });

        clock.advance(Duration.ofHours(2));
        LowScoreReview taken = engine.takeReview(key, "qa-lena");
        assertThat(taken.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(taken.reviewer()).contains("qa-lena");
        assertThat(taken.takenAt()).contains(clock.instant());
        assertThat(engine.openReviews(10)).containsExactly(taken);

        clock.advance(Duration.ofMinutes(40));
        ReviewNotes notes = ReviewNotes.of("the callback was promised and never booked",
                "called the customer, booked the engineer", "callbacks are booked before the call ends");
        LowScoreReview resolved = engine.resolveReview(key, "qa-lena", notes);
        assertThat(resolved.status()).isEqualTo(ReviewStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(clock.instant());
        assertThat(resolved.notes()).contains(notes);
        assertThat(resolved.version()).isEqualTo(2);
        assertThat(engine.openReviews(10)).isEmpty();
        assertThat(engine.reviews(EnumSet.of(ReviewStatus.RESOLVED), 10)).containsExactly(resolved);

        assertThat(reviewEvents()).extracting(SurveyEvent.ReviewChanged::previous, SurveyEvent.ReviewChanged::status,
                SurveyEvent.ReviewChanged::by).containsExactly(
                        tuple(Optional.empty(), ReviewStatus.OPEN, Optional.empty()),
                        tuple(Optional.of(ReviewStatus.OPEN), ReviewStatus.IN_REVIEW,
                                Optional.of("qa-lena")),
                        tuple(Optional.of(ReviewStatus.IN_REVIEW), ReviewStatus.RESOLVED,
                                Optional.of("qa-lena")));

        StringWriter csv = new StringWriter();
        List<LowScoreReview> all = new ArrayList<>();
        engine.forEachReview(Instant.MIN, Instant.MAX, all::add);
        assertThat(ReviewExport.writeCsv(all.iterator(), csv)).isEqualTo(1);
        String[] lines = csv.toString().split("\r?\n");
        assertThat(lines[0]).isEqualTo(String.join(",", ReviewExport.COLUMNS));
        assertThat(lines[1]).startsWith(key + ",after-call,c1,k-c1,a-1,Blue,1,RESOLVED,2026-03-02T10:03:00Z,qa-lena,")
                .contains(",the callback was promised and never booked,\"called the customer, booked the engineer\","
                        + "callbacks are booked before the call ends,0,,")
                .endsWith(",2");
    }

    @Test
    void status_changes_out_of_order_are_refused_with_what_to_do_instead() {
        String key = sent("c1", PHONE);
        reply(PHONE, "2");
        ReviewNotes notes = new ReviewNotes("rude", Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> engine.resolveReview("no-such-survey", "qa-lena", notes))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("there is none")
                .satisfies(e -> assertThat(((ReviewRefusedException) e).status()).isEmpty());
        assertThatThrownBy(() -> engine.resolveReview(key, "qa-lena", notes))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("it is OPEN")
                .hasMessageContaining("take it (takeReview) first");
        assertThatThrownBy(() -> engine.reopenReview(key, "lead", "again"))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("still open");

        engine.takeReview(key, "qa-lena");
        assertThat(engine.takeReview(key, "qa-lena").version()).as("taking it again changes nothing").isEqualTo(1);
        assertThatThrownBy(() -> engine.resolveReview(key, "qa-omar", notes))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("another reviewer has it");
        engine.resolveReview(key, "qa-lena", notes);

        assertThatThrownBy(() -> engine.takeReview(key, "qa-omar"))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("RESOLVED")
                .hasMessageContaining("reopen it (reopenReview)")
                .satisfies(e -> assertThat(((ReviewRefusedException) e).status()).contains(ReviewStatus.RESOLVED));
        assertThatThrownBy(() -> engine.resolveReview(key, "qa-lena", notes))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("RESOLVED");
        assertThat(engine.review(key).orElseThrow().status()).isEqualTo(ReviewStatus.RESOLVED);

        // Going back is one explicit step: reopening, which keeps the notes for the next reviewer.
        LowScoreReview reopened = engine.reopenReview(key, "lead-ann", "the customer called again");
        assertThat(reopened.status()).isEqualTo(ReviewStatus.OPEN);
        assertThat(reopened.reviewer()).isEmpty();
        assertThat(reopened.resolvedAt()).isEmpty();
        assertThat(reopened.notes()).contains(notes);
        assertThat(reopened.reopened()).isEqualTo(1);
        assertThat(reopened.reopenReason()).contains("the customer called again");
        // Another reviewer takes over one already in review.
        engine.takeReview(key, "qa-lena");
        assertThat(engine.takeReview(key, "qa-omar").reviewer()).contains("qa-omar");

        assertThatThrownBy(() -> engine.takeReview(key, " ")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("reviewer");
        assertThatThrownBy(() -> engine.reopenReview(key, "lead", "")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("reason");
    }

    @Test
    void a_satisfied_rating_that_replaces_the_low_score_withdraws_the_review_and_a_low_one_opens_it_again() {
        String key = sent("c1", PHONE);
        reply(PHONE, "1");
        engine.takeReview(key, "qa-lena");
        clock.advance(Duration.ofMinutes(2));
        reply(PHONE, "5");
        LowScoreReview withdrawn = engine.review(key).orElseThrow();
        assertThat(withdrawn.status()).isEqualTo(ReviewStatus.WITHDRAWN);
        assertThat(engine.openReviews(10)).isEmpty();
        assertThat(events).filteredOn(e -> e instanceof SurveyEvent.LowScoreWithdrawn).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        reply(PHONE, "2");
        LowScoreReview again = engine.review(key).orElseThrow();
        assertThat(again.status()).isEqualTo(ReviewStatus.OPEN);
        assertThat(again.score()).isEqualTo(2);
        assertThat(again.reviewer()).isEmpty();
        assertThat(again.openedAt()).as("still the review of the same survey").isEqualTo(withdrawn.openedAt());

        // A lower score while it is open updates the score, without a status change.
        clock.advance(Duration.ofMinutes(1));
        reply(PHONE, "1");
        assertThat(engine.review(key).orElseThrow().score()).isEqualTo(1);
        assertThat(reviewEvents()).extracting(SurveyEvent.ReviewChanged::status).containsExactly(ReviewStatus.OPEN,
                ReviewStatus.IN_REVIEW, ReviewStatus.WITHDRAWN, ReviewStatus.OPEN);
    }

    @Test
    void satisfied_ratings_open_no_review_and_the_queue_is_oldest_first() {
        String happy = sent("c1", PHONE);
        reply(PHONE, "5");
        assertThat(engine.review(happy)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        String second = sent("c2", "+46701234568");
        clock.advance(Duration.ofMinutes(1));
        String third = sent("c3", "+46701234569");
        reply("+46701234569", "1");
        clock.advance(Duration.ofMinutes(1));
        reply("+46701234568", "2");
        assertThat(engine.openReviews(10)).extracting(LowScoreReview::surveyKey).containsExactly(third, second);
        assertThat(engine.openReviews(1)).extracting(LowScoreReview::surveyKey).containsExactly(third);
    }

    @Test
    void a_review_changed_by_a_reviewer_while_the_customer_replies_is_worked_out_again_and_nothing_is_lost() {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        AtomicBoolean interfere = new AtomicBoolean(true);
        List<SurveyEvent> seen = new ArrayList<>();
        // Between the engine's read of the review and its step, a reviewer takes the review.
        ForwardingSurveyStore racing = new ForwardingSurveyStore(memory) {
            @Override
            public Optional<LowScoreReview> review(String surveyKey) {
                Optional<LowScoreReview> read = super.review(surveyKey);
                if (read.isPresent() && read.get().status() == ReviewStatus.OPEN && interfere.getAndSet(false)) {
                    LowScoreReview r = read.get();
                    assertThat(memory.saveReview(ReviewChange.of(r, r.toBuilder().next(clock.instant())
                            .status(ReviewStatus.IN_REVIEW).reviewer("qa-lena", clock.instant()).build()))).isTrue();
                }
                return read;
            }
        };
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).store(racing)
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company())
                        .noQuietHours().build())
                .listener(seen::add).build();
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
        e.dispatchDue();
        e.receive(text(sms, PHONE, "1", clock.instant()));
        interfere.set(true);
        clock.advance(Duration.ofMinutes(1));
        e.receive(text(sms, PHONE, "5", clock.instant()));

        LowScoreReview r = e.review(d.surveyKey()).orElseThrow();
        assertThat(r.status()).as("the withdrawal was worked out again from the review the reviewer had taken")
                .isEqualTo(ReviewStatus.WITHDRAWN);
        assertThat(r.reviewer()).contains("qa-lena");
        assertThat(e.survey(d.surveyKey()).orElseThrow().rating()).hasValue(5);
    }
}
