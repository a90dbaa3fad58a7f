package dev.csatkit.scale;

/**
 * How a scale is answered on a phone keypad, a property of its values.
 */
public enum KeypadEntry {
    /** Every value is a single key from 0 to 9: one key press answers. */
    SINGLE_KEY,
    /** Some value has more than one digit: the caller keys the digits and ends with {@code #}. */
    DIGITS_THEN_HASH,
    /** Some value is negative, so the scale cannot be answered on a keypad. */
    NOT_ANSWERABLE
}
