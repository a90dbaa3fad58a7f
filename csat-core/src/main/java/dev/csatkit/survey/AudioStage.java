package dev.csatkit.survey;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.internal.Checks;
import java.util.Objects;

/**
 * What a keypad survey plays at one stage of the call: a recorded clip or text for speech
 * synthesis.
 */
public sealed interface AudioStage permits AudioStage.Clip, AudioStage.Speech {

    /** The largest audio file accepted: 2 MiB. */
    long MAX_AUDIO_BYTES = 2L * 1024 * 1024;

    /** The longest resource reference, in characters. */
    int MAX_RESOURCE_LENGTH = 1024;

    /** The longest speech text, in characters. */
    int MAX_SPEECH_LENGTH = 1000;

    /**
     * A recorded clip, referenced by a name, path or URI that the host's telephony platform
     * resolves. The format follows from the extension ({@code .mp3} or {@code .wav}).
     *
     * @param resource the reference, such as {@code prompts/rate-us.wav}
     * @param format the clip's format
     */
    record Clip(String resource, AudioFormat format) implements AudioStage {

        /**
         * Validates the reference and that its extension matches the format.
         *
         * @throws InvalidDefinitionException naming the broken rule
         */
        public Clip {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(format, "format");
            Checks checks = Checks.of("audio clip");
            if (checks.check(!resource.isBlank(), "audio", resource, "must not be blank")
                    && checks.check(resource.length() <= MAX_RESOURCE_LENGTH, "audio", resource,
                            "must be at most " + MAX_RESOURCE_LENGTH + " characters")
                    && checks.check(resource.chars().noneMatch(Character::isISOControl), "audio", resource,
                            "must not contain control characters")) {
                checks.check(AudioFormat.fromResource(resource).filter(format::equals).isPresent(), "audio",
                        resource, "must end in ." + format.extension() + " for a " + format + " clip");
            }
            checks.throwIfAny();
        }

        /**
         * A clip referenced by name; the format comes from the extension.
         *
         * @param resource a reference ending in {@code .mp3} or {@code .wav}
         * @return the clip
         * @throws InvalidDefinitionException when the extension is neither
         */
        public static Clip of(String resource) {
            Objects.requireNonNull(resource, "resource");
            AudioFormat format = AudioFormat.fromResource(resource).orElseThrow(() -> new InvalidDefinitionException(
                    "audio clip", Violation.of("audio", resource, "must be an .mp3 or .wav file")));
            return new Clip(resource, format);
        }

        /**
         * A clip whose content is at hand: checks that the bytes really are MP3 or WAV, match
         * the extension, and are at most 2 MiB.
         *
         * @param resource a reference ending in {@code .mp3} or {@code .wav}
         * @param content the file's bytes
         * @return the clip
         * @throws InvalidDefinitionException naming each broken rule
         */
        public static Clip of(String resource, byte[] content) {
            Clip clip = of(resource);
            Checks checks = Checks.of("audio clip");
            checks.check(content.length > 0, "audio", resource, "the file is empty");
            checks.check(content.length <= MAX_AUDIO_BYTES, "audio", resource,
                    "must be at most " + MAX_AUDIO_BYTES + " bytes (2 MiB), was " + content.length);
            if (content.length > 0) {
                String sniffed = AudioFormat.sniff(content).map(Enum::name).orElse("neither MP3 nor WAV");
                checks.check(sniffed.equals(clip.format().name()), "audio", resource,
                        "content must be " + clip.format() + " as its extension says, but it is " + sniffed);
            }
            checks.throwIfAny();
            return clip;
        }
    }

    /**
     * Text the telephony platform speaks with speech synthesis; it may use placeholders.
     *
     * @param text the text
     */
    record Speech(MessageTemplate text) implements AudioStage {

        /**
         * Validates the text: not blank, at most {@value AudioStage#MAX_SPEECH_LENGTH} characters.
         *
         * @throws InvalidDefinitionException naming the broken rule
         */
        public Speech {
            Objects.requireNonNull(text, "text");
            Checks checks = Checks.of("speech stage");
            if (checks.check(!text.isBlank(), "speech", text.source(), "must not be blank")) {
                checks.check(text.source().length() <= MAX_SPEECH_LENGTH, "speech", text.source(),
                        "must be at most " + MAX_SPEECH_LENGTH + " characters");
            }
            checks.throwIfAny();
        }

        /**
         * @param text the text to speak, a template
         * @return the stage
         * @throws InvalidDefinitionException when the text is blank, too long or not a valid template
         */
        public static Speech of(String text) {
            Checks checks = Checks.of("speech stage");
            MessageTemplate[] parsed = new MessageTemplate[1];
            checks.nested("speech", () -> parsed[0] = MessageTemplate.of(text));
            checks.throwIfAny();
            return new Speech(parsed[0]);
        }
    }
}
