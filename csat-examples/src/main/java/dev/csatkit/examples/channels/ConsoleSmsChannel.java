package dev.csatkit.examples.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.channel.InvalidAddressException;
import dev.csatkit.channel.PhoneNumber;
import dev.csatkit.channel.SegmentCount;
import dev.csatkit.channel.SenderPool;
import dev.csatkit.channel.SmsSegments;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.support.BaseChannel;
import dev.csatkit.channels.support.Masking;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS to a console: each message is written as one JSON line to a {@link Writer} that stands in
 * for the carrier, and replies are read as JSON lines from a {@link Reader} (standard input or a
 * file). Useful for demos and as the smallest complete example of an adapter.
 *
 * <p>Outbound line: {@code {"id","from","to","idempotencyKey","text","encoding","segments"}}.
 * Inbound line: {@code {"id","from","to","text"}}; {@code from} may carry separators and is
 * normalised to E.164.
 *
 * <p>The sending number is the message's own sender, else the pool's choice for the recipient's
 * country. A recipient that is not an E.164 number, or a text over the channel's segment limit,
 * fails permanently; a failing writer is retried later.
 */
public final class ConsoleSmsChannel extends BaseChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSmsChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SenderPool senders;
    private final Writer out;
    private final Object writeLock = new Object();

    /**
     * @param context the channel's context
     * @param maxSegments the segment limit per message
     * @param senders the numbers to send from
     * @param out where messages are written; the channel serialises writes to it
     */
    public ConsoleSmsChannel(ChannelContext context, int maxSegments, SenderPool senders, Writer out) {
        super(context, ChannelKind.SMS, ChannelCapabilities.sms(maxSegments));
        this.senders = Objects.requireNonNull(senders, "senders");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    protected DeliveryResult deliver(OutboundMessage message) throws IOException {
        String text = ((MessageContent.Sms) message.content()).text();
        PhoneNumber to;
        PhoneNumber from;
        try {
            to = PhoneNumber.parse("recipient", message.recipient());
            from = message.sender().isPresent() ? PhoneNumber.parse("sender", message.sender().get())
                    : senders.senderFor(to);
        } catch (InvalidAddressException e) {
            return DeliveryResult.failedPermanently(Masking.text(e.getMessage()));
        }
        SegmentCount count = SmsSegments.count(text);
        if (count.segments() > capabilities().maxSmsSegments()) {
            return DeliveryResult.failedPermanently("the text needs " + count.describe() + "; channel " + id()
                    + " allows " + capabilities().maxSmsSegments());
        }
        String id = "sms-" + UUID.randomUUID();
        ObjectNode line = JSON.createObjectNode()
                .put("id", id)
                .put("from", from.e164())
                .put("to", to.e164())
                .put("idempotencyKey", message.idempotencyKey())
                .put("text", text)
                .put("encoding", count.encoding().name())
                .put("segments", count.segments());
        String json = JSON.writeValueAsString(line) + "\n";
        synchronized (writeLock) {
            out.write(json);
            out.flush();
        }
        return DeliveryResult.accepted(id);
    }

    /**
     * Reads replies, one JSON line each, until the end of the input, and hands each to the
     * context's listener. A malformed line is logged (masked) and skipped.
     *
     * @param in the replies, such as standard input or a file
     * @return the number of replies handed over
     * @throws IOException when the input cannot be read
     */
    public int readReplies(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int handed = 0;
        int lineNo = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                context.inbound().onReply(parseReply(line));
                handed++;
            } catch (IllegalArgumentException | JsonProcessingException e) {
                LOG.warn("{}: skipped inbound line {}: {}", id(), lineNo, Masking.text(e.getMessage()));
            }
        }
        return handed;
    }

    private InboundReply parseReply(String line) throws JsonProcessingException {
        JsonNode node = JSON.readTree(line);
        PhoneNumber from = PhoneNumber.tryParse(field(node, "from"))
                .orElseThrow(() -> new IllegalArgumentException("\"from\" is not a phone number: "
                        + Masking.text(field(node, "from"))));
        return new InboundReply(id(), from.e164(), field(node, "to"), new ReplyContent.Text(field(node, "text")),
                field(node, "id"), context.clock().instant());
    }

    private static String field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a JSON string");
        }
        return v.asText();
    }
}
