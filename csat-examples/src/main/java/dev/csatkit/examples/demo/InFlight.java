package dev.csatkit.examples.demo;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.OutboundMessage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches the sends the engine hands to the adapters. The engine sends confirmations, follow-up
 * questions and reminders without waiting for them, and the adapters deliver on their own
 * threads; the simulation waits here until every send has been answered before its clock moves
 * on, so each run sees the same world at the same simulated time.
 *
 * <p>It also counts the messages delivered, by channel kind and purpose (the part of the
 * idempotency key after the survey key: {@code prompt}, {@code confirm}, {@code followup} …).
 */
final class InFlight {

    private final ConcurrentLinkedQueue<CompletableFuture<DeliveryResult>> pending = new ConcurrentLinkedQueue<>();
    private final Map<ChannelKind, Map<String, LongAdder>> delivered = new ConcurrentHashMap<>();

    /**
     * @param channel an adapter
     * @return the same adapter, watched
     */
    Channel watch(Channel channel) {
        return new Channel() {
            @Override
            public String id() {
                return channel.id();
            }

            @Override
            public ChannelKind kind() {
                return channel.kind();
            }

            @Override
            public ChannelCapabilities capabilities() {
                return channel.capabilities();
            }

            @Override
            public CompletionStage<DeliveryResult> send(OutboundMessage message) {
                // The engine's own callbacks hang on this future, completed from the adapter's
                // answer: they have run by the time the watch's future is done.
                CompletableFuture<DeliveryResult> toEngine = new CompletableFuture<>();
                pending.add(channel.send(message).toCompletableFuture().handle((r, e) -> {
                    if (r instanceof DeliveryResult.Accepted) {
                        delivered.computeIfAbsent(channel.kind(), k -> new ConcurrentHashMap<>())
                                .computeIfAbsent(purpose(message.idempotencyKey()), p -> new LongAdder()).increment();
                    }
                    if (e != null) {
                        toEngine.completeExceptionally(e);
                    } else {
                        toEngine.complete(r);
                    }
                    return r;
                }));
                return toEngine;
            }
        };
    }

    /** Waits until every send handed to a watched adapter so far has been answered. */
    void awaitAll() {
        CompletableFuture<DeliveryResult> next;
        while ((next = pending.poll()) != null) {
            try {
                next.join();
            } catch (CompletionException e) {
                // The engine sees and handles the failure; here only its end matters.
            }
        }
    }

    /**
     * @param kind a channel kind
     * @return the messages delivered on it, by purpose, in name order
     */
    Map<String, Long> delivered(ChannelKind kind) {
        Map<String, Long> out = new TreeMap<>();
        delivered.getOrDefault(kind, Map.of()).forEach((p, n) -> out.put(p, n.sum()));
        return out;
    }

    /** {@code s123:confirm:2} gives {@code confirm}; the engine's opt-out notices give {@code optout}. */
    static String purpose(String idempotencyKey) {
        int colon = idempotencyKey.indexOf(':');
        if (colon < 0) {
            return "other";
        }
        if (idempotencyKey.startsWith("optout:")) {
            return "optout";
        }
        int next = idempotencyKey.indexOf(':', colon + 1);
        return idempotencyKey.substring(colon + 1, next < 0 ? idempotencyKey.length() : next);
    }
}
