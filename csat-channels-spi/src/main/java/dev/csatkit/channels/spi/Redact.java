package dev.csatkit.channels.spi;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The masking the SPI's own messages and {@code toString} use, so that no value of the SPI shows
 * personal data. The same rules as {@code dev.csatkit.channels.support.Masking}, which adapters
 * use (the SPI depends on the JDK alone, so it keeps its own copy; a test in the support module
 * checks that both agree): phone numbers keep the {@code +}, the country calling code and the last
 * two digits ({@code +44***58}), email addresses the first character of each side and the
 * top-level domain ({@code j***@e***.com}), other addresses at most two characters, and text
 * nothing at all.
 */
final class Redact {

    static final String HIDDEN = "«masked»";
    private static final String GAP = "***";
    private static final Set<String> TWO_DIGIT_CODES = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48",
            "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private Redact() {
    }

    static String address(@Nullable String address) {
        if (address == null) {
            return "(none)";
        }
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (a.indexOf('@') > 0) {
            if (at == a.length() - 1) {
                return GAP;
            }
            String domain = a.substring(at + 1);
            int dot = domain.lastIndexOf('.');
            return escape(first(a) + GAP + "@" + first(domain) + GAP + (dot > 0 ? domain.substring(dot) : ""));
        }
        String digits = a.replaceAll("[^0-9]", "");
        if (digits.length() >= 6 && a.chars().allMatch(Redact::phoneChar)) {
            boolean plus = a.startsWith("+");
            String code = plus ? callingCode(digits) : "";
            String prefix = plus ? "+" + code : "";
            return digits.length() - code.length() - 2 < 5 ? prefix + GAP
                    : prefix + GAP + digits.substring(digits.length() - 2);
        }
        int keep = Math.min(2, a.codePointCount(0, a.length()) / 3);
        return escape(a.substring(0, a.offsetByCodePoints(0, keep))) + GAP;
    }

    private static String callingCode(String digits) {
        if (digits.charAt(0) == '1' || digits.charAt(0) == '7') {
            return digits.substring(0, 1);
        }
        return TWO_DIGIT_CODES.contains(digits.substring(0, 2)) ? digits.substring(0, 2) : digits.substring(0, 3);
    }

    private static boolean phoneChar(int c) {
        return c >= '0' && c <= '9' || c == '+' || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'
                || c == '/' || c == '\u00A0';
    }

    private static String first(String s) {
        return s.substring(0, s.offsetByCodePoints(0, 1));
    }

    /** Control characters, separators, bidirectional controls and lone surrogates as \\uXXXX. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029
                    || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
