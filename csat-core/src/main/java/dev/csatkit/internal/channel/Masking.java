package dev.csatkit.internal.channel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks personal data for log lines: phone numbers keep their {@code +}, the first two and the
 * last two digits ({@code +44*******58}); email addresses keep the first character of each side
 * and the top-level domain ({@code j***@e***.com}); other addresses keep two characters.
 * Names and comments keep nothing: they become {@link #HIDDEN}. Only a phone number's mask
 * keeps a length, one star per hidden digit.
 */
public final class Masking {

    /** What a name or a comment is shown as: nothing of it, not even its length. */
    public static final String HIDDEN = "«masked»";

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d \\u00A0().-]{5,}\\d");
    private static final int PHONE_MIN_DIGITS = 6;
    // In free text a shorter run of digits is more likely a code or a time than a phone number.
    private static final int TEXT_PHONE_MIN_DIGITS = 7;

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
        return a.substring(0, a.offsetByCodePoints(0, keep)) + "***";
    }

    /**
     * @param number a phone number in any format
     * @return {@code +} when present, the first two and last two digits, stars between
     */
    public static String phone(String number) {
        String digits = number.replaceAll("\\D", "");
        String plus = number.strip().startsWith("+") ? "+" : "";
        if (digits.length() < PHONE_MIN_DIGITS) {
            return plus + "***";
        }
        return plus + digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }

    /**
     * @param email an email address
     * @return the first character of the local part and of the domain, and the last label
     */
    public static String email(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot > 0 ? domain.substring(dot) : "";
        return firstChar(email) + "***@" + firstChar(domain) + "***" + tld;
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
     * message.
     *
     * @param text any text, possibly {@code null}
     * @return the text with addresses masked
     */
    public static String text(@Nullable String text) {
        if (text == null) {
            return "(none)";
        }
        String masked = replace(EMAIL.matcher(text), true);
        return replace(PHONE.matcher(masked), false);
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
