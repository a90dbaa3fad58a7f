package dev.csatkit.examples.demo;

import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.support.BaseChannel;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Email into mailboxes in memory. The demo runs without a mail server, and
 * {@link dev.csatkit.channels.email.SmtpEmailChannel} needs one, so this adapter takes its
 * place: the same {@link BaseChannel} base (idempotency, timeout, classification, masked
 * logs), with a mail system that answers as a real one would — a 550 for a domain that does not
 * exist, and a 451 "greylisted" for some first attempts, which the engine retries.
 */
final class InMemoryEmailChannel extends BaseChannel {

    /**
     * One delivered email.
     *
     * @param to the recipient
     * @param email the message
     */
    record Mail(String to, MessageContent.Email email) {
    }

    private final Map<String, Mail> byKey = new ConcurrentHashMap<>();
    private final Set<String> greylisted = ConcurrentHashMap.newKeySet();
    private final int greylistOneIn;

    /**
     * @param context the channel's context
     * @param greylistOneIn about one recipient in this many is greylisted on the first attempt
     */
    InMemoryEmailChannel(ChannelContext context, int greylistOneIn) {
        super(context, ChannelKind.EMAIL, ChannelCapabilities.email());
        this.greylistOneIn = greylistOneIn;
    }

    @Override
    protected DeliveryResult deliver(OutboundMessage message) {
        String to = message.recipient();
        if (to.endsWith(".invalid")) {
            return DeliveryResult.failedPermanently("550 5.1.2 recipient domain not found");
        }
        String key = message.idempotencyKey();
        if (Math.floorMod(to.hashCode(), greylistOneIn) == 0 && greylisted.add(key)) {
            return DeliveryResult.retryLater("451 4.7.1 greylisted, please try again later");
        }
        byKey.put(key, new Mail(to, (MessageContent.Email) message.content()));
        return DeliveryResult.accepted("mail-" + Integer.toHexString(key.hashCode()));
    }

    /**
     * @param idempotencyKey the key an email was sent with
     * @return the email, if it was delivered
     */
    Optional<Mail> delivered(String idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }
}
