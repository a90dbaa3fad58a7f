package dev.csatkit.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The laws of tallies and of the figures computed from them. */
class TallyPropertiesTest {

    private static final RatingScale FIVE = RatingScales.fivePoint();
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Provide
    Arbitrary<Tally> tallies() {
        Arbitrary<Long> count = Arbitraries.longs().between(0, 1_000);
        return Combinators.combine(count.list().ofSize(FIVE.size()), count, count, count)
                .as((ratings, unanswered, invalid, late) -> {
                    Tally.Builder b = Tally.builder(FIVE).addUnanswered(unanswered).addInvalid(invalid).addLate(late);
                    for (int i = 0; i < ratings.size(); i++) {
                        b.addRatings(FIVE.points().get(i).value(), ratings.get(i));
                    }
                    return b.build();
                });
    }

    @Provide
    Arbitrary<SurveyResponse> responses() {
        Arbitrary<Integer> outcome = Arbitraries.integers().between(0, 9);
        Arbitrary<Integer> score = Arbitraries.integers().between(FIVE.min(), FIVE.max());
        Arbitrary<String> agent = Arbitraries.of("ann", "bob", "cy", "dee");
        Arbitrary<Long> seconds = Arbitraries.longs().between(0, 90L * 86_400);
        Arbitrary<String> id = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(outcome, score, agent, seconds, id).as((o, s, a, at, i) -> {
            Instant sent = T0.plusSeconds(at);
            SurveyResponse.Builder b = SurveyResponse.builder(i, "s", sent).agent(a).channel(at % 2 == 0 ? "sms" : "email");
            if (o < 6) {
                b.rating(s, sent.plusSeconds(30));
            } else if (o == 6) {
                b.invalidReply(sent.plusSeconds(30));
            } else if (o == 7) {
                b.lateReply(OptionalInt.of(s), sent.plusSeconds(86_400 * 9));
            }
            return b.build();
        });
    }

    @Provide
    Arbitrary<List<SurveyResponse>> responseLists() {
        return responses().list().ofMaxSize(60);
    }

    @Property(tries = 10000)
    void mergeIsAssociative(@ForAll("tallies") Tally a, @ForAll("tallies") Tally b, @ForAll("tallies") Tally c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 10000)
    void mergeIsCommutative(@ForAll("tallies") Tally a, @ForAll("tallies") Tally b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 10000)
    void theEmptyTallyIsTheIdentity(@ForAll("tallies") Tally a) {
        Tally empty = Tally.empty(FIVE);
        assertThat(a.merge(empty)).isEqualTo(a);
        assertThat(empty.merge(a)).isEqualTo(a);
    }

    @Property(tries = 10000)
    void tallyingAConcatenationEqualsMergingTheTallies(@ForAll("responseLists") List<SurveyResponse> xs,
            @ForAll("responseLists") List<SurveyResponse> ys) {
        List<SurveyResponse> both = new ArrayList<>(xs);
        both.addAll(ys);
        assertThat(Tally.of(FIVE, both)).isEqualTo(Tally.of(FIVE, xs).merge(Tally.of(FIVE, ys)));
    }

    @Property(tries = 10000)
    void figuresStayInTheirRanges(@ForAll("tallies") Tally t) {
        t.csat().ifPresent(v -> assertThat(v).isBetween(0.0, 100.0));
        t.netCsat().ifPresent(v -> assertThat(v).isBetween(-100.0, 100.0));
        t.responseRate().ifPresent(v -> assertThat(v).isBetween(0.0, 100.0));
        t.mean().ifPresent(v -> assertThat(v).isBetween((double) FIVE.min(), (double) FIVE.max()));
        assertThat(t.csat().isPresent()).isEqualTo(t.hasData());
        t.csat().ifPresent(v -> assertThat(v).isNotNaN());
    }

    @Property(tries = 10000)
    void aSatisfiedRatingNeverLowersCsat(@ForAll("tallies") Tally t, @ForAll @IntRange(min = 4, max = 5) int score) {
        Tally more = Tally.builder(FIVE).add(t).addRating(score).build();
        assertThat(more.csat().getAsDouble()).isGreaterThanOrEqualTo(t.csat().orElse(0));
    }

    @Property(tries = 10000)
    void aDissatisfiedRatingNeverRaisesCsat(@ForAll("tallies") Tally t, @ForAll @IntRange(min = 1, max = 3) int score) {
        Tally more = Tally.builder(FIVE).add(t).addRating(score).build();
        assertThat(more.csat().getAsDouble()).isLessThanOrEqualTo(t.csat().orElse(100));
    }

    @Property(tries = 10000)
    void theWilsonIntervalContainsTheEstimate(@ForAll("tallies") Tally t) {
        if (t.hasData()) {
            Interval i = t.csatInterval().orElseThrow();
            assertThat(i.contains(t.csat().getAsDouble())).isTrue();
            assertThat(i.low()).isGreaterThanOrEqualTo(0.0);
            assertThat(i.high()).isLessThanOrEqualTo(100.0);
        } else {
            assertThat(t.csatInterval()).isEmpty();
        }
    }

    @Property(tries = 10000)
    void theWilsonIntervalNarrowsAsTheSampleGrows(@ForAll @LongRange(min = 1, max = 5_000) long n,
            @ForAll @LongRange(min = 0, max = 5_000) long s, @ForAll @IntRange(min = 2, max = 20) int factor) {
        long satisfied = Math.min(s, n);
        Tally small = Tally.builder(FIVE).addRatings(5, satisfied).addRatings(1, n - satisfied).build();
        Tally large = Tally.builder(FIVE).addRatings(5, satisfied * factor).addRatings(1, (n - satisfied) * factor)
                .build();
        assertThat(large.csat()).isEqualTo(small.csat());
        assertThat(large.csatInterval().orElseThrow().width()).isLessThan(small.csatInterval().orElseThrow().width());
    }

    @Property(tries = 10000)
    void resultsDoNotDependOnInputOrder(@ForAll("responseLists") List<SurveyResponse> xs, @ForAll long seed) {
        List<SurveyResponse> shuffled = new ArrayList<>(xs);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(Tally.of(FIVE, shuffled)).isEqualTo(Tally.of(FIVE, xs));
        ReportSpec spec = ReportSpec.builder(FIVE).by(Dimension.AGENT, Dimension.CHANNEL).period(Period.WEEK)
                .minimumSample(3).lowScores(2).lowScoreLimit(5).build();
        assertThat(Report.of(spec, shuffled)).isEqualTo(Report.of(spec, xs));
    }

    @Property(tries = 10000)
    void segmentsAddUpToTheOverallTally(@ForAll("responseLists") List<SurveyResponse> xs) {
        ReportSpec spec = ReportSpec.builder(FIVE).by(Dimension.AGENT).period(Period.DAY).build();
        Report report = Report.of(spec, xs);
        Tally sum = report.segments().stream().map(Segment::tally).reduce(Tally.empty(FIVE), Tally::merge);
        assertThat(sum).isEqualTo(report.overall());
        Tally trendSum = report.trend().stream().map(TrendPoint::tally).reduce(Tally.empty(FIVE), Tally::merge);
        assertThat(trendSum).isEqualTo(report.overall());
    }

    @Property(tries = 10000)
    void mergedAccumulatorsEqualOneAccumulator(@ForAll("responseLists") List<SurveyResponse> xs,
            @ForAll("responseLists") List<SurveyResponse> ys) {
        ReportSpec spec = ReportSpec.builder(FIVE).by(Dimension.CHANNEL).minimumSample(2).lowScores(3)
                .lowScoreLimit(4).build();
        List<SurveyResponse> both = new ArrayList<>(xs);
        both.addAll(ys);
        Report merged = Report.accumulator(spec).addAll(xs).merge(Report.accumulator(spec).addAll(ys)).build();
        assertThat(merged).isEqualTo(Report.of(spec, both));
    }
}
