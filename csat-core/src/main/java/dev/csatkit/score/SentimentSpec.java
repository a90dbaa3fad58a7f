package dev.csatkit.score;

import dev.csatkit.internal.Checks;
import dev.csatkit.scale.RatingScale;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link CallerSentiment} weighs and normalises its four inputs. Each input becomes a part
 * from 0 (worst) to 1 (best):
 * <ul>
 *   <li>CSAT: {@code (score - min) / (max - min)} on the survey's scale;</li>
 *   <li>mood: {@code (mood - min) / (max - min)} on the mood scale;</li>
 *   <li>wait: {@code 1 - min(wait / waitCeiling, 1)}: no wait is 1, the ceiling or longer 0;</li>
 *   <li>open tickets: {@code 1 - min(tickets / ticketCeiling, 1)}.</li>
 * </ul>
 * Values off a scale are clamped to it. The composite is
 * {@code 100 × Σ weight × part / Σ weight}, both sums over the inputs present only: a missing
 * input is re-weighted over the others, and an interaction with none has no sentiment.
 *
 * @param csatScale the survey's rating scale, higher being better
 * @param moodScale the agent's mood scale, higher being better
 * @param csatWeight the weight of the customer's rating; default 0.5
 * @param moodWeight the weight of the agent's mood assessment; default 0.2
 * @param waitWeight the weight of the wait time; default 0.15
 * @param ticketWeight the weight of the open tickets; default 0.15
 * @param waitCeiling the wait at or past which the wait part is 0; default 10 minutes
 * @param ticketCeiling the open tickets at or past which that part is 0; default 5
 */
public record SentimentSpec(RatingScale csatScale, RatingScale moodScale, double csatWeight, double moodWeight,
        double waitWeight, double ticketWeight, Duration waitCeiling, int ticketCeiling) {

    /** The largest weight accepted. */
    public static final double MAX_WEIGHT = 1_000;

    /**
     * Validates the spec.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public SentimentSpec {
        Objects.requireNonNull(csatScale, "csatScale");
        Objects.requireNonNull(moodScale, "moodScale");
        Objects.requireNonNull(waitCeiling, "waitCeiling");
        Checks checks = Checks.of("sentiment spec");
        weight(checks, "csatWeight", csatWeight);
        weight(checks, "moodWeight", moodWeight);
        weight(checks, "waitWeight", waitWeight);
        weight(checks, "ticketWeight", ticketWeight);
        checks.check(csatWeight + moodWeight + waitWeight + ticketWeight > 0, "weights",
                csatWeight + "/" + moodWeight + "/" + waitWeight + "/" + ticketWeight, "at least one must be above 0");
        checks.check(waitCeiling.compareTo(Duration.ofSeconds(1)) >= 0, "waitCeiling", waitCeiling,
                "must be at least 1 second");
        checks.check(ticketCeiling >= 1, "ticketCeiling", ticketCeiling, "must be at least 1");
        checks.throwIfAny();
    }

    private static void weight(Checks checks, String field, double value) {
        checks.check(Double.isFinite(value) && value >= 0 && value <= MAX_WEIGHT, field, value,
                "must be a number from 0 to " + (int) MAX_WEIGHT);
    }

    /**
     * @param csatScale the survey's rating scale
     * @param moodScale the agent's mood scale
     * @return a builder with the default weights and ceilings
     */
    public static Builder builder(RatingScale csatScale, RatingScale moodScale) {
        return new Builder(csatScale, moodScale);
    }

    /** Builds a {@link SentimentSpec}. Not thread-safe. */
    public static final class Builder {
        private final RatingScale csatScale;
        private final RatingScale moodScale;
        private double csatWeight = 0.5;
        private double moodWeight = 0.2;
        private double waitWeight = 0.15;
        private double ticketWeight = 0.15;
        private Duration waitCeiling = Duration.ofMinutes(10);
        private int ticketCeiling = 5;

        private Builder(RatingScale csatScale, RatingScale moodScale) {
            this.csatScale = Objects.requireNonNull(csatScale, "csatScale");
            this.moodScale = Objects.requireNonNull(moodScale, "moodScale");
        }

        /**
         * @param csat the weight of the rating
         * @param mood the weight of the mood assessment
         * @param wait the weight of the wait time
         * @param tickets the weight of the open tickets
         * @return this builder
         */
        public Builder weights(double csat, double mood, double wait, double tickets) {
            csatWeight = csat;
            moodWeight = mood;
            waitWeight = wait;
            ticketWeight = tickets;
            return this;
        }

        /** @param value the wait at or past which the wait part is 0 @return this builder */
        public Builder waitCeiling(Duration value) {
            waitCeiling = Objects.requireNonNull(value, "waitCeiling");
            return this;
        }

        /** @param value the open tickets at or past which that part is 0 @return this builder */
        public Builder ticketCeiling(int value) {
            ticketCeiling = value;
            return this;
        }

        /**
         * @return the spec
         * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
         */
        public SentimentSpec build() {
            return new SentimentSpec(csatScale, moodScale, csatWeight, moodWeight, waitWeight, ticketWeight,
                    waitCeiling, ticketCeiling);
        }
    }
}
