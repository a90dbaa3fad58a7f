package dev.csatkit.channels.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A survey message, already rendered for one channel, and the envelope that goes with it.
 *
 * @param recipient where it goes: an E.164 phone number for SMS and keypad calls, an email
 *     address, or the chat platform's user or conversation id; 1–320 characters, one line
 * @param sender the address to send from when the host chose one (an SMS number picked from a
 *     pool by the recipient's country); empty for the adapter's default
 * @param idempotencyKey identifies this send: a resend with the same key must not reach the
 *     customer twice; 1–128 visible ASCII characters, so it fits in an HTTP header
 * @param correlationIds ids the host wants back in its logs and provider metadata, such as
 *     {@code surveyId} or {@code interactionId}; keys are 1–64 letters, digits, {@code .},
 *     {@code _} or {@code -}, values 1–256 characters on one line; may be empty
 * @param content what the customer receives; its kind must match the channel's kind
 */
public record OutboundMessage(String recipient, Optional<String> sender, String idempotencyKey,
        Map<String, String> correlationIds, MessageContent content) {

    /** The longest address accepted, in characters (the longest possible email address). */
    public static final int MAX_ADDRESS_LENGTH = 320;
    /** The longest idempotency key accepted, in characters. */
    public static final int MAX_KEY_LENGTH = 128;

    private static final Pattern KEY = Pattern.compile("[!-~]{1," + MAX_KEY_LENGTH + "}");
    private static final Pattern CORRELATION_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Validates the envelope.
     *
     * @throws IllegalArgumentException naming the field, the value and the rule broken
     */
    public OutboundMessage {
        Require.address("recipient", recipient, MAX_ADDRESS_LENGTH);
        Require.present("sender", sender).ifPresent(s -> Require.address("sender", s, MAX_ADDRESS_LENGTH));
        Require.present("idempotencyKey", idempotencyKey);
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw Require.invalid("idempotencyKey", idempotencyKey,
                    "must be 1–" + MAX_KEY_LENGTH + " visible ASCII characters without spaces");
        }
        Require.noNullEntries("correlationIds", correlationIds);
        Map<String, String> ids = new LinkedHashMap<>();
        correlationIds.forEach((name, value) -> {
            if (!CORRELATION_NAME.matcher(name).matches()) {
                throw Require.invalid("correlationIds key", name,
                        "must be 1–64 letters, digits, '.', '_' or '-'");
            }
            ids.put(name, Require.line("correlationIds." + name, value, 256));
        });
        correlationIds = Collections.unmodifiableMap(ids);
        Require.present("content", content);
    }

    /**
     * A message with no chosen sender and no correlation ids.
     *
     * @param recipient where it goes
     * @param idempotencyKey identifies this send
     * @param content what the customer receives
     * @return the message
     */
    public static OutboundMessage of(String recipient, String idempotencyKey, MessageContent content) {
        return new OutboundMessage(recipient, Optional.empty(), idempotencyKey, Map.of(), content);
    }

    /** @return the kind of channel the content is for */
    public ChannelKind kind() {
        return content.kind();
    }

    /**
     * Describes the message for a log line: the recipient and sender masked, the content's kind
     * without its text.
     *
     * @return {@code OutboundMessage[recipient=+44***58, sender=(default), idempotencyKey=…, …]}
     */
    @Override
    public String toString() {
        return "OutboundMessage[recipient=" + Redact.address(recipient) + ", sender="
                + sender.map(Redact::address).orElse("(default)") + ", idempotencyKey=" + idempotencyKey
                + ", correlationIds=" + Redact.escape(correlationIds.toString()) + ", content=" + content + "]";
    }

    /**
     * @param newRecipient another recipient
     * @return a copy of this message addressed to {@code newRecipient}
     */
    public OutboundMessage withRecipient(String newRecipient) {
        return new OutboundMessage(newRecipient, sender, idempotencyKey, correlationIds, content);
    }

    /**
     * @param newKey another idempotency key
     * @return a copy of this message with {@code newKey}
     */
    public OutboundMessage withIdempotencyKey(String newKey) {
        return new OutboundMessage(recipient, sender, newKey, correlationIds, content);
    }
}
