package dev.csatkit.channel;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The numbers surveys are sent from, chosen by the recipient's country calling code: customers
 * get a text from a number of their own country, which they are more likely to trust and can
 * answer at local rates.
 *
 * <p>Routes are keyed by a calling-code prefix and matched longest first, so {@code 1} can send
 * from a US number while {@code 1876} (Jamaica, inside the North American plan) sends from
 * another. A recipient no route matches gets the default. When a route has several numbers, a
 * recipient always gets the same one of them, so a conversation stays on one thread.
 *
 * <pre>{@code
 * SenderPool pool = SenderPool.builder()
 *         .defaultSender("+15550100")
 *         .route("44", "+447700900123", "+447700900456")
 *         .route("33", "+33612345678")
 *         .build();
 * PhoneNumber from = pool.senderFor(PhoneNumber.parse("+44 20 7946 0958"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SenderPool {

    /** The longest route prefix, in digits. */
    public static final int MAX_PREFIX_DIGITS = 7;

    private static final Pattern PREFIX = Pattern.compile("[1-9][0-9]{0," + (MAX_PREFIX_DIGITS - 1) + "}");

    private final PhoneNumber defaultSender;
    private final Map<String, List<PhoneNumber>> routes;

    private SenderPool(PhoneNumber defaultSender, Map<String, List<PhoneNumber>> routes) {
        this.defaultSender = defaultSender;
        this.routes = routes;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Chooses the number to send from.
     *
     * @param recipient the number the survey goes to
     * @return a number of the longest matching route, or the default
     */
    public PhoneNumber senderFor(PhoneNumber recipient) {
        String digits = recipient.digits();
        for (int len = Math.min(MAX_PREFIX_DIGITS, digits.length()); len > 0; len--) {
            List<PhoneNumber> numbers = routes.get(digits.substring(0, len));
            if (numbers != null) {
                return numbers.get(Math.floorMod(digits.hashCode(), numbers.size()));
            }
        }
        return defaultSender;
    }

    /**
     * Parses the recipient and chooses the number to send from.
     *
     * @param recipient the number the survey goes to, in any form {@link PhoneNumber#parse} accepts
     * @return the number to send from
     * @throws InvalidAddressException when the recipient is malformed, naming it
     */
    public PhoneNumber senderFor(String recipient) {
        return senderFor(PhoneNumber.parse("recipient", recipient));
    }

    /** @return the number used when no route matches */
    public PhoneNumber defaultSender() {
        return defaultSender;
    }

    /** @return the routes by prefix, each with its numbers in the order given */
    public Map<String, List<PhoneNumber>> routes() {
        return routes;
    }

    /** Builds a {@link SenderPool}; every problem is reported at once by {@link #build()}. */
    public static final class Builder {
        private final List<Violation> violations = new ArrayList<>();
        private final Map<String, List<PhoneNumber>> routes = new LinkedHashMap<>();
        private @Nullable PhoneNumber defaultSender;

        private Builder() {
        }

        /**
         * @param number the number used when no route matches; required
         * @return this builder
         */
        public Builder defaultSender(String number) {
            PhoneNumber parsed = number("defaultSender", number);
            if (parsed != null) {
                defaultSender = parsed;
            }
            return this;
        }

        /**
         * Adds a route.
         *
         * @param callingCodePrefix a country calling code, possibly followed by more digits to
         *     route part of a numbering plan: 1–7 digits, the first not 0, such as {@code 44} or
         *     {@code 1876}
         * @param senders the numbers to send from; at least one
         * @return this builder
         */
        public Builder route(String callingCodePrefix, String... senders) {
            String field = "routes." + callingCodePrefix;
            if (callingCodePrefix == null || !PREFIX.matcher(callingCodePrefix).matches()) {
                violations.add(Violation.of("routes", callingCodePrefix,
                        "must be a calling-code prefix: 1–" + MAX_PREFIX_DIGITS + " digits, the first not 0"));
                return this;
            }
            if (routes.containsKey(callingCodePrefix)) {
                violations.add(Violation.of("routes", callingCodePrefix, "is routed twice"));
                return this;
            }
            if (senders.length == 0) {
                violations.add(Violation.of(field, "[]", "must list at least one sender number"));
                return this;
            }
            List<PhoneNumber> numbers = new ArrayList<>();
            for (int i = 0; i < senders.length; i++) {
                PhoneNumber n = number(field + "[" + i + "]", senders[i]);
                if (n != null) {
                    numbers.add(n);
                }
            }
            routes.put(callingCodePrefix, List.copyOf(numbers));
            return this;
        }

        private @Nullable PhoneNumber number(String field, @Nullable String text) {
            try {
                return PhoneNumber.parse(field, text);
            } catch (InvalidAddressException e) {
                violations.add(e.violation());
                return null;
            }
        }

        /**
         * @return the pool
         * @throws InvalidConfigurationException listing every malformed number or prefix, or a
         *     missing default
         */
        public SenderPool build() {
            List<Violation> all = new ArrayList<>(violations);
            if (defaultSender == null && violations.stream().noneMatch(v -> v.field().equals("defaultSender"))) {
                all.add(Violation.of("defaultSender", null, "must be given: it serves recipients no route matches"));
            }
            if (!all.isEmpty()) {
                throw new InvalidConfigurationException(all);
            }
            return new SenderPool(defaultSender, Collections.unmodifiableMap(new LinkedHashMap<>(routes)));
        }
    }
}
