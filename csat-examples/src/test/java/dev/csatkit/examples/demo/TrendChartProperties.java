package dev.csatkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Tally;
import dev.csatkit.score.TrendPoint;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Every trend a report can produce draws, whatever its counts, labels and the chart's settings. */
class TrendChartProperties {

    private static final List<RatingScale> SCALES = List.of(RatingScales.fivePoint(), RatingScales.keypadNine(),
            RatingScales.zeroToTen(), RatingScales.thumbs());

    @Provide
    Arbitrary<List<TrendPoint>> trends() {
        return Arbitraries.of(SCALES).flatMap(scale -> point(scale).list().ofMaxSize(60));
    }

    private static Arbitrary<TrendPoint> point(RatingScale scale) {
        // Mostly small counts, so that periods without ratings and wide intervals are common.
        Arbitrary<Long> count = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 5)),
                Tuple.of(3, Arbitraries.longs().between(0, 10_000)),
                Tuple.of(1, Arbitraries.longs().between(0, 1_000_000_000_000L)));
        Arbitrary<String> label = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<LocalDate> start = Arbitraries.longs().between(-100_000, 100_000).map(LocalDate::ofEpochDay);
        return Combinators.combine(count.list().ofSize(scale.size()), count, label, start)
                .as((ratings, unanswered, period, first) -> {
                    Tally.Builder b = Tally.builder(scale).addUnanswered(unanswered);
                    for (int i = 0; i < ratings.size(); i++) {
                        b.addRatings(scale.points().get(i).value(), ratings.get(i));
                    }
                    return new TrendPoint(period, first, b.build());
                });
    }

    @Provide
    Arbitrary<Optional<Double>> targets() {
        return Arbitraries.doubles().between(0, 100).optional();
    }

    @Property(tries = 150)
    void everyTrendRenders(@ForAll("trends") List<TrendPoint> trend, @ForAll("targets") Optional<Double> target,
            @ForAll @IntRange(min = TrendChart.MIN_WIDTH, max = 1200) int width,
            @ForAll @IntRange(min = TrendChart.MIN_HEIGHT, max = 800) int height) {
        TrendChart chart = TrendChart.builder().size(width, height)
                .target(target.map(OptionalDouble::of).orElse(OptionalDouble.empty())).build();

        BufferedImage image = chart.render(trend);

        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    @Property(tries = 2000)
    void axesAreRoundAndCoverTheirRange(@ForAll @DoubleRange(min = 0, max = 100) double a,
            @ForAll @DoubleRange(min = 0, max = 100) double b) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);

        YAxis axis = YAxis.fit(low, high);

        assertThat(List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0)).contains(axis.step());
        assertThat(axis.min()).isBetween(0.0, low);
        assertThat(axis.max()).isBetween(high, 100.0);
        assertThat(axis.max() - axis.min()).isGreaterThanOrEqualTo(YAxis.MIN_SPAN);
        assertThat(axis.min() % axis.step()).isZero();
        assertThat(axis.max() % axis.step()).isZero();
        assertThat(axis.tickCount()).isBetween(3, 14);
    }
}
