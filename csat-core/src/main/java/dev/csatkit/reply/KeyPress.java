package dev.csatkit.reply;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One phone key pressed, and when.
 *
 * @param key the key: {@code 0}–{@code 9}, {@code *}, {@code #}, {@code A}–{@code D}, or
 *     whatever the telephony platform reported
 * @param after the time from the end of the rating prompt to the press; negative when the
 *     caller pressed during the prompt, which counts
 */
public record KeyPress(char key, Duration after) {

    /** Checks the time is present. */
    public KeyPress {
        Objects.requireNonNull(after, "after");
    }

    /**
     * A key press from two timestamps.
     *
     * @param key the key
     * @param promptEnded when the rating prompt finished playing
     * @param pressedAt when the key was pressed
     * @return the key press
     */
    public static KeyPress at(char key, Instant promptEnded, Instant pressedAt) {
        return new KeyPress(key, Duration.between(promptEnded, pressedAt));
    }
}
