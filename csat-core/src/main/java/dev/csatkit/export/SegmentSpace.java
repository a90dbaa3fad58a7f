package dev.csatkit.export;

import dev.csatkit.score.Dimension;
import dev.csatkit.score.ReportSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Numbers the dimension values and segments every reading thread shares, so that counts made
 * by different threads line up by segment number and a duplicate found by one thread can be
 * taken back from a segment another thread counted. Threads cache what they look up here;
 * this is only asked about values and segments a thread has not seen.
 */
final class SegmentSpace {

    private final int textDimensions;
    private final boolean byPeriod;
    // Grouping by one text dimension, the common case: a segment is its value's number.
    private final boolean valueIsSegment;
    private final Map<String, Integer> valueIds = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private final Map<Key, Integer> segmentIds = new HashMap<>();
    private final List<Key> segments = new ArrayList<>();

    /** A segment: its values' numbers and its period. */
    record Key(int[] values, long period) {
        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Key k && period == k.period && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + Long.hashCode(period);
        }

        @Override
        public String toString() {
            return Arrays.toString(values) + "@" + period;
        }
    }

    SegmentSpace(ReportSpec spec) {
        this.textDimensions = (int) spec.dimensions().stream().filter(d -> d != Dimension.PERIOD).count();
        this.byPeriod = spec.dimensions().contains(Dimension.PERIOD);
        this.valueIsSegment = textDimensions == 1 && !byPeriod;
        if (textDimensions == 0 && !byPeriod) {
            segmentIds.put(new Key(new int[0], 0), 0);
            segments.add(new Key(new int[0], 0));
        }
    }

    /** @return whether a segment's number is its one value's number */
    boolean valueIsSegment() {
        return valueIsSegment;
    }

    /** @return whether every row falls in segment 0: no dimensions */
    boolean single() {
        return textDimensions == 0 && !byPeriod;
    }

    /** @return the number of a dimension value */
    synchronized int valueId(String value) {
        Integer id = valueIds.get(value);
        if (id == null) {
            id = values.size();
            valueIds.put(value, id);
            values.add(value);
        }
        return id;
    }

    /** @return the number of the segment of these value numbers and period */
    synchronized int segmentId(int[] valueNumbers, long period) {
        if (valueIsSegment) {
            return valueNumbers[0];
        }
        Key key = new Key(valueNumbers.clone(), byPeriod ? period : 0);
        Integer id = segmentIds.get(key);
        if (id == null) {
            id = segments.size();
            segmentIds.put(key, id);
            segments.add(key);
        }
        return id;
    }

    /** @return how many segments there are */
    synchronized int size() {
        return valueIsSegment ? values.size() : segments.size();
    }

    /** @return a segment's values, one per text dimension in the spec's order */
    synchronized List<String> values(int segment) {
        if (valueIsSegment) {
            return List.of(values.get(segment));
        }
        List<String> out = new ArrayList<>(textDimensions);
        for (int v : segments.get(segment).values()) {
            out.add(values.get(v));
        }
        return out;
    }

    /** @return a segment's period ordinal; 0 without a period */
    synchronized long period(int segment) {
        return valueIsSegment ? 0 : segments.get(segment).period();
    }

    // Segments of rows of further questions, numbered apart: their counts are on other scales.
    private final Map<QuestionKey, Integer> questionSegmentIds = new HashMap<>();
    private final List<QuestionKey> questionSegments = new ArrayList<>();

    /** A segment of one further question: the question, its values' numbers and its period. */
    private record QuestionKey(String question, Key key) {
    }

    /** @return the number of the segment of a further question's rows with these values and period */
    synchronized int questionSegmentId(String question, int[] valueNumbers, long period) {
        QuestionKey key = new QuestionKey(question, new Key(valueNumbers.clone(), byPeriod ? period : 0));
        Integer id = questionSegmentIds.get(key);
        if (id == null) {
            id = questionSegments.size();
            questionSegmentIds.put(key, id);
            questionSegments.add(key);
        }
        return id;
    }

    /** @return how many segments of further questions there are */
    synchronized int questionSegments() {
        return questionSegments.size();
    }

    /** @return the question of a further question's segment */
    synchronized String question(int questionSegment) {
        return questionSegments.get(questionSegment).question();
    }

    /** @return the values of a further question's segment, one per text dimension in the spec's order */
    synchronized List<String> questionValues(int questionSegment) {
        List<String> out = new ArrayList<>(textDimensions);
        for (int v : questionSegments.get(questionSegment).key().values()) {
            out.add(values.get(v));
        }
        return out;
    }

    /** @return the period ordinal of a further question's segment; 0 without a period */
    synchronized long questionPeriod(int questionSegment) {
        return questionSegments.get(questionSegment).key().period();
    }
}
