package dev.csatkit.store;

import dev.csatkit.channels.spi.ChannelKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A message beside a survey's prompt that a transition caused (confirmation, follow-up, reminder,
 * invalid-reply notice, help, keypad prompt again, opt-out confirmation), kept until its channel
 * accepts it or refuses it for good. Written in the same atomic step as the transition that
 * causes it, so a crash right after the write still sends it, once: its {@link #key} is the
 * idempotency key every attempt is sent under.
 *
 * <p>Its text is composed when it is sent, from the survey (or, for an opt-out confirmation with
 * no survey, the locale), so the store keeps no message text.
 *
 * @param key the idempotency key, unique per message
 * @param purpose what it is for, which decides its text
 * @param channelId the channel to send it on
 * @param channel the kind of that channel
 * @param address where to send it
 * @param surveyKey the survey it belongs to, if any
 * @param locale the language to write it in
 * @param dueAt when to send it (or try again); while leased, the lease's end
 * @param attempts how many sends were tried
 */
public record OutboxMessage(String key, Purpose purpose, String channelId, ChannelKind channel, String address,
        Optional<String> surveyKey, Locale locale, Instant dueAt, int attempts) {

    /** What a side message is for. */
    public enum Purpose {
        /** The rating was received. */
        CONFIRMATION,
        /** The survey's follow-up question, after a rating with no comment. */
        FOLLOW_UP,
        /** Thanks for the comment that answered the follow-up question. */
        THANK_YOU,
        /** The reply could not be read; here is how to answer. */
        INVALID_REPLY,
        /** The one reminder. */
        REMINDER,
        /** The question again with how to stop, after a help keyword. */
        HELP,
        /**
         * Whether a reply that only possibly asked to stop meant it, on a profile that asks once
         * ({@code SurveyProfile.Builder#possibleOptOut}).
         */
        OPT_OUT_QUESTION,
        /** The keypad question again, without the notice (the caller asked to hear it again). */
        KEYPAD_REPEAT,
        /** The keypad question again after no key was pressed. */
        KEYPAD_NO_INPUT,
        /** The keypad question again after a key off the scale, with the invalid-reply notice. */
        KEYPAD_NO_MATCH,
        /** The single confirmation of an opt-out; the only message an opted-out address gets. */
        OPT_OUT_CONFIRMATION
    }

    /** Checks that nothing is missing. */
    public OutboxMessage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(surveyKey, "surveyKey");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /**
     * @param at the new due time
     * @param tried whether this is after one more attempt
     * @return this message, due at another time
     */
    public OutboxMessage dueAt(Instant at, boolean tried) {
        return new OutboxMessage(key, purpose, channelId, channel, address, surveyKey, locale, at,
                tried ? attempts + 1 : attempts);
    }

    @Override
    public String toString() {
        return "OutboxMessage[" + key + ", " + purpose + " on " + channelId + ", survey " + surveyKey.orElse("-")
                + ", due " + dueAt + ", attempts " + attempts + "]";
    }
}
