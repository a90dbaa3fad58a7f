package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.FrequencyCap;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the engine works out once per profile: the capped skip, parsers, and the languages it met. */
class ProfileRuntimeTest {

    static SurveyProfile.Builder chat() {
        return SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.CHAT);
    }

    @Test
    void theCappedSkipNamesTheWindowAndItsScope() {
        ProfileRuntime own = ProfileRuntime.of(chat().frequencyCap(FrequencyCap.perSurvey(Duration.ofDays(7))).build(),
                EngineFixture.chat());
        assertThat(own.capped()).isEqualTo(new Decision.Skipped(SkipReason.FREQUENCY_CAPPED,
                "the contact was surveyed within the cap window of PT168H for survey after-call",
                Optional.of("after-call")));
        ProfileRuntime across = ProfileRuntime.of(chat().frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(2)))
                .build(), EngineFixture.chat());
        assertThat(across.capped().detail()).isEqualTo("the contact was surveyed within the cap window of PT48H"
                + " across surveys");
        ProfileRuntime none = ProfileRuntime.of(chat().noFrequencyCap().build(), EngineFixture.chat());
        assertThat(none.capped().detail())
                .isEqualTo("the contact was surveyed within the engine's cap window across surveys");
        assertThat(none.surveyId()).contains("after-call");
    }

    @Test
    void aTextSurveyHasNoKeypadParserAndAKeypadSurveyHasOne() {
        ProfileRuntime text = ProfileRuntime.of(chat().build(), EngineFixture.chat());
        assertThat(text.keypad()).isNull();
        assertThat(text.keypads()).isEmpty();
        assertThat(text.questions()).isEqualTo(1);
        ProfileRuntime keypad = ProfileRuntime.of(SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"),
                ChannelKind.VOICE_DTMF).build(), EngineFixture.keypad());
        assertThat(keypad.keypad()).isNotNull();
        assertThat(keypad.keypads()).hasSize(1);
    }

    @Test
    void languagesAreRememberedUpToFiveHundredAndTwelve() {
        ProfileRuntime rt = ProfileRuntime.of(chat().build(), EngineFixture.chat());
        assertThat(rt.language(Locale.FRANCE)).contains(Locale.FRENCH);
        assertThat(rt.language(Locale.GERMAN)).contains(Locale.ENGLISH);
        assertThat(rt.languages()).containsEntry(Locale.FRANCE, Optional.of(Locale.FRENCH))
                .containsEntry(Locale.GERMAN, Optional.of(Locale.ENGLISH));
        for (int i = 0; i < 600; i++) {
            Locale odd = new Locale.Builder().setLanguage("en").setRegion(String.format("%03d", i)).build();
            assertThat(rt.language(odd)).contains(Locale.ENGLISH);
        }
        assertThat(rt.languages()).hasSize(512);
        // Past the limit an answer is worked out each time, and is the same.
        Locale late = new Locale.Builder().setLanguage("fr").setRegion("CA").build();
        assertThat(rt.language(late)).contains(Locale.FRENCH);
        assertThat(rt.languages()).doesNotContainKey(late);
    }
}
