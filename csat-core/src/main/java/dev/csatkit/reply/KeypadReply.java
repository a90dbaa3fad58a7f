package dev.csatkit.reply;

import java.time.Duration;
import java.util.Objects;

/**
 * What a caller keyed after the rating prompt. Callers switch over the four outcomes:
 * {@link KeypadRating}, {@link Repeat}, {@link NoInput} and {@link InvalidKey}.
 */
public sealed interface KeypadReply {

    /**
     * A value of the scale.
     *
     * @param value the scale value
     * @param keys the keys that gave it, as pressed ("7", "10#")
     */
    record KeypadRating(int value, String keys) implements KeypadReply {

        /** Checks the keys are present. */
        public KeypadRating {
            Objects.requireNonNull(keys, "keys");
        }
    }

    /** The caller pressed {@code *} to hear the prompt again. */
    record Repeat() implements KeypadReply {
    }

    /**
     * No key within the answer window.
     *
     * @param window the answer window that passed
     */
    record NoInput(Duration window) implements KeypadReply {

        /** Checks the window is present. */
        public NoInput {
            Objects.requireNonNull(window, "window");
        }
    }

    /**
     * Keys that are no value of the scale. Kept as pressed, so that reports can show what
     * callers chose even when it was not on the scale.
     *
     * @param pressed the keys, as pressed, up to and including the one that made them invalid
     * @param detail what was wrong, for people
     */
    record InvalidKey(String pressed, String detail) implements KeypadReply {

        /** Checks the components are present. */
        public InvalidKey {
            Objects.requireNonNull(pressed, "pressed");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
