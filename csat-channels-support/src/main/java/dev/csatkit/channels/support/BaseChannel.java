package dev.csatkit.channels.support;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.OutboundMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What CSAT Kit's reference adapters share, and what most adapters need: the kind check,
 * idempotency by key, the send timeout, a worker pool so that {@link #send} never blocks, and
 * masked logs. A subclass only delivers one message in {@link #deliver}, blocking, and classifies
 * the provider's answer.
 *
 * <p>Accepted keys are remembered in memory, the newest {@value #REMEMBERED_KEYS}; a host that
 * runs several instances relies on the provider's own idempotency as well (the key is passed on).
 * Log lines show the recipient masked ({@link Masking#address}) and provider answers masked and
 * escaped ({@link Masking#text}); nothing of the content is logged.
 */
public abstract class BaseChannel implements Channel, AutoCloseable {

    /** How many accepted idempotency keys are remembered. */
    public static final int REMEMBERED_KEYS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(BaseChannel.class);

    /** The context the channel was created with. */
    protected final ChannelContext context;
    private final ChannelKind kind;
    private final ChannelCapabilities capabilities;
    private final ExecutorService workers;
    private final int remembered;
    // One entry per key: the first send's result. Keys whose send did not succeed are removed,
    // so that the host's retry is delivered.
    private final Map<String, CompletableFuture<DeliveryResult>> sends = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<DeliveryResult>> eldest) {
                    return size() > remembered;
                }
            });

    /**
     * Creates the channel's worker threads.
     *
     * @param context the channel's id, clock, timeout and listener
     * @param kind the kind of content the channel accepts
     * @param capabilities what it can carry
     */
    protected BaseChannel(ChannelContext context, ChannelKind kind, ChannelCapabilities capabilities) {
        this(context, kind, capabilities, REMEMBERED_KEYS);
    }

    /** As the protected constructor, remembering {@code rememberedKeys} keys: for tests of the rule. */
    BaseChannel(ChannelContext context, ChannelKind kind, ChannelCapabilities capabilities, int rememberedKeys) {
        this.remembered = rememberedKeys;
        this.context = Objects.requireNonNull(context, "context");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, context.channelId() + "-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String id() {
        return context.channelId();
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public final CompletionStage<DeliveryResult> send(OutboundMessage message) {
        if (message.kind() != kind) {
            return CompletableFuture.completedFuture(DeliveryResult.failedPermanently(
                    "channel " + id() + " sends " + kind + " content, not " + message.kind()));
        }
        CompletableFuture<DeliveryResult> mine = new CompletableFuture<>();
        CompletableFuture<DeliveryResult> earlier = sends.putIfAbsent(message.idempotencyKey(), mine);
        if (earlier != null) {
            LOG.debug("{}: key {} already sent or in flight; answering its result", id(), message.idempotencyKey());
            return earlier.copy();
        }
        Duration timeout = context.sendTimeout();
        CompletableFuture.supplyAsync(() -> deliverSafely(message), workers)
                .completeOnTimeout(DeliveryResult.retryLater("the provider did not answer within " + timeout),
                        timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> {
                    DeliveryResult r = error == null ? result
                            : DeliveryResult.retryLater("the send could not be started: " + error);
                    if (!(r instanceof DeliveryResult.Accepted)) {
                        sends.remove(message.idempotencyKey(), mine);
                    }
                    log(message, r);
                    mine.complete(r);
                });
        return mine.copy();
    }

    private DeliveryResult deliverSafely(OutboundMessage message) {
        try {
            return deliver(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryLater("the send was interrupted");
        } catch (Exception e) {
            // Unclassified errors are retried: a duplicate is prevented by the idempotency key,
            // a lost survey is not recoverable.
            return DeliveryResult.retryLater("unexpected error: " + Masking.text(String.valueOf(e.getMessage())));
        }
    }

    private void log(OutboundMessage m, DeliveryResult r) {
        if (r instanceof DeliveryResult.Accepted a) {
            LOG.info("{}: sent to {} (key {}, provider id {})", id(), Masking.address(m.recipient()),
                    m.idempotencyKey(), Masking.escape(a.providerMessageId()));
        } else {
            LOG.warn("{}: not sent to {} (key {}): {}", id(), Masking.address(m.recipient()), m.idempotencyKey(),
                    Masking.text(r.toString()));
        }
    }

    /**
     * Delivers one message of this channel's kind to the provider, blocking. Runs on a worker
     * thread; the caller gives up after the send timeout, so a slow provider costs a thread, not
     * the host's request.
     *
     * @param message the message; its content is of this channel's kind
     * @return the provider's answer, classified
     * @throws Exception any error not yet classified; it becomes {@code RetryLater}
     */
    protected abstract DeliveryResult deliver(OutboundMessage message) throws Exception;

    /** Stops the worker threads; sends in flight are abandoned. */
    @Override
    public void close() {
        workers.shutdownNow();
    }
}
