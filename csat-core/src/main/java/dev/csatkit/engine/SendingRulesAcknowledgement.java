package dev.csatkit.engine;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.time.Instant;
import java.util.Objects;

/**
 * Someone's explicit acknowledgement of the rules for sending text messages, without which an SMS
 * survey profile cannot be built: that the business may lawfully text the customers the profile
 * reaches, has their consent where the law asks for it, and honours every request to stop.
 *
 * <p>The text acknowledged is {@link #NOTICE}, identified by {@link #NOTICE_VERSION}; a host that
 * shows its own legal notice records that notice's version instead. The acknowledgement is kept
 * in the {@link SurveyProfile} and shown in the {@link SurveyEvent.SendingRulesAcknowledged} event
 * the engine publishes for each SMS profile when it is built.
 *
 * @param by who acknowledged: a name or an operator's id (masked in {@code toString} when it is
 *     an email address or a phone number)
 * @param at when they acknowledged it
 * @param notice the version of the notice they read, such as {@value #NOTICE_VERSION}
 */
public record SendingRulesAcknowledgement(String by, Instant at, String notice) {

    /** The version of {@link #NOTICE}. */
    public static final String NOTICE_VERSION = "csat-sms-sending-rules/1";

    /** The notice acknowledged, in English, for a host to show before SMS surveys are switched on. */
    public static final String NOTICE = "Text-message surveys go to your customers' phones. By switching them on "
            + "you confirm that your business may lawfully send these customers automated text messages: it has "
            + "their consent where the law of their country asks for it, each survey tells them how to stop, "
            + "and every request to stop is honoured. Rates may apply to the customer. Ask your legal department "
            + "if you are unsure.";

    /** The longest {@code by} or {@code notice}, in characters. */
    public static final int MAX_LENGTH = 256;

    /**
     * Validates the acknowledgement.
     *
     * @throws dev.csatkit.InvalidDefinitionException when {@code by} or {@code notice} is blank, too
     *     long or more than one line
     */
    public SendingRulesAcknowledgement {
        Objects.requireNonNull(at, "at");
        Checks checks = Checks.of("sending rules acknowledgement");
        checks.line("by", by, MAX_LENGTH, Masking::text);
        checks.line("notice", notice, MAX_LENGTH);
        checks.throwIfAny();
    }

    /**
     * @param by who acknowledged
     * @param at when
     * @return an acknowledgement of {@link #NOTICE}
     */
    public static SendingRulesAcknowledgement of(String by, Instant at) {
        return new SendingRulesAcknowledgement(by, at, NOTICE_VERSION);
    }

    /**
     * Describes the acknowledgement with an email address or phone number in {@code by} masked.
     *
     * @return the acknowledgement in the form of a record, masked
     */
    @Override
    public String toString() {
        return Fields.of("SendingRulesAcknowledgement").add("by", Masking.text(by)).add("at", at)
                .add("notice", notice).toString();
    }
}
