package dev.csatkit.internal.score;

import dev.csatkit.score.Report;
import dev.csatkit.score.SurveyResponse;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lets a reader that counts without building a {@link SurveyResponse} per row (the CSV report
 * reader) hand its counts to a {@link Report.Accumulator}, so the report is computed by the same
 * code as {@code Report.of}. The accumulator registers its side when {@link Report} is loaded;
 * the public API stays responses-only.
 */
public final class ReportFeed {

    /** What an accumulator takes besides responses. */
    public interface Access {
        /**
         * Adds counts already tallied for one segment.
         *
         * @param accumulator the accumulator
         * @param values the segment's value per text dimension, in the spec's order
         * @param period the period ordinal, when the spec groups by period
         * @param counts the scale points' counts, then unanswered, invalid and late
         */
        void addCounts(Report.Accumulator accumulator, List<String> values, long period, long[] counts);

        /**
         * Adds counts of one of the surveys' further questions, tallied for one segment.
         *
         * @param accumulator the accumulator
         * @param question the question's id, not the primary question's
         * @param values the segment's value per text dimension, in the spec's order
         * @param period the period ordinal, when the spec groups by period
         * @param counts the question's scale points' counts, then unanswered, invalid and late
         */
        void addQuestionCounts(Report.Accumulator accumulator, String question, List<String> values, long period,
                long[] counts);

        /**
         * Offers low-score responses chosen from a larger set.
         *
         * @param accumulator the accumulator
         * @param newest the newest low-score responses, at least as many as the list keeps
         * @param seen how many low-score responses there were in all
         */
        void addLowScores(Report.Accumulator accumulator, List<SurveyResponse> newest, long seen);
    }

    private static volatile @Nullable Access access;

    private ReportFeed() {
    }

    /**
     * Called once by {@link Report}'s initialiser.
     *
     * @param side the accumulator's side
     */
    public static void register(Access side) {
        access = Objects.requireNonNull(side, "side");
    }

    /** @return the accumulator's side */
    public static Access access() {
        Access a = access;
        if (a == null) {
            // Loading Report runs its initialiser, which registers.
            Report.accumulator(dev.csatkit.score.ReportSpec.builder(dev.csatkit.scale.RatingScales.thumbs()).build());
            a = Objects.requireNonNull(access, "Report did not register its feed");
        }
        return a;
    }
}
