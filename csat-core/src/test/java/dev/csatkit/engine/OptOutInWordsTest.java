package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.SurveyState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An opt-out in the customer's own words ends the survey, is never a rating, and is kept with its words. */
class OptOutInWordsTest {

    static final String PHONE = "+46701234567";

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new CopyOnWriteArrayList<>();
    final SurveyEngine engine = EngineFixture.smsEngine(clock, sms, events::add, b -> b.noQuietHours());

    @Test
    void a_request_to_stop_with_a_number_in_it_opts_out_and_keeps_the_words() {
        Decision.Scheduled d = (Decision.Scheduled) engine.decide(call("c1", contact("k-1", PHONE)).build());
        engine.dispatchDue();

        ReplyOutcome o = engine.receive(text(sms, PHONE, "Please stop texting me about the 5 tickets", T0));

        assertThat(o).isEqualTo(new ReplyOutcome.OptedOut(true));
        assertThat(engine.survey(d.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.OPTED_OUT);
        assertThat(engine.survey(d.surveyKey()).orElseThrow().rating()).isEmpty();
        assertThat(engine.history(d.surveyKey())).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ReplyRecord.Kind.OPT_OUT);
            assertThat(r.receivedAt()).isEqualTo(T0);
            assertThat(r.text()).hasValueSatisfying(words -> assertThat(words).containsIgnoringCase("stop texting"));
        });
        // Every channel of the contact: a chat survey for the same contact is skipped too.
        Decision chat = engine.decide(Interaction.builder("chat-1", contact("k-1", PHONE), Medium.CHAT)
                .agent(EngineFixture.alice()).between(T0.minusSeconds(300), T0).build());
        assertThat(chat).isInstanceOfSatisfying(Decision.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo(SkipReason.OPTED_OUT));
        assertThat(sms.logged().stream().filter(a -> a.text().contains("not receive any more surveys")))
                .as("one confirmation").hasSize(1);
    }
}
