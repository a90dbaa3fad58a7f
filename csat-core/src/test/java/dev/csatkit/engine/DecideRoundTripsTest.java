package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.company;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.Sampling;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.ScheduleRequest;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * On a store whose every call is a round trip (one that keeps {@link SurveyStore#precheck}'s
 * default), a decision that reaches the store is one call: {@code schedule}, which checks the
 * opt-outs itself. The opt-out read comes only when language or sampling refuse, so that an
 * opted-out contact is still told apart from one outside the sample.
 */
class DecideRoundTripsTest {

    /** The in-memory store, with the interface's precheck, counting what the engine asks. */
    static final class CountingStore extends ForwardingSurveyStore {
        final List<String> calls = new ArrayList<>();

        CountingStore() {
            super(new InMemorySurveyStore());
        }

        @Override
        public ScheduleResult schedule(ScheduleRequest request) {
            calls.add("schedule");
            return super.schedule(request);
        }

        @Override
        public Optional<ScheduleResult> precheck(String interactionId, List<String> capKeys, List<String> optOutKeys,
                Instant now) {
            // As a store whose every call is a round trip does: no read, so the engine calls schedule.
            return Optional.empty();
        }

        @Override
        public ApplyResult apply(Transition transition) {
            calls.add("apply");
            return super.apply(transition);
        }

        @Override
        public boolean isOptedOut(Collection<String> keys) {
            calls.add("isOptedOut");
            return super.isOptedOut(keys);
        }

        /** Sets a test up without counting the call. */
        ApplyResult applyUncounted(Transition transition) {
            return super.apply(transition);
        }
    }

    private final CountingStore store = new CountingStore();

    private SurveyEngine engine(Sampling sampling) {
        EngineFixture.ScriptedChannel sms = EngineFixture.sms();
        return SurveyEngine.builder().clock(new EngineFixture.TestClock(T0)).channel(sms).store(store)
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                        .placeholders(company()).sampling(sampling).noQuietHours()
                        .frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(1))).build())
                .build();
    }

    @Test
    void aDecisionThatReachesTheStoreIsOneCall() {
        SurveyEngine e = engine(Sampling.all());
        assertThat(e.decide(call("c1", contact("k1", "+46701234567")).build()))
                .isInstanceOf(Decision.Scheduled.class);
        assertThat(store.calls).as("a scheduled decision").containsExactly("schedule");

        store.calls.clear();
        Decision capped = e.decide(call("c2", contact("k1", "+46701234567")).build());
        assertThat(DecisionRulesTest.reason(capped)).isEqualTo(SkipReason.FREQUENCY_CAPPED);
        Decision replay = e.decide(call("c1", contact("k1", "+46701234567")).build());
        assertThat(DecisionRulesTest.reason(replay)).isEqualTo(SkipReason.DUPLICATE);
        assertThat(store.calls).as("a capped decision and a replay").containsExactly("schedule", "schedule");
    }

    @Test
    void anOptOutIsToldBySchedule_orByOneReadWhenSamplingRefuses() {
        SurveyEngine e = engine(Sampling.percent(50));
        store.applyUncounted(Transition.at(T0).optOut(new Transition.OptOutChange(
                List.of(SurveyStore.contactKey("k1")), false, Optional.empty())).build());
        int in = 0;
        int out = 0;
        for (int i = 0; in == 0 || out == 0; i++) {
            String id = "c" + i;
            boolean sampled = Sampling.percent(50).includes(id, "after-call");
            store.calls.clear();
            Decision d = e.decide(call(id, contact("k1", "+46701234567")).build());
            assertThat(DecisionRulesTest.reason(d)).as("an opted-out contact, sampled or not").isEqualTo(
                    SkipReason.OPTED_OUT);
            assertThat(store.calls).containsExactly(sampled ? "schedule" : "isOptedOut");
            in += sampled ? 1 : 0;
            out += sampled ? 0 : 1;
        }
        store.calls.clear();
        Decision notSampled = e.decide(call(outside(), contact("k2", "+46701234568")).build());
        assertThat(DecisionRulesTest.reason(notSampled)).isEqualTo(SkipReason.NOT_SAMPLED);
        assertThat(store.calls).containsExactly("isOptedOut");
    }

    private static String outside() {
        for (int i = 0; ; i++) {
            if (!Sampling.percent(50).includes("o" + i, "after-call")) {
                return "o" + i;
            }
        }
    }
}
