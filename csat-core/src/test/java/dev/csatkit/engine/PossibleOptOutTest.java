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
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A reply that only possibly asks to stop: opted out by default; on a profile that asks once,
 * the question goes out once and the next reply decides.
 */
class PossibleOptOutTest {

    static final String PHONE = "+46701234567";
    static final String QUESTION = "Did you want to stop our messages?";
    static final String CONFIRMED = "not receive any more surveys";

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new CopyOnWriteArrayList<>();

    SurveyEngine engine(PossibleOptOut mode) {
        return EngineFixture.smsEngine(clock, sms, events::add, b -> b.noQuietHours().possibleOptOut(mode));
    }

    String surveyed(SurveyEngine engine) {
        Decision.Scheduled d = (Decision.Scheduled) engine.decide(call("c1", contact("k-1", PHONE)).build());
        engine.dispatchDue();
        return d.surveyKey();
    }

    long sent(String fragment) {
        return sms.logged().stream().filter(a -> a.text().contains(fragment)).count();
    }

    @Test
    void by_default_a_possible_opt_out_opts_out_at_once() {
        SurveyEngine engine = engine(PossibleOptOut.OPT_OUT);
        String key = surveyed(engine);

        assertThat(engine.receive(text(sms, PHONE, "stop, it was great, 5", T0))).isEqualTo(new ReplyOutcome.OptedOut(true));

        assertThat(engine.survey(key).orElseThrow().state()).isEqualTo(SurveyState.OPTED_OUT);
        assertThat(sent(QUESTION)).isZero();
        assertThat(sent(CONFIRMED)).isEqualTo(1);
    }

    @Test
    void asking_once_sends_the_question_and_takes_neither_the_rating_nor_the_opt_out() {
        SurveyEngine engine = engine(PossibleOptOut.ASK_ONCE);
        String key = surveyed(engine);

        ReplyOutcome o = engine.receive(text(sms, PHONE, "stop, it was great, 5", T0));

        assertThat(o).isInstanceOfSatisfying(ReplyOutcome.OptOutAsked.class, a -> {
            assertThat(a.surveyKey()).isEqualTo(key);
            assertThat(a.words()).containsExactly("stop");
        });
        assertThat(engine.survey(key).orElseThrow()).satisfies(s -> {
            assertThat(s.state()).isEqualTo(SurveyState.AWAITING_REPLY);
            assertThat(s.rating()).isEmpty();
            assertThat(s.optOutAsked()).isTrue();
        });
        assertThat(sent(QUESTION)).isEqualTo(1);
        assertThat(sent(CONFIRMED)).isZero();
        assertThat(engine.history(key)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ReplyRecord.Kind.POSSIBLE_OPT_OUT);
            assertThat(r.text()).contains("stop");
        });
        // Still reachable: nothing was opted out (another contact at the same number is surveyed).
        assertThat(engine.decide(call("c2", contact("k-2", PHONE)).build())).isInstanceOf(Decision.Scheduled.class);
    }

    @Test
    void a_rating_after_the_question_is_the_answer() {
        SurveyEngine engine = engine(PossibleOptOut.ASK_ONCE);
        String key = surveyed(engine);
        engine.receive(text(sms, PHONE, "stop, it was great, 5", T0));

        assertThat(engine.receive(text(sms, PHONE, "5", T0.plusSeconds(60))))
                .isInstanceOfSatisfying(ReplyOutcome.Rated.class, r -> assertThat(r.value()).isEqualTo(5));

        assertThat(engine.survey(key).orElseThrow().rating()).isEqualTo(OptionalInt.of(5));
        assertThat(sent(CONFIRMED)).isZero();
    }

    @Test
    void stop_after_the_question_opts_out_with_one_confirmation() {
        SurveyEngine engine = engine(PossibleOptOut.ASK_ONCE);
        String key = surveyed(engine);
        engine.receive(text(sms, PHONE, "stop, it was great, 5", T0));

        assertThat(engine.receive(text(sms, PHONE, "STOP", T0.plusSeconds(60)))).isEqualTo(new ReplyOutcome.OptedOut(true));

        assertThat(engine.survey(key).orElseThrow().state()).isEqualTo(SurveyState.OPTED_OUT);
        assertThat(sent(QUESTION)).isEqualTo(1);
        assertThat(sent(CONFIRMED)).isEqualTo(1);
    }

    @Test
    void the_question_is_asked_once_and_a_second_possible_opt_out_opts_out() {
        SurveyEngine engine = engine(PossibleOptOut.ASK_ONCE);
        String key = surveyed(engine);
        engine.receive(text(sms, PHONE, "stop, it was great, 5", T0));

        assertThat(engine.receive(text(sms, PHONE, "stop, 5", T0.plusSeconds(60)))).isEqualTo(new ReplyOutcome.OptedOut(true));

        assertThat(engine.survey(key).orElseThrow().state()).isEqualTo(SurveyState.OPTED_OUT);
        assertThat(sent(QUESTION)).isEqualTo(1);
        assertThat(sent(CONFIRMED)).isEqualTo(1);
        assertThat(engine.history(key)).extracting(ReplyRecord::kind)
                .containsExactly(ReplyRecord.Kind.POSSIBLE_OPT_OUT, ReplyRecord.Kind.OPT_OUT);
    }

    @Test
    void a_certain_opt_out_is_never_asked_about() {
        SurveyEngine engine = engine(PossibleOptOut.ASK_ONCE);
        String key = surveyed(engine);

        assertThat(engine.receive(text(sms, PHONE, "Please stop texting me about the 5 tickets", T0)))
                .isEqualTo(new ReplyOutcome.OptedOut(true));

        assertThat(engine.survey(key).orElseThrow().state()).isEqualTo(SurveyState.OPTED_OUT);
        assertThat(sent(QUESTION)).isZero();
    }

    /** With no survey open, the language is unknown: each shipped language's request to stop is honoured. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "STOP | You will not receive any more surveys from us.",
            "arrêtez les SMS | Vous ne recevrez plus nos enquêtes.",
            "bitte keine SMS mehr | Sie erhalten keine Umfragen mehr von uns.",
            "хватит писать | Вы больше не будете получать наши опросы.",
            "no me escriban más | Ya no recibirá más encuestas nuestras.",
            "sluta skicka sms | Du kommer inte att få fler enkäter från oss.",
            "przestańcie pisać | Nie będziesz już otrzymywać naszych ankiet.",
            "припиніть писати | Ви більше не отримуватимете наших опитувань."})
    void an_unmatched_request_to_stop_in_any_shipped_language_opts_out_with_a_confirmation_in_it(String words,
            String confirmation) {
        SurveyEngine engine = engine(PossibleOptOut.OPT_OUT);

        assertThat(engine.receive(text(sms, PHONE, words, T0))).isEqualTo(new ReplyOutcome.OptedOut(true));

        assertThat(sms.texts()).containsExactly(confirmation);
        assertThat(engine.decide(call("c1", contact("k-1", PHONE)).build()))
                .isInstanceOfSatisfying(Decision.Skipped.class, s -> assertThat(s.reason()).isEqualTo(SkipReason.OPTED_OUT));
    }

    @Test
    void an_unmatched_message_that_is_no_request_to_stop_opts_nothing_out() {
        SurveyEngine engine = engine(PossibleOptOut.OPT_OUT);

        assertThat(engine.receive(text(sms, PHONE, "Merci, le colis est bien arrivé", T0)))
                .isInstanceOf(ReplyOutcome.Unmatched.class);

        assertThat(sms.texts()).isEmpty();
        assertThat(engine.decide(call("c1", contact("k-1", PHONE)).build())).isInstanceOf(Decision.Scheduled.class);
    }
}
