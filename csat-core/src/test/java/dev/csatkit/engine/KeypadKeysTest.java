package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.store.ReplyRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The keys a caller pressed, as the engine keeps them: each reply's keys in the history, and the
 * keys last pressed in time for the primary question with the survey, a wrong key told from no
 * key at all.
 */
class KeypadKeysTest {

    static final String PHONE = "+46701234567";

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel ivr = EngineFixture.keypad();
    final SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(ivr)
            .profile(SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"), ChannelKind.VOICE_DTMF)
                    .placeholders(EngineFixture.company()).build())
            .build();
    final String key;

    KeypadKeysTest() {
        key = ((Decision.Scheduled) engine.decide(call("c1", contact("k1", PHONE)).build())).surveyKey();
        engine.dispatchDue();
    }

    private void press(String keys) {
        engine.receive(EngineFixture.keys(ivr, PHONE, keys, clock.instant()));
    }

    private List<Optional<String>> historyKeys() {
        return engine.history(key).stream().map(ReplyRecord::keys).toList();
    }

    private Optional<String> surveyKeys() {
        return engine.survey(key).orElseThrow().keys();
    }

    @Test
    void a_wrong_key_then_a_rating_keeps_both_in_the_history_and_the_rating_with_the_survey() {
        press("0");
        assertThat(surveyKeys()).contains("0");
        press("8");
        assertThat(historyKeys()).containsExactly(Optional.of("0"), Optional.of("8"));
        assertThat(surveyKeys()).contains("8");
    }

    @Test
    void no_key_leaves_what_was_pressed_before() {
        press("0");
        press("");
        assertThat(historyKeys()).containsExactly(Optional.of("0"), Optional.empty());
        assertThat(surveyKeys()).contains("0");
    }

    @Test
    void keys_pressed_after_the_answer_window_are_in_the_history_only() {
        clock.advance(Duration.ofHours(1));
        press("7");
        assertThat(surveyKeys()).isEmpty();
        assertThat(historyKeys()).containsExactly(Optional.of("7"));
    }
}
