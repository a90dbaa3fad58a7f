package dev.csatkit.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ScaleProperties {

    @Property(tries = 2000)
    void numericScalesFollowTheTopBoxRule(@ForAll @IntRange(min = -100, max = 90) int from,
            @ForAll @IntRange(min = 2, max = 11) int count) {
        RatingScale scale = RatingScale.builder("n").numeric(from, from + count - 1).build();
        int box = RatingScale.topBoxSize(count);
        assertThat(scale.satisfiedValues()).hasSize(box);
        assertThat(scale.dissatisfiedValues()).hasSize(box);
        for (ScalePoint p : scale.points()) {
            assertThat(scale.isSatisfied(p.value())).isEqualTo(p.polarity() == Polarity.POSITIVE);
            assertThat(scale.isDissatisfied(p.value())).isEqualTo(p.polarity() == Polarity.NEGATIVE);
            assertThat(scale.point(p.value())).contains(p);
        }
        assertThat(scale.keypadEntry()).isEqualTo(from < 0 ? KeypadEntry.NOT_ANSWERABLE
                : from + count - 1 <= 9 ? KeypadEntry.SINGLE_KEY : KeypadEntry.DIGITS_THEN_HASH);
    }

    /** Arbitrary point lists: most break at least one rule; valid ones must build. */
    @Provide
    Arbitrary<List<ScalePoint>> pointLists() {
        Arbitrary<ScalePoint> point = Combinators.combine(
                Arbitraries.integers().between(-100, 100), Arbitraries.of(Polarity.class)).as(ScalePoint::of);
        return point.list().ofMinSize(0).ofMaxSize(13);
    }

    @Property(tries = 3000)
    void anyPointListEitherBuildsAValidScaleOrIsRejectedNamingAField(@ForAll("pointLists") List<ScalePoint> points,
            @ForAll("boxes") int[] satisfied) {
        RatingScale.Builder b = RatingScale.builder("any").points(points);
        if (satisfied.length > 0) {
            b.satisfied(satisfied);
        }
        Throwable thrown = catchThrowable(b::build);
        if (thrown == null) {
            RatingScale scale = b.build();
            assertThat(scale.size()).isBetween(2, 11);
            assertThat(scale.satisfiedValues()).isNotEmpty();
            for (int i = 1; i < scale.size(); i++) {
                assertThat(scale.points().get(i).value()).isGreaterThan(scale.points().get(i - 1).value());
                assertThat(scale.points().get(i).polarity()).isGreaterThanOrEqualTo(scale.points().get(i - 1).polarity());
            }
        } else {
            assertThat(thrown).isInstanceOf(InvalidDefinitionException.class);
            List<Violation> violations = ((InvalidDefinitionException) thrown).violations();
            assertThat(violations).isNotEmpty().allSatisfy(v -> {
                assertThat(v.field()).matches("points(\\[\\d+\\]\\.(value|polarity))?|satisfied|dissatisfied");
                assertThat(thrown.getMessage()).contains(v.field());
            });
        }
    }

    @Provide
    Arbitrary<int[]> boxes() {
        return Arbitraries.integers().between(-100, 100).array(int[].class).ofMaxSize(3);
    }
}
