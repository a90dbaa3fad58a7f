package dev.csatkit.survey;

/**
 * What a survey does for a contact whose language it has no messages in.
 */
public enum MissingLanguage {
    /** Send the survey in its default language. */
    USE_DEFAULT,
    /** Do not survey the contact. */
    SKIP
}
