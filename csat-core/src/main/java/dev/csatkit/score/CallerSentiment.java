package dev.csatkit.score;

import dev.csatkit.scale.RatingScale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The caller's sentiment, as Talkdesk builds it: a composite of the customer's rating, the agent's
 * assessment of the caller's mood, the wait and the caller's open tickets, per interaction and
 * averaged per caller, entry point, team, centre, region or any other text {@link Dimension}.
 * {@link SentimentSpec} says how the inputs are normalised and weighed; a missing input is
 * re-weighted over the inputs present.
 *
 * <p>One composite per interaction: the response of its survey's primary question, the mood the
 * agent recorded for it, and the wait and open tickets the host reported on it. A group's
 * sentiment is the plain mean of its interactions' composites; interactions with no input at all
 * are counted but not averaged.
 *
 * @param spec how the composite was made
 * @param interactions one composite per response of a primary question, in the order given
 */
public record CallerSentiment(SentimentSpec spec, List<InteractionSentiment> interactions) {

    /** Checks that nothing is missing and copies the list. */
    public CallerSentiment {
        Objects.requireNonNull(spec, "spec");
        interactions = List.copyOf(interactions);
    }

    /**
     * Works the sentiment out.
     *
     * @param spec the weights and normalisation
     * @param responses survey responses; those of further questions are left out
     * @param moods the agent's mood value per interaction id, such as from
     *     {@code SurveyEngine.moods()}
     * @return a composite per interaction
     */
    public static CallerSentiment of(SentimentSpec spec, Collection<SurveyResponse> responses,
            Map<String, Integer> moods) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(moods, "moods");
        List<InteractionSentiment> out = new ArrayList<>(responses.size());
        for (SurveyResponse r : responses) {
            if (r.primary()) {
                out.add(InteractionSentiment.of(spec, r, moods.get(r.interactionId())));
            }
        }
        return new CallerSentiment(spec, out);
    }

    /**
     * Averages the composites per value of a dimension: {@link Dimension#CONTACT} per caller,
     * {@link Dimension#BRAND} per centre, {@link Dimension#REGION}, {@link Dimension#TEAM},
     * {@link Dimension#ENTRY_POINT} and the others. Interactions without a value fall in
     * {@value Dimension#NONE}.
     *
     * @param dimension a text dimension: not {@link Dimension#PERIOD} or {@link Dimension#QUESTION}
     * @return one group per value, sorted by value
     * @throws IllegalArgumentException for {@code PERIOD} or {@code QUESTION}
     */
    public List<Group> by(Dimension dimension) {
        Objects.requireNonNull(dimension, "dimension");
        if (dimension == Dimension.PERIOD || dimension == Dimension.QUESTION) {
            throw new IllegalArgumentException("dimension = " + dimension.key()
                    + ": caller sentiment groups by a text dimension of the interaction, not by period or question");
        }
        Map<String, double[]> sums = new TreeMap<>();
        for (InteractionSentiment s : interactions) {
            double[] sum = sums.computeIfAbsent(valueOf(dimension, s.response()), k -> new double[3]);
            sum[0]++;
            if (s.score().isPresent()) {
                sum[1]++;
                sum[2] += s.score().getAsDouble();
            }
        }
        List<Group> groups = new ArrayList<>(sums.size());
        sums.forEach((value, sum) -> groups.add(new Group(value, (long) sum[0], (long) sum[1],
                sum[1] == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum[2] / sum[1]))));
        return List.copyOf(groups);
    }

    /** @return the mean composite over every interaction that has one */
    public OptionalDouble overall() {
        return interactions.stream().filter(s -> s.score().isPresent()).mapToDouble(s -> s.score().getAsDouble())
                .average();
    }

    private static String valueOf(Dimension d, SurveyResponse r) {
        if (d == Dimension.QUESTION) {
            throw new IllegalArgumentException("not a text dimension: " + d);
        }
        return r.segment(d);
    }

    /**
     * The sentiment of one group.
     *
     * @param value the dimension's value, or {@value Dimension#NONE}
     * @param interactions how many interactions fall in it
     * @param scored how many of them had at least one input
     * @param mean the mean composite of those, 0–100; empty when none had
     */
    public record Group(String value, long interactions, long scored, OptionalDouble mean) {

        /** Checks that nothing is missing. */
        public Group {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(mean, "mean");
        }
    }

    /**
     * The sentiment of one interaction, with each part from 0 (worst) to 1 (best) where its input
     * was present.
     *
     * @param response the response it was worked out from, which carries the grouping values
     * @param csat the rating's part
     * @param mood the agent's mood assessment's part
     * @param waiting the wait's part
     * @param tickets the open tickets' part
     * @param score the composite, 0–100; empty when no input was present or the inputs present
     *     all weigh 0
     */
    public record InteractionSentiment(SurveyResponse response, OptionalDouble csat, OptionalDouble mood,
            OptionalDouble waiting, OptionalDouble tickets, OptionalDouble score) {

        /** Checks that nothing is missing. */
        public InteractionSentiment {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(csat, "csat");
            Objects.requireNonNull(mood, "mood");
            Objects.requireNonNull(waiting, "waiting");
            Objects.requireNonNull(tickets, "tickets");
            Objects.requireNonNull(score, "score");
        }

        static InteractionSentiment of(SentimentSpec spec, SurveyResponse r, @Nullable Integer moodValue) {
            OptionalDouble csat = r.isRating() ? OptionalDouble.of(onScale(spec.csatScale(), r.score().getAsInt()))
                    : OptionalDouble.empty();
            OptionalDouble mood = moodValue == null ? OptionalDouble.empty()
                    : OptionalDouble.of(onScale(spec.moodScale(), moodValue));
            OptionalDouble wait = r.waitTime().isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(1 - Math.min(seconds(r.waitTime().get()) / seconds(spec.waitCeiling()), 1));
            OptionalDouble tickets = r.openTickets().isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(1 - Math.min((double) r.openTickets().getAsInt() / spec.ticketCeiling(), 1));
            double weighed = 0;
            double weights = 0;
            double[] parts = {value(csat), value(mood), value(wait), value(tickets)};
            double[] w = {spec.csatWeight(), spec.moodWeight(), spec.waitWeight(), spec.ticketWeight()};
            for (int i = 0; i < parts.length; i++) {
                if (!Double.isNaN(parts[i])) {
                    weighed += w[i] * parts[i];
                    weights += w[i];
                }
            }
            // Clamped: rounding must never carry a composite past its range.
            OptionalDouble score = weights > 0
                    ? OptionalDouble.of(Math.max(0, Math.min(100, 100 * weighed / weights)))
                    : OptionalDouble.empty();
            return new InteractionSentiment(r, csat, mood, wait, tickets, score);
        }

        private static double value(OptionalDouble d) {
            return d.isPresent() ? d.getAsDouble() : Double.NaN;
        }

        private static double seconds(Duration d) {
            return d.getSeconds() + d.getNano() / 1e9;
        }

        /** Where a value lies on a scale, 0 at its lowest point and 1 at its highest; clamped. */
        private static double onScale(RatingScale scale, int value) {
            int span = scale.max() - scale.min();
            if (span <= 0) {
                return 1;
            }
            return Math.max(0, Math.min(1, (double) (value - scale.min()) / span));
        }
    }
}
