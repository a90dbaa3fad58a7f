package dev.csatkit.score;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.internal.score.Stats;
import dev.csatkit.scale.RatingScale;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.function.IntPredicate;
import java.util.TreeMap;
import java.util.stream.Collector;
import org.jspecify.annotations.Nullable;

/**
 * Counts of survey outcomes for one rating scale: how many valid ratings each scale value got,
 * and how many surveys went unanswered, got an invalid reply or a late one. Every figure a report
 * shows is computed from these counts alone, so a tally costs the same memory whether it holds ten
 * responses or ten million.
 *
 * <p>Tallies are immutable values and mergeable: {@link #merge(Tally)} adds counts, the
 * {@linkplain #empty(RatingScale) empty tally} is its identity, and merging is associative and
 * commutative, so tallies made per shard, per day or per node combine into the same result as one
 * tally over everything. Build one with {@link #builder(RatingScale)}, {@link #of(RatingScale,
 * Iterable)} or {@link #collector(RatingScale)}.
 *
 * <p>With {@code n} valid ratings, of which {@code s} satisfied and {@code d} dissatisfied as the
 * scale says:
 * <ul>
 *   <li>CSAT = s ÷ n × 100 (41 of 50 satisfied: 82.0);</li>
 *   <li>Net CSAT = (s − d) ÷ n × 100;</li>
 *   <li>mean = Σ value × count ÷ n;</li>
 *   <li>response rate = n ÷ surveys sent × 100;</li>
 *   <li>NPS, on a 0–10 scale = (ratings 9–10 − ratings 0–6) ÷ n × 100;</li>
 *   <li>CES share, on an effort scale = ratings above the scale's midpoint ÷ n × 100.</li>
 * </ul>
 * With no valid rating there is no data: those figures are empty, never 0 and never NaN.
 */
public final class Tally {

    private final RatingScale scale;
    private final long[] counts;
    private final long unanswered;
    private final long invalid;
    private final long late;
    private final long responses;

    private Tally(RatingScale scale, long[] counts, long unanswered, long invalid, long late) {
        this.scale = scale;
        this.counts = counts;
        this.unanswered = unanswered;
        this.invalid = invalid;
        this.late = late;
        long sum = 0;
        for (long c : counts) {
            sum = Math.addExact(sum, c);
        }
        this.responses = sum;
    }

    /**
     * @param scale the rating scale
     * @return the tally with no surveys at all, the identity of {@link #merge(Tally)}
     */
    public static Tally empty(RatingScale scale) {
        return new Tally(Objects.requireNonNull(scale, "scale"), new long[scale.size()], 0, 0, 0);
    }

    /**
     * @param scale the rating scale every counted score belongs to
     * @return an empty, mutable builder
     */
    public static Builder builder(RatingScale scale) {
        return new Builder(scale);
    }

    /**
     * Tallies responses.
     *
     * @param scale the rating scale of their scores
     * @param responses the responses
     * @return the tally
     * @throws InvalidDefinitionException when a rating is not a value of the scale
     */
    public static Tally of(RatingScale scale, Iterable<SurveyResponse> responses) {
        Builder builder = builder(scale);
        for (SurveyResponse r : responses) {
            builder.add(r);
        }
        return builder.build();
    }

    /**
     * A collector for streams: {@code responses.stream().collect(groupingBy(r -> r.agent(),
     * Tally.collector(scale)))}. It allocates nothing per response.
     *
     * @param scale the rating scale of the scores
     * @return the collector
     */
    public static Collector<SurveyResponse, Builder, Tally> collector(RatingScale scale) {
        Objects.requireNonNull(scale, "scale");
        return Collector.of(() -> new Builder(scale), Builder::add, Builder::add, Builder::build,
                Collector.Characteristics.UNORDERED);
    }

    /** @return the rating scale */
    public RatingScale scale() {
        return scale;
    }

    /** @return surveys sent: valid ratings plus unanswered, invalid and late */
    public long sent() {
        return responses + unanswered + invalid + late;
    }

    /** @return valid ratings */
    public long responses() {
        return responses;
    }

    /** @return surveys that got no reply */
    public long unanswered() {
        return unanswered;
    }

    /** @return replies that were not a rating */
    public long invalid() {
        return invalid;
    }

    /** @return replies that came after the survey closed */
    public long late() {
        return late;
    }

    /** @return whether there is at least one valid rating to compute figures from */
    public boolean hasData() {
        return responses > 0;
    }

    /** @return whether no survey at all was counted */
    public boolean isEmpty() {
        return sent() == 0;
    }

    /**
     * @param value a scale value
     * @return how many valid ratings it got; 0 for values not on the scale
     */
    public long count(int value) {
        int i = scale.indexOf(value);
        return i < 0 ? 0 : counts[i];
    }

    /** @return valid ratings the scale counts as satisfied */
    public long satisfied() {
        return countWhere(scale::isSatisfied);
    }

    /** @return valid ratings the scale counts as dissatisfied */
    public long dissatisfied() {
        return countWhere(scale::isDissatisfied);
    }

    /** The valid ratings whose value passes {@code test}. */
    private long countWhere(IntPredicate test) {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (test.test(scale.points().get(i).value())) {
                n += counts[i];
            }
        }
        return n;
    }

    /** @return every scale value, lowest first, with its count of valid ratings (zeros included) */
    public SortedMap<Integer, Long> distribution() {
        SortedMap<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            map.put(scale.points().get(i).value(), counts[i]);
        }
        return Collections.unmodifiableSortedMap(map);
    }

    /** @return CSAT, satisfied ÷ valid ratings × 100; empty with no data */
    public OptionalDouble csat() {
        return percent(satisfied(), responses);
    }

    /** @return Net CSAT, (satisfied − dissatisfied) ÷ valid ratings × 100; empty with no data */
    public OptionalDouble netCsat() {
        return percent(satisfied() - dissatisfied(), responses);
    }

    /** @return the mean rating; empty with no data */
    public OptionalDouble mean() {
        if (responses == 0) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += (double) scale.points().get(i).value() * counts[i];
        }
        return OptionalDouble.of(sum / responses);
    }

    /** @return valid ratings ÷ surveys sent × 100; empty when nothing was sent */
    public OptionalDouble responseRate() {
        return percent(responses, sent());
    }

    /** @return the 95 % Wilson score interval for CSAT; empty with no data */
    public Optional<Interval> csatInterval() {
        if (responses == 0) {
            return Optional.empty();
        }
        double[] ends = Stats.wilson(satisfied(), responses, Stats.Z95);
        return Optional.of(new Interval(ends[0], ends[1]));
    }

    /**
     * @param bands the thresholds
     * @return the band CSAT falls in; empty with no data
     */
    public Optional<Band> band(Bands bands) {
        return bands.classify(csat());
    }

    /**
     * @param scale a rating scale
     * @return whether NPS applies: the scale's values are exactly 0 to 10
     */
    public static boolean isNpsScale(RatingScale scale) {
        return scale.size() == 11 && scale.min() == 0 && scale.max() == 10;
    }

    /**
     * Net Promoter Score: (promoters, ratings 9–10, − detractors, ratings 0–6) ÷ valid ratings × 100.
     *
     * @return NPS between −100 and 100; empty with no data or when the scale is not 0–10
     */
    public OptionalDouble nps() {
        if (!isNpsScale(scale)) {
            return OptionalDouble.empty();
        }
        return percent(countWhere(v -> v >= 9) - countWhere(v -> v <= 6), responses);
    }

    /**
     * The Customer Effort Score share for an effort survey, whose scale runs from hard to easy
     * (or from disagree to agree with "it was easy"): ratings above the scale's midpoint ÷ valid
     * ratings × 100. On a 1–7 scale that is the share of 5, 6 and 7.
     *
     * @return the share; empty with no data
     */
    public OptionalDouble cesShare() {
        double midpoint = (scale.min() + scale.max()) / 2.0;
        return percent(countWhere(v -> v > midpoint), responses);
    }

    /**
     * Adds two tallies.
     *
     * @param other a tally of the same scale
     * @return a new tally with every count summed
     * @throws InvalidConfigurationException when the scales differ
     */
    public Tally merge(Tally other) {
        return builder(scale).add(other).add(this).build();
    }

    /** The counts of {@code this} less those of {@code part}, which it must contain. */
    Tally minus(Tally part) {
        long[] rest = new long[counts.length];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = counts[i] - part.counts[i];
        }
        return new Tally(scale, rest, unanswered - part.unanswered, invalid - part.invalid, late - part.late);
    }

    private static OptionalDouble percent(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * part / whole);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Tally other && scale.equals(other.scale) && Arrays.equals(counts, other.counts)
                && unanswered == other.unanswered && invalid == other.invalid && late == other.late;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scale.id(), Arrays.hashCode(counts), unanswered, invalid, late);
    }

    @Override
    public String toString() {
        return "Tally[" + scale.id() + " " + distribution() + ", unanswered " + unanswered + ", invalid "
                + invalid + ", late " + late + "]";
    }

    /**
     * Accumulates a {@link Tally}. Counting a response allocates nothing: counts live in a
     * primitive array indexed by the scale point. Not thread-safe; give each thread its own
     * builder and merge.
     */
    public static final class Builder {
        /** Outcome slots below zero; a slot of zero or more is a scale point index. */
        static final int UNANSWERED = -1;
        static final int INVALID = -2;
        static final int LATE = -3;

        private final RatingScale scale;
        private final long[] counts;
        private final int min;
        // value - min -> point index, or -1: one array read instead of a scan of the points.
        private final int[] indexByValue;
        private long unanswered;
        private long invalid;
        private long late;

        private Builder(RatingScale scale) {
            this.scale = Objects.requireNonNull(scale, "scale");
            this.counts = new long[scale.size()];
            this.min = scale.min();
            this.indexByValue = new int[scale.max() - min + 1];
            Arrays.fill(indexByValue, -1);
            for (int i = 0; i < scale.size(); i++) {
                indexByValue[scale.points().get(i).value() - min] = i;
            }
        }

        /**
         * Counts one response where its outcome says: a rating, unanswered, invalid or late.
         *
         * @param response the response
         * @return this builder
         * @throws InvalidDefinitionException when its rating is not a value of the scale
         */
        public Builder add(SurveyResponse response) {
            addSlot(slotOf(response));
            return this;
        }

        /** The outcome slot of a response: a point index, or UNANSWERED, INVALID or LATE. */
        int slotOf(SurveyResponse response) {
            if (response.invalid()) {
                return INVALID;
            }
            if (response.late()) {
                return LATE;
            }
            OptionalInt score = response.score();
            return score.isPresent() ? indexOf(score.getAsInt()) : UNANSWERED;
        }

        /** Counts one outcome found by {@link #slotOf}. */
        void addSlot(int slot) {
            if (slot >= 0) {
                counts[slot]++;
            } else if (slot == UNANSWERED) {
                unanswered++;
            } else if (slot == INVALID) {
                invalid++;
            } else {
                late++;
            }
        }

        /**
         * Where an outcome slot lives in a flat row of {@code points + 3} counts: the scale
         * points, then unanswered, invalid and late.
         */
        static int flatIndex(int slot, int points) {
            return slot >= 0 ? slot : points - 1 - slot;
        }

        /** Adds a row of counts in the layout of {@link #flatIndex}. */
        Builder addFlat(long[] row) {
            int n = counts.length;
            for (int k = 0; k < n; k++) {
                counts[k] = Math.addExact(counts[k], row[k]);
            }
            unanswered = Math.addExact(unanswered, row[n]);
            invalid = Math.addExact(invalid, row[n + 1]);
            late = Math.addExact(late, row[n + 2]);
            return this;
        }

        private int indexOf(int value) {
            int offset = value - min;
            int i = offset >= 0 && offset < indexByValue.length ? indexByValue[offset] : -1;
            if (i < 0) {
                throw new InvalidDefinitionException("survey response", Violation.of("score", value,
                        "must be a value of scale " + scale.id() + ", " + scale.min() + " to " + scale.max()));
            }
            return i;
        }

        /**
         * Counts one valid rating.
         *
         * @param value a scale value
         * @return this builder
         * @throws InvalidDefinitionException when the value is not on the scale
         */
        public Builder addRating(int value) {
            return addRatings(value, 1);
        }

        /**
         * Counts valid ratings of one value.
         *
         * @param value a scale value
         * @param count how many, not negative
         * @return this builder
         * @throws InvalidDefinitionException when the value is not on the scale or the count is negative
         */
        public Builder addRatings(int value, long count) {
            int i = indexOf(value);
            counts[i] = Math.addExact(counts[i], nonNegative("count", count));
            return this;
        }

        /**
         * @param count surveys that got no reply, not negative
         * @return this builder
         */
        public Builder addUnanswered(long count) {
            unanswered = Math.addExact(unanswered, nonNegative("unanswered", count));
            return this;
        }

        /**
         * @param count replies that were not a rating, not negative
         * @return this builder
         */
        public Builder addInvalid(long count) {
            invalid = Math.addExact(invalid, nonNegative("invalid", count));
            return this;
        }

        /**
         * @param count replies that came too late, not negative
         * @return this builder
         */
        public Builder addLate(long count) {
            late = Math.addExact(late, nonNegative("late", count));
            return this;
        }

        /**
         * Adds every count of a tally.
         *
         * @param tally a tally of the same scale
         * @return this builder
         * @throws InvalidConfigurationException when the scales differ
         */
        public Builder add(Tally tally) {
            return add(tally.scale, tally.counts, tally.unanswered, tally.invalid, tally.late);
        }

        /**
         * Adds every count of another builder, as a parallel stream's combiner does.
         *
         * @param other a builder of the same scale
         * @return this builder
         * @throws InvalidConfigurationException when the scales differ
         */
        public Builder add(Builder other) {
            return add(other.scale, other.counts, other.unanswered, other.invalid, other.late);
        }

        private Builder add(RatingScale otherScale, long[] otherCounts, long u, long i, long l) {
            if (!scale.equals(otherScale)) {
                throw new InvalidConfigurationException(Violation.of("scale", otherScale.id(),
                        "tallies of different scales cannot be merged; expected " + scale.id()));
            }
            for (int k = 0; k < counts.length; k++) {
                counts[k] = Math.addExact(counts[k], otherCounts[k]);
            }
            unanswered = Math.addExact(unanswered, u);
            invalid = Math.addExact(invalid, i);
            late = Math.addExact(late, l);
            return this;
        }

        /** @return an immutable tally of what was counted so far; the builder can go on */
        public Tally build() {
            return new Tally(scale, counts.clone(), unanswered, invalid, late);
        }

        private static long nonNegative(String field, long count) {
            if (count < 0) {
                throw new InvalidDefinitionException("tally", Violation.of(field, count, "must not be negative"));
            }
            return count;
        }
    }
}
