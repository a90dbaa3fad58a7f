package dev.csatkit.survey;

import dev.csatkit.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The audio stages of a keypad survey: a notice before the conversation ("this call may be
 * followed by a short survey"), the rating prompt after the agent hangs up, and the thank-you
 * after the rating. The host's phone system asks for the notice when it routes the call
 * ({@code SurveyEngine.noticeBeforeCall}) and plays it before anyone answers; a host that does
 * not finds it at the start of the plan sent after the call instead. Each is optional, but at least one is set or the thank-you switched off; when
 * the rating prompt is absent the message set's text prompt is spoken, and when the thank-you is
 * absent the message set's thank-you text is spoken, unless it is switched off
 * ({@link Builder#withoutThankYou()}): then the call ends after the last answer with nothing
 * played.
 *
 * @param notice played before the conversation, when the call is routed; first in the plan after
 *     the call when the host did not play it then
 * @param ratingPrompt played after the call, asking for the rating
 * @param thankYou played after the rating
 * @param thankYouPlayed whether a thank-you is played at all; false switches it off, and then
 *     {@code thankYou} is empty
 */
public record KeypadAudio(Optional<AudioStage> notice, Optional<AudioStage> ratingPrompt,
        Optional<AudioStage> thankYou, boolean thankYouPlayed) {

    /**
     * Validates that at least one stage is set.
     *
     * @throws dev.csatkit.InvalidDefinitionException when none is
     */
    public KeypadAudio {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(ratingPrompt, "ratingPrompt");
        Objects.requireNonNull(thankYou, "thankYou");
        Checks checks = Checks.of("keypad audio");
        checks.check(notice.isPresent() || ratingPrompt.isPresent() || thankYou.isPresent() || !thankYouPlayed, "",
                "no stage", "must have at least one of notice, ratingPrompt and thankYou, or the thank-you switched off");
        checks.check(thankYouPlayed || thankYou.isEmpty(), "thankYou", "set",
                "must be empty when the thank-you is switched off");
        checks.throwIfAny();
    }

    /**
     * Stages with the thank-you played: the message set's text when {@code thankYou} is empty.
     *
     * @param notice played before the conversation, when the call is routed
     * @param ratingPrompt played after the call, asking for the rating
     * @param thankYou played after the rating
     * @throws dev.csatkit.InvalidDefinitionException when no stage is set
     */
    public KeypadAudio(Optional<AudioStage> notice, Optional<AudioStage> ratingPrompt, Optional<AudioStage> thankYou) {
        this(notice, ratingPrompt, thankYou, true);
    }

    /**
     * @return a builder with no stage set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the stages that are set, by name ({@code notice}, {@code ratingPrompt},
     *     {@code thankYou}), in call order
     */
    public Map<String, AudioStage> stages() {
        Map<String, AudioStage> stages = new LinkedHashMap<>();
        notice.ifPresent(s -> stages.put("notice", s));
        ratingPrompt.ifPresent(s -> stages.put("ratingPrompt", s));
        thankYou.ifPresent(s -> stages.put("thankYou", s));
        return stages;
    }

    /** Builds {@link KeypadAudio}. */
    public static final class Builder {
        private Optional<AudioStage> notice = Optional.empty();
        private Optional<AudioStage> ratingPrompt = Optional.empty();
        private Optional<AudioStage> thankYou = Optional.empty();
        private boolean thankYouPlayed = true;

        private Builder() {
        }

        /**
         * @param stage what to play before the conversation, when the call is routed
         * @return this builder
         */
        public Builder notice(AudioStage stage) {
            notice = Optional.of(stage);
            return this;
        }

        /**
         * @param stage what to play when asking for the rating
         * @return this builder
         */
        public Builder ratingPrompt(AudioStage stage) {
            ratingPrompt = Optional.of(stage);
            return this;
        }

        /**
         * @param stage what to play after the rating
         * @return this builder
         */
        public Builder thankYou(AudioStage stage) {
            thankYou = Optional.of(stage);
            thankYouPlayed = true;
            return this;
        }

        /**
         * Switches the thank-you off: nothing is played after the last answer, not even the
         * message set's thank-you text.
         *
         * @return this builder
         */
        public Builder withoutThankYou() {
            thankYou = Optional.empty();
            thankYouPlayed = false;
            return this;
        }

        /**
         * @return the stages
         * @throws dev.csatkit.InvalidDefinitionException when no stage is set
         */
        public KeypadAudio build() {
            return new KeypadAudio(notice, ratingPrompt, thankYou, thankYouPlayed);
        }
    }
}
