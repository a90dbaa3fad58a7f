package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.engine.EngineFixture.Attempt;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.SurveyState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A channel that fails 30 % of sends for now and 5 % for good: every survey still ends in exactly
 * one final state, none is delivered twice, and every failure has its reason.
 */
class EngineFaultTest {

    @Test
    void every_survey_ends_in_exactly_one_final_state() {
        TestClock clock = new TestClock(T0);
        ScriptedChannel sms = EngineFixture.sms();
        SplittableRandom random = new SplittableRandom(7);
        sms.policy = m -> {
            double r;
            synchronized (random) {
                r = random.nextDouble();
            }
            return r < 0.05 ? new DeliveryResult.FailedPermanently("rejected by the carrier")
                    : r < 0.35 ? new DeliveryResult.RetryLater(Optional.empty(), "carrier busy") : null;
        };
        Map<String, List<SurveyState>> finals = new HashMap<>();
        SurveyProfile profile = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                .placeholders(EngineFixture.company()).noQuietHours().noFrequencyCap()
                .reminderAfter(Duration.ofHours(2)).answerWindow(Duration.ofHours(6)).build();
        SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(sms).profile(profile).listener(ev -> {
            OpenSurvey s = ev instanceof SurveyEvent.Answered a ? a.survey()
                    : ev instanceof SurveyEvent.Expired x ? x.survey()
                    : ev instanceof SurveyEvent.Failed f && f.permanent() ? f.survey() : null;
            if (s != null) {
                finals.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(s.state());
            }
        }).build();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Decision d = engine.decide(EngineFixture.call("i" + i, EngineFixture.contact("k" + i,
                    String.format("+4670%07d", i))).build());
            keys.add(((Decision.Scheduled) d).surveyKey());
        }
        int seen = 0;
        for (int step = 0; step < 24 * 12; step++) {
            engine.dispatchDue();
            // Some customers answer what they received.
            List<OutboundMessage> fresh;
            synchronized (sms.delivered) {
                fresh = List.copyOf(sms.delivered.subList(seen, sms.delivered.size()));
                seen = sms.delivered.size();
            }
            for (OutboundMessage m : fresh) {
                if (m.idempotencyKey().endsWith(":prompt") && m.recipient().endsWith("3")) {
                    engine.receive(EngineFixture.text(sms, m.recipient(), "4", clock.instant()));
                }
            }
            clock.advance(Duration.ofMinutes(5));
        }
        Map<SurveyState, Integer> byState = new EnumMap<>(SurveyState.class);
        for (String key : keys) {
            OpenSurvey s = engine.survey(key).orElseThrow();
            assertThat(s.state().isFinal()).as("survey %s is %s", key, s.state()).isTrue();
            assertThat(finals.get(key)).as("final events of %s", key).containsExactly(s.state());
            byState.merge(s.state(), 1, Integer::sum);
            if (s.state() == SurveyState.FAILED) {
                assertThat(s.endReason().orElseThrow()).containsAnyOf("rejected by the carrier", "gave up");
            }
        }
        assertThat(byState.keySet()).contains(SurveyState.ANSWERED, SurveyState.EXPIRED, SurveyState.FAILED);
        // Counted on the channel's attempts, not on what it kept: a key sent again after it was
        // accepted shows up here as a second acceptance.
        Map<String, Long> acceptedPerKey = sms.acceptedPerKey();
        assertThat(acceptedPerKey).as("keys accepted more than once")
                .allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1L));
        assertThat(acceptedPerKey).hasSameSizeAs(sms.delivered);
        Map<String, Long> attemptsPerKey = sms.attemptsPerKey();
        assertThat(attemptsPerKey.values()).as("busy carriers make the engine try again").anyMatch(n -> n > 1);
        for (Attempt a : sms.logged()) {
            if (a.result() instanceof DeliveryResult.FailedPermanently) {
                String key = a.message().idempotencyKey();
                assertThat(sms.logged().stream().filter(b -> b.message().idempotencyKey().equals(key)))
                        .as("a refused key is never tried again").last().isSameAs(a);
            }
        }
        long failedPrompts = keys.stream().filter(k -> engine.survey(k).orElseThrow().state() == SurveyState.FAILED)
                .count();
        assertThat(failedPrompts).isBetween(60L, 250L);
    }
}
