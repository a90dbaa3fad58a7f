package dev.csatkit.channels.spi;

/**
 * Receives the replies an adapter normalised. The host hands one to an adapter when it creates
 * it; the adapter calls it from whatever thread received the reply, so it must be thread-safe
 * and should return quickly.
 */
@FunctionalInterface
public interface InboundListener {

    /**
     * Takes one reply.
     *
     * @param reply the normalised reply
     */
    void onReply(InboundReply reply);

    /** @return a listener that drops every reply, for send-only channels */
    static InboundListener ignoring() {
        return reply -> { };
    }
}
