package dev.csatkit.survey;

import java.util.Locale;
import java.util.Objects;

/**
 * The messages chosen for a contact's locale.
 *
 * @param locale the locale whose messages were chosen ({@code fr} for a contact in {@code fr-CA}
 *     when the survey has no {@code fr-CA} messages)
 * @param messages the messages
 * @param usedDefault whether the survey fell back to its default locale because it has no
 *     messages in the contact's language
 */
public record ResolvedMessages(Locale locale, MessageSet messages, boolean usedDefault) {

    /** Checks the components are present. */
    public ResolvedMessages {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(messages, "messages");
    }
}
