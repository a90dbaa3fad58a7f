package dev.csatkit.survey;

import dev.csatkit.internal.json.SurveyCodec;

/**
 * Survey definitions as JSON, for hosts that keep them in a database or edit them in a form.
 *
 * <p>What {@link #toJson} writes, {@link #fromJson} reads back equal. Reading is strict: an
 * unknown field, a missing required field, a value of the wrong type or a broken rule fails
 * with an {@link dev.csatkit.InvalidDefinitionException} whose violations name the JSON path
 * ({@code $.messages.fr.prompt}). Every problem in the document is reported at once.
 *
 * <pre>{@code
 * {
 *   "id": "post-call-sms",
 *   "name": "After your call",
 *   "scale": "five",                       // a preset id, or a full scale object
 *   "channels": ["SMS"],
 *   "defaultLocale": "en",
 *   "onMissingLanguage": "USE_DEFAULT",    // optional; or SKIP
 *   "keypadAnswerWindow": "PT15S",         // optional, ISO-8601
 *   "customPlaceholders": [],              // optional
 *   "messages": {
 *     "en": { "prompt": "...", "confirmation": "...", "invalidReply": "...", "thankYou": "...",
 *             "optOutInstructions": "...", "followUp": "...", "reminder": "...",
 *             "keypad": { "ratingPrompt": { "audio": "rate.wav" }, "thankYou": { "speech": "..." } } }
 *                                        // "thankYou": false switches the thank-you off
 *   },
 *   "moreQuestions": [                     // optional: asked after the primary question, in order
 *     { "id": "effort", "scale": "five", "skippable": true,
 *       "messages": { "en": { "prompt": "...", "invalidReply": "...",        // invalidReply optional
 *                             "keypadPrompt": { "speech": "..." } } } }      // optional
 *   ]
 * }
 * }</pre>
 *
 * <p>A one-question survey is written without {@code moreQuestions}, exactly as before surveys
 * had several questions, and such documents read as one-question surveys.
 */
public final class SurveyJson {

    /** The largest document {@link #fromJson} accepts, in characters. */
    public static final int MAX_JSON_LENGTH = SurveyCodec.MAX_JSON_LENGTH;

    private SurveyJson() {
    }

    /**
     * Writes a definition as indented JSON. Preset scales are written by id.
     *
     * @param definition the definition
     * @return the JSON text
     */
    public static String toJson(SurveyDefinition definition) {
        return SurveyCodec.write(definition);
    }

    /**
     * Reads a definition.
     *
     * @param json the JSON text
     * @return the definition
     * @throws dev.csatkit.InvalidDefinitionException listing every problem with its JSON path
     */
    public static SurveyDefinition fromJson(String json) {
        return SurveyCodec.read(json);
    }
}
