package dev.csatkit.channels.spi;

/**
 * What a channel can carry. Rendering reads these values to shape a survey for the channel, and a
 * survey is checked against them before it is sent (an SMS prompt longer than
 * {@link #maxSmsSegments()} is refused, for instance).
 *
 * <p>Use a factory for a typical channel ({@link #sms(int)}, {@link #email()}, {@link #chat(int)},
 * {@link #keypad()}) or {@link #builder()} for anything else.
 *
 * @param maxSmsSegments how many concatenated SMS segments one message may use, 1–255; 0 when the
 *     channel does not send SMS
 * @param maxButtons how many quick-reply buttons one message may carry, 0–100; 0 for none
 * @param links whether messages may contain clickable links
 * @param html whether messages may carry an HTML part
 * @param audio whether the channel plays audio (an IVR line)
 */
public record ChannelCapabilities(int maxSmsSegments, int maxButtons, boolean links, boolean html, boolean audio) {

    /** The most segments a concatenated SMS can have (the count field of the header is one byte). */
    public static final int MAX_SMS_SEGMENTS = 255;

    /** The most quick-reply buttons accepted. */
    public static final int MAX_BUTTONS = 100;

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException when a count is out of range
     */
    public ChannelCapabilities {
        Require.range("maxSmsSegments", maxSmsSegments, 0, MAX_SMS_SEGMENTS);
        Require.range("maxButtons", maxButtons, 0, MAX_BUTTONS);
    }

    /**
     * An SMS channel: plain text, no buttons; links are allowed as text.
     *
     * @param maxSegments the segment limit per message, 1–255
     * @return the capabilities
     */
    public static ChannelCapabilities sms(int maxSegments) {
        Require.range("maxSmsSegments", maxSegments, 1, MAX_SMS_SEGMENTS);
        return builder().maxSmsSegments(maxSegments).links(true).build();
    }

    /** @return an email channel: links and HTML */
    public static ChannelCapabilities email() {
        return builder().links(true).html(true).build();
    }

    /**
     * A chat channel with quick replies and links.
     *
     * @param maxButtons the platform's quick-reply limit, 0–100
     * @return the capabilities
     */
    public static ChannelCapabilities chat(int maxButtons) {
        return builder().maxButtons(maxButtons).links(true).build();
    }

    /** @return a keypad (IVR) channel: audio only */
    public static ChannelCapabilities keypad() {
        return builder().audio(true).build();
    }

    /** @return a builder with everything off */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ChannelCapabilities}; everything starts off (0 or {@code false}). */
    public static final class Builder {
        private int maxSmsSegments;
        private int maxButtons;
        private boolean links;
        private boolean html;
        private boolean audio;

        private Builder() {
        }

        /** @param value segments per SMS, 0–255 (0: not an SMS channel) @return this builder */
        public Builder maxSmsSegments(int value) {
            this.maxSmsSegments = value;
            return this;
        }

        /** @param value quick-reply buttons per message, 0–100 @return this builder */
        public Builder maxButtons(int value) {
            this.maxButtons = value;
            return this;
        }

        /** @param value whether links are allowed @return this builder */
        public Builder links(boolean value) {
            this.links = value;
            return this;
        }

        /** @param value whether an HTML part is allowed @return this builder */
        public Builder html(boolean value) {
            this.html = value;
            return this;
        }

        /** @param value whether the channel plays audio @return this builder */
        public Builder audio(boolean value) {
            this.audio = value;
            return this;
        }

        /**
         * @return the capabilities
         * @throws IllegalArgumentException when a count is out of range
         */
        public ChannelCapabilities build() {
            return new ChannelCapabilities(maxSmsSegments, maxButtons, links, html, audio);
        }
    }
}
