package dev.csatkit.score;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Report} computes: the scale, the dimensions to group by, the calendar period and
 * zone, the minimum sample for comparisons, the bands, the low-score list and the praise beside it.
 *
 * @param scale the rating scale of every counted score
 * @param dimensions the grouping dimensions in key order, each at most once; empty for the
 *     overall figures only
 * @param period the calendar period, present exactly when {@link Dimension#PERIOD} is a dimension
 * @param zone the time zone whose calendar defines periods
 * @param minimumSample the fewest valid ratings a segment, and the rest of its group, need to be
 *     compared and ranked; at least 1
 * @param bands the thresholds for good, fair and poor
 * @param lowScoreThreshold ratings at or below this value are listed for review; empty for no list
 * @param lowScoreLimit the most low-score responses listed, the newest kept; at least 1
 * @param praiseLimit the most satisfied ratings with a comment listed beside the low scores, for
 *     coaching, the newest kept; 0 for no such list
 * @param questionScales the scales of the surveys' further questions by question id; a further
 *     question not named here is read on {@code scale}. The primary question is always on
 *     {@code scale}, and the low-score list, the praise and the overall figures are its alone
 */
public record ReportSpec(RatingScale scale, List<Dimension> dimensions, Optional<Period> period, ZoneId zone,
        int minimumSample, Bands bands, OptionalInt lowScoreThreshold, int lowScoreLimit, int praiseLimit,
        Map<String, RatingScale> questionScales) {

    /** The default minimum sample: 30 valid ratings, the usual rule of thumb for a normal test. */
    public static final int DEFAULT_MINIMUM_SAMPLE = 30;
    /** The default length of the low-score list. */
    public static final int DEFAULT_LOW_SCORE_LIMIT = 1_000;

    /**
     * Validates the spec.
     *
     * @throws InvalidConfigurationException naming every broken rule
     */
    public ReportSpec {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(bands, "bands");
        Objects.requireNonNull(lowScoreThreshold, "lowScoreThreshold");
        dimensions = List.copyOf(dimensions);
        questionScales = Collections.unmodifiableMap(new TreeMap<>(questionScales));
        List<Violation> found = new ArrayList<>();
        questionScales.forEach((id, s) -> {
            Objects.requireNonNull(s, "question scale");
            if (!Question.isId(id)) {
                found.add(Violation.of("questionScales", id,
                        "must be 1-32 lower-case letters, digits, '_' or '-', starting with a letter"));
            } else if (Question.PRIMARY_ID.equals(id)) {
                found.add(Violation.of("questionScales", id, "is the primary question, always on the report's scale "
                        + scale.id()));
            }
        });
        if (dimensions.stream().distinct().count() != dimensions.size()) {
            found.add(Violation.of("dimensions", dimensions.toString(), "each dimension may appear only once"));
        }
        if (dimensions.contains(Dimension.PERIOD) && period.isEmpty()) {
            found.add(Violation.of("period", null, "must be set (day, week or month) when grouping by period"));
        }
        if (!dimensions.contains(Dimension.PERIOD) && period.isPresent()) {
            found.add(Violation.of("period", period.get().key(), "is set but period is not a grouping dimension"));
        }
        if (minimumSample < 1) {
            found.add(Violation.of("minimumSample", minimumSample, "must be at least 1"));
        }
        if (lowScoreLimit < 1) {
            found.add(Violation.of("lowScoreLimit", lowScoreLimit, "must be at least 1"));
        }
        if (praiseLimit < 0) {
            found.add(Violation.of("praiseLimit", praiseLimit, "must not be negative (0 lists no praise)"));
        }
        if (lowScoreThreshold.isPresent() && (lowScoreThreshold.getAsInt() < scale.min()
                || lowScoreThreshold.getAsInt() >= scale.max())) {
            found.add(Violation.of("lowScoreThreshold", lowScoreThreshold.getAsInt(),
                    "must be from " + scale.min() + " to " + (scale.max() - 1) + " on scale " + scale.id()));
        }
        if (!found.isEmpty()) {
            throw new InvalidConfigurationException(found);
        }
    }

    /**
     * A spec for surveys of one question, as it was before surveys had several questions.
     *
     * @param scale the rating scale of every counted score
     * @param dimensions the grouping dimensions in key order
     * @param period the calendar period, present exactly when grouping by period
     * @param zone the time zone whose calendar defines periods
     * @param minimumSample the fewest valid ratings for a comparison
     * @param bands the thresholds for good, fair and poor
     * @param lowScoreThreshold ratings at or below this value are listed; empty for no list
     * @param lowScoreLimit the most low-score responses listed
     * @param praiseLimit the most satisfied ratings with a comment listed; 0 for no such list
     * @throws InvalidConfigurationException naming every broken rule
     */
    public ReportSpec(RatingScale scale, List<Dimension> dimensions, Optional<Period> period, ZoneId zone,
            int minimumSample, Bands bands, OptionalInt lowScoreThreshold, int lowScoreLimit, int praiseLimit) {
        this(scale, dimensions, period, zone, minimumSample, bands, lowScoreThreshold, lowScoreLimit, praiseLimit,
                Map.of());
    }

    /**
     * @param question a question's id
     * @return the scale its ratings are read on: its own when the spec names one, else the report's
     */
    public RatingScale scaleOf(String question) {
        return questionScales.getOrDefault(question, scale);
    }

    /**
     * Starts a spec: overall figures only, UTC, minimum sample {@value #DEFAULT_MINIMUM_SAMPLE},
     * default bands, no low-score list.
     *
     * @param scale the rating scale
     * @return a builder
     */
    public static Builder builder(RatingScale scale) {
        return new Builder(scale);
    }

    /**
     * Builds a {@link ReportSpec}. Not thread-safe.
     */
    public static final class Builder {
        private final RatingScale scale;
        private final List<Dimension> dimensions = new ArrayList<>();
        private @Nullable Period period;
        private ZoneId zone = ZoneOffset.UTC;
        private int minimumSample = DEFAULT_MINIMUM_SAMPLE;
        private Bands bands = Bands.DEFAULT;
        private OptionalInt lowScoreThreshold = OptionalInt.empty();
        private int lowScoreLimit = DEFAULT_LOW_SCORE_LIMIT;
        private final Map<String, RatingScale> questionScales = new TreeMap<>();
        private final List<Violation> conflicts = new ArrayList<>();
        private int praiseLimit;

        private Builder(RatingScale scale) {
            this.scale = Objects.requireNonNull(scale, "scale");
        }

        /**
         * Adds grouping dimensions, in key order.
         *
         * @param dimensions the dimensions
         * @return this builder
         */
        public Builder by(Dimension... dimensions) {
            return by(List.of(dimensions));
        }

        /**
         * Adds grouping dimensions, in key order.
         *
         * @param dimensions the dimensions
         * @return this builder
         */
        public Builder by(List<Dimension> dimensions) {
            this.dimensions.addAll(dimensions);
            return this;
        }

        /**
         * Groups by calendar period. {@link Dimension#PERIOD} is appended to the dimensions
         * unless already there, and the report gets a trend.
         *
         * @param period day, week or month
         * @return this builder
         */
        public Builder period(Period period) {
            this.period = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * @param zone the time zone whose calendar defines periods; UTC by default
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * @param minimumSample the fewest valid ratings for a comparison; at least 1
         * @return this builder
         */
        public Builder minimumSample(int minimumSample) {
            this.minimumSample = minimumSample;
            return this;
        }

        /**
         * @param bands the good, fair and poor thresholds
         * @return this builder
         */
        public Builder bands(Bands bands) {
            this.bands = Objects.requireNonNull(bands, "bands");
            return this;
        }

        /**
         * Lists ratings at or below a value, for review and coaching.
         *
         * @param threshold the highest listed rating, below the scale's top
         * @return this builder
         */
        public Builder lowScores(int threshold) {
            this.lowScoreThreshold = OptionalInt.of(threshold);
            return this;
        }

        /**
         * @param limit the most low-score responses to keep, the newest first; at least 1
         * @return this builder
         */
        public Builder lowScoreLimit(int limit) {
            this.lowScoreLimit = limit;
            return this;
        }

        /**
         * Names the scale of one of the surveys' further questions.
         *
         * @param question the question's id
         * @param questionScale its scale
         * @return this builder
         */
        public Builder question(String question, RatingScale questionScale) {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(questionScale, "scale");
            RatingScale before = questionScales.putIfAbsent(question, questionScale);
            if (before != null && !before.equals(questionScale)) {
                conflicts.add(Violation.of("questionScales", question, "is given two scales, " + before.id() + " and "
                        + questionScale.id() + "; a question is reported on one"));
            }
            return this;
        }

        /**
         * Names the scales of a survey's further questions.
         *
         * @param survey a survey definition
         * @return this builder
         */
        public Builder questions(SurveyDefinition survey) {
            survey.moreQuestions().forEach(q -> question(q.id(), q.scale()));
            return this;
        }

        /**
         * Lists, beside the low scores, the newest satisfied ratings that came with a comment:
         * what coaching needs as well as the complaints.
         *
         * @param limit the most to keep, the newest first; at least 1 to list them (0, the
         *     default, lists none)
         * @return this builder
         */
        public Builder praise(int limit) {
            this.praiseLimit = limit;
            return this;
        }

        /**
         * Validates and builds the spec.
         *
         * @return the spec
         * @throws InvalidConfigurationException naming every broken rule
         */
        public ReportSpec build() {
            List<Dimension> dims = new ArrayList<>(dimensions);
            if (period != null && !dims.contains(Dimension.PERIOD)) {
                dims.add(Dimension.PERIOD);
            }
            if (!conflicts.isEmpty()) {
                throw new InvalidConfigurationException(conflicts);
            }
            return new ReportSpec(scale, dims, Optional.ofNullable(period), zone, minimumSample, bands,
                    lowScoreThreshold, lowScoreLimit, praiseLimit, questionScales);
        }
    }
}
