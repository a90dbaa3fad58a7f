package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.QuietHours;
import dev.csatkit.policy.Sampling;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Surveys on demand pass only the rules that protect the customer; suppressed and automatically
 * resolved interactions are skipped with their own reasons.
 */
class SurveyOnDemandTest {

    static final String PHONE = "+46701234567";

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new CopyOnWriteArrayList<>();

    SurveyEngine engine(UnaryOperator<SurveyProfile.Builder> tune) {
        return EngineFixture.smsEngine(clock, sms, events::add, b -> tune.apply(b.noQuietHours()));
    }

    static SkipReason reason(Decision d) {
        return ((Decision.Skipped) d).reason();
    }

    @Nested
    class OnDemand {

        @Test
        void surveys_an_interaction_the_trigger_rules_would_skip() {
            // Abandoned, two seconds of handle time, a bot, outside a 0 % sample: the rules say no.
            SurveyEngine e = engine(b -> b.minHandleTime(Duration.ofMinutes(1)).sampling(Sampling.percent(0)));
            Interaction i = Interaction.builder("chat-1", contact("k-1", PHONE), Medium.CHAT)
                    .agent(Agent.virtual("bot-1", "Nova")).ending(Ending.ABANDONED)
                    .between(T0.minusSeconds(2), T0).build();
            assertThat(reason(e.decide(i))).isEqualTo(SkipReason.NOT_RESOLVED);

            Decision d = e.requestSurvey(SurveyRequest.of(i, "after-call"));
            assertThat(d).isInstanceOf(Decision.Scheduled.class);
            assertThat(((Decision.Scheduled) d).sendAt()).isEqualTo(T0);
            assertThat(e.dispatchDue().sent()).isEqualTo(1);
        }

        @Test
        void an_interaction_no_agent_worked_can_be_surveyed_on_demand() {
            SurveyEngine e = engine(b -> b);
            Interaction purchase = Interaction.builder("order-7", contact("k-1", PHONE), Medium.TICKET)
                    .between(T0.minusSeconds(60), T0).build();
            assertThat(reason(e.decide(purchase))).isEqualTo(SkipReason.AGENT_TYPE);
            assertThat(e.requestSurvey(SurveyRequest.of(purchase, "after-call")))
                    .isInstanceOf(Decision.Scheduled.class);
            assertThat(e.dispatchDue().sent()).isEqualTo(1);
            assertThat(EngineFixture.text(sms.logged().get(0).message())).doesNotContain("null");
        }

        @Test
        void is_sent_when_asked() {
            SurveyEngine e = engine(b -> b);
            Instant later = T0.plus(Duration.ofHours(3));
            Decision d = e.requestSurvey(SurveyRequest.of(call("c1", contact("k-1", PHONE)).build(), "after-call")
                    .at(later));
            assertThat(((Decision.Scheduled) d).sendAt()).isEqualTo(later);
            assertThat(e.dispatchDue().isEmpty()).isTrue();
            clock.set(later);
            assertThat(e.dispatchDue().sent()).isEqualTo(1);
        }

        @Test
        void names_an_unknown_profile() {
            Decision d = engine(b -> b).requestSurvey(SurveyRequest.of(call("c1", contact("k-1", PHONE)).build(),
                    "no-such-survey"));
            assertThat(reason(d)).isEqualTo(SkipReason.NO_SURVEY);
            assertThat(((Decision.Skipped) d).detail()).contains("no-such-survey");
        }

        @Test
        void keeps_the_host_s_suppression() {
            Interaction i = call("c1", contact("k-1", PHONE)).suppressSurvey("spam").build();
            Decision d = engine(b -> b).requestSurvey(SurveyRequest.of(i, "after-call"));
            assertThat(reason(d)).isEqualTo(SkipReason.SUPPRESSED);
        }

        @Test
        void never_lets_an_agent_rate_themself() {
            Interaction i = call("c1", contact("a-1", PHONE)).build(); // the contact is agent a-1
            assertThat(reason(engine(b -> b).requestSurvey(SurveyRequest.of(i, "after-call"))))
                    .isEqualTo(SkipReason.SELF_RATING);
        }

        @Test
        void needs_a_usable_address() {
            Contact noPhone = Contact.builder("k-1").email("k1@example.com").build();
            assertThat(reason(engine(b -> b).requestSurvey(SurveyRequest.of(call("c1", noPhone).build(),
                    "after-call")))).isEqualTo(SkipReason.NO_ADDRESS);
        }

        @Test
        void keeps_an_opt_out() {
            SurveyEngine e = engine(b -> b);
            e.receive(text(sms, PHONE, "STOP", T0));
            assertThat(reason(e.requestSurvey(SurveyRequest.of(call("c1", contact("k-1", PHONE)).build(),
                    "after-call")))).isEqualTo(SkipReason.OPTED_OUT);
        }

        @Test
        void waits_for_quiet_hours_to_end() {
            SurveyEngine e = EngineFixture.smsEngine(clock, sms, events::add,
                    b -> b.quietHours(new QuietHours(LocalTime.of(8, 0), LocalTime.of(12, 0))));
            Decision d = e.requestSurvey(SurveyRequest.of(call("c1", contact("k-1", PHONE)).build(), "after-call"));
            assertThat(((Decision.Scheduled) d).sendAt()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
        }

        @Test
        void keeps_the_frequency_cap_unless_told_otherwise() {
            SurveyEngine e = engine(b -> b.frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(1))));
            Contact k = contact("k-1", PHONE);
            assertThat(e.decide(call("c1", k).build())).isInstanceOf(Decision.Scheduled.class);

            assertThat(reason(e.requestSurvey(SurveyRequest.of(call("c2", k).build(), "after-call"))))
                    .isEqualTo(SkipReason.FREQUENCY_CAPPED);
            assertThat(e.requestSurvey(SurveyRequest.of(call("c2", k).build(), "after-call")
                    .overridingFrequencyCap())).isInstanceOf(Decision.Scheduled.class);
            // An overriding survey holds no cap: the cap the first survey holds is still the one in force.
            assertThat(reason(e.decide(call("c3", k).build()))).isEqualTo(SkipReason.FREQUENCY_CAPPED);
        }

        @Test
        void surveys_one_interaction_once_however_it_was_asked_for() {
            SurveyEngine e = engine(b -> b.noFrequencyCap());
            Interaction i = call("c1", contact("k-1", PHONE)).build();
            assertThat(e.decide(i)).isInstanceOf(Decision.Scheduled.class);
            assertThat(reason(e.requestSurvey(SurveyRequest.of(i, "after-call").overridingFrequencyCap())))
                    .isEqualTo(SkipReason.DUPLICATE);
        }

        @Test
        void a_skipped_request_raises_a_skipped_event() {
            SurveyEngine e = engine(b -> b);
            e.requestSurvey(SurveyRequest.of(call("c1", contact("k-1", PHONE)).suppressSurvey("supplier").build(),
                    "after-call"));
            assertThat(events).singleElement().isInstanceOfSatisfying(SurveyEvent.Skipped.class,
                    s -> assertThat(s.decision().reason()).isEqualTo(SkipReason.SUPPRESSED));
        }
    }

    @Nested
    class Suppression {

        @Test
        void an_interaction_the_host_marked_is_skipped_with_its_reason() {
            Decision d = engine(b -> b).decide(call("c1", contact("k-1", PHONE)).suppressSurvey("ok thanks").build());
            assertThat(reason(d)).isEqualTo(SkipReason.SUPPRESSED);
            assertThat(((Decision.Skipped) d).detail()).contains("ok thanks");
        }

        @Test
        void suppression_comes_before_every_other_rule() {
            Interaction abandoned = call("c1", contact("k-1", PHONE)).ending(Ending.ABANDONED)
                    .suppressSurvey("spam").build();
            assertThat(reason(engine(b -> b).decide(abandoned))).isEqualTo(SkipReason.SUPPRESSED);
        }
    }

    @Nested
    class AutoResolved {

        @Test
        void is_skipped_by_default() {
            Interaction i = call("c1", contact("k-1", PHONE)).ending(Ending.AUTO_RESOLVED).build();
            assertThat(reason(engine(b -> b).decide(i))).isEqualTo(SkipReason.AUTO_RESOLVED);
        }

        @Test
        void is_surveyed_where_the_profile_says_so() {
            Interaction i = call("c1", contact("k-1", PHONE)).ending(Ending.AUTO_RESOLVED).build();
            assertThat(engine(b -> b.surveyAutoResolved(true)).decide(i)).isInstanceOf(Decision.Scheduled.class);
        }

        @Test
        void abandoned_stays_unsurveyed_even_where_auto_resolution_is_surveyed() {
            Interaction i = call("c1", contact("k-1", PHONE)).ending(Ending.ABANDONED).build();
            assertThat(reason(engine(b -> b.surveyAutoResolved(true)).decide(i))).isEqualTo(SkipReason.NOT_RESOLVED);
        }
    }
}
