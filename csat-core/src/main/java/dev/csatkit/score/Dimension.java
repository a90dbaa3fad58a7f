package dev.csatkit.score;

import java.util.Locale;
import java.util.Optional;

/**
 * What a report can group responses by. Responses without a value for a dimension fall in the
 * segment {@value #NONE}.
 */
public enum Dimension {
    /** The agent who handled the interaction. */
    AGENT,
    /** The agent's team. */
    TEAM,
    /** The channel the survey went out on. */
    CHANNEL,
    /** Where the customer came in, such as the phone number called. */
    ENTRY_POINT,
    /** The survey definition. */
    SURVEY,
    /** The survey's language, as a BCP 47 tag. */
    LOCALE,
    /** The case type or tag of the interaction. */
    CASE_TYPE,
    /**
     * The survey question, by id: each segment counts one question on its own scale, compared
     * with the rest of the same question. The overall figures stay the primary question's.
     */
    QUESTION,
    /** The contact, by its pseudonymous key ({@link SurveyResponse#contactKey()}): one segment per caller. */
    CONTACT,
    /** The contact's region, as the host set it. */
    REGION,
    /** The brand or workspace the interaction belonged to. */
    BRAND,
    /** The calendar period the survey was sent in, as the report's {@link Period} and zone say. */
    PERIOD;

    /** The segment value for responses that have no value for a dimension. */
    public static final String NONE = "(none)";

    /** @return the name used in exports and on the command line: {@code agent}, {@code entry_point} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks a dimension up by its key; {@code entry-point} and upper case are accepted too.
     *
     * @param key a key such as {@code agent} or {@code case_type}
     * @return the dimension, or empty when there is none by that name
     */
    public static Optional<Dimension> byKey(String key) {
        String normal = key.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Dimension d : values()) {
            if (d.name().equals(normal)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
