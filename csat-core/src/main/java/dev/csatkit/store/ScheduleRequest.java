package dev.csatkit.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link SurveyStore#schedule} needs to schedule one survey in one atomic step.
 *
 * @param survey the survey to insert, at version 0; its {@link OpenSurvey#holds()} are the cap
 *     holds to take, and its {@link OpenSurvey#interactionId()} the interaction to claim
 * @param optOutKeys the opt-out keys that refuse the survey: the contact's, and each of its
 *     addresses' ({@link SurveyStore#contactKey}, {@link SurveyStore#addressKey})
 * @param now the current time
 * @param claimUntil until when the interaction's claim is kept, so replays are recognised
 */
public record ScheduleRequest(OpenSurvey survey, List<String> optOutKeys, Instant now, Instant claimUntil) {
    /** Checks that nothing is missing and copies the keys. */
    public ScheduleRequest {
        Objects.requireNonNull(survey, "survey");
        optOutKeys = List.copyOf(optOutKeys);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(claimUntil, "claimUntil");
        if (survey.version() != 0) {
            throw new IllegalArgumentException("a survey is scheduled at version 0, not " + survey.version());
        }
    }
}
