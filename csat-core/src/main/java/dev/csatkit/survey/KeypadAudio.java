package dev.csatkit.survey;

import dev.csatkit.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The audio stages of a keypad survey: a notice before the call is connected ("this call may
 * be followed by a short survey"), the rating prompt after the agent hangs up, and the thank-you
 * after the rating. Each is optional, but at least one is set; when the rating prompt is absent
 * the message set's text prompt is spoken.
 *
 * @param notice played before the call is connected
 * @param ratingPrompt played after the call, asking for the rating
 * @param thankYou played after the rating
 */
public record KeypadAudio(Optional<AudioStage> notice, Optional<AudioStage> ratingPrompt,
        Optional<AudioStage> thankYou) {

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
        checks.check(notice.isPresent() || ratingPrompt.isPresent() || thankYou.isPresent(), "", "no stage",
                "must have at least one of notice, ratingPrompt and thankYou");
        checks.throwIfAny();
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

        private Builder() {
        }

        /**
         * @param stage what to play before the call is connected
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
            return this;
        }

        /**
         * @return the stages
         * @throws dev.csatkit.InvalidDefinitionException when no stage is set
         */
        public KeypadAudio build() {
            return new KeypadAudio(notice, ratingPrompt, thankYou);
        }
    }
}
