package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.SurveyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher's housekeeping and its one-survey failures. */
class DispatcherEdgesTest {

    final TestClock clock = new TestClock(T0);

    /** The in-memory store, recording each purge the engine asks for, and answering as told. */
    static final class PurgeCounting extends ForwardingSurveyStore {
        final List<Instant> purges = new ArrayList<>();
        int answer = -1;

        PurgeCounting() {
            super(new InMemorySurveyStore());
        }

        @Override
        public int purge(Instant before, int limit) {
            purges.add(before);
            assertThat(limit).isEqualTo(1_000);
            return answer < 0 ? super.purge(before, limit) : answer;
        }
    }

    SurveyEngine engine(SurveyStore store, ScriptedChannel ch, String surveyId) {
        SurveyProfile p = SurveyProfile.builder(EngineFixture.smsSurvey(surveyId), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company()).noQuietHours().build();
        return SurveyEngine.builder().clock(clock).store(store).channel(ch).profile(p).retention(Duration.ofDays(2))
                .build();
    }

    @Test
    void oldSurveysArePurgedOnceAnHourOfTheClock() {
        PurgeCounting store = new PurgeCounting();
        SurveyEngine e = engine(store, EngineFixture.sms(), "after-call");
        e.dispatchDue();
        assertThat(store.purges).containsExactly(T0.minus(Duration.ofDays(2)));
        clock.advance(Duration.ofMinutes(59));
        e.dispatchDue();
        assertThat(store.purges).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        e.dispatchDue();
        assertThat(store.purges).containsExactly(T0.minus(Duration.ofDays(2)),
                T0.plus(Duration.ofHours(1)).minus(Duration.ofDays(2)));
    }

    @Test
    void fullBatchesArePurgedAgainUpToAHundredTimes() {
        PurgeCounting store = new PurgeCounting();
        store.answer = 1_000;
        SurveyEngine e = engine(store, EngineFixture.sms(), "after-call");
        e.dispatchDue();
        assertThat(store.purges).hasSize(100);
        store.purges.clear();
        store.answer = 999;
        clock.advance(Duration.ofHours(1));
        e.dispatchDue();
        assertThat(store.purges).hasSize(1);
    }

    @Test
    void aSurveyPurgedAfterItsRetentionIsGone() {
        PurgeCounting store = new PurgeCounting();
        ScriptedChannel sms = EngineFixture.sms();
        SurveyEngine e = engine(store, sms, "after-call");
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k1", "+46701234567")).build());
        e.dispatchDue();
        e.receive(EngineFixture.text(sms, "+46701234567", "5", clock.instant()));
        clock.advance(Duration.ofHours(25));
        assertThat(e.dispatchDue().answered()).isEqualTo(1);
        assertThat(e.survey(d.surveyKey())).map(OpenSurvey::state).contains(SurveyState.ANSWERED);
        // Kept for its two days of retention from the end, then purged.
        clock.advance(Duration.ofDays(2));
        e.dispatchDue();
        assertThat(e.survey(d.surveyKey())).isPresent();
        clock.advance(Duration.ofHours(1));
        e.dispatchDue();
        assertThat(e.survey(d.surveyKey())).isEmpty();
    }

    @Test
    void aSurveyWhoseProfileIsGoneFailsAloneAndFreesItsCap() {
        InMemorySurveyStore store = new InMemorySurveyStore();
        ScriptedChannel sms = EngineFixture.sms();
        SurveyEngine before = engine(store, sms, "after-call");
        Decision.Scheduled d = (Decision.Scheduled) before.decide(call("c1", contact("k1", "+46701234567")).build());
        // The host now runs another survey only, on the same store.
        SurveyEngine after = engine(store, sms, "new-survey");
        List<SurveyEvent> events = new ArrayList<>();
        after.addListener(events::add);
        SurveyEngine.DispatchSummary summary = after.dispatchDue();
        assertThat(summary).isEqualTo(new SurveyEngine.DispatchSummary(0, 0, 1, 0, 0, 0));
        OpenSurvey failed = after.survey(d.surveyKey()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SurveyState.FAILED);
        assertThat(failed.endReason()).contains("survey after-call is no longer configured");
        assertThat(events).singleElement().isInstanceOfSatisfying(SurveyEvent.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("survey after-call is no longer configured");
            assertThat(f.permanent()).isTrue();
        });
        assertThat(sms.attempts).isEmpty();
        // The contact's cap was released with it: the new survey may go to them.
        assertThat(after.decide(call("c2", contact("k1", "+46701234567")).build()))
                .isInstanceOf(Decision.Scheduled.class);
    }

    @Test
    void aDispatchInterruptedWhileItWaitsForTheChannelKeepsTheInterrupt() {
        ScriptedChannel sms = EngineFixture.sms();
        sms.hang = m -> true;
        SurveyEngine e = engine(new InMemorySurveyStore(), sms, "after-call");
        e.decide(call("c1", contact("k1", "+46701234567")).build());
        Thread.currentThread().interrupt();
        SurveyEngine.DispatchSummary summary;
        try {
            summary = e.dispatchDue();
        } finally {
            // Read and cleared here, so that no later test runs interrupted.
            assertThat(Thread.interrupted()).isTrue();
            sms.release(new dev.csatkit.channels.spi.DeliveryResult.Accepted("late"));
        }
        assertThat(summary.sent()).isZero();
        assertThat(sms.attempts).hasSize(1);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
