package dev.csatkit.channels.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks personal data for log lines, error messages and {@code toString}, and escapes what would
 * break a log line or drive a terminal.
 *
 * <ul>
 *   <li>Phone numbers keep the {@code +}, the country calling code and the last two digits, with
 *       a fixed {@value #GAP} between: {@code +442079460958} and {@code +4420794609581} both
 *       become {@code +44***58}. A mask tells neither the number's length nor any other digit,
 *       so about 10<sup>8</sup> numbers share each mask of a UK mobile.</li>
 *   <li>Email addresses keep the first character of each side and the top-level domain:
 *       {@code j***@e***.com}.</li>
 *   <li>Other addresses (a chat platform's user id) keep at most two characters:
 *       {@code U0***}.</li>
 *   <li>Names and comments keep nothing, not even their length: {@value #HIDDEN}.</li>
 * </ul>
 *
 * <p>Every method escapes control characters, line and paragraph separators, bidirectional
 * overrides and unpaired surrogates in what it returns ({@link #escape}), so that text from
 * outside can never start a new log line or send an escape sequence to a terminal.
 */
public final class Masking {

    /** What a name or a comment is shown as: nothing of it, not even its length. */
    public static final String HIDDEN = "«masked»";

    /** What stands for the hidden part of an address, whatever its length. */
    public static final String GAP = "***";

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d \\u00A0().-]{5,}\\d");
    private static final int PHONE_MIN_DIGITS = 6;
    // In free text a shorter run of digits is more likely a code or a time than a phone number.
    private static final int TEXT_PHONE_MIN_DIGITS = 7;
    // A mask shows the last two digits only when at least this many stay hidden.
    private static final int MIN_HIDDEN_DIGITS = 5;

    // Country calling codes of one and two digits (ITU-T E.164 assignments); all others have three.
    private static final String ONE_DIGIT_CODES = "17";
    private static final java.util.Set<String> TWO_DIGIT_CODES = java.util.Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48",
            "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private Masking() {
    }

    /**
     * Masks an address of any kind: an email address, a phone number or a platform id.
     *
     * @param address the address, possibly {@code null}
     * @return the masked form
     */
    public static String address(@Nullable String address) {
        if (address == null) {
            return "(none)";
        }
        String a = address.strip();
        if (a.indexOf('@') > 0) {
            return email(a);
        }
        if (countDigits(a) >= PHONE_MIN_DIGITS && a.chars().allMatch(c -> isPhoneChar((char) c))) {
            return phone(a);
        }
        int keep = Math.min(2, a.codePointCount(0, a.length()) / 3);
        return escape(a.substring(0, a.offsetByCodePoints(0, keep))) + GAP;
    }

    /**
     * @param number a phone number in any format
     * @return {@code +}, the country calling code and the last two digits when the number starts
     *     with {@code +}; the last two digits alone when it does not; {@value #GAP} between
     */
    public static String phone(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.length() < PHONE_MIN_DIGITS) {
            return GAP;
        }
        boolean international = number.strip().startsWith("+");
        String code = international ? callingCode(digits) : "";
        String prefix = international ? "+" + code : "";
        if (digits.length() - code.length() - 2 < MIN_HIDDEN_DIGITS) {
            return prefix + GAP;
        }
        return prefix + GAP + digits.substring(digits.length() - 2);
    }

    /**
     * The country calling code a number in international form starts with.
     *
     * @param digits the digits after the {@code +}
     * @return its first one, two or three digits, as E.164 assigns them
     */
    public static String callingCode(String digits) {
        if (digits.isEmpty()) {
            return "";
        }
        if (ONE_DIGIT_CODES.indexOf(digits.charAt(0)) >= 0) {
            return digits.substring(0, 1);
        }
        if (digits.length() >= 2 && TWO_DIGIT_CODES.contains(digits.substring(0, 2))) {
            return digits.substring(0, 2);
        }
        return digits.substring(0, Math.min(3, digits.length()));
    }

    /**
     * @param email an email address
     * @return the first character of the local part and of the domain, and the last label
     */
    public static String email(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return GAP;
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot > 0 ? domain.substring(dot) : "";
        return escape(firstChar(email) + GAP + "@" + firstChar(domain) + GAP + tld);
    }

    /**
     * Masks text that is personal as a whole, such as a name or a comment.
     *
     * @param text the text, possibly {@code null}
     * @return {@link #HIDDEN}, or {@code (none)} for {@code null}
     */
    public static String hidden(@Nullable String text) {
        return text == null ? "(none)" : HIDDEN;
    }

    /**
     * Masks every email address and phone number inside free text, such as a provider's error
     * message, and escapes it for a log line.
     *
     * @param text any text, possibly {@code null}
     * @return the text with addresses masked and control characters escaped
     */
    public static String text(@Nullable String text) {
        if (text == null) {
            return "(none)";
        }
        String masked = replace(EMAIL.matcher(text), true);
        return escape(replace(PHONE.matcher(masked), false));
    }

    /**
     * Escapes what would break a log line or reach a terminal as a command: line feed, carriage
     * return and tab as {@code \n}, {@code \r} and {@code \t}; every other control character
     * (Unicode Cc, escape included), the line and paragraph separators, bidirectional embeddings,
     * overrides and isolates, and unpaired surrogates as {@code \}{@code uXXXX}. Everything
     * else, emoji and joiners included, is kept.
     *
     * @param text any text, possibly {@code null}
     * @return the text, one line and inert; {@code (none)} for {@code null}
     */
    public static String escape(@Nullable String text) {
        if (text == null) {
            return "(none)";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (unsafe(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || Character.isSurrogate(c);
    }

    private static String replace(Matcher m, boolean email) {
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = m.group();
            String replacement = email ? email(found)
                    : countDigits(found) >= TEXT_PHONE_MIN_DIGITS ? phone(found) : found;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstChar(String s) {
        return s.substring(0, s.offsetByCodePoints(0, 1));
    }

    private static int countDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                n++;
            }
        }
        return n;
    }

    private static boolean isPhoneChar(char c) {
        return c >= '0' && c <= '9' || c == '+' || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'
                || c == '/' || c == '\u00A0';
    }
}
