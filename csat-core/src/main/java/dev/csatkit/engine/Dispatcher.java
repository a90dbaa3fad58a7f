package dev.csatkit.engine;

import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what is due: leases due surveys and side messages from the store, passes each through the
 * state machine and the gate, and sends. It never waits on one send: all of a batch's sends are
 * started, each result is written as it comes, and the batch waits at most the send timeout in
 * all. A send still unanswered then stays leased; its late answer is still recorded, and if none
 * comes, the survey is taken over after the lease under the same idempotency key.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyEngine.class);
    private static final int PURGE_BATCH = 1_000;
    private static final String PROMPT = ":prompt";

    private final EngineCore core;
    private final Duration sendTimeout;
    private final int batchSize;
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);

    Dispatcher(EngineCore core, Duration sendTimeout, int batchSize) {
        this.core = core;
        this.sendTimeout = sendTimeout;
        this.batchSize = batchSize;
    }

    /** Counts of one dispatch, updated by the channels' callbacks as results come. */
    private static final class Counts {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger retrying = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger reminded = new AtomicInteger();
        final AtomicInteger expired = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
    }

    SurveyEngine.DispatchSummary dispatchDue() {
        Instant now = core.clock.instant();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        Instant leaseUntil = now.plus(core.sendLease);
        Counts counts = new Counts();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (OpenSurvey s : core.store.claimDue(now, batchSize, leaseUntil)) {
            try {
                handle(s, now, counts, pending);
            } catch (Throwable e) { // even an Error from one survey's adapter must not stop the batch
                // One survey that cannot be handled fails alone.
                LOG.warn("survey {}: {}", s.id(), Masking.text(e.toString()));
                failAlone(s, "could not be sent: " + e.getClass().getSimpleName(), now, counts);
            }
        }
        for (OutboxMessage m : core.store.claimOutbox(now, batchSize, leaseUntil)) {
            pending.add(core.sendSide(m));
        }
        await(pending, deadline);
        purgeIfDue(now);
        return new SurveyEngine.DispatchSummary(counts.sent.get(), counts.retrying.get(), counts.failed.get(),
                counts.reminded.get(), counts.expired.get(), counts.answered.get());
    }

    private static void await(List<CompletableFuture<?>> pending, long deadline) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Unanswered sends stay leased; their results are recorded whenever they come.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(OpenSurvey s, Instant now, Counts counts, List<CompletableFuture<?>> pending) {
        ProfileRuntime rt = core.runtime(s);
        if (rt == null) {
            failAlone(s, "survey " + s.surveyId() + " is no longer configured", now, counts);
            return;
        }
        SurveyMachine.Context c = core.context(rt, now);
        switch (s.state()) {
            case SCHEDULED, SENDING -> startSend(rt, c, s, counts, pending);
            case AWAITING_REPLY -> {
                if (!s.closesAt().orElseThrow().isAfter(now)) {
                    close(c, s, counts);
                } else if (s.reminderAt().filter(at -> !at.isAfter(now)).isPresent()) {
                    remind(rt, c, s, counts);
                } else {
                    commit(s, SurveyMachine.unlease(s)); // taken over after a lease, with nothing due yet
                }
            }
            case RATED -> close(c, s, counts);
            case ANSWERED, EXPIRED, OPTED_OUT, FAILED -> { }
        }
    }

    private ApplyResult commit(OpenSurvey s, SurveyMachine.Step step) {
        return core.commit(Transition.at(core.clock.instant()).check(s), step);
    }

    private void failAlone(OpenSurvey s, String reason, Instant now, Counts counts) {
        ProfileRuntime rt = core.runtime(s);
        OpenSurvey failed = s.toBuilder().end(SurveyState.FAILED, reason, now).build();
        Transition.Builder t = Transition.at(now).change(s, failed);
        if (rt == null || rt.profile().releaseCapOnFailure()) {
            s.holds().forEach(h -> t.hold(new Transition.HoldChange(h, Optional.empty())));
        }
        try {
            if (core.store.apply(t.build()) instanceof ApplyResult.Applied) {
                counts.failed.incrementAndGet();
                core.publish(new SurveyEvent.Failed(failed, reason, true, now));
            }
        } catch (RuntimeException e) {
            LOG.warn("survey {}: could not be marked failed: {}", s.id(), Masking.text(e.toString()));
        }
    }

    private void startSend(ProfileRuntime rt, SurveyMachine.Context c, OpenSurvey s, Counts counts,
            List<CompletableFuture<?>> pending) {
        if (core.inFlight(s.id() + PROMPT)) {
            return; // this instance still waits for the channel: the new lease covers it, its answer is recorded
        }
        OutboundGate.Verdict verdict = core.gate.check(rt, s, Optional.empty(), c.now());
        if (verdict instanceof OutboundGate.OptedOut) {
            commit(s, SurveyMachine.optedOutBeforeSend(c, s));
            return;
        }
        if (verdict instanceof OutboundGate.Defer d) {
            if (commit(s, SurveyMachine.defer(c, s, d.until(), d.why())) instanceof ApplyResult.Capped capped) {
                // Its cap was taken by another survey meanwhile: wait for quiet hours and that hold both.
                Instant until = capped.heldUntil().isAfter(d.until()) ? capped.heldUntil() : d.until();
                commit(s, SurveyMachine.deferKeepingHolds(c, s, until, d.why() + ", and the frequency cap is "
                        + "held by another survey until " + capped.heldUntil()));
            }
            return;
        }
        // The lease and the holds count from this send, not from the start of a long batch.
        SurveyMachine.Step step = SurveyMachine.startSend(core.context(rt, core.clock.instant()), s);
        if (step.next() != null && step.next().state() == SurveyState.FAILED) {
            if (commit(s, step) instanceof ApplyResult.Applied) {
                counts.failed.incrementAndGet();
            }
            return;
        }
        ApplyResult started = commit(s, step);
        if (started instanceof ApplyResult.Capped capped) {
            // Another survey holds the contact's cap: this one waits for it to end, holds as they are.
            commit(s, SurveyMachine.deferKeepingHolds(c, s, capped.heldUntil(),
                    "the frequency cap is held by another survey until " + capped.heldUntil()));
            return;
        }
        if (!(started instanceof ApplyResult.Applied)) {
            return; // another dispatcher took it
        }
        OpenSurvey sending = step.next();
        OutboundMessage message;
        try {
            MessageContent content = core.composer.prompt(rt, sending, c.now());
            message = new OutboundMessage(sending.address(), Optional.empty(), sending.id() + PROMPT,
                    Map.of("surveyId", sending.surveyId(), "surveyKey", sending.id()), content);
        } catch (RuntimeException e) {
            failAlone(sending, "could not compose the survey: " + Masking.text(String.valueOf(e.getMessage())),
                    c.now(), counts);
            return;
        }
        pending.add(core.send(rt.channel(), message, (result, error) -> {
            finishSend(rt, sending, result, error, counts);
            return null;
        }));
    }

    private void finishSend(ProfileRuntime rt, OpenSurvey sending, DeliveryResult result, Throwable error,
            Counts counts) {
        try {
            SurveyMachine.Context c = core.context(rt, core.clock.instant());
            SurveyMachine.Step step = answered(c, sending, result, error);
            // Written and published as it comes, on the channel's thread: a hung send delays no other.
            ApplyResult r = commit(sending, step);
            Optional<OpenSurvey> leased = r instanceof ApplyResult.Stale ? leaseOnlyChange(sending) : Optional.empty();
            if (leased.isPresent()) {
                // Only the lease moved while the channel answered: the answer still belongs to this send.
                sending = leased.get();
                step = answered(c, sending, result, error);
                r = commit(sending, step);
            }
            if (r instanceof ApplyResult.Capped && step.next() != null && step.next().state() == SurveyState.SCHEDULED) {
                // Another survey took the cap while this send was out: retry without holding it.
                step = SurveyMachine.retryKeepingHolds(c, sending, retryReason(result, error), retryDelay(result));
                r = commit(sending, step);
            }
            if (r instanceof ApplyResult.Applied) {
                SurveyState state = step.next().state();
                (state == SurveyState.AWAITING_REPLY ? counts.sent : state == SurveyState.FAILED ? counts.failed
                        : counts.retrying).incrementAndGet();
                if (state == SurveyState.AWAITING_REPLY) {
                    LOG.info("survey {} sent to {} on {}", sending.id(), Masking.address(sending.address()),
                            sending.channelId());
                } else {
                    LOG.info("survey {} to {}: not sent ({})", sending.id(), Masking.address(sending.address()),
                            Masking.text(String.valueOf(result)));
                }
            } else if (answeredWhileSending(sending)) {
                counts.sent.incrementAndGet(); // a reply proved the delivery first
            }
        } catch (RuntimeException e) {
            // The lease runs out and the survey is taken over under the same key.
            LOG.warn("survey {}: the send's result was not recorded: {}", sending.id(), Masking.text(e.toString()));
        }
    }

    private static String retryReason(DeliveryResult result, Throwable error) {
        return error != null ? "the channel failed: " + error.getClass().getName()
                : ((DeliveryResult.RetryLater) result).reason();
    }

    private static Optional<Duration> retryDelay(DeliveryResult result) {
        return result instanceof DeliveryResult.RetryLater later ? later.delay() : Optional.empty();
    }

    private static SurveyMachine.Step answered(SurveyMachine.Context c, OpenSurvey sending, DeliveryResult result,
            Throwable error) {
        if (error != null || result instanceof DeliveryResult.RetryLater) {
            return SurveyMachine.retry(c, sending, retryReason(result, error), retryDelay(result));
        }
        if (result instanceof DeliveryResult.Accepted) {
            return SurveyMachine.sent(c, sending);
        }
        return SurveyMachine.fail(c, sending, ((DeliveryResult.FailedPermanently) result).reason());
    }

    /** The stored survey when it is still this very send, with only its lease renewed by a later claim. */
    private Optional<OpenSurvey> leaseOnlyChange(OpenSurvey sending) {
        return core.store.find(sending.id()).filter(now -> now.state() == SurveyState.SENDING
                && now.promptedAt().equals(sending.promptedAt()) && now.attempts() == sending.attempts()
                && now.version() != sending.version());
    }

    /** Whether a reply to this very send came before the channel answered, and so marked it sent. */
    private boolean answeredWhileSending(OpenSurvey sending) {
        return core.store.find(sending.id()).filter(now -> now.promptedAt().equals(sending.promptedAt()))
                .flatMap(OpenSurvey::sentAt).isPresent();
    }

    private void remind(ProfileRuntime rt, SurveyMachine.Context c, OpenSurvey s, Counts counts) {
        OutboundGate.Verdict verdict = core.gate.check(rt, s, Optional.of(OutboxMessage.Purpose.REMINDER), c.now());
        if (verdict instanceof OutboundGate.OptedOut) {
            commit(s, SurveyMachine.optedOutBeforeSend(c, s));
        } else if (verdict instanceof OutboundGate.Defer d) {
            commit(s, SurveyMachine.defer(c, s, d.until(), d.why()));
        } else if (commit(s, SurveyMachine.remind(c, s)) instanceof ApplyResult.Applied) {
            counts.reminded.incrementAndGet();
        }
    }

    private void close(SurveyMachine.Context c, OpenSurvey s, Counts counts) {
        SurveyMachine.Step step = SurveyMachine.close(c, s);
        if (commit(s, step) instanceof ApplyResult.Applied) {
            (step.next().state() == SurveyState.ANSWERED ? counts.answered : counts.expired).incrementAndGet();
        }
    }

    private void purgeIfDue(Instant now) {
        long last = lastPurge.get();
        long hour = now.toEpochMilli() / 3_600_000L;
        if (hour != last && lastPurge.compareAndSet(last, hour)) {
            Instant before = now.minus(core.retention);
            for (int round = 0; round < 100 && core.store.purge(before, PURGE_BATCH) == PURGE_BATCH; round++) {
                // bounded batches, so no single call holds the store for long
            }
        }
    }
}
