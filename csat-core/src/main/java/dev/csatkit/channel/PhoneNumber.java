package dev.csatkit.channel;

import dev.csatkit.Violation;
import dev.csatkit.internal.channel.Masking;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A phone number in E.164 form: {@code +}, the country calling code and the subscriber number,
 * 7 to 15 digits in all, such as {@code +442079460958}.
 *
 * <p>Error messages and {@link #toString()} show the number masked ({@code +44***58}), since it
 * may be a customer's.
 *
 * <p>{@link #parse(String)} accepts the usual visual separators (spaces, {@code -}, {@code .},
 * {@code (}, {@code )}, {@code /}) and removes them; it does not guess a country, so a number
 * without its leading {@code +} is refused.
 *
 * @param e164 the number: {@code +} and 7–15 digits, the first not 0
 */
public record PhoneNumber(String e164) {

    /** The fewest digits accepted. */
    public static final int MIN_DIGITS = 7;
    /** The most digits E.164 allows. */
    public static final int MAX_DIGITS = 15;

    private static final int MAX_INPUT = 64;

    /**
     * @throws InvalidAddressException when the text is not in E.164 form
     */
    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        Optional<Violation> problem = problem("e164", e164, false);
        if (problem.isPresent()) {
            throw new InvalidAddressException("phone number", problem.get());
        }
    }

    /**
     * Parses a number written with or without separators.
     *
     * @param text such as {@code +44 20 7946 0958} or {@code +1 (555) 010-0199}
     * @return the number
     * @throws InvalidAddressException naming the value and the rule it broke
     */
    public static PhoneNumber parse(String text) {
        return parse("phone number", text);
    }

    /**
     * Parses a number, naming the field it came from in the error.
     *
     * @param field where the number came from, such as {@code recipient}
     * @param text the number
     * @return the number
     * @throws InvalidAddressException naming the field, the value and the rule it broke
     */
    public static PhoneNumber parse(String field, String text) {
        Optional<Violation> problem = problem(field, text, true);
        if (problem.isPresent()) {
            throw new InvalidAddressException("phone number", problem.get());
        }
        return new PhoneNumber("+" + digitsOf(text));
    }

    /**
     * @param text a number in any accepted form
     * @return the number, or empty when it is malformed
     */
    public static Optional<PhoneNumber> tryParse(String text) {
        return problem("phone number", text, true).isPresent()
                ? Optional.empty() : Optional.of(new PhoneNumber("+" + digitsOf(text)));
    }

    /**
     * Whether a text is already in canonical E.164 form ({@code +} and 7–15 digits, no
     * separators), as adapters deliver addresses; allocates nothing when it is.
     *
     * @param text any text
     * @return whether it is a canonical E.164 number
     */
    public static boolean isE164(String text) {
        return problem("e164", text, false).isEmpty();
    }

    /** @return the digits without the {@code +} */
    public String digits() {
        return e164.substring(1);
    }

    /**
     * Describes the number for a log line, masked: the country calling code and the last two
     * digits only. Use {@link #e164()} for the number itself.
     *
     * @return such as {@code PhoneNumber[+44***58]}
     */
    @Override
    public String toString() {
        return "PhoneNumber[" + Masking.phone(e164) + "]";
    }

    /** A number that breaks a rule is shown masked in the message: it may be a customer's. */
    private static @Nullable String shown(@Nullable String text) {
        return text == null ? null : text.isBlank() ? text : Masking.address(text);
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00A0';
    }

    private static String digitsOf(String text) {
        StringBuilder sb = new StringBuilder(MAX_DIGITS);
        for (int i = text.indexOf('+') + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Optional<Violation> problem(String field, @Nullable String text, boolean separators) {
        if (text == null || text.isBlank()) {
            return Optional.of(Violation.of(field, shown(text), "must be given"));
        }
        if (text.length() > MAX_INPUT) {
            return Optional.of(Violation.of(field, shown(text), "must be at most " + MAX_INPUT + " characters"));
        }
        String t = separators ? text.strip() : text;
        if (t.charAt(0) != '+') {
            return Optional.of(Violation.of(field, shown(text),
                    "must start with + and the country calling code (E.164), such as +44 20 7946 0958"));
        }
        int digits = 0;
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 0 && c == '0') {
                    return Optional.of(Violation.of(field, shown(text), "country calling code must not start with 0"));
                }
                digits++;
            } else if (!separators || !separator(c)) {
                return Optional.of(Violation.of(field, shown(text), separators
                        ? "must contain only digits after + (spaces, '-', '.', '(', ')' and '/' may separate them)"
                        : "must contain only digits after +"));
            }
        }
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            return Optional.of(Violation.of(field, shown(text),
                    "must have " + MIN_DIGITS + " to " + MAX_DIGITS + " digits (E.164), found " + digits));
        }
        return Optional.empty();
    }
}
