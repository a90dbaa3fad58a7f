package dev.csatkit.channels.spi;

import java.time.Duration;

/**
 * One key pressed on a phone keypad during a keypad survey.
 *
 * @param key the DTMF symbol: {@code 0}–{@code 9}, {@code *}, {@code #} or {@code A}–{@code D};
 *     a key outside the survey's key map is still reported, so that invalid keys can be counted
 * @param at when it was pressed, measured from the moment the answer window opened; never
 *     negative
 */
public record KeyPress(char key, Duration at) {

    /** The symbols a DTMF keypad can send. */
    public static final String DTMF_SYMBOLS = "0123456789*#ABCD";

    /**
     * @throws IllegalArgumentException when the key is not a DTMF symbol or the time is negative
     */
    public KeyPress {
        if (DTMF_SYMBOLS.indexOf(key) < 0) {
            throw Require.invalid("key", key, "must be one of the DTMF symbols " + DTMF_SYMBOLS);
        }
        Require.present("at", at);
        if (at.isNegative()) {
            throw Require.invalid("at", at, "must not be negative");
        }
    }
}
