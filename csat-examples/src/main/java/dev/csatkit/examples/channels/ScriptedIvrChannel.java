package dev.csatkit.examples.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.channel.InvalidAddressException;
import dev.csatkit.channel.PhoneNumber;
import dev.csatkit.channels.spi.AudioStage;
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
import java.io.IOException;
import java.util.Objects;

/**
 * Keypad surveys on an IVR: a send places a call with a JSON call plan (the audio stages, the
 * key map and the answer window), and the keys the caller pressed in the window come back as a
 * {@link ReplyContent.Keys} reply, with their timings, when the call ends. No input gives an
 * empty {@code Keys}; turning keys into a rating is the reply parser's work, not the channel's.
 *
 * <p>Busy and unanswered calls are retried later; an unreachable number, or one that is not
 * E.164, fails permanently. The reply's provider message id is the call id.
 */
public final class ScriptedIvrChannel extends BaseChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PhoneNumber line;
    private final ScriptedIvr ivr;

    /**
     * @param context the channel's context
     * @param lineNumber the IVR line's own number, the recipient of every reply
     * @param ivr the platform that places calls
     * @throws InvalidAddressException when the line number is not E.164
     */
    public ScriptedIvrChannel(ChannelContext context, String lineNumber, ScriptedIvr ivr) {
        super(context, ChannelKind.VOICE_DTMF, ChannelCapabilities.keypad());
        this.line = PhoneNumber.parse("lineNumber", lineNumber);
        this.ivr = Objects.requireNonNull(ivr, "ivr");
    }

    @Override
    protected DeliveryResult deliver(OutboundMessage message) throws IOException, InterruptedException {
        MessageContent.Keypad keypad = (MessageContent.Keypad) message.content();
        PhoneNumber to;
        try {
            to = PhoneNumber.parse("recipient", message.recipient());
        } catch (InvalidAddressException e) {
            return DeliveryResult.failedPermanently(Masking.text(e.getMessage()));
        }
        ObjectNode plan = JSON.createObjectNode()
                .put("to", to.e164())
                .put("from", line.e164())
                .put("idempotencyKey", message.idempotencyKey());
        ArrayNode stages = plan.putArray("stages");
        for (AudioStage s : keypad.stages()) {
            stages.addObject().put("phase", s.phase().name()).put("audio", s.audio());
        }
        ObjectNode keys = plan.putObject("keys");
        keypad.keyMap().forEach(keys::put);
        plan.put("answerWindowMs", keypad.answerWindow().toMillis());
        ScriptedIvr.CallResult call = ivr.call(JSON.writeValueAsString(plan));
        switch (call.outcome()) {
            case BUSY:
                return DeliveryResult.retryLater("the line was busy");
            case NO_ANSWER:
                return DeliveryResult.retryLater("nobody answered");
            case UNREACHABLE:
                return DeliveryResult.failedPermanently("the number " + Masking.phone(to.e164()) + " cannot be called");
            default:
                break;
        }
        context.inbound().onReply(new InboundReply(id(), to.e164(), line.e164(), new ReplyContent.Keys(call.presses()),
                call.callId(), context.clock().instant()));
        return DeliveryResult.accepted(call.callId());
    }

    /** Releases stalled calls and stops the send threads. */
    @Override
    public void close() {
        ivr.close();
        super.close();
    }
}
