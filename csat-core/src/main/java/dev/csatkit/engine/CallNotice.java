package dev.csatkit.engine;

import dev.csatkit.channels.spi.AudioStage;
import java.util.Locale;
import java.util.Objects;

/**
 * The notice a caller hears before the conversation ("this call may be followed by a short
 * survey"), as {@link SurveyEngine#noticeBeforeCall} finds it for a routed call: the host's phone
 * system plays it, then marks the finished call with
 * {@link Interaction.Builder#noticePlayedBeforeCall()} so that the survey after the call does not
 * play it again.
 *
 * @param surveyId the survey that would follow the call
 * @param channelId the keypad channel it would be played on
 * @param locale the language of the notice: the caller's, or the survey's fallback language
 * @param stage what to play, phase {@link AudioStage.Phase#ANNOUNCEMENT}: a recording's reference
 *     as configured, or the text to speak with its placeholders filled in
 * @param spoken whether {@code stage} is text for speech synthesis rather than a recording
 */
public record CallNotice(String surveyId, String channelId, Locale locale, AudioStage stage, boolean spoken) {

    /** Checks that nothing is missing. */
    public CallNotice {
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(stage, "stage");
    }
}
