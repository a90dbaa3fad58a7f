package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.Transition;
import dev.csatkit.store.SurveyState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DispatchTest {

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new ArrayList<>();

    /** The shared SMS engine, with quiet hours off so that sends go when due. */
    SurveyEngine engine(UnaryOperator<SurveyProfile.Builder> tune) {
        return EngineFixture.smsEngine(clock, sms, events::add, b -> tune.apply(b.noQuietHours()));
    }

    OpenSurvey schedule(SurveyEngine e, String id, String phone) {
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call(id, contact("k-" + id, phone)).build());
        return e.survey(d.surveyKey()).orElseThrow();
    }

    @Test
    void a_due_survey_is_rendered_and_sent_once() {
        SurveyEngine e = engine(b -> b);
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        SurveyEngine.DispatchSummary first = e.dispatchDue();
        assertThat(first.sent()).isEqualTo(1);
        assertThat(e.dispatchDue().isEmpty()).isTrue();
        assertThat(sms.delivered).hasSize(1);
        MessageContent.Sms text = (MessageContent.Sms) sms.delivered.get(0).content();
        assertThat(text.text()).contains("Acme").contains("Reply STOP");
        assertThat(sms.delivered.get(0).idempotencyKey()).isEqualTo(s.id() + ":prompt");
        OpenSurvey sent = e.survey(s.id()).orElseThrow();
        assertThat(sent.state()).isEqualTo(SurveyState.AWAITING_REPLY);
        assertThat(sent.closesAt()).contains(T0.plus(Duration.ofHours(24)));
        assertThat(e.responses()).singleElement().satisfies(r -> assertThat(r.isUnanswered()).isTrue());
    }

    @Test
    void a_delayed_survey_waits_for_its_time() {
        SurveyEngine e = engine(b -> b.delay(Duration.ofHours(24)));
        schedule(e, "t1", "+46701234567");
        assertThat(e.dispatchDue().isEmpty()).isTrue();
        clock.advance(Duration.ofHours(24));
        assertThat(e.dispatchDue().sent()).isEqualTo(1);
    }

    @Test
    void retry_later_backs_off_exponentially_with_jitter_and_then_sends_with_the_same_key() {
        SurveyEngine e = engine(b -> b.retry(new RetryPolicy(4, Duration.ofMinutes(1), Duration.ofHours(1), 2, 0.2)));
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        sms.script.add(new DeliveryResult.RetryLater(Optional.empty(), "throttled"));
        sms.script.add(new DeliveryResult.RetryLater(Optional.empty(), "throttled"));
        assertThat(e.dispatchDue().retrying()).isEqualTo(1);
        OpenSurvey retry1 = e.survey(s.id()).orElseThrow();
        Duration wait1 = Duration.between(T0, retry1.retryAt().orElseThrow());
        assertThat(wait1).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        assertThat(e.dispatchDue().isEmpty()).isTrue();
        clock.set(retry1.retryAt().get());
        assertThat(e.dispatchDue().retrying()).isEqualTo(1);
        OpenSurvey retry2 = e.survey(s.id()).orElseThrow();
        Duration wait2 = Duration.between(clock.instant(), retry2.retryAt().orElseThrow());
        assertThat(wait2).isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144));
        clock.set(retry2.retryAt().get());
        assertThat(e.dispatchDue().sent()).isEqualTo(1);
        assertThat(sms.attempts).extracting(m -> m.idempotencyKey()).containsOnly(s.id() + ":prompt");
        assertThat(e.survey(s.id()).orElseThrow().attempts()).isEqualTo(3);
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.Failed f && !f.permanent()).hasSize(2);
    }

    @Test
    void a_provider_delay_longer_than_the_backoff_is_honoured() {
        SurveyEngine e = engine(b -> b);
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        sms.script.add(new DeliveryResult.RetryLater(Optional.of(Duration.ofMinutes(30)), "rate limit"));
        e.dispatchDue();
        assertThat(e.survey(s.id()).orElseThrow().retryAt()).contains(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void giving_up_after_the_last_attempt_fails_the_survey_and_releases_the_cap() {
        SurveyEngine e = engine(b -> b.retry(new RetryPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(1), 1, 0))
                .frequencyCap(FrequencyCap.perSurvey(Duration.ofDays(7))));
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        sms.policy = m -> new DeliveryResult.RetryLater(Optional.empty(), "down");
        e.dispatchDue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(e.dispatchDue().failed()).isEqualTo(1);
        OpenSurvey failed = e.survey(s.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SurveyState.FAILED);
        assertThat(failed.endReason().orElseThrow()).contains("gave up after 2 attempts").contains("down");
        sms.policy = m -> null;
        Decision again = e.decide(call("c2", contact("k-c1", "+46701234567")).build());
        assertThat(again).isInstanceOf(Decision.Scheduled.class);
    }

    @Test
    void a_permanent_failure_ends_the_survey_and_can_keep_the_cap() {
        SurveyEngine e = engine(b -> b.releaseCapOnFailure(false));
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        sms.script.add(new DeliveryResult.FailedPermanently("number unreachable"));
        assertThat(e.dispatchDue().failed()).isEqualTo(1);
        assertThat(e.survey(s.id()).orElseThrow().endReason()).contains("number unreachable");
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.Failed f && f.permanent()).hasSize(1);
        Decision again = e.decide(call("c2", contact("k-c1", "+46701234567")).build());
        assertThat(((Decision.Skipped) again).reason()).isEqualTo(SkipReason.FREQUENCY_CAPPED);
    }

    @Test
    void a_send_left_unanswered_by_a_crashed_instance_is_taken_over_after_the_lease_with_the_same_key() {
        InMemorySurveyStore store = new InMemorySurveyStore();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).store(store)
                .profile(engine(b -> b).profiles().get(0)).sendLease(Duration.ofMinutes(5)).build();
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        // Another instance took the survey and died before the channel answered.
        OpenSurvey leased = store.claimDue(T0, 10, T0.plus(Duration.ofMinutes(5))).get(0);
        OpenSurvey taken = leased.toBuilder().state(SurveyState.SENDING).attempts(1).promptedAt(T0).build();
        assertThat(store.apply(Transition.at(T0).change(leased, taken).build()))
                .isInstanceOf(ApplyResult.Applied.class);
        assertThat(e.dispatchDue().isEmpty()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(e.dispatchDue().sent()).isEqualTo(1);
        assertThat(sms.attempts).extracting(m -> m.idempotencyKey()).containsExactly(s.id() + ":prompt");
        assertThat(e.survey(s.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void one_reminder_then_expiry_when_no_reply_comes() {
        SurveyEngine e = engine(b -> b.reminderAfter(Duration.ofHours(4)));
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        e.dispatchDue();
        clock.advance(Duration.ofHours(4));
        assertThat(e.dispatchDue().reminded()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(e.dispatchDue().isEmpty()).isTrue();
        assertThat(sms.texts()).hasSize(2);
        assertThat(sms.delivered.get(1).idempotencyKey()).isEqualTo(s.id() + ":reminder");
        clock.advance(Duration.ofHours(19));
        assertThat(e.dispatchDue().expired()).isEqualTo(1);
        assertThat(e.survey(s.id()).orElseThrow().state()).isEqualTo(SurveyState.EXPIRED);
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.Expired).hasSize(1);
    }

    @Test
    void a_rated_survey_gets_no_reminder_and_closes_answered() {
        SurveyEngine e = engine(b -> b.reminderAfter(Duration.ofHours(4)));
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        e.dispatchDue();
        e.receive(EngineFixture.text(sms, "+46701234567", "5", clock.instant()));
        clock.advance(Duration.ofHours(5));
        assertThat(e.dispatchDue().reminded()).isZero();
        clock.advance(Duration.ofHours(20));
        assertThat(e.dispatchDue().answered()).isEqualTo(1);
        assertThat(e.survey(s.id()).orElseThrow().state()).isEqualTo(SurveyState.ANSWERED);
    }

    @Test
    void close_waits_for_a_send_in_progress_to_end() throws Exception {
        SurveyProfile profile = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"),
                dev.csatkit.channels.spi.ChannelKind.SMS).acknowledgeSendingRules("ops@example.com", T0)
                .placeholders(EngineFixture.company()).noQuietHours().build();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).profile(profile)
                .sendTimeout(Duration.ofSeconds(1)).build();
        schedule(e, "c1", "+46701234567");
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        sms.policy = m -> {
            entered.countDown();
            // A provider call that takes half a second and does not give up when interrupted.
            boolean interrupted = false;
            long end = System.nanoTime() + 500_000_000L;
            for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                try {
                    Thread.sleep(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ie) {
                    interrupted = true;
                }
            }
            finished.set(true);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
        e.start(Duration.ofMillis(20));
        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        e.close();
        assertThat(finished).as("close() returns once the send under way has ended").isTrue();
    }

    @Test
    void the_built_in_scheduler_dispatches_until_closed() throws Exception {
        SurveyEngine e = engine(b -> b);
        OpenSurvey s = schedule(e, "c1", "+46701234567");
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> dispatcher = new java.util.concurrent.atomic.AtomicReference<>();
        sms.policy = m -> {
            dispatcher.set(Thread.currentThread()); // sends run on the scheduler's thread
            return null;
        };
        e.addListener(ev -> {
            if (ev instanceof SurveyEvent.Sent) {
                sent.countDown();
            }
        });
        e.start(Duration.ofMillis(20));
        try {
            assertThat(sent.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            e.close();
        }
        assertThat(e.survey(s.id()).orElseThrow().state()).isEqualTo(SurveyState.AWAITING_REPLY);
        assertThat(dispatcher.get()).isNotSameAs(Thread.currentThread());
        // close() returned once the scheduler had stopped: a survey due after it is never dispatched.
        OpenSurvey later = schedule(e, "c2", "+46701234568");
        dispatcher.get().join(10_000);
        assertThat(dispatcher.get().isAlive()).as("the scheduler's thread ends").isFalse();
        assertThat(e.survey(later.id()).orElseThrow().state()).isEqualTo(SurveyState.SCHEDULED);
        assertThat(sms.attempts).hasSize(1);
        e.start(Duration.ofMillis(20)); // and it can be started again
        e.close();
    }
}
