package dev.csatkit.reply;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.scale.KeypadEntry;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.ScalePoint;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads phone keys (DTMF) pressed after a rating prompt.
 *
 * <ul>
 *   <li>On a scale of single-digit values (1–9, 1–5), the first digit is the answer.</li>
 *   <li>On a scale with two-digit values (0–10), the caller keys the digits and ends with
 *       {@code #}; a value no longer value can start with ("2" on 0–10) ends at once, and the
 *       end of the answer window ends the entry like {@code #}.</li>
 *   <li>{@code *} asks to hear the prompt again.</li>
 *   <li>No key within the answer window (15 seconds unless set) is {@link KeypadReply.NoInput};
 *       keys after the window are not read.</li>
 *   <li>Anything else is {@link KeypadReply.InvalidKey}, with the keys as pressed.</li>
 * </ul>
 *
 * <p>Time is never waited for: key presses carry their time since the prompt ended, measured
 * from timestamps by the caller. Immutable and thread-safe; build one per scale and window.
 */
public final class KeypadParser {

    /** The answer window unless another is given: 15 seconds. */
    public static final Duration DEFAULT_ANSWER_WINDOW = Duration.ofSeconds(15);

    /** The longest answer window accepted. */
    public static final Duration MAX_ANSWER_WINDOW = Duration.ofMinutes(5);

    private final RatingScale scale;
    private final Duration window;
    private final Set<String> values = new HashSet<>();
    private final Set<String> openPrefixes = new HashSet<>();
    private final int maxKeys;
    private final String range;

    private KeypadParser(RatingScale scale, Duration window) {
        this.scale = scale;
        this.window = window;
        int longest = 1;
        for (ScalePoint p : scale.points()) {
            String digits = Integer.toString(p.value());
            values.add(digits);
            longest = Math.max(longest, digits.length());
            for (int k = 1; k < digits.length(); k++) {
                openPrefixes.add(digits.substring(0, k));
            }
        }
        maxKeys = longest + 1;
        range = scale.keypadEntry() == KeypadEntry.DIGITS_THEN_HASH
                ? scale.min() + " to " + scale.max() + ", then #" : scale.min() + " to " + scale.max();
    }

    /**
     * The parser for a scale with the default 15-second answer window.
     *
     * @param scale a scale answerable on a keypad
     * @return the parser
     * @throws InvalidConfigurationException when the scale has negative values
     */
    public static KeypadParser forScale(RatingScale scale) {
        return forScale(scale, DEFAULT_ANSWER_WINDOW);
    }

    /**
     * The parser for a scale and answer window.
     *
     * @param scale a scale answerable on a keypad
     * @param answerWindow how long after the prompt a caller may answer; more than 0, at most
     *     {@link #MAX_ANSWER_WINDOW}
     * @return the parser
     * @throws InvalidConfigurationException naming the scale or window that cannot work
     */
    public static KeypadParser forScale(RatingScale scale, Duration answerWindow) {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(answerWindow, "answerWindow");
        if (!scale.isKeypadAnswerable()) {
            throw new InvalidConfigurationException(Violation.of("scale", scale.id(),
                    "cannot be answered on a phone keypad: it has negative values"));
        }
        if (answerWindow.isNegative() || answerWindow.isZero() || answerWindow.compareTo(MAX_ANSWER_WINDOW) > 0) {
            throw new InvalidConfigurationException(Violation.of("answerWindow", answerWindow,
                    "must be more than 0 and at most " + MAX_ANSWER_WINDOW));
        }
        return new KeypadParser(scale, answerWindow);
    }

    /** @return the scale this parser reads */
    public RatingScale scale() {
        return scale;
    }

    /** @return how long after the prompt a caller may answer */
    public Duration answerWindow() {
        return window;
    }

    /**
     * Reads the keys pressed within the answer window.
     *
     * @param keys the keys in the order pressed, one character each; empty when none was
     *     pressed in time
     * @return the outcome; never throws
     */
    public KeypadReply parse(CharSequence keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.length() == 0) {
            return new KeypadReply.NoInput(window);
        }
        StringBuilder pressed = new StringBuilder(maxKeys + 1);
        int digits = 0;
        for (int i = 0; i < keys.length(); i++) {
            char c = keys.charAt(i);
            pressed.append(c);
            if (c == '*') {
                return new KeypadReply.Repeat();
            }
            if (c >= '0' && c <= '9') {
                digits++;
                String sofar = pressed.toString();
                if (!openPrefixes.contains(sofar)) {
                    return finish(sofar, sofar);
                }
            } else if (c == '#') {
                if (digits == 0) {
                    return new KeypadReply.InvalidKey(pressed.toString(), "# was pressed before any digit");
                }
                return finish(pressed.substring(0, digits), pressed.toString());
            } else {
                return new KeypadReply.InvalidKey(pressed.toString(), isDtmf(c)
                        ? c + " is not a rating key; the scale is " + range
                        : "a character that is not a phone key");
            }
        }
        // The window closed while digits were pending: it ends the entry as # would.
        return finish(pressed.toString(), pressed.toString());
    }

    /**
     * Reads timed key presses. Presses later than the answer window after the prompt are not
     * read.
     *
     * @param presses the presses, in the order they happened
     * @return the outcome; never throws
     */
    public KeypadReply parse(List<KeyPress> presses) {
        Objects.requireNonNull(presses, "presses");
        StringBuilder keys = new StringBuilder(maxKeys);
        for (KeyPress press : presses) {
            if (press.after().compareTo(window) <= 0) {
                keys.append(press.key());
                if (keys.length() >= maxKeys) {
                    break; // any longer sequence is decided by its first maxKeys keys
                }
            }
        }
        return parse(keys);
    }

    /**
     * Whether the keys so far could still become a value, so an IVR should keep listening
     * until {@code #} or the end of the window ("1" on a 0–10 scale).
     *
     * @param keysSoFar the keys pressed so far
     * @return whether more keys are expected
     */
    public boolean needsMoreKeys(CharSequence keysSoFar) {
        Objects.requireNonNull(keysSoFar, "keysSoFar");
        return keysSoFar.length() == 0 || openPrefixes.contains(keysSoFar.toString());
    }

    private KeypadReply finish(String digits, String pressed) {
        if (values.contains(digits)) {
            return new KeypadReply.KeypadRating(Integer.parseInt(digits), pressed);
        }
        return new KeypadReply.InvalidKey(pressed, digits + " is not on the scale " + scale.id() + " (" + range + ")");
    }

    private static boolean isDtmf(char c) {
        return c >= 'A' && c <= 'D' || c >= 'a' && c <= 'd';
    }

    @Override
    public String toString() {
        return "KeypadParser[" + scale.id() + ", window " + window + "]";
    }
}
