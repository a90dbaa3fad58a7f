package dev.csatkit.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's request to survey one interaction now, or at a given time, with a named profile:
 * {@link SurveyEngine#requestSurvey}.
 *
 * <pre>{@code
 * engine.requestSurvey(SurveyRequest.of(chat, "after-chat"));
 * engine.requestSurvey(SurveyRequest.of(call, "after-call").at(tomorrowMorning).overridingFrequencyCap());
 * }</pre>
 *
 * @param interaction the interaction to survey
 * @param profileId the id of the profile whose survey, channel and messages to use: its survey's
 *     id. When the survey goes on several channels, the profile whose route follows the
 *     interaction is used, else the first, in routing order, that can reach the contact
 * @param sendAt when to send; empty for now (either way moved out of quiet hours)
 * @param overrideFrequencyCap whether to survey even inside the contact's frequency-cap window
 */
public record SurveyRequest(Interaction interaction, String profileId, Optional<Instant> sendAt,
        boolean overrideFrequencyCap) {

    /** Checks that nothing is missing. */
    public SurveyRequest {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(sendAt, "sendAt");
    }

    /**
     * @param interaction the interaction to survey
     * @param profileId the profile to survey it with
     * @return a request to send now, within the frequency cap
     */
    public static SurveyRequest of(Interaction interaction, String profileId) {
        return new SurveyRequest(interaction, profileId, Optional.empty(), false);
    }

    /**
     * @param when when to send
     * @return this request, sent at {@code when} instead of now
     */
    public SurveyRequest at(Instant when) {
        return new SurveyRequest(interaction, profileId, Optional.of(when), overrideFrequencyCap);
    }

    /** @return this request, sent even inside the contact's frequency-cap window */
    public SurveyRequest overridingFrequencyCap() {
        return new SurveyRequest(interaction, profileId, sendAt, true);
    }
}
