package dev.csatkit.scale;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An ordered list of points a customer picks from, and which of them count as satisfied and as
 * dissatisfied.
 *
 * <p>Rules, checked when the scale is built:
 * <ul>
 *   <li>2 to {@value #MAX_POINTS} points with unique values in ascending order;</li>
 *   <li>polarity never goes back down along the scale;</li>
 *   <li>at least one satisfied point; the satisfied points are the top of the scale and the
 *       dissatisfied points its bottom, and no point is both;</li>
 *   <li>no satisfied point is negative and no dissatisfied point is positive.</li>
 * </ul>
 *
 * <p>When satisfied and dissatisfied points are not given, the usual top-box rule applies, and
 * its mirror for the bottom: the top 1 of 2–3 points, the top 2 of 4–7, the top 3 of 8–11.
 *
 * <p>Instances are immutable and thread-safe; two scales are equal when their ids, points and
 * satisfied and dissatisfied values are equal.
 */
public final class RatingScale {

    /** The smallest value a point may have. */
    public static final int MIN_VALUE = -100;
    /** The largest value a point may have. */
    public static final int MAX_VALUE = 100;
    /** The fewest points a scale may have. */
    public static final int MIN_POINTS = 2;
    /** The most points a scale may have. */
    public static final int MAX_POINTS = 11;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String id;
    private final List<ScalePoint> points;
    private final SortedSet<Integer> satisfied;
    private final SortedSet<Integer> dissatisfied;
    private final KeypadEntry keypadEntry;

    private RatingScale(String id, List<ScalePoint> points, SortedSet<Integer> satisfied,
            SortedSet<Integer> dissatisfied) {
        this.id = id;
        this.points = List.copyOf(points);
        this.satisfied = Collections.unmodifiableSortedSet(new TreeSet<>(satisfied));
        this.dissatisfied = Collections.unmodifiableSortedSet(new TreeSet<>(dissatisfied));
        this.keypadEntry = keypadEntryOf(points);
    }

    /**
     * Starts a custom scale.
     *
     * @param id a short identifier: 1–64 letters, digits, {@code .}, {@code _} or {@code -},
     *     starting with a letter or digit
     * @return a builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * The number of top points that count as satisfied under the top-box rule, and of bottom
     * points that count as dissatisfied under its mirror.
     *
     * @param pointCount the number of points on the scale, 2–11
     * @return 1, 2 or 3
     * @throws IllegalArgumentException when the count is outside 2–11
     */
    public static int topBoxSize(int pointCount) {
        if (pointCount < MIN_POINTS || pointCount > MAX_POINTS) {
            throw new IllegalArgumentException("pointCount = " + pointCount + ": must be between "
                    + MIN_POINTS + " and " + MAX_POINTS);
        }
        return pointCount <= 3 ? 1 : pointCount <= 7 ? 2 : 3;
    }

    /** @return the scale's identifier */
    public String id() {
        return id;
    }

    /** @return the points, lowest value first */
    public List<ScalePoint> points() {
        return points;
    }

    /** @return the number of points */
    public int size() {
        return points.size();
    }

    /** @return the lowest value */
    public int min() {
        return points.get(0).value();
    }

    /** @return the highest value */
    public int max() {
        return points.get(points.size() - 1).value();
    }

    /** @return the lowest point */
    public ScalePoint first() {
        return points.get(0);
    }

    /** @return the highest point */
    public ScalePoint last() {
        return points.get(points.size() - 1);
    }

    /**
     * @param value a candidate rating
     * @return whether the scale has a point with that value
     */
    public boolean contains(int value) {
        return indexOf(value) >= 0;
    }

    /**
     * @param value a rating
     * @return the point with that value, or empty when the scale has none
     */
    public Optional<ScalePoint> point(int value) {
        int i = indexOf(value);
        return i < 0 ? Optional.empty() : Optional.of(points.get(i));
    }

    /**
     * @param value a rating
     * @return whether it counts as satisfied; {@code false} for values not on the scale
     */
    public boolean isSatisfied(int value) {
        return satisfied.contains(value);
    }

    /**
     * @param value a rating
     * @return whether it counts as dissatisfied; {@code false} for values not on the scale
     */
    public boolean isDissatisfied(int value) {
        return dissatisfied.contains(value);
    }

    /** @return the values that count as satisfied, ascending */
    public SortedSet<Integer> satisfiedValues() {
        return satisfied;
    }

    /** @return the values that count as dissatisfied, ascending; may be empty */
    public SortedSet<Integer> dissatisfiedValues() {
        return dissatisfied;
    }

    /** @return how the scale is answered on a phone keypad */
    public KeypadEntry keypadEntry() {
        return keypadEntry;
    }

    /** @return whether a caller can answer this scale with the phone keypad */
    public boolean isKeypadAnswerable() {
        return keypadEntry != KeypadEntry.NOT_ANSWERABLE;
    }

    /**
     * @param value a rating
     * @return the position of the point with that value, or -1
     */
    public int indexOf(int value) {
        // At most 11 points: a linear scan beats a map and allocates nothing.
        for (int i = 0; i < points.size(); i++) {
            int v = points.get(i).value();
            if (v == value) {
                return i;
            }
            if (v > value) {
                return -1;
            }
        }
        return -1;
    }

    private static KeypadEntry keypadEntryOf(List<ScalePoint> points) {
        KeypadEntry entry = KeypadEntry.SINGLE_KEY;
        for (ScalePoint p : points) {
            if (p.value() < 0) {
                return KeypadEntry.NOT_ANSWERABLE;
            }
            if (p.value() > 9) {
                entry = KeypadEntry.DIGITS_THEN_HASH;
            }
        }
        return entry;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RatingScale other
                && id.equals(other.id)
                && points.equals(other.points)
                && satisfied.equals(other.satisfied)
                && dissatisfied.equals(other.dissatisfied);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, points, satisfied, dissatisfied);
    }

    @Override
    public String toString() {
        return "RatingScale[" + id + ": " + min() + ".." + max() + ", " + size() + " points, satisfied "
                + satisfied + ", dissatisfied " + dissatisfied + "]";
    }

    /**
     * Builds a custom {@link RatingScale}. Not thread-safe; use one builder per scale.
     */
    public static final class Builder {
        private final String id;
        private final List<ScalePoint> points = new ArrayList<>();
        private @Nullable SortedSet<Integer> satisfied;
        private @Nullable SortedSet<Integer> dissatisfied;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * Appends a point; points are given lowest value first.
         *
         * @param point the point
         * @return this builder
         */
        public Builder point(ScalePoint point) {
            points.add(Objects.requireNonNull(point, "point"));
            return this;
        }

        /**
         * Appends points.
         *
         * @param points the points, lowest value first
         * @return this builder
         */
        public Builder points(List<ScalePoint> points) {
            points.forEach(this::point);
            return this;
        }

        /**
         * Appends unlabelled points for every value from {@code from} to {@code to}, with the
         * polarity the top-box rule gives them (satisfied points positive, dissatisfied points
         * negative, the rest neutral).
         *
         * @param from the lowest value
         * @param to the highest value
         * @return this builder
         */
        public Builder numeric(int from, int to) {
            int count = to - from + 1;
            if (from > to || count < MIN_POINTS || count > MAX_POINTS) {
                throw new InvalidDefinitionException("rating scale", Violation.of(
                        "points", from + ".." + to, "must span " + MIN_POINTS + " to " + MAX_POINTS + " values"));
            }
            int box = topBoxSize(count);
            for (int v = from; v <= to; v++) {
                Polarity polarity = v > to - box ? Polarity.POSITIVE : v < from + box ? Polarity.NEGATIVE : Polarity.NEUTRAL;
                point(ScalePoint.of(v, polarity));
            }
            return this;
        }

        /**
         * Says which values count as satisfied, instead of the top-box rule.
         *
         * @param values the satisfied values; the top of the scale
         * @return this builder
         */
        public Builder satisfied(int... values) {
            satisfied = toSet(values);
            return this;
        }

        /**
         * Says which values count as dissatisfied, instead of the mirrored top-box rule. An
         * empty list is allowed: a scale may have no dissatisfied point.
         *
         * @param values the dissatisfied values; the bottom of the scale
         * @return this builder
         */
        public Builder dissatisfied(int... values) {
            dissatisfied = toSet(values);
            return this;
        }

        /**
         * Validates and builds the scale.
         *
         * @return the scale
         * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
         */
        public RatingScale build() {
            Checks checks = Checks.of("rating scale");
            checks.check(ID.matcher(id).matches(), "id", id,
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            int n = points.size();
            if (!checks.check(n >= MIN_POINTS && n <= MAX_POINTS, "points", n + " points",
                    "must have " + MIN_POINTS + " to " + MAX_POINTS + " points")) {
                checks.throwIfAny();
            }
            for (int i = 1; i < n; i++) {
                int previous = points.get(i - 1).value();
                int current = points.get(i).value();
                if (current <= previous) {
                    checks.add("points[" + i + "].value", current, current == previous
                            ? "values must be unique; " + current + " appears twice"
                            : "values must ascend; " + current + " follows " + previous);
                }
                Polarity before = points.get(i - 1).polarity();
                Polarity now = points.get(i).polarity();
                checks.check(now.compareTo(before) >= 0, "points[" + i + "].polarity", now,
                        "polarity must never go back down along the scale; it follows " + before);
            }
            checks.throwIfAny();

            int box = topBoxSize(n);
            SortedSet<Integer> sat = satisfied != null ? satisfied : topValues(box);
            SortedSet<Integer> dis = dissatisfied != null ? dissatisfied : bottomValues(box);
            checks.check(!sat.isEmpty(), "satisfied", sat, "must name at least one satisfied value");
            checkBox(checks, "satisfied", sat, true);
            checkBox(checks, "dissatisfied", dis, false);
            for (int v : sat) {
                if (dis.contains(v)) {
                    checks.add("dissatisfied", dis, "value " + v + " cannot be both satisfied and dissatisfied");
                }
            }
            for (int i = 0; i < n; i++) {
                ScalePoint p = points.get(i);
                if (sat.contains(p.value())) {
                    checks.check(p.polarity() != Polarity.NEGATIVE, "points[" + i + "].polarity", p.polarity(),
                            "a satisfied point cannot be negative");
                }
                if (dis.contains(p.value())) {
                    checks.check(p.polarity() != Polarity.POSITIVE, "points[" + i + "].polarity", p.polarity(),
                            "a dissatisfied point cannot be positive");
                }
            }
            checks.throwIfAny();
            return new RatingScale(id, points, sat, dis);
        }

        private void checkBox(Checks checks, String field, SortedSet<Integer> box, boolean top) {
            int n = points.size();
            boolean allOnScale = true;
            for (int v : box) {
                boolean onScale = points.stream().anyMatch(p -> p.value() == v);
                allOnScale &= checks.check(onScale, field, box, "value " + v + " is not on the scale");
            }
            if (!allOnScale) {
                return;
            }
            // A box must be contiguous from its end of the scale: no unsatisfied point above a satisfied one.
            int expected = box.size();
            SortedSet<Integer> end = top ? topValues(Math.min(expected, n)) : bottomValues(Math.min(expected, n));
            if (!box.isEmpty() && expected <= n && !end.equals(box)) {
                checks.add(field, box, top ? "must be the top " + expected + " value(s) of the scale, " + end
                        : "must be the bottom " + expected + " value(s) of the scale, " + end);
            }
        }

        private SortedSet<Integer> topValues(int count) {
            SortedSet<Integer> set = new TreeSet<>();
            for (int i = points.size() - count; i < points.size(); i++) {
                set.add(points.get(i).value());
            }
            return set;
        }

        private SortedSet<Integer> bottomValues(int count) {
            SortedSet<Integer> set = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                set.add(points.get(i).value());
            }
            return set;
        }

        private static SortedSet<Integer> toSet(int[] values) {
            SortedSet<Integer> set = new TreeSet<>();
            Arrays.stream(values).forEach(set::add);
            return set;
        }
    }
}
