package dev.csatkit.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's own reading of the customer's mood at the end of an interaction (a call, a chat …),
 * on the mood scale of the survey profile it is routed to, whatever that survey's channel,
 * reported beside the customer's rating.
 *
 * @param interactionId the interaction
 * @param surveyId the survey definition the interaction was routed to
 * @param agent the agent who assessed
 * @param team the agent's team
 * @param scaleId the mood scale's id
 * @param value the value chosen on the mood scale
 * @param at when it was recorded
 */
public record MoodAssessment(String interactionId, String surveyId, String agent, Optional<String> team,
        String scaleId, int value, Instant at) {

    /** Checks that nothing is missing. */
    public MoodAssessment {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(scaleId, "scaleId");
        Objects.requireNonNull(at, "at");
    }
}
