package dev.csatkit.engine;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The customer an interaction was with.
 *
 * <p>Addresses are taken as given: a phone number that is not valid E.164 is not refused here but
 * makes the survey skip with {@link SkipReason#INVALID_ADDRESS}, so one bad record in the host's
 * CRM never stops an interaction from being reported.
 *
 * <p>Text that no channel could send and no log line could hold is refused here, though, not
 * when the survey is sent: the id, every address and every attribute must be one line of
 * well-formed Unicode (no control character, line or paragraph separator, bidirectional
 * embedding, override or isolate, or unpaired surrogate). Ids and addresses must not be blank;
 * attribute values may be empty. An error message shows addresses masked and attribute values
 * not at all, since they are personal data.
 *
 * @param id the contact's id in the host's system; frequency caps count per contact id; 1–256
 *     characters
 * @param addresses where the contact can be reached, per channel kind: a phone number for
 *     {@link ChannelKind#SMS} and {@link ChannelKind#VOICE_DTMF}, an email, a chat user id; 1–320
 *     characters each
 * @param locale the contact's language
 * @param zone the contact's time zone, for quiet hours
 * @param attributes anything else the host knows, for its own eligibility rule ({@code vip},
 *     {@code name} …), and the contact's {@value #REGION}, which responses carry for reports by
 *     region; names of 1–256 characters, values of at most 1024
 */
public record Contact(String id, Map<ChannelKind, String> addresses, Locale locale, ZoneId zone,
        Map<String, String> attributes) {

    /** The longest address, in characters: the longest a channel takes. */
    public static final int MAX_ADDRESS_LENGTH = OutboundMessage.MAX_ADDRESS_LENGTH;
    /** The longest attribute value, in characters. */
    public static final int MAX_ATTRIBUTE_LENGTH = 1024;

    /**
     * Validates the contact.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule, with addresses
     *     masked and attribute values hidden
     */
    public Contact {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        // Checked in the order given (by kind, by the caller's order) so that messages are stable;
        // the copies' iteration order is not.
        Map<ChannelKind, String> byKind = addresses.isEmpty() ? Map.of() : new EnumMap<>(addresses);
        Checks checks = Checks.of("contact");
        checks.line("id", id, Agent.MAX_LENGTH);
        // Loops, not lambdas, and field names made once: a contact is built for every interaction.
        if (!byKind.isEmpty()) {
            for (ChannelKind kind : KINDS) {
                String address = byKind.get(kind);
                if (address != null || byKind.containsKey(kind)) {
                    checks.line(ADDRESS_FIELDS[kind.ordinal()], address, MAX_ADDRESS_LENGTH, Masking::address);
                }
            }
        }
        if (!attributes.isEmpty()) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                // A broken name cannot head a field path: it is reported on its own.
                if (checks.line("attributes key", e.getKey(), Agent.MAX_LENGTH)) {
                    checks.lineOrEmpty("attributes." + e.getKey(), e.getValue(), MAX_ATTRIBUTE_LENGTH,
                            Masking::hidden);
                }
            }
        }
        checks.throwIfAny();
        // The enum map's own copy, read-only: ordered by kind, and no second copy per contact.
        addresses = byKind.isEmpty() ? Map.of() : Collections.unmodifiableMap(byKind);
        attributes = attributes.isEmpty() ? Map.of() : Map.copyOf(attributes);
    }

    private static final ChannelKind[] KINDS = ChannelKind.values();
    private static final String[] ADDRESS_FIELDS = java.util.Arrays.stream(ChannelKind.values())
            .map(kind -> "addresses." + kind).toArray(String[]::new);

    /**
     * @param id the contact's id
     * @return a builder; locale English and zone UTC unless set
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The attribute that holds the contact's region, for reports by region. */
    public static final String REGION = "region";

    /**
     * @return the contact's region, the attribute {@value #REGION}, when the host set one that is not blank
     */
    public Optional<String> region() {
        String value = attributes.get(REGION);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * @param kind a channel kind
     * @return the contact's address on it
     */
    public Optional<String> address(ChannelKind kind) {
        return Optional.ofNullable(addresses.get(kind));
    }

    /**
     * Describes the contact for a log line: addresses masked, attribute values hidden.
     *
     * @return {@code Contact[id=…, addresses={SMS=+44***23}, …]}
     */
    @Override
    public String toString() {
        Map<ChannelKind, String> masked = new EnumMap<>(ChannelKind.class);
        addresses.forEach((kind, address) -> masked.put(kind, Masking.address(address)));
        Map<String, String> hidden = new TreeMap<>();
        attributes.forEach((name, value) -> hidden.put(name, Masking.hidden(value)));
        return Fields.of("Contact").add("id", id).add("addresses", masked).add("locale", locale).add("zone", zone)
                .add("attributes", hidden).toString();
    }

    /** Builds a {@link Contact}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Map<ChannelKind, String> addresses = new EnumMap<>(ChannelKind.class);
        private Locale locale = Locale.ENGLISH;
        private ZoneId zone = ZoneOffset.UTC;
        private @Nullable Map<String, String> attributes;

        private Builder(String id) {
            this.id = id;
        }

        /**
         * @param number the phone number, E.164; used for SMS and keypad surveys
         * @return this
         */
        public Builder phone(String number) {
            addresses.put(ChannelKind.SMS, number);
            addresses.put(ChannelKind.VOICE_DTMF, number);
            return this;
        }

        /** @param address the email address @return this */
        public Builder email(String address) {
            addresses.put(ChannelKind.EMAIL, address);
            return this;
        }

        /** @param userId the chat platform's user or conversation id @return this */
        public Builder chat(String userId) {
            addresses.put(ChannelKind.CHAT, userId);
            return this;
        }

        /**
         * @param kind a channel kind
         * @param address the address on it
         * @return this
         */
        public Builder address(ChannelKind kind, String address) {
            addresses.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(address, "address"));
            return this;
        }

        /** @param value the contact's language @return this */
        public Builder locale(Locale value) {
            locale = Objects.requireNonNull(value, "locale");
            return this;
        }

        /** @param value the contact's time zone @return this */
        public Builder zone(ZoneId value) {
            zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * @param name an attribute's name
         * @param value its value
         * @return this
         */
        public Builder attribute(String name, String value) {
            if (attributes == null) {
                attributes = new LinkedHashMap<>();
            }
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param value the contact's region, such as {@code EMEA} or {@code north}: the attribute {@value Contact#REGION}
         * @return this
         */
        public Builder region(String value) {
            return attribute(REGION, value);
        }

        /** @return the contact */
        public Contact build() {
            return new Contact(id, addresses, locale, zone, attributes == null ? Map.of() : attributes);
        }
    }
}
