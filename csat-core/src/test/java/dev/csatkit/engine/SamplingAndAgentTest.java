package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.Sampling;
import dev.csatkit.store.OpenSurvey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Sampling by contact as well as by interaction, and surveys of interactions no agent worked. */
class SamplingAndAgentTest {

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new ArrayList<>();

    SurveyEngine engine(UnaryOperator<SurveyProfile.Builder> tune) {
        return EngineFixture.smsEngine(clock, sms, events::add, b -> tune.apply(b.noQuietHours().noFrequencyCap()));
    }

    /** For each of 200 contacts, whether each of its three interactions was scheduled. */
    List<Set<Boolean>> outcomesPerContact(SurveyEngine e, List<Decision> skipped) {
        List<Set<Boolean>> perContact = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            Contact k = contact("crm-" + c, "+4670" + (1_000_000 + c));
            Set<Boolean> outcomes = new HashSet<>();
            for (int n = 0; n < 3; n++) {
                Decision d = e.decide(call("call-" + c + "-" + n, k).build());
                outcomes.add(d instanceof Decision.Scheduled);
                if (d instanceof Decision.Skipped s) {
                    assertThat(s.reason()).isEqualTo(SkipReason.NOT_SAMPLED);
                    skipped.add(d);
                }
            }
            perContact.add(outcomes);
        }
        return perContact;
    }

    @Test
    void by_contact_a_contact_is_always_in_or_always_out_of_the_sample() {
        SurveyEngine e = engine(b -> b.sampling(Sampling.percent(30)).samplingUnit(Sampling.Unit.CONTACT));
        List<Decision> skipped = new ArrayList<>();
        List<Set<Boolean>> perContact = outcomesPerContact(e, skipped);
        assertThat(perContact).allSatisfy(o -> assertThat(o).as("every interaction of a contact gets one answer")
                .hasSize(1));
        long sampled = perContact.stream().filter(o -> o.contains(true)).count();
        assertThat(sampled).as("about 30 % of 200 contacts").isBetween(40L, 80L);
        assertThat(skipped).first().satisfies(d -> assertThat(((Decision.Skipped) d).detail())
                .isEqualTo("outside the 30.0 % sample of contacts"));
    }

    @Test
    void by_interaction_the_same_contact_is_sometimes_in_and_sometimes_out() {
        SurveyEngine e = engine(b -> b.sampling(Sampling.percent(30)));
        List<Decision> skipped = new ArrayList<>();
        List<Set<Boolean>> perContact = outcomesPerContact(e, skipped);
        assertThat(perContact).as("by interaction, contacts with mixed answers").anySatisfy(o -> assertThat(o)
                .hasSize(2));
        assertThat(((Decision.Skipped) skipped.get(0)).detail()).isEqualTo("outside the 30.0 % sample");
    }

    static Interaction purchase(String id, Contact c) {
        // A web shop order: no agent, over in a moment.
        return Interaction.builder(id, c, Medium.TICKET).between(T0.minusSeconds(2), T0).build();
    }

    @Test
    void an_interaction_no_agent_worked_is_skipped_unless_the_profile_surveys_without_one() {
        Contact k = contact("crm-1", "+46701234567");
        Decision d = engine(b -> b).decide(purchase("order-1", k));
        assertThat(d).isInstanceOf(Decision.Skipped.class);
        assertThat(((Decision.Skipped) d).reason()).isEqualTo(SkipReason.AGENT_TYPE);
        assertThat(((Decision.Skipped) d).detail()).contains("no agent worked the interaction");
    }

    @Test
    void a_profile_without_agent_surveys_a_purchase_and_reports_it_with_no_agent() {
        SurveyEngine e = engine(b -> b.surveyWithoutAgent(true).minHandleTime(Duration.ofMinutes(1)));
        Contact k = contact("crm-1", "+46701234567");
        Decision d = e.decide(purchase("order-1", k));
        assertThat(d).as("the handle-time rule is an agent's: a purchase is not held to it")
                .isInstanceOf(Decision.Scheduled.class);
        OpenSurvey s = e.survey(((Decision.Scheduled) d).surveyKey()).orElseThrow();
        assertThat(s.agent()).isEmpty();
        assertThat(s.values()).containsEntry("agent.name", "");
        e.dispatchDue();
        e.receive(EngineFixture.text(sms, "+46701234567", "4", clock.instant()));
        assertThat(e.responses()).singleElement().satisfies(r -> {
            assertThat(r.agent()).isEmpty();
            assertThat(r.score()).hasValue(4);
        });

        // Where an agent did work it, the agent rules still hold.
        Interaction botChat = call("chat-1", contact("crm-2", "+46701234568"))
                .agent(Agent.virtual("bot-1", "Helper bot")).build();
        assertThat(((Decision.Skipped) e.decide(botChat)).reason()).isEqualTo(SkipReason.AGENT_TYPE);
        Interaction shortCall = call("call-2", contact("crm-3", "+46701234569")).handleTime(Duration.ofSeconds(20))
                .build();
        assertThat(((Decision.Skipped) e.decide(shortCall)).reason()).isEqualTo(SkipReason.TOO_SHORT);
    }
}
