package dev.csatkit.policy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.time.Duration;
import java.util.Objects;

/**
 * At most one survey per contact within a window: counted per survey, or across every survey
 * the engine runs.
 *
 * @param window how long after a survey the contact is not surveyed again, 1 minute to 366 days
 * @param scope whether the window counts this survey only or all surveys
 */
public record FrequencyCap(Duration window, Scope scope) {

    /** The shortest window. */
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    /** The longest window. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);

    /** What a frequency cap counts. */
    public enum Scope {
        /** Only surveys of the same definition. */
        PER_SURVEY,
        /** Surveys of every definition. */
        ALL_SURVEYS
    }

    /** Validates the window. */
    public FrequencyCap {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(scope, "scope");
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidConfigurationException(Violation.of("frequencyCap.window", window,
                    "must be between 1 minute and 366 days"));
        }
    }

    /**
     * @param window the window
     * @return a cap on this survey only
     */
    public static FrequencyCap perSurvey(Duration window) {
        return new FrequencyCap(window, Scope.PER_SURVEY);
    }

    /**
     * @param window the window
     * @return a cap across every survey
     */
    public static FrequencyCap acrossSurveys(Duration window) {
        return new FrequencyCap(window, Scope.ALL_SURVEYS);
    }

    /**
     * The key under which reservations for this cap are kept.
     *
     * @param contactKey the contact's key (its id, or the address surveyed)
     * @param surveyId the survey's id
     * @return the reservation key
     */
    public String reservationKey(String contactKey, String surveyId) {
        return scope == Scope.PER_SURVEY ? surveyId + '\u0000' + contactKey : "*\u0000" + contactKey;
    }
}
