package dev.csatkit.channels.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a channel adapter is created with: its id, its settings, the clock, the send
 * timeout and where inbound replies go.
 *
 * @param channelId the id the host gives the channel; 1–64 letters, digits, {@code .},
 *     {@code _} or {@code -}
 * @param settings adapter-specific settings, such as {@code smtp.host}; may be empty
 * @param clock the only source of time the adapter may use (for {@link InboundReply#receivedAt()})
 * @param sendTimeout the longest a send may take before it completes with
 *     {@link DeliveryResult.RetryLater}; 10 ms to 10 minutes
 * @param inbound where normalised replies go
 */
public record ChannelContext(String channelId, Map<String, String> settings, Clock clock, Duration sendTimeout,
        InboundListener inbound) {

    /** The send timeout used when none is given. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * @throws IllegalArgumentException naming the field, the value and the rule broken
     */
    public ChannelContext {
        Require.present("channelId", channelId);
        if (!ID.matcher(channelId).matches()) {
            throw Require.invalid("channelId", channelId, "must be 1–64 letters, digits, '.', '_' or '-'");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Require.noNullEntries("settings", settings)));
        Require.present("clock", clock);
        Require.present("sendTimeout", sendTimeout);
        if (sendTimeout.compareTo(Duration.ofMillis(10)) < 0 || sendTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw Require.invalid("sendTimeout", sendTimeout, "must be between PT0.01S and PT10M");
        }
        Require.present("inbound", inbound);
    }

    /**
     * Starts a context with the system clock, the default send timeout, no settings and a
     * listener that drops replies.
     *
     * @param channelId the channel's id
     * @return a builder
     */
    public static Builder builder(String channelId) {
        return new Builder(channelId);
    }

    /**
     * @param name a setting's name
     * @return its value, if set
     */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /**
     * @param name a setting the adapter cannot work without
     * @return its value
     * @throws IllegalArgumentException when it is not set or blank
     */
    public String requireSetting(String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw Require.invalid("settings." + name, value, "must be set for channel " + channelId);
        }
        return value;
    }

    /** Builds a {@link ChannelContext}. */
    public static final class Builder {
        private final String channelId;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private InboundListener inbound = InboundListener.ignoring();

        private Builder(String channelId) {
            this.channelId = channelId;
        }

        /** @param name a setting @param value its value @return this builder */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** @param values settings to add @return this builder */
        public Builder settings(Map<String, String> values) {
            settings.putAll(values);
            return this;
        }

        /** @param value the clock @return this builder */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @param value the send timeout @return this builder */
        public Builder sendTimeout(Duration value) {
            this.sendTimeout = value;
            return this;
        }

        /** @param value where replies go @return this builder */
        public Builder inbound(InboundListener value) {
            this.inbound = value;
            return this;
        }

        /** @return the context @throws IllegalArgumentException when a value breaks a rule */
        public ChannelContext build() {
            return new ChannelContext(channelId, settings, clock, sendTimeout, inbound);
        }
    }
}
