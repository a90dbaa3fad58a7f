package dev.csatkit.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomScaleTest {

    private static InvalidDefinitionException rejected(Runnable build) {
        try {
            build.run();
        } catch (InvalidDefinitionException e) {
            return e;
        }
        throw new AssertionError("expected the scale to be rejected");
    }

    @Test
    void customScaleWithExplicitBoxes() {
        RatingScale effort = RatingScale.builder("effort-7")
                .numeric(1, 7)
                .satisfied(5, 6, 7)
                .dissatisfied(1, 2, 3)
                .build();
        assertThat(effort.satisfiedValues()).containsExactly(5, 6, 7);
        assertThat(effort.dissatisfiedValues()).containsExactly(1, 2, 3);
    }

    @Test
    void aScaleMayHaveNoDissatisfiedPoint() {
        RatingScale scale = RatingScale.builder("yes-no").numeric(0, 1).dissatisfied().build();
        assertThat(scale.dissatisfiedValues()).isEmpty();
        assertThat(scale.satisfiedValues()).containsExactly(1);
    }

    @Test
    void negativeValuesCannotBeKeyed() {
        RatingScale likert = RatingScale.builder("likert").numeric(-2, 2).build();
        assertThat(likert.keypadEntry()).isEqualTo(KeypadEntry.NOT_ANSWERABLE);
        assertThat(likert.isKeypadAnswerable()).isFalse();
        assertThat(RatingScale.builder("ten").numeric(1, 10).build().keypadEntry())
                .isEqualTo(KeypadEntry.DIGITS_THEN_HASH);
    }

    @Test
    void tooFewPoints() {
        var e = rejected(() -> RatingScale.builder("one").point(ScalePoint.of(1, Polarity.POSITIVE)).build());
        assertThat(e.getMessage()).isEqualTo("Invalid rating scale: points = \"1 points\": must have 2 to 11 points");
    }

    @Test
    void tooManyPoints() {
        var b = RatingScale.builder("big");
        for (int v = 0; v < 12; v++) {
            b.point(ScalePoint.of(v, Polarity.NEUTRAL));
        }
        assertThat(rejected(b::build).violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("must have 2 to 11 points"));
    }

    @Test
    void numericRangeOutsideLimits() {
        assertThat(rejected(() -> RatingScale.builder("x").numeric(1, 12)).getMessage())
                .isEqualTo("Invalid rating scale: points = \"1..12\": must span 2 to 11 values");
    }

    @Test
    void valuesMustBeUniqueAndAscending() {
        var e = rejected(() -> RatingScale.builder("bad")
                .point(ScalePoint.of(1, Polarity.NEGATIVE))
                .point(ScalePoint.of(3, Polarity.NEUTRAL))
                .point(ScalePoint.of(2, Polarity.POSITIVE))
                .point(ScalePoint.of(2, Polarity.POSITIVE))
                .build());
        assertThat(e.violations()).extracting(Object::toString).containsExactly(
                "points[2].value = 2: values must ascend; 2 follows 3",
                "points[3].value = 2: values must be unique; 2 appears twice");
    }

    @Test
    void polarityNeverGoesBackDown() {
        var e = rejected(() -> RatingScale.builder("moody")
                .point(ScalePoint.of(1, Polarity.NEGATIVE))
                .point(ScalePoint.of(2, Polarity.POSITIVE))
                .point(ScalePoint.of(3, Polarity.NEUTRAL))
                .point(ScalePoint.of(4, Polarity.POSITIVE))
                .build());
        assertThat(e.violations()).extracting(Object::toString).containsExactly(
                "points[2].polarity = NEUTRAL: polarity must never go back down along the scale; it follows POSITIVE");
    }

    @Test
    void satisfiedMustBeTheTopOfTheScale() {
        var e = rejected(() -> RatingScale.builder("s").numeric(1, 5).satisfied(3, 5).build());
        assertThat(e.violations()).extracting(Object::toString)
                .containsExactly("satisfied = [3, 5]: must be the top 2 value(s) of the scale, [4, 5]");
    }

    @Test
    void dissatisfiedMustBeTheBottomOfTheScale() {
        var e = rejected(() -> RatingScale.builder("s").numeric(1, 5).dissatisfied(2).build());
        assertThat(e.violations()).extracting(Object::toString)
                .containsExactly("dissatisfied = [2]: must be the bottom 1 value(s) of the scale, [1]");
    }

    @Test
    void atLeastOneSatisfiedPoint() {
        var e = rejected(() -> RatingScale.builder("s").numeric(1, 5).satisfied().build());
        assertThat(e.violations()).extracting(Object::toString)
                .containsExactly("satisfied = []: must name at least one satisfied value");
    }

    @Test
    void boxValuesMustBeOnTheScale() {
        var e = rejected(() -> RatingScale.builder("s").numeric(1, 5).satisfied(5, 6).build());
        assertThat(e.violations()).extracting(Object::toString)
                .containsExactly("satisfied = [5, 6]: value 6 is not on the scale");
    }

    @Test
    void noValueIsBothSatisfiedAndDissatisfied() {
        var e = rejected(() -> RatingScale.builder("s").numeric(1, 2).satisfied(1, 2).dissatisfied(1).build());
        assertThat(e.violations()).extracting(Object::toString)
                .contains("dissatisfied = [1]: value 1 cannot be both satisfied and dissatisfied");
    }

    @Test
    void satisfiedPointsCannotBeNegativeNorDissatisfiedPositive() {
        var e = rejected(() -> RatingScale.builder("s")
                .point(ScalePoint.of(1, Polarity.POSITIVE))
                .point(ScalePoint.of(2, Polarity.POSITIVE))
                .point(ScalePoint.of(3, Polarity.POSITIVE))
                .build());
        assertThat(e.violations()).extracting(Object::toString)
                .containsExactly("points[0].polarity = POSITIVE: a dissatisfied point cannot be positive");
        var negativeTop = rejected(() -> RatingScale.builder("s")
                .point(ScalePoint.of(1, Polarity.NEGATIVE))
                .point(ScalePoint.of(2, Polarity.NEGATIVE))
                .build());
        assertThat(negativeTop.violations()).extracting(Object::toString)
                .containsExactly("points[1].polarity = NEGATIVE: a satisfied point cannot be negative");
    }

    @Test
    void idRule() {
        var e = rejected(() -> RatingScale.builder("my scale!").numeric(1, 5).build());
        assertThat(e.violations()).extracting(Object::toString).containsExactly(
                "id = \"my scale!\": must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    @Test
    void pointValueRangeAndLabels() {
        var e = rejected(() -> new ScalePoint(101, Polarity.NEUTRAL,
                Map.of(Locale.ENGLISH, " ", Locale.ROOT, "x"), Optional.of("")));
        assertThat(e.violations()).extracting(Object::toString).containsExactlyInAnyOrder(
                "value = 101: must be between -100 and 100",
                "labels.en = \" \": must not be blank",
                "labels.und = \"und\": locale must name a language",
                "emoji = \"\": must not be blank");
        var longLabel = rejected(() -> ScalePoint.of(1, Polarity.NEUTRAL, Map.of(Locale.ENGLISH, "x".repeat(65))));
        assertThat(longLabel.violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("must be at most 64 characters"));
    }

    @Test
    void labelsAreStrippedAndScalesCompareByValue() {
        ScalePoint p = ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ENGLISH, "  Bad "));
        assertThat(p.label(Locale.UK)).contains("Bad");
        RatingScale a = RatingScale.builder("s").numeric(1, 5).build();
        RatingScale b = RatingScale.builder("s").numeric(1, 5).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(RatingScale.builder("s").numeric(1, 5).satisfied(5).build());
        assertThat(a.toString()).isEqualTo("RatingScale[s: 1..5, 5 points, satisfied [4, 5], dissatisfied [1, 2]]");
    }
}
