package dev.csatkit.engine;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dispatcher and the reply router share: the store, the profiles, the gate, message
 * composition, and the one way a step is written ({@link #commit}) and its side messages sent.
 */
final class EngineCore {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyEngine.class);
    /** Attempts at a side message before it is given up. */
    static final int SIDE_ATTEMPTS = 5;

    final Clock clock;
    final SurveyStore store;
    /** Each survey id's profiles, in routing order: looked up without building a key. */
    private final Map<String, ProfileRuntime[]> bySurvey;
    final Map<String, Channel> channels;
    final Composer composer;
    final OutboundGate gate;
    final List<SurveyListener> listeners;
    final Duration sendLease;
    final Duration retention;
    final Optional<Duration> acrossWindow;
    /**
     * Idempotency keys this instance has handed to a channel (or is about to) and not yet written
     * the answer of: a send under way is not started again before its send timeout.
     */
    private final ConcurrentHashMap<String, UnderWay> inFlight = new ConcurrentHashMap<>();
    private final long sendTimeoutNanos;

    /**
     * One caller's mark of a key as under way, since when (System.nanoTime). Marks are told apart
     * by identity, never by their time, so a caller only ever removes its own.
     */
    private static final class UnderWay {
        final long since = System.nanoTime();
    }

    EngineCore(Clock clock, SurveyStore store, List<ProfileRuntime> runtimes, Map<String, Channel> channels,
            Composer composer, List<SurveyListener> listeners, Duration sendLease, Duration sendTimeout,
            Duration retention, Optional<Duration> acrossWindow) {
        this.clock = clock;
        this.store = store;
        Map<String, List<ProfileRuntime>> named = new java.util.LinkedHashMap<>();
        // One survey may go on several channels, one profile each.
        runtimes.forEach(rt -> named.computeIfAbsent(rt.profile().id(), k -> new java.util.ArrayList<>())
                .add(rt));
        Map<String, ProfileRuntime[]> by = new java.util.HashMap<>();
        named.forEach((id, list) -> by.put(id, list.toArray(new ProfileRuntime[0])));
        this.bySurvey = Map.copyOf(by);
        this.channels = channels;
        this.composer = composer;
        this.gate = new OutboundGate(store);
        this.listeners = new CopyOnWriteArrayList<>(listeners);
        this.sendLease = sendLease;
        this.sendTimeoutNanos = sendTimeout.toNanos();
        this.retention = retention;
        this.acrossWindow = acrossWindow;
    }

    /**
     * @param surveyId a survey definition's id
     * @param channelId the id of a channel it is sent on
     * @return the key of the profile sending that survey on that channel
     */
    static String runtimeKey(String surveyId, String channelId) {
        return surveyId + '\u0000' + channelId;
    }

    /**
     * The profile a stored survey runs under: the one of its survey on its channel, else (the
     * channel was renamed since it was scheduled) the survey's first profile, as before surveys
     * could go on several channels.
     *
     * @param s a stored survey
     * @return its profile's runtime, or null when its survey is no longer configured
     */
    @Nullable ProfileRuntime runtime(OpenSurvey s) {
        ProfileRuntime[] of = bySurvey.get(s.surveyId());
        if (of == null) {
            return null;
        }
        for (ProfileRuntime rt : of) {
            if (rt.channel().id().equals(s.channelId())) {
                return rt;
            }
        }
        return of[0];
    }

    SurveyMachine.Context context(ProfileRuntime rt, Instant now) {
        return new SurveyMachine.Context(rt, now, now.plus(sendLease), h -> window(rt, h.key()));
    }

    /** How long a cap key of a profile's survey is held after a send. */
    Duration window(ProfileRuntime rt, String capKey) {
        if (capKey.startsWith(SurveyEngine.ACROSS_PREFIX)) {
            return acrossWindow.orElse(Duration.ofMinutes(1));
        }
        return rt.profile().frequencyCap().map(c -> c.window()).orElse(Duration.ofMinutes(1));
    }

    /**
     * Writes a step with whatever else the transition carries, then publishes its events and
     * sends its side messages. Nothing is published or sent unless the write succeeded.
     */
    ApplyResult commit(Transition.Builder t, SurveyMachine.Step step) {
        if (step.next() != null) {
            t.change(t.current().orElseThrow(), step.next());
        }
        step.holds().forEach(t::hold);
        // Each side message's lease counts from this write, not from when the step was worked out.
        Instant leaseUntil = clock.instant().plus(sendLease);
        List<OutboxMessage> outbox = step.outbox().stream().map(m -> m.dueAt(leaseUntil, false)).toList();
        outbox.forEach(t::send);
        if (step.response() != null) {
            t.response(step.response());
        }
        if (step.reply() != null) {
            t.reply(step.reply());
        }
        ReviewRules.Change review = reviewChange(step);
        if (review != null) {
            t.review(review.change());
        }
        // The side messages count as under way from the moment they are written: a dispatcher that
        // leases them before this thread hands them to the channel must not send them too.
        UnderWay writing = new UnderWay();
        outbox.forEach(m -> inFlight.put(m.key(), writing));
        ApplyResult result = null;
        try {
            result = store.apply(t.build());
        } finally {
            if (!(result instanceof ApplyResult.Applied)) {
                outbox.forEach(m -> inFlight.remove(m.key(), writing));
            }
        }
        if (result instanceof ApplyResult.Applied) {
            step.events().forEach(this::publish);
            if (review != null && review.event() != null) {
                publish(review.event());
            }
            for (OutboxMessage m : outbox) {
                sendHeld(m);
                inFlight.remove(m.key(), writing); // still the marker only when nothing was sent
            }
        }
        return result;
    }

    /**
     * The change a step's low-score events make to the survey's review, read now and written
     * with the step as a compare-and-set: a review changed meanwhile makes the step stale, and it
     * is worked out again.
     */
    private ReviewRules.@Nullable Change reviewChange(SurveyMachine.Step step) {
        for (SurveyEvent e : step.events()) {
            if (e instanceof SurveyEvent.LowScore low) {
                return ReviewRules.lowScore(store.review(low.survey().id()), low.survey(), low.value(), low.at());
            }
            if (e instanceof SurveyEvent.LowScoreWithdrawn w) {
                return ReviewRules.withdrawn(store.review(w.survey().id()), w.at());
            }
        }
        return null;
    }

    /** Publishes an event to every listener; nothing a listener throws reaches the engine's caller. */
    void publish(SurveyEvent event) {
        for (SurveyListener l : listeners) {
            try {
                l.on(event);
            } catch (Throwable e) { // an Error in a host's listener must not undo what was written
                LOG.warn("a survey listener failed on {}: {}", event.getClass().getSimpleName(),
                        Masking.text(e.toString()));
            }
        }
    }

    /**
     * @param idempotencyKey a message's key
     * @return whether this instance handed it to a channel less than the send timeout ago and is
     *     still waiting for the answer: a lease that ran out meanwhile (the engine's clock may run
     *     fast, as in a simulation) then waits for that answer instead of sending it again. A
     *     channel silent for longer is taken to hang, and the message goes again under its key
     */
    boolean inFlight(String idempotencyKey) {
        UnderWay u = inFlight.get(idempotencyKey);
        return u != null && fresh(u);
    }

    private boolean fresh(UnderWay u) {
        return System.nanoTime() - u.since < sendTimeoutNanos;
    }

    /**
     * Marks a key as under way here, in one step with the check that no send of it is.
     *
     * @return this caller's mark, or null when a send of the key is under way here
     */
    private @Nullable UnderWay take(String idempotencyKey) {
        UnderWay mine = new UnderWay();
        return inFlight.compute(idempotencyKey, (k, u) -> u != null && fresh(u) ? u : mine) == mine ? mine : null;
    }

    /**
     * Sends a channel message and records the channel's answer; a defect in the adapter is a
     * retryable failure, never thrown.
     *
     * @param record writes the answer (or the failure) to the store
     * @return when the answer is recorded
     */
    <T> CompletableFuture<T> send(Channel channel, OutboundMessage message,
            BiFunction<? super DeliveryResult, Throwable, T> record) {
        String key = message.idempotencyKey();
        UnderWay started = new UnderWay();
        inFlight.put(key, started);
        CompletableFuture<DeliveryResult> answer;
        try {
            answer = channel.send(message).toCompletableFuture();
        } catch (Throwable e) { // an adapter's Error too: it fails this send, never the dispatch
            answer = CompletableFuture.completedFuture(new DeliveryResult.RetryLater(Optional.empty(),
                    "the channel threw " + e.getClass().getName()));
        }
        // The message stays under way until its answer is written, not merely received: a dispatch
        // whose lease ran out in between would otherwise send it again under the same key.
        return answer.handle(record).whenComplete((r, e) -> inFlight.remove(key, started));
    }

    /**
     * Sends one side message held (leased) by this caller, through the gate, and settles it in the
     * outbox when the channel answers: removed once accepted or refused for good, kept for another
     * try otherwise. A message deferred by quiet hours stays in the outbox until they end. Nothing
     * is sent while a send of it is under way here, nor when another attempt settled it since the
     * caller read it (accepted, given up, or kept for a later try).
     *
     * @return when the channel answered (or at once when nothing was sent)
     */
    CompletableFuture<?> sendSide(OutboxMessage m) {
        UnderWay mine = take(m.key());
        if (mine == null) {
            return CompletableFuture.completedFuture(null); // still under way here; its answer settles it
        }
        try {
            // The caller's copy may be older than the answer of a send written since: a dispatch
            // claims a message whose lease ran out, then that send's answer settles it. A send's
            // mark goes only once its answer is written, so with this mark taken the store tells
            // whether an attempt settled the message since; only one no attempt settled goes.
            boolean unsettled;
            try {
                unsettled = store.settleOutbox(m, Optional.of(m));
            } catch (RuntimeException e) {
                // Kept in the outbox: taken up again when its lease ends.
                LOG.warn("side message {} not sent now: {}", m.key(), Masking.text(e.toString()));
                return CompletableFuture.completedFuture(null);
            }
            if (!unsettled) {
                LOG.debug("side message {} not sent: another attempt settled it", m.key());
                return CompletableFuture.completedFuture(null);
            }
            return sendHeld(m);
        } finally {
            inFlight.remove(m.key(), mine); // still the mark only when nothing was sent
        }
    }

    /** Sends a side message this caller holds as under way: it wrote it, or took it and found it unsettled. */
    private CompletableFuture<?> sendHeld(OutboxMessage m) {
        try {
            return trySendSide(m);
        } catch (Throwable e) {
            LOG.warn("side message {} not sent: {}", m.key(), Masking.text(e.toString()));
            store.settleOutbox(m, Optional.empty());
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletableFuture<?> trySendSide(OutboxMessage m) {
        Instant now = clock.instant();
        Channel channel = channels.get(m.channelId());
        Optional<OpenSurvey> survey = m.surveyKey().flatMap(store::find);
        @Nullable ProfileRuntime rt = survey.map(this::runtime).orElse(null);
        Optional<MessageContent> content;
        if (m.purpose() == OutboxMessage.Purpose.OPT_OUT_CONFIRMATION) {
            // Confirms only an opt-out that still holds: after a START it would say what is no longer true.
            boolean holds = store.isOptedOut(List.of(SurveyStore.addressKey(m.channel(), m.address())));
            content = channel == null || !holds ? Optional.empty() : Composer.optedOut(channel.kind(), m.locale());
        } else if (channel == null || rt == null) {
            content = Optional.empty();
        } else {
            OutboundGate.Verdict v = gate.check(rt, survey.get(), Optional.of(m.purpose()), now);
            if (v instanceof OutboundGate.OptedOut) {
                LOG.info("{} message of survey {} not sent: the contact opted out", m.purpose(), survey.get().id());
                store.settleOutbox(m, Optional.empty());
                return CompletableFuture.completedFuture(null);
            }
            if (v instanceof OutboundGate.Defer d) {
                store.settleOutbox(m, Optional.of(m.dueAt(d.until(), false)));
                return CompletableFuture.completedFuture(null);
            }
            content = composer.side(rt, survey.get(), m, now);
        }
        if (content.isEmpty() || channel == null) {
            store.settleOutbox(m, Optional.empty());
            return CompletableFuture.completedFuture(null);
        }
        OutboundMessage message = new OutboundMessage(m.address(), Optional.empty(), m.key(),
                m.surveyKey().map(k -> Map.of("surveyKey", k)).orElse(Map.of()), content.get());
        return send(channel, message, (result, error) -> {
            Instant at = clock.instant();
            if (result instanceof DeliveryResult.Accepted) {
                store.settleOutbox(m, Optional.empty());
            } else if (result instanceof DeliveryResult.FailedPermanently f || m.attempts() + 1 >= SIDE_ATTEMPTS) {
                LOG.info("{} message {} to {} given up: {}", m.purpose(), m.key(), Masking.address(m.address()),
                        error != null ? error.getClass().getName() : Masking.text(String.valueOf(result)));
                store.settleOutbox(m, Optional.empty());
            } else {
                Duration wait = result instanceof DeliveryResult.RetryLater r && r.delay().isPresent()
                        ? r.delay().get() : Duration.ofMinutes(1L << Math.min(m.attempts(), 6));
                store.settleOutbox(m, Optional.of(m.dueAt(at.plus(wait), true)));
            }
            return null;
        });
    }
}
