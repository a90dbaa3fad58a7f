package dev.csatkit.channels.spi;

import java.util.concurrent.CompletionStage;

/**
 * One way of reaching customers: an SMS account, an email sender, a chat integration or an IVR
 * line. This is the interface a channel adapter implements.
 *
 * <p>What every implementation must honour (the channel test kit, {@code csat-channels-tck},
 * checks each point):
 * <ul>
 *   <li><b>Content arrives intact.</b> Text in any script, emoji included, reaches the provider
 *       unchanged: encode UTF-8 end to end.</li>
 *   <li><b>Idempotency.</b> {@link OutboundMessage#idempotencyKey()} is passed to the provider
 *       where the provider supports it, and a second send with a key that was already
 *       {@linkplain DeliveryResult.Accepted accepted} is not delivered again: it answers with the
 *       first send's result. A key whose send ended in {@link DeliveryResult.RetryLater} may be
 *       sent again, and then it is delivered.</li>
 *   <li><b>Errors are classified.</b> A provider error that may pass (timeouts, throttling,
 *       5xx/4xx-temporary answers, connection failures) is {@link DeliveryResult.RetryLater};
 *       one that will not (an invalid address, a rejected message) is
 *       {@link DeliveryResult.FailedPermanently}. The returned stage never completes
 *       exceptionally for a provider error.</li>
 *   <li><b>Never blocks.</b> {@link #send} returns at once; the returned stage completes within
 *       the send timeout the adapter was configured with ({@link ChannelContext#sendTimeout()}),
 *       with {@code RetryLater} when the provider did not answer in time.</li>
 *   <li><b>Thread-safe.</b> {@link #send} may be called from many threads at once.</li>
 *   <li><b>Inbound replies are normalised</b> into {@link InboundReply} values handed to the
 *       {@link InboundListener} the adapter was created with: the channel's own id, the sender's
 *       address in canonical form (E.164 for phone numbers), the provider's message id (stable
 *       when the provider delivers the same event twice) and the time from the injected clock.</li>
 * </ul>
 *
 * <p>Adapters are wired explicitly (construct one and hand it to the engine) or discovered
 * through a {@link ChannelProvider} and {@link ChannelProviders}.
 */
public interface Channel {

    /**
     * @return the identifier the host gave this channel, such as {@code sms-eu}; it appears in
     *     every inbound reply and in reports
     */
    String id();

    /** @return what kind of channel this is, which decides the content it accepts */
    ChannelKind kind();

    /** @return what the channel can carry; rendering uses it to shape messages */
    ChannelCapabilities capabilities();

    /**
     * Hands a rendered message to the provider.
     *
     * <p>Returns at once. The stage completes, within the configured send timeout, with the
     * provider's answer; it completes exceptionally only for a defect in the adapter itself, never
     * for a provider error. Content of another kind than {@link #kind()} is answered with
     * {@link DeliveryResult.FailedPermanently}.
     *
     * @param message the message, already rendered for this channel
     * @return the delivery result
     */
    CompletionStage<DeliveryResult> send(OutboundMessage message);
}
