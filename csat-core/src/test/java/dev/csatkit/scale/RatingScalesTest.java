package dev.csatkit.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatingScalesTest {

    @Test
    void fivePointScaleCountsFoursAndFivesAsSatisfied() {
        RatingScale five = RatingScales.fivePoint();
        assertThat(five.id()).isEqualTo("five");
        assertThat(five.points()).extracting(ScalePoint::value).containsExactly(1, 2, 3, 4, 5);
        assertThat(five.satisfiedValues()).containsExactly(4, 5);
        assertThat(five.dissatisfiedValues()).containsExactly(1, 2);
        assertThat(five.points()).extracting(p -> p.emoji().orElseThrow())
                .containsExactly("😡", "😞", "😐", "🙂", "😍");
        assertThat(five.first().displayLabel(Locale.ENGLISH)).isEqualTo("Very dissatisfied");
        assertThat(five.last().displayLabel(Locale.ENGLISH)).isEqualTo("Very satisfied");
        assertThat(five.keypadEntry()).isEqualTo(KeypadEntry.SINGLE_KEY);
    }

    @Test
    void keypadScaleRunsOneToNine() {
        RatingScale nine = RatingScales.keypadNine();
        assertThat(nine.min()).isEqualTo(1);
        assertThat(nine.max()).isEqualTo(9);
        assertThat(nine.satisfiedValues()).containsExactly(7, 8, 9);
        assertThat(nine.dissatisfiedValues()).containsExactly(1, 2, 3);
        assertThat(nine.keypadEntry()).isEqualTo(KeypadEntry.SINGLE_KEY);
        assertThat(nine.point(4).orElseThrow().displayLabel(Locale.ENGLISH)).isEqualTo("4");
        assertThat(nine.point(5).orElseThrow().displayLabel(Locale.GERMAN)).isEqualTo("Neutral");
    }

    @Test
    void threeFacesThumbsAndZeroToTen() {
        assertThat(RatingScales.threeFaces().satisfiedValues()).containsExactly(3);
        assertThat(RatingScales.threeFaces().dissatisfiedValues()).containsExactly(1);
        assertThat(RatingScales.thumbs().point(1).orElseThrow().emoji()).contains("👎");
        assertThat(RatingScales.thumbs().point(2).orElseThrow().emoji()).contains("👍");
        assertThat(RatingScales.thumbs().satisfiedValues()).containsExactly(2);
        RatingScale ten = RatingScales.zeroToTen();
        assertThat(ten.size()).isEqualTo(11);
        assertThat(ten.satisfiedValues()).containsExactly(8, 9, 10);
        assertThat(ten.dissatisfiedValues()).containsExactly(0, 1, 2);
        assertThat(ten.keypadEntry()).isEqualTo(KeypadEntry.DIGITS_THEN_HASH);
    }

    @ParameterizedTest
    @CsvSource({
        "en, Very satisfied", "fr, Très satisfait", "sv, Mycket nöjd", "ru, Очень доволен",
        "uk, Дуже задоволений", "pl, Bardzo zadowolony", "de, Sehr zufrieden", "es, Muy satisfecho"})
    void presetLabelsShipInEightLanguages(String tag, String topLabel) {
        Locale locale = Locale.forLanguageTag(tag);
        assertThat(RatingScales.fivePoint().last().label(locale)).contains(topLabel);
        for (String id : RatingScales.presetIds()) {
            RatingScale scale = RatingScales.preset(id).orElseThrow();
            assertThat(scale.first().label(locale)).as("%s in %s", id, tag).isPresent();
            assertThat(scale.last().label(locale)).as("%s in %s", id, tag).isPresent();
        }
    }

    @Test
    void labelsFollowTheLocaleFallbackChain() {
        ScalePoint top = RatingScales.fivePoint().last();
        assertThat(top.label(Locale.CANADA_FRENCH)).contains("Très satisfait");
        assertThat(top.label(Locale.forLanguageTag("sv-FI"))).contains("Mycket nöjd");
        assertThat(top.label(Locale.JAPANESE)).isEmpty();
        assertThat(top.displayLabel(Locale.JAPANESE)).isEqualTo("5");
    }

    @Test
    void presetsAreFoundByIdAndRecognised() {
        assertThat(RatingScales.presetIds()).containsExactly("five", "keypad9", "three", "thumbs", "zero-ten");
        assertThat(RatingScales.preset("five")).contains(RatingScales.fivePoint());
        assertThat(RatingScales.preset("seven")).isEmpty();
        assertThat(RatingScales.isPreset(RatingScales.keypadNine())).isTrue();
        RatingScale lookalike = RatingScale.builder("five").numeric(1, 5).build();
        assertThat(RatingScales.isPreset(lookalike)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"2,1", "3,1", "4,2", "5,2", "7,2", "8,3", "9,3", "11,3"})
    void topBoxRule(int points, int box) {
        assertThat(RatingScale.topBoxSize(points)).isEqualTo(box);
        RatingScale scale = RatingScale.builder("s").numeric(1, points).build();
        assertThat(scale.satisfiedValues()).hasSize(box).last().isEqualTo(points);
        assertThat(scale.dissatisfiedValues()).hasSize(box).first().isEqualTo(1);
    }

    @Test
    void scaleLookupsHandleValuesOffTheScale() {
        RatingScale five = RatingScales.fivePoint();
        assertThat(five.contains(0)).isFalse();
        assertThat(five.point(6)).isEmpty();
        assertThat(five.indexOf(3)).isEqualTo(2);
        assertThat(five.indexOf(-7)).isEqualTo(-1);
        assertThat(five.isSatisfied(9)).isFalse();
        assertThat(five.isDissatisfied(0)).isFalse();
    }

    @Test
    void labelLocalesAreTheEightShippedLanguages() {
        assertThat(RatingScales.LABEL_LOCALES).extracting(Locale::toLanguageTag)
                .isEqualTo(List.of("en", "fr", "sv", "ru", "uk", "pl", "de", "es"));
    }
}
