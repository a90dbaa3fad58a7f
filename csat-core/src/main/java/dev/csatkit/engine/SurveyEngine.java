package dev.csatkit.engine;

import dev.csatkit.CsatException;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channel.PhoneNumber;
import dev.csatkit.channel.SurveyRenderer;
import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundListener;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.internal.engine.EngineTexts;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.KeyPress;
import dev.csatkit.reply.KeypadParser;
import dev.csatkit.reply.KeypadReply;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.ContactLedger;
import dev.csatkit.store.InMemoryContactLedger;
import dev.csatkit.store.InMemoryOpenSurveyStore;
import dev.csatkit.store.InMemoryResponseStore;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OpenSurveyStore;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.Reservation;
import dev.csatkit.store.ResponseStore;
import dev.csatkit.store.SurveyState;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.MessageTemplate;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a helpdesk holds: it decides which finished interactions get a survey, sends the
 * surveys when they are due, reads the replies, and keeps each survey's outcome for reports.
 *
 * <p>Built once with its survey profiles, channels, stores, clock and listeners; safe for
 * concurrent use by any number of threads. All state lives in the stores, so several engine
 * instances sharing stores behave as one.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>An interaction gets at most one survey, however often it is reported.</li>
 *   <li>A contact gets at most one survey per frequency-cap window, even under races.</li>
 *   <li>A survey's prompt is sent under one idempotency key, so retries never reach the contact
 *       twice; each survey ends in exactly one final state.</li>
 *   <li>Nothing a customer sends makes {@link #receive} throw.</li>
 *   <li>Phone numbers, emails and comments are masked in every log line.</li>
 * </ul>
 */
public final class SurveyEngine implements AutoCloseable {

    /** The most survey profiles one engine runs. */
    public static final int MAX_PROFILES = 100;
    /** How long replayed interactions and provider message ids are recognised by default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(SurveyEngine.class);
    private static final int MAX_CAS_TRIES = 32;
    // Reads keywords in replies that match no survey; parsers are immutable, so one serves all.
    private static final ReplyParser KEYWORDS = ReplyParser.forScale(RatingScales.fivePoint());

    private final Clock clock;
    private final List<SurveyProfile> profiles;
    /** The profiles' runtimes in routing order: the first whose route matches wins. */
    private final Runtime[] routing;
    private final Map<String, Runtime> runtimes;
    private final Map<String, Channel> channels;
    private final ContactLedger ledger;
    private final OpenSurveyStore openSurveys;
    private final ResponseStore responses;
    private final List<SurveyListener> listeners;
    private final @Nullable EmailLinks emailLinks;
    private final Duration retention;
    private final Duration sendLease;
    private final int batchSize;
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);
    private volatile @Nullable ScheduledExecutorService scheduler;

    /** What the engine derives once per profile. */
    private record Runtime(SurveyProfile profile, Channel channel, ReplyParser parser, @Nullable KeypadParser keypad,
            String cappedDetail, Optional<String> surveyId) {
    }

    private SurveyEngine(Builder b) {
        this.clock = b.clock;
        this.profiles = List.copyOf(b.profiles);
        this.channels = Map.copyOf(b.channels);
        this.ledger = b.ledger;
        this.openSurveys = b.openSurveys;
        this.responses = b.responses;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.emailLinks = b.emailLinks;
        this.retention = b.retention;
        this.sendLease = b.sendLease;
        this.batchSize = b.batchSize;
        Map<String, Runtime> rt = new LinkedHashMap<>();
        for (SurveyProfile p : profiles) {
            RatingScale scale = p.survey().scale();
            rt.put(p.id(), new Runtime(p, channelFor(p, channels), ReplyParser.forScale(scale),
                    p.sendOn() == ChannelKind.VOICE_DTMF
                            ? KeypadParser.forScale(scale, p.survey().keypadAnswerWindow()) : null,
                    p.frequencyCap().map(cap -> "the contact was surveyed within the cap window of "
                            + cap.window() + (cap.scope() == FrequencyCap.Scope.PER_SURVEY ? " for survey " + p.id()
                            : " across surveys")).orElse(""), Optional.of(p.id())));
        }
        this.runtimes = Map.copyOf(rt);
        this.routing = rt.values().toArray(new Runtime[0]);
    }

    /** @return a builder; at least one profile and its channel are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the profiles, in routing order */
    public List<SurveyProfile> profiles() {
        return profiles;
    }

    /**
     * Adds a listener after the engine was built.
     *
     * @param listener the listener
     */
    public void addListener(SurveyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ------------------------------------------------------------------ deciding

    /**
     * Decides whether a finished interaction gets a survey, and schedules it if so. The rules run
     * in this order, and the first that says no is the reason: trigger (resolved, channel and
     * entry point enabled, direction, who hung up, agent type, handle time, the host's contact
     * rule, no self-rating, an address), opt-out, language, sampling, quiet hours (which defer,
     * never skip), frequency cap and one survey per interaction.
     *
     * @param interaction the finished interaction
     * @return the decision
     */
    public Decision decide(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        Instant now = clock.instant();
        Decision decision = decideAt(interaction, now);
        if (decision instanceof Decision.Skipped skipped) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("interaction {}: no survey, {}: {}", interaction.id(), skipped.reason(), skipped.detail());
            }
            if (!listeners.isEmpty()) {
                publish(new SurveyEvent.Skipped(interaction.id(), skipped, now));
            }
        }
        return decision;
    }

    private Decision decideAt(Interaction i, Instant now) {
        Runtime rt = route(i);
        if (rt == null) {
            return new Decision.Skipped(SkipReason.NO_SURVEY, "no survey profile routes " + i.medium()
                    + i.entryPoint().map(e -> " at entry point " + e).orElse("")
                    + i.brand().map(b -> " for brand " + b).orElse(""), Optional.empty());
        }
        SurveyProfile p = rt.profile;
        Optional<String> sid = rt.surveyId;
        Skip skip = trigger(p, i);
        if (skip != null) {
            return new Decision.Skipped(skip.reason, skip.detail, sid);
        }
        String address = i.contact().address(p.sendOn()).orElseThrow();
        String optOutKey = optOutKey(p.sendOn(), address);
        if (ledger.isOptedOut(optOutKey)) {
            return new Decision.Skipped(SkipReason.OPTED_OUT, "the contact opted out of " + kindName(p.sendOn())
                    + " surveys on " + Masking.address(address), sid);
        }
        SurveyDefinition survey = p.survey();
        Optional<Locale> locale = survey.resolve(i.contact().locale()).map(r -> r.locale());
        if (locale.isEmpty()) {
            return new Decision.Skipped(SkipReason.NO_LANGUAGE, "survey " + survey.id() + " has no messages in "
                    + i.contact().locale().toLanguageTag() + " and skips such contacts", sid);
        }
        if (!p.sampling().includes(i.id(), survey.id())) {
            return new Decision.Skipped(SkipReason.NOT_SAMPLED, "outside the " + p.sampling().percent()
                    + " % sample", sid);
        }
        Instant earliest = i.endedAt().plus(p.delay());
        Instant sendAt = earliest.isAfter(now) ? earliest : now;
        if (p.quietHours().isPresent()) {
            sendAt = p.quietHours().get().nextAllowed(sendAt, i.contact().zone());
        }
        String interactionKey = i.id();
        Optional<String> capKey = Optional.empty();
        Optional<Instant> capUntil = Optional.empty();
        if (p.frequencyCap().isPresent()) {
            FrequencyCap cap = p.frequencyCap().get();
            String key = cap.reservationKey(i.contact().id(), survey.id());
            // The window counts from the send, so a delayed survey still keeps its full window.
            Duration hold = sendAt.equals(now) ? cap.window() : Duration.between(now, sendAt).plus(cap.window());
            Reservation r = ledger.reserveOnce(interactionKey, key, now, hold, retention);
            if (r instanceof Reservation.Denied) {
                // The detail is fixed per profile: capped decisions are the hot path.
                return new Decision.Skipped(SkipReason.FREQUENCY_CAPPED, rt.cappedDetail, sid);
            }
            if (r instanceof Reservation.AlreadyClaimed claimed) {
                return duplicate(i, sid);
            }
            capKey = Optional.of(key);
            capUntil = Optional.of(((Reservation.Granted) r).until());
        } else if (!ledger.claim(interactionKey, now, retention)) {
            return duplicate(i, sid);
        }
        OpenSurvey scheduled = OpenSurvey.builder(EngineTexts.surveyKey(i.id()), survey.id(), i.id(), now)
                .contactId(i.contact().id())
                .channel(p.sendOn(), rt.channel.id(), address)
                .locale(locale.get())
                .values(values(p, i))
                .credit(i.agent().map(Agent::id), i.agent().flatMap(Agent::team), i.entryPoint(), i.caseType())
                .cap(capKey, capUntil)
                .sendAt(sendAt)
                .build();
        if (!openSurveys.insert(scheduled)) {
            return duplicate(i, sid);
        }
        if (!listeners.isEmpty()) {
            publish(new SurveyEvent.Scheduled(scheduled, now));
        }
        return new Decision.Scheduled(scheduled.id(), survey.id(), p.sendOn(), rt.channel.id(), sendAt);
    }

    private static Decision.Skipped duplicate(Interaction i, Optional<String> sid) {
        return new Decision.Skipped(SkipReason.DUPLICATE, "interaction " + i.id() + " already has a survey", sid);
    }

    private @Nullable Runtime route(Interaction i) {
        for (Runtime rt : routing) {
            if (rt.profile.route().matches(i)) {
                return rt;
            }
        }
        return null;
    }

    private record Skip(SkipReason reason, String detail) {
    }

    private static @Nullable Skip trigger(SurveyProfile p, Interaction i) {
        if (i.ending() != Ending.RESOLVED) {
            return new Skip(SkipReason.NOT_RESOLVED, "the interaction ended " + i.ending());
        }
        if (p.disabledMedia().contains(i.medium())) {
            return new Skip(SkipReason.CHANNEL_DISABLED, "survey " + p.id() + " is off for " + i.medium());
        }
        if (i.entryPoint().isPresent() && p.disabledEntryPoints().contains(i.entryPoint().get())) {
            return new Skip(SkipReason.ENTRY_POINT_DISABLED, "survey " + p.id() + " is off for entry point "
                    + i.entryPoint().get());
        }
        boolean keypad = p.sendOn() == ChannelKind.VOICE_DTMF;
        if (keypad && i.medium() != Medium.VOICE) {
            return new Skip(SkipReason.NOT_INBOUND, "a keypad survey follows calls, not " + i.medium());
        }
        if (p.inboundOnly() && i.direction() != Direction.INBOUND) {
            return new Skip(SkipReason.NOT_INBOUND, "survey " + p.id() + " follows inbound interactions only");
        }
        if (keypad && i.hangUp() != HangUp.AGENT) {
            return new Skip(SkipReason.CONTACT_HUNG_UP, "a keypad survey needs the agent to end the call; hang-up: "
                    + i.hangUp());
        }
        if (i.agent().isEmpty()) {
            return new Skip(SkipReason.AGENT_TYPE, "no agent worked the interaction");
        }
        Agent agent = i.agent().get();
        if (agent.kind() == AgentKind.VIRTUAL && !p.includeVirtualAgents()) {
            return new Skip(SkipReason.AGENT_TYPE, "agent " + agent.id() + " is virtual and survey " + p.id()
                    + " rates humans only");
        }
        if (i.handleTime().compareTo(p.minHandleTime()) < 0) {
            return new Skip(SkipReason.TOO_SHORT, "handle time " + i.handleTime() + " is below the minimum "
                    + p.minHandleTime());
        }
        boolean eligible;
        try {
            eligible = p.eligibility().test(i.contact());
        } catch (RuntimeException e) {
            LOG.warn("survey {}: the host's contact rule failed for contact {}: {}", p.id(), i.contact().id(),
                    Masking.text(e.toString()));
            return new Skip(SkipReason.INELIGIBLE_CONTACT, "the host's contact rule failed: " + e.getClass().getName());
        }
        if (!eligible) {
            return new Skip(SkipReason.INELIGIBLE_CONTACT, "the host's contact rule excludes contact "
                    + i.contact().id());
        }
        if (agent.id().equals(i.contact().id())
                || !agent.addresses().isEmpty() && i.contact().addresses().values().stream()
                .anyMatch(agent.addresses()::contains)) {
            return new Skip(SkipReason.SELF_RATING, "the contact is agent " + agent.id());
        }
        Optional<String> address = i.contact().address(p.sendOn());
        if (address.isEmpty()) {
            return new Skip(SkipReason.NO_ADDRESS, "the contact has no " + kindName(p.sendOn()) + " address");
        }
        String a = address.get();
        boolean phone = p.sendOn() == ChannelKind.SMS || p.sendOn() == ChannelKind.VOICE_DTMF;
        if (phone && !PhoneNumber.isE164(a)) {
            return new Skip(SkipReason.INVALID_ADDRESS, "phone number " + Masking.phone(a) + " is not in E.164 form");
        }
        if (p.sendOn() == ChannelKind.EMAIL && (a.indexOf('@') <= 0 || a.indexOf('@') == a.length() - 1)) {
            return new Skip(SkipReason.INVALID_ADDRESS, "email " + Masking.address(a) + " has no local part and domain");
        }
        return null;
    }

    private static Map<String, String> values(SurveyProfile p, Interaction i) {
        Map<String, String> v = new HashMap<>(p.placeholders());
        Agent agent = i.agent().orElseThrow();
        v.put("agent.id", agent.id());
        v.put("agent.name", agent.name().orElse(agent.id()));
        v.put("team.name", agent.team().orElse(""));
        v.put("contact.name", i.contact().attributes().getOrDefault("name", ""));
        v.put("interaction.id", i.id());
        v.put("ticket.id", i.id());
        return v;
    }

    // ------------------------------------------------------------------ sending

    /**
     * What one {@link #dispatchDue()} call did.
     *
     * @param sent surveys the channel accepted
     * @param retrying sends that will be tried again
     * @param failed surveys that ended {@link SurveyState#FAILED}
     * @param reminded reminders sent
     * @param expired surveys closed without a rating
     * @param answered rated surveys closed
     */
    public record DispatchSummary(int sent, int retrying, int failed, int reminded, int expired, int answered) {

        /** @return whether nothing was due */
        public boolean isEmpty() {
            return sent + retrying + failed + reminded + expired + answered == 0;
        }
    }

    /**
     * Does everything that is due now: sends scheduled surveys and retries, sends reminders, and
     * closes surveys whose window ended. Waits for the channels' answers (each channel answers
     * within its send timeout). Safe to call from several threads or instances at once: each
     * survey is acted on by one caller only.
     *
     * @return what was done
     */
    public DispatchSummary dispatchDue() {
        Instant now = clock.instant();
        int[] counts = new int[6];
        List<Pending> pending = new ArrayList<>();
        for (OpenSurvey s : openSurveys.due(now, batchSize)) {
            switch (s.state()) {
                case SCHEDULED, SENDING -> startSend(s, now, pending, counts);
                case AWAITING_REPLY -> {
                    if (!s.closesAt().orElseThrow().isAfter(now)) {
                        close(s, now, counts);
                    } else {
                        remind(s, now, counts);
                    }
                }
                case RATED -> close(s, now, counts);
                case ANSWERED, EXPIRED, OPTED_OUT, FAILED -> { }
            }
        }
        for (Pending p : pending) {
            finishSend(p, counts);
        }
        purgeIfDue(now);
        return new DispatchSummary(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    private record Pending(OpenSurvey sending, Runtime rt, CompletableFuture<DeliveryResult> result) {
    }

    private void startSend(OpenSurvey s, Instant now, List<Pending> pending, int[] counts) {
        Runtime rt = runtimes.get(s.surveyId());
        if (rt == null) {
            endFailed(s, "survey " + s.surveyId() + " is no longer configured", now, counts);
            return;
        }
        if (ledger.isOptedOut(optOutKey(s.channel(), s.address()))) {
            // The contact opted out after the decision: the survey ends unsent.
            OpenSurvey out = s.toBuilder().end(SurveyState.OPTED_OUT, "the contact opted out before it was sent", now)
                    .build();
            if (openSurveys.replace(s, out)) {
                publish(new SurveyEvent.OptedOut(s.channelId(), s.address(), Optional.of(out), now));
            }
            return;
        }
        OpenSurvey sending = s.toBuilder().state(SurveyState.SENDING).attempts(s.attempts() + 1)
                .retryAt(Optional.of(now.plus(sendLease))).promptedAt(now).build();
        if (!openSurveys.replace(s, sending)) {
            return; // another dispatcher took it
        }
        MessageContent content;
        try {
            content = promptContent(rt, sending, now);
        } catch (RuntimeException e) {
            endFailed(sending, "could not render the survey: " + e.getMessage(), now, counts);
            return;
        }
        OutboundMessage message = new OutboundMessage(sending.address(), Optional.empty(), sending.id() + ":prompt",
                Map.of("surveyId", sending.surveyId(), "surveyKey", sending.id()), content);
        pending.add(new Pending(sending, rt, send(rt.channel, message)));
    }

    private static CompletableFuture<DeliveryResult> send(Channel channel, OutboundMessage message) {
        try {
            return channel.send(message).toCompletableFuture();
        } catch (RuntimeException e) {
            // A defect in the adapter must not take the engine down; the survey is retried.
            return CompletableFuture.completedFuture(new DeliveryResult.RetryLater(Optional.empty(),
                    "the channel threw " + e.getClass().getName()));
        }
    }

    private void finishSend(Pending p, int[] counts) {
        DeliveryResult result;
        try {
            result = p.result.get(sendLease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result = new DeliveryResult.RetryLater(Optional.empty(), "the channel did not answer in " + sendLease);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and another dispatch takes the survey over
        } catch (java.util.concurrent.ExecutionException e) {
            result = new DeliveryResult.RetryLater(Optional.empty(), "the channel failed: "
                    + e.getCause().getClass().getName());
        }
        Instant now = clock.instant();
        OpenSurvey s = p.sending;
        SurveyProfile prof = p.rt.profile;
        if (result instanceof DeliveryResult.Accepted && markSent(s, prof, now) || answeredWhileSending(s)) {
            counts[0]++;
        } else if (result instanceof DeliveryResult.Accepted) {
            return; // the lease ran out and another dispatch took the survey over
        } else if (result instanceof DeliveryResult.RetryLater later) {
            if (s.attempts() >= prof.retry().maxAttempts()) {
                endFailed(s, "gave up after " + s.attempts() + " attempts: " + later.reason(), now, counts);
                return;
            }
            Duration backoff = prof.retry().backoff(s.attempts(), s.id());
            Duration wait = later.delay().filter(d -> d.compareTo(backoff) > 0).orElse(backoff);
            OpenSurvey retry = s.toBuilder().state(SurveyState.SCHEDULED).retryAt(Optional.of(now.plus(wait)))
                    .build();
            if (openSurveys.replace(s, retry)) {
                counts[1]++;
                LOG.info("survey {} to {}: retry in {} ({})", s.id(), Masking.address(s.address()), wait,
                        Masking.text(later.reason()));
                publish(new SurveyEvent.Failed(retry, later.reason(), false, now));
            }
        } else {
            endFailed(s, ((DeliveryResult.FailedPermanently) result).reason(), now, counts);
        }
    }

    /**
     * Whether a reply to this very send came before the channel answered, and so marked it sent:
     * then the reply is the proof of delivery, whatever the channel says.
     */
    private boolean answeredWhileSending(OpenSurvey sending) {
        return openSurveys.find(sending.id()).filter(now -> now.promptedAt().equals(sending.promptedAt()))
                .flatMap(OpenSurvey::sentAt).isPresent();
    }

    /** A comment cut to what a response keeps, never between the two halves of a surrogate pair. */
    private static String clip(String comment) {
        int max = SurveyResponse.MAX_COMMENT_LENGTH;
        if (comment.length() <= max) {
            return comment;
        }
        return comment.substring(0, Character.isHighSurrogate(comment.charAt(max - 1)) ? max - 1 : max);
    }

    /** Moves a survey being sent to awaiting its reply; the one place a survey becomes sent. */
    private boolean markSent(OpenSurvey sending, SurveyProfile prof, Instant now) {
        Instant answerBy = now.plus(prof.answerWindow());
        OpenSurvey sent = sending.toBuilder().state(SurveyState.AWAITING_REPLY).retryAt(Optional.empty())
                .sentAt(now).window(answerBy, answerBy).reminderAt(prof.reminderAfter().map(now::plus)).build();
        if (!openSurveys.replace(sending, sent)) {
            return false;
        }
        saveResponse(sent, false, OptionalInt.empty(), Optional.empty());
        LOG.info("survey {} sent to {} on {}", sent.id(), Masking.address(sent.address()), sent.channelId());
        publish(new SurveyEvent.Sent(sent, now));
        return true;
    }

    private void endFailed(OpenSurvey s, String reason, Instant now, int[] counts) {
        Runtime rt = runtimes.get(s.surveyId());
        OpenSurvey failed = s.toBuilder().end(SurveyState.FAILED, reason, now).build();
        if (!openSurveys.replace(s, failed)) {
            return;
        }
        counts[2]++;
        if ((rt == null || rt.profile.releaseCapOnFailure()) && s.capKey().isPresent()) {
            ledger.release(s.capKey().get(), s.capUntil().orElseThrow());
        }
        LOG.warn("survey {} to {} failed: {}", s.id(), Masking.address(s.address()), Masking.text(reason));
        publish(new SurveyEvent.Failed(failed, reason, true, now));
    }

    private void remind(OpenSurvey s, Instant now, int[] counts) {
        Runtime rt = runtimes.get(s.surveyId());
        OpenSurvey next = s.toBuilder().reminderAt(Optional.empty()).build();
        if (rt == null || !openSurveys.replace(s, next)) {
            return;
        }
        try {
            MessageContent content = reminderContent(rt, next, now, false);
            sendAside(rt, next, "reminder", content);
            counts[3]++;
            publish(new SurveyEvent.Reminded(next, now));
        } catch (RuntimeException e) {
            LOG.warn("survey {}: reminder not sent: {}", s.id(), Masking.text(e.getMessage()));
        }
    }

    private void close(OpenSurvey s, Instant now, int[] counts) {
        boolean rated = s.rating().isPresent();
        OpenSurvey closed = s.toBuilder().end(rated ? SurveyState.ANSWERED : SurveyState.EXPIRED,
                rated ? "rated" : s.invalidReplies() > 0 ? "no readable rating in the answer window"
                        : "no reply in the answer window", now).build();
        if (!openSurveys.replace(s, closed)) {
            return;
        }
        if (rated) {
            counts[5]++;
            publish(new SurveyEvent.Answered(closed, now));
        } else {
            counts[4]++;
            publish(new SurveyEvent.Expired(closed, now));
        }
    }

    private void purgeIfDue(Instant now) {
        long last = lastPurge.get();
        long hour = now.toEpochMilli() / 3_600_000L;
        if (hour != last && lastPurge.compareAndSet(last, hour)) {
            openSurveys.purge(now.minus(retention));
        }
    }

    /**
     * Calls {@link #dispatchDue()} every {@code period} on a daemon thread, until {@link #close()}.
     * Hosts with their own job runner call {@code dispatchDue()} from it instead.
     *
     * @param period how often
     * @throws IllegalStateException when already started
     */
    public synchronized void start(Duration period) {
        if (scheduler != null) {
            throw new IllegalStateException("the engine's scheduler is already running");
        }
        if (period.isNegative() || period.isZero()) {
            throw new InvalidConfigurationException(Violation.of("period", period, "must be positive"));
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "csat-dispatch");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            try {
                dispatchDue();
            } catch (RuntimeException e) {
                LOG.error("dispatch failed; will try again: {}", Masking.text(e.toString()));
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    /** Stops the scheduler started by {@link #start}, if any. The stores are left as they are. */
    @Override
    public synchronized void close() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ replies

    /** @return a listener to hand to channel adapters, passing their replies to {@link #receive} */
    public InboundListener inboundListener() {
        return this::receive;
    }

    /**
     * Handles one inbound reply: finds its survey (by the email link's survey key, else by channel
     * and sender), reads it and records the outcome, sending the confirmation, invalid-reply,
     * follow-up or opt-out message where the survey has one.
     *
     * @param reply the reply, as the adapter normalised it
     * @return what was made of it; never throws for anything the customer sent
     */
    public ReplyOutcome receive(InboundReply reply) {
        Objects.requireNonNull(reply, "reply");
        Channel channel = channels.get(reply.channelId());
        if (channel == null) {
            return new ReplyOutcome.Unmatched("channel " + reply.channelId() + " is not one of the engine's");
        }
        Instant now = reply.receivedAt();
        if (!ledger.claim("m\u0000" + reply.channelId() + '\u0000' + reply.providerMessageId(), clock.instant(),
                retention)) {
            return new ReplyOutcome.Duplicate(reply.providerMessageId());
        }
        Optional<OpenSurvey> found = reply.content() instanceof ReplyContent.Link link
                ? openSurveys.find(link.surveyId()).filter(s -> s.channelId().equals(reply.channelId()))
                : openSurveys.latestTo(reply.channelId(), reply.sender());
        Runtime rt = found.map(s -> runtimes.get(s.surveyId())).orElse(null);
        ReplyOutcome outcome = rt == null ? unmatched(channel, reply, now) : answer(found.get(), rt, reply, now);
        LOG.debug("reply {} from {} on {}: {}", reply.providerMessageId(), Masking.address(reply.sender()),
                reply.channelId(), outcome.getClass().getSimpleName());
        return outcome;
    }

    private ReplyOutcome unmatched(Channel channel, InboundReply reply, Instant now) {
        if (reply.content() instanceof ReplyContent.Text text) {
            // Opt-out and opt-in are honoured even with no survey open: the law asks for that.
            ParsedReply parsed = KEYWORDS.parse(text.text(), Locale.ENGLISH);
            if (parsed instanceof ParsedReply.OptOut) {
                return optOut(channel, reply.sender(), Locale.ENGLISH, Optional.empty(), now);
            }
            if (parsed instanceof ParsedReply.OptIn) {
                return new ReplyOutcome.OptedIn(ledger.optIn(optOutKey(channel.kind(), reply.sender())));
            }
        }
        return new ReplyOutcome.Unmatched("no survey was sent to " + Masking.address(reply.sender()) + " on "
                + reply.channelId());
    }

    private ReplyOutcome answer(OpenSurvey found, Runtime rt, InboundReply reply, Instant now) {
        OpenSurvey first = delivered(found);
        String key = first.id();
        // The link page reports the token's recipient as the sender: the contact's id, or the
        // address where a host signs its own links with it.
        if (reply.content() instanceof ReplyContent.Link && !first.contactId().equals(reply.sender())
                && !first.address().equals(reply.sender())) {
            return new ReplyOutcome.Unmatched("the link of survey " + key + " was not sent to this address");
        }
        ReplyContent content = reply.content();
        ParsedReply parsed;
        if (content instanceof ReplyContent.Text text) {
            parsed = rt.parser.parse(text.text(), first.locale());
        } else if (content instanceof ReplyContent.Button button) {
            parsed = rt.parser.parseChoice(button.payload());
        } else if (content instanceof ReplyContent.Link link) {
            Optional<String> comment = link.comment().map(SurveyEngine::clip);
            parsed = rt.parser.scale().contains(link.value())
                    ? new ParsedReply.Rating(link.value(), comment, !comment.equals(link.comment()))
                    : new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE, link.value() + " is not on the scale "
                    + rt.parser.scale().id(), false);
        } else {
            parsed = null; // keys, read by the keypad parser
        }
        // Keywords act on the address, not on one survey version, so they run once, outside the retry loop.
        if (parsed instanceof ParsedReply.OptOut) {
            ReplyOutcome outcome = optOut(rt.channel, first.address(), first.locale(), Optional.of(first), now);
            history(first, now, ReplyRecord.Kind.OPT_OUT, OptionalInt.empty(), Optional.empty(), true);
            update(key, now, (s, at) -> s.state() == SurveyState.AWAITING_REPLY
                    ? new Step(s.toBuilder().end(SurveyState.OPTED_OUT, "the contact opted out", at).build(),
                    outcome, List.of()) : new Step(null, outcome, List.of()));
            return outcome;
        }
        if (parsed instanceof ParsedReply.OptIn) {
            history(first, now, ReplyRecord.Kind.OPT_IN, OptionalInt.empty(), Optional.empty(), true);
            return new ReplyOutcome.OptedIn(ledger.optIn(optOutKey(rt.channel.kind(), first.address())));
        }
        if (parsed instanceof ParsedReply.Help) {
            history(first, now, ReplyRecord.Kind.HELP, OptionalInt.empty(), Optional.empty(), true);
            try {
                sendAside(rt, first, "help:" + now.toEpochMilli(), reminderContent(rt, first, now, true));
            } catch (RuntimeException e) {
                LOG.warn("survey {}: help not sent: {}", key, Masking.text(e.getMessage()));
            }
            return new ReplyOutcome.Helped(key);
        }
        return update(key, now, (s, at) -> parsed == null
                ? readKeys(rt, s, (ReplyContent.Keys) reply.content(), at)
                : readText(rt, s, parsed, at));
    }

    /**
     * A reply to a prompt that went out — still being sent, or waiting to be retried after an
     * answer the engine could not trust — proves that it arrived: the survey is marked sent now,
     * whatever the channel answers later, and is never sent again.
     *
     * @return the survey as it stands after that
     */
    private OpenSurvey delivered(OpenSurvey s) {
        boolean inFlight = s.state() == SurveyState.SENDING
                || s.state() == SurveyState.SCHEDULED && s.promptedAt().isPresent();
        Runtime rt = runtimes.get(s.surveyId());
        if (!inFlight || rt == null) {
            return s;
        }
        markSent(s, rt.profile, clock.instant());
        return openSurveys.find(s.id()).orElse(s);
    }

    /**
     * Applies a change to one survey with compare-and-set, reading it again when someone else won.
     * The change sees the reply's time, but never one before the send it answers: an adapter's
     * clock may stamp a reply a moment before the engine recorded the send.
     */
    private ReplyOutcome update(String key, Instant now, BiFunction<OpenSurvey, Instant, Step> change) {
        for (int tries = 0; tries < MAX_CAS_TRIES; tries++) {
            Optional<OpenSurvey> found = openSurveys.find(key);
            if (found.isEmpty()) {
                return new ReplyOutcome.Unmatched("survey " + key + " is no longer kept");
            }
            OpenSurvey s = delivered(found.get());
            Instant at = s.sentAt().filter(now::isBefore).orElse(now);
            Step step = change.apply(s, at);
            if (step.next == null || openSurveys.replace(s, step.next)) {
                step.effects.forEach(Runnable::run);
                return step.outcome;
            }
        }
        LOG.warn("survey {}: a reply was not applied, the survey kept changing", key);
        return new ReplyOutcome.Unmatched("survey " + key + " was busy; the reply was not applied");
    }

    /** A change to one survey, the outcome it gives and what to do once it is written. */
    private record Step(@Nullable OpenSurvey next, ReplyOutcome outcome, List<Runnable> effects) {
    }

    private Step readText(Runtime rt, OpenSurvey s, ParsedReply parsed, Instant now) {
        boolean open = s.state().takesReplies() && !now.isAfter(s.answerUntil().orElseThrow());
        if (parsed instanceof ParsedReply.Rating r) {
            return open ? rate(rt, s, r.value(), r.comment(), now) : late(rt, s, OptionalInt.of(r.value()), now);
        }
        if (parsed instanceof ParsedReply.Comment c) {
            return comment(rt, s, c.text(), "not a rating", now);
        }
        ParsedReply.Invalid inv = (ParsedReply.Invalid) parsed; // keywords were handled before
        return comment(rt, s, null, inv.detail(), now);
    }

    private Step comment(Runtime rt, OpenSurvey s, @Nullable String text, String detail, Instant now) {
        if (s.state() == SurveyState.RATED && !now.isAfter(s.closesAt().orElseThrow()) && text != null) {
            OpenSurvey next = s.toBuilder().comment(clip(s.comment().map(c -> c + "\n" + text).orElse(text))).build();
            List<Runnable> fx = new ArrayList<>();
            fx.add(() -> history(s, now, ReplyRecord.Kind.COMMENT, OptionalInt.empty(), Optional.of(text), true));
            fx.add(() -> saveResponse(next, false, OptionalInt.empty(), Optional.empty()));
            if (s.followUpAsked()) {
                fx.add(() -> reply(rt, next, "thanks", messages(rt, next).thankYou()));
            }
            fx.add(() -> publish(new SurveyEvent.Commented(next, text, now)));
            return new Step(next, new ReplyOutcome.Commented(s.id()), fx);
        }
        if (!s.state().takesReplies() || now.isAfter(s.answerUntil().orElseThrow())) {
            return late(rt, s, OptionalInt.empty(), now);
        }
        int count = s.invalidReplies() + 1;
        OpenSurvey.Builder b = s.toBuilder().invalidReplies(count);
        if (text != null && s.comment().isEmpty()) {
            b.comment(text); // kept, so a rating that follows has its comment
        }
        OpenSurvey next = b.build();
        List<Runnable> fx = new ArrayList<>();
        fx.add(() -> history(s, now, ReplyRecord.Kind.INVALID, OptionalInt.empty(), Optional.ofNullable(text),
                false));
        fx.add(() -> saveResponse(next, false, OptionalInt.empty(), Optional.empty()));
        if (count <= rt.profile.maxInvalidReplies()) {
            fx.add(() -> reply(rt, next, "invalid:" + count, messages(rt, next).invalidReply()));
        }
        return new Step(next, new ReplyOutcome.Invalid(s.id(), ReplyOutcome.InvalidKind.UNREADABLE, detail, count,
                false), fx);
    }

    private Step rate(Runtime rt, OpenSurvey s, int value, Optional<String> comment, Instant now) {
        SurveyProfile p = rt.profile;
        boolean replaced = s.rating().isPresent();
        Instant answerBy = s.answerUntil().orElseThrow();
        Instant commentBy = now.plus(p.commentWindow());
        MessageSet m = messages(rt, s);
        boolean text = p.sendOn() != ChannelKind.VOICE_DTMF;
        // An email is answered through its link, never by a typed reply: the page that confirms the
        // rating asks for the comment instead.
        boolean typedReplies = text && p.sendOn() != ChannelKind.EMAIL;
        boolean askFollowUp = typedReplies && m.followUp().isPresent() && !s.followUpAsked() && comment.isEmpty();
        OpenSurvey.Builder b = s.toBuilder().state(SurveyState.RATED).rating(value, now)
                .window(answerBy, commentBy.isAfter(answerBy) ? commentBy : answerBy)
                .reminderAt(Optional.empty()).followUpAsked(s.followUpAsked() || askFollowUp);
        comment.ifPresent(c -> b.comment(clip(s.comment().map(old -> old + "\n" + c).orElse(c))));
        OpenSurvey next = b.build();
        List<Runnable> fx = new ArrayList<>();
        fx.add(() -> history(s, now, ReplyRecord.Kind.RATING, OptionalInt.of(value), comment, true));
        fx.add(() -> saveResponse(next, false, OptionalInt.empty(), Optional.empty()));
        if (text) {
            fx.add(() -> reply(rt, next, "confirm:" + next.version(), m.confirmation()));
        }
        if (askFollowUp) {
            fx.add(() -> reply(rt, next, "followup", m.followUp().orElseThrow()));
        }
        fx.add(() -> {
            LOG.info("survey {} rated {}{}", next.id(), value, replaced ? " (replacing the earlier rating)" : "");
            publish(new SurveyEvent.Rated(next, value, replaced, now));
            if (value <= p.lowScoreThreshold()) {
                publish(new SurveyEvent.LowScore(next, value, next.comment(), now));
            }
            comment.ifPresent(c -> publish(new SurveyEvent.Commented(next, c, now)));
        });
        return new Step(next, new ReplyOutcome.Rated(s.id(), value, replaced), fx);
    }

    private Step late(Runtime rt, OpenSurvey s, OptionalInt value, Instant now) {
        boolean counted = rt.profile.countLateReplies() && value.isPresent() && s.rating().isEmpty();
        List<Runnable> fx = new ArrayList<>();
        fx.add(() -> history(s, now, ReplyRecord.Kind.LATE, value, Optional.empty(), counted));
        if (counted) {
            OpenSurvey next = s.toBuilder().rating(value.getAsInt(), now).build();
            fx.add(() -> saveResponse(next, false, OptionalInt.empty(), Optional.empty()));
            return new Step(next, new ReplyOutcome.Late(s.id(), true), fx);
        }
        if (s.rating().isEmpty() && s.sentAt().isPresent()) {
            fx.add(() -> saveResponse(s, true, value, Optional.of(now)));
        }
        return new Step(null, new ReplyOutcome.Late(s.id(), false), fx);
    }

    private Step readKeys(Runtime rt, OpenSurvey s, ReplyContent.Keys keys, Instant now) {
        KeypadParser parser = Objects.requireNonNull(rt.keypad, "keypad parser");
        if (!s.state().takesReplies() || now.isAfter(s.answerUntil().orElseThrow())) {
            KeypadReply r = parser.parse(keys.keys());
            return late(rt, s, r instanceof KeypadReply.KeypadRating k ? OptionalInt.of(k.value())
                    : OptionalInt.empty(), now);
        }
        List<KeyPress> presses = keys.presses().stream().map(k -> new KeyPress(k.key(), k.at())).toList();
        SurveyProfile p = rt.profile;
        KeypadReply read = parser.parse(presses);
        if (read instanceof KeypadReply.KeypadRating k) {
            return rate(rt, s, k.value(), Optional.empty(), now);
        }
        if (read instanceof KeypadReply.Repeat) {
            return new Step(null, new ReplyOutcome.Replayed(s.id()),
                    List.of(() -> sendAside(rt, s, "repeat:" + now.toEpochMilli(), reprompt(rt, s, now, false))));
        }
        if (read instanceof KeypadReply.NoInput n) {
            return keypadMiss(rt, s, now, ReplyOutcome.InvalidKind.NO_INPUT,
                    "no key was pressed within " + n.window(), s.noInputs() + 1, p.maxNoInputs());
        }
        KeypadReply.InvalidKey k = (KeypadReply.InvalidKey) read;
        return keypadMiss(rt, s, now, ReplyOutcome.InvalidKind.NO_MATCH, k.detail(), s.invalidReplies() + 1,
                p.maxInvalidReplies());
    }

    private Step keypadMiss(Runtime rt, OpenSurvey s, Instant now, ReplyOutcome.InvalidKind kind, String detail,
            int count, int limit) {
        boolean noInput = kind == ReplyOutcome.InvalidKind.NO_INPUT;
        boolean ended = count > limit;
        OpenSurvey.Builder b = s.toBuilder();
        if (noInput) {
            b.noInputs(count);
        } else {
            b.invalidReplies(count);
        }
        if (ended) {
            // Past the limit the caller hears the thank-you (the THANKS stage) and the call ends.
            b.end(s.rating().isPresent() ? SurveyState.ANSWERED : SurveyState.EXPIRED,
                    (noInput ? "no key pressed " : "no valid key pressed ") + count + " times", now);
        }
        OpenSurvey next = b.build();
        List<Runnable> fx = new ArrayList<>();
        fx.add(() -> history(s, now, noInput ? ReplyRecord.Kind.NO_INPUT : ReplyRecord.Kind.INVALID,
                OptionalInt.empty(), Optional.empty(), false));
        fx.add(() -> saveResponse(next, false, OptionalInt.empty(), Optional.empty()));
        if (!ended) {
            fx.add(() -> sendAside(rt, next, kind.name().toLowerCase(Locale.ROOT) + ':' + count,
                    reprompt(rt, next, now, !noInput)));
        } else if (next.state() == SurveyState.EXPIRED) {
            fx.add(() -> publish(new SurveyEvent.Expired(next, now)));
        } else {
            fx.add(() -> publish(new SurveyEvent.Answered(next, now)));
        }
        return new Step(next, new ReplyOutcome.Invalid(s.id(), kind, detail, count, ended), fx);
    }

    private ReplyOutcome optOut(Channel channel, String address, Locale locale, Optional<OpenSurvey> survey,
            Instant now) {
        boolean first = ledger.optOut(optOutKey(channel.kind(), address), now);
        if (first) {
            if (channel.kind() == ChannelKind.SMS || channel.kind() == ChannelKind.CHAT) {
                String text = EngineTexts.optedOut(locale);
                MessageContent content = channel.kind() == ChannelKind.SMS ? new MessageContent.Sms(text)
                        : new MessageContent.Chat(text, List.of());
                send(channel, new OutboundMessage(address, Optional.empty(),
                        "optout:" + Integer.toHexString(address.hashCode()) + ':' + now.toEpochMilli(), Map.of(),
                        content));
            }
            LOG.info("{} opted out of {} surveys", Masking.address(address), kindName(channel.kind()));
            publish(new SurveyEvent.OptedOut(kindName(channel.kind()), address, survey, now));
        }
        return new ReplyOutcome.OptedOut(first);
    }

    // ------------------------------------------------------------------ reading back

    /**
     * Records the agent's own assessment of the caller's mood at the end of a call, on the mood
     * scale of the keypad survey the call is routed to. It is kept whether or not the caller
     * answered the survey, and reported beside CSAT.
     *
     * @param interaction the call
     * @param value a value of the profile's mood scale
     * @return the stored assessment
     * @throws InvalidConfigurationException when the call is routed to no survey with a mood scale,
     *     has no agent, or the value is not on the mood scale
     */
    public MoodAssessment recordMood(Interaction interaction, int value) {
        Runtime rt = route(interaction);
        if (rt == null || rt.profile.moodScale().isEmpty()) {
            throw new InvalidConfigurationException(Violation.of("interaction", interaction.id(),
                    "must be routed to a keypad survey with a mood scale"));
        }
        RatingScale scale = rt.profile.moodScale().get();
        if (!scale.contains(value)) {
            throw new InvalidConfigurationException(Violation.of("mood", value, "must be a value of the mood scale "
                    + scale.id() + " (" + scale.min() + "–" + scale.max() + ")"));
        }
        Agent agent = interaction.agent().orElseThrow(() -> new InvalidConfigurationException(
                Violation.of("interaction.agent", null, "must be present to assess the caller's mood")));
        MoodAssessment mood = new MoodAssessment(interaction.id(), rt.profile.id(), agent.id(), agent.team(),
                scale.id(), value, clock.instant());
        responses.saveMood(mood);
        return mood;
    }

    /**
     * @param surveyKey a survey's key, as in {@link Decision.Scheduled#surveyKey()}
     * @return the survey's current state, while it is kept
     */
    public Optional<OpenSurvey> survey(String surveyKey) {
        return openSurveys.find(surveyKey);
    }

    /**
     * @param interactionId an interaction's id
     * @return the survey scheduled for it, while it is kept
     */
    public Optional<OpenSurvey> surveyFor(String interactionId) {
        return openSurveys.find(EngineTexts.surveyKey(interactionId));
    }

    /**
     * @param surveyKey a survey's key
     * @return every reply it got, replaced, unreadable and late ones included
     */
    public List<ReplyRecord> history(String surveyKey) {
        return responses.history(surveyKey);
    }

    /** @return the outcome of every survey sent, ready for {@link dev.csatkit.score.Report#of} */
    public List<SurveyResponse> responses() {
        return responses.responses();
    }

    /** @return every mood assessment */
    public List<MoodAssessment> moods() {
        return responses.moods();
    }

    // ------------------------------------------------------------------ messages

    private MessageContent promptContent(Runtime rt, OpenSurvey s, Instant now) {
        SurveyProfile p = rt.profile;
        Instant expires = now.plus(p.answerWindow());
        return SurveyRenderer.render(p.survey(), p.sendOn(), rt.channel.capabilities(), s.locale(), s.values(),
                        v -> emailLink(s, v, expires))
                .orElseThrow(() -> new CsatException("survey " + p.id() + " has no messages in " + s.locale()));
    }

    private String emailLink(OpenSurvey s, int value, Instant expires) {
        if (emailLinks == null) {
            throw new CsatException("email surveys need EmailLinks on the engine");
        }
        return emailLinks.link(s.id(), s.contactId(), value, expires);
    }

    /** The reminder, or for a help request the question again with how to stop. */
    private MessageContent reminderContent(Runtime rt, OpenSurvey s, Instant now, boolean help) {
        MessageContent prompt = promptContent(rt, s, now);
        MessageSet m = messages(rt, s);
        if (help || m.reminder().isEmpty()) {
            return prompt; // the prompt already carries the opt-out instructions
        }
        String text = render(rt, s, m.reminder().get());
        if (prompt instanceof MessageContent.Sms) {
            return new MessageContent.Sms(m.optOutInstructions().map(t -> text + "\n" + render(rt, s, t)).orElse(text));
        }
        if (prompt instanceof MessageContent.Chat chat) {
            return new MessageContent.Chat(text, chat.buttons());
        }
        if (prompt instanceof MessageContent.Email email) {
            return new MessageContent.Email(email.subject(), text + "\n\n" + email.plainText(), email.html());
        }
        return prompt;
    }

    /** The keypad question again, after a no-match with the invalid-reply notice first. */
    private MessageContent reprompt(Runtime rt, OpenSurvey s, Instant now, boolean notice) {
        MessageContent.Keypad keypad = (MessageContent.Keypad) promptContent(rt, s, now);
        List<AudioStage> stages = new ArrayList<>();
        if (notice) {
            stages.add(new AudioStage(AudioStage.Phase.ANNOUNCEMENT, render(rt, s, messages(rt, s).invalidReply())));
        }
        keypad.stages().stream().filter(st -> st.phase() != AudioStage.Phase.ANNOUNCEMENT).forEach(stages::add);
        return new MessageContent.Keypad(stages, keypad.keyMap(), keypad.answerWindow());
    }

    /** Answers the contact with one of the survey's messages, on text channels. */
    private void reply(Runtime rt, OpenSurvey s, String purpose, MessageTemplate template) {
        try {
            String text = render(rt, s, template);
            MessageContent content = switch (rt.profile.sendOn()) {
                case SMS -> new MessageContent.Sms(text);
                case CHAT -> new MessageContent.Chat(text, List.of());
                case EMAIL -> new MessageContent.Email(rt.profile.survey().name(), text, Optional.empty());
                case VOICE_DTMF -> null;
            };
            if (content != null) {
                sendAside(rt, s, purpose, content);
            }
        } catch (RuntimeException e) {
            LOG.warn("survey {}: {} message not sent: {}", s.id(), purpose, Masking.text(e.getMessage()));
        }
    }

    private MessageSet messages(Runtime rt, OpenSurvey s) {
        return rt.profile.survey().resolve(s.locale()).orElseThrow().messages();
    }

    private String render(Runtime rt, OpenSurvey s, MessageTemplate template) {
        return template.render(SurveyRenderer.placeholderValues(rt.profile.survey(), s.locale(), s.values()));
    }

    /** Sends a message beside the prompt (confirmation, follow-up …) without waiting for it. */
    private void sendAside(Runtime rt, OpenSurvey s, String purpose, MessageContent content) {
        OutboundMessage message = new OutboundMessage(s.address(), Optional.empty(), s.id() + ':' + purpose,
                Map.of("surveyId", s.surveyId(), "surveyKey", s.id()), content);
        send(rt.channel, message).whenComplete((result, error) -> {
            if (!(result instanceof DeliveryResult.Accepted)) {
                LOG.info("survey {}: {} message not delivered to {}: {}", s.id(), purpose,
                        Masking.address(s.address()), error != null ? error.getClass().getName() : result);
            }
        });
    }

    // ------------------------------------------------------------------ records

    private void history(OpenSurvey s, Instant at, ReplyRecord.Kind kind, OptionalInt value, Optional<String> text,
            boolean counted) {
        responses.append(new ReplyRecord(s.id(), at, kind, value, text, counted));
    }

    private void saveResponse(OpenSurvey s, boolean late, OptionalInt lateScore, Optional<Instant> lateAt) {
        SurveyResponse.Builder b = SurveyResponse.builder(s.interactionId(), s.surveyId(),
                        s.sentAt().orElse(s.sendAt()))
                .channel(s.channel())
                .agent(s.agent().orElse(null))
                .team(s.team().orElse(null))
                .entryPoint(s.entryPoint().orElse(null))
                .locale(s.locale())
                .caseType(s.caseType().orElse(null));
        if (s.rating().isPresent()) {
            b.rating(s.rating().getAsInt(), s.ratedAt().orElseThrow());
        } else if (late) {
            b.lateReply(lateScore, lateAt.orElseThrow());
        } else if (s.invalidReplies() > 0 || s.noInputs() > 0) {
            b.invalidReply(s.ratedAt().orElse(s.sentAt().orElse(s.sendAt())));
        }
        s.comment().ifPresent(b::comment);
        responses.save(s.id(), s.version(), b.build());
    }

    private void publish(SurveyEvent event) {
        for (SurveyListener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException e) {
                LOG.warn("a survey listener failed on {}: {}", event.getClass().getSimpleName(),
                        Masking.text(e.toString()));
            }
        }
    }

    private static String optOutKey(ChannelKind kind, String address) {
        return kind.name() + ':' + address;
    }

    private static String kindName(ChannelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static Channel channelFor(SurveyProfile p, Map<String, Channel> channels) {
        if (p.channelId().isPresent()) {
            Channel c = channels.get(p.channelId().get());
            if (c == null || c.kind() != p.sendOn()) {
                throw new InvalidConfigurationException(Violation.of("profiles[" + p.id() + "].channelId",
                        p.channelId().get(), "must name one of the engine's " + kindName(p.sendOn()) + " channels"));
            }
            return c;
        }
        List<Channel> ofKind = channels.values().stream().filter(c -> c.kind() == p.sendOn()).toList();
        if (ofKind.size() != 1) {
            throw new InvalidConfigurationException(Violation.of("profiles[" + p.id() + "].sendOn", p.sendOn(),
                    ofKind.isEmpty() ? "needs a channel of that kind on the engine"
                            : "has several channels of that kind; name one with channelId"));
        }
        return ofKind.get(0);
    }

    /** Builds a {@link SurveyEngine}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private final List<SurveyProfile> profiles = new ArrayList<>();
        private final Map<String, Channel> channels = new LinkedHashMap<>();
        private ContactLedger ledger = new InMemoryContactLedger();
        private OpenSurveyStore openSurveys = new InMemoryOpenSurveyStore();
        private ResponseStore responses = new InMemoryResponseStore();
        private final List<SurveyListener> listeners = new ArrayList<>();
        private @Nullable EmailLinks emailLinks;
        private Duration retention = DEFAULT_RETENTION;
        private Duration sendLease = Duration.ofMinutes(5);
        private int batchSize = 10_000;

        private Builder() {
        }

        /** @param value the clock every decision reads; default the system clock in UTC @return this */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @param value a survey profile; profiles are routed in the order added @return this */
        public Builder profile(SurveyProfile value) {
            profiles.add(Objects.requireNonNull(value, "profile"));
            return this;
        }

        /** @param value a channel; its id must be unique @return this */
        public Builder channel(Channel value) {
            Objects.requireNonNull(value, "channel");
            if (channels.putIfAbsent(value.id(), value) != null) {
                throw new InvalidConfigurationException(Violation.of("channels", value.id(), "must be unique"));
            }
            return this;
        }

        /** @param value the contact ledger; default in memory @return this */
        public Builder contactLedger(ContactLedger value) {
            ledger = Objects.requireNonNull(value, "ledger");
            return this;
        }

        /** @param value the open-survey store; default in memory @return this */
        public Builder openSurveys(OpenSurveyStore value) {
            openSurveys = Objects.requireNonNull(value, "openSurveys");
            return this;
        }

        /** @param value the response store; default in memory @return this */
        public Builder responses(ResponseStore value) {
            responses = Objects.requireNonNull(value, "responses");
            return this;
        }

        /** @param value a listener @return this */
        public Builder listener(SurveyListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** @param value how email surveys link each rating; required for email profiles @return this */
        public Builder emailLinks(EmailLinks value) {
            emailLinks = Objects.requireNonNull(value, "emailLinks");
            return this;
        }

        /**
         * @param value how long replays and repeated provider messages are recognised, and ended
         *     surveys kept for late replies; default 30 days
         * @return this
         */
        public Builder retention(Duration value) {
            retention = Objects.requireNonNull(value, "retention");
            return this;
        }

        /**
         * @param value how long a send may stay unanswered before another dispatch takes it over with
         *     the same idempotency key; default 5 minutes, longer than any channel's send timeout
         * @return this
         */
        public Builder sendLease(Duration value) {
            sendLease = Objects.requireNonNull(value, "sendLease");
            return this;
        }

        /** @param value the most surveys one dispatch handles; default 10 000 @return this */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * @return the engine
         * @throws InvalidConfigurationException naming every broken rule: no profile, too many,
         *     duplicate ids, a profile without its channel or email links, a placeholder without a
         *     value, an SMS that does not fit its channel
         */
        public SurveyEngine build() {
            List<Violation> v = new ArrayList<>();
            if (profiles.isEmpty() || profiles.size() > MAX_PROFILES) {
                v.add(Violation.of("profiles", profiles.size(), "must hold 1 to " + MAX_PROFILES + " profiles"));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (SurveyProfile p : profiles) {
                String f = "profiles[" + p.id() + "]";
                if (!ids.add(p.id())) {
                    v.add(Violation.of(f, p.id(), "must be unique"));
                }
                if (p.sendOn() == ChannelKind.EMAIL && emailLinks == null) {
                    v.add(Violation.of(f + ".sendOn", "EMAIL", "needs emailLinks on the engine"));
                }
                Set<String> known = new java.util.HashSet<>(PROVIDED);
                known.addAll(p.placeholders().keySet());
                p.survey().messages().forEach((locale, set) -> set.templates().forEach((name, t) ->
                        t.placeholders().stream().filter(n -> !known.contains(n)).forEach(n -> v.add(Violation.of(
                                f + ".placeholders", n, "has no value; it is used in messages."
                                        + locale.toLanguageTag() + "." + name)))));
            }
            if (retention.compareTo(Duration.ofDays(1)) < 0) {
                v.add(Violation.of("retention", retention, "must be at least 1 day"));
            }
            if (sendLease.compareTo(Duration.ofSeconds(10)) < 0) {
                v.add(Violation.of("sendLease", sendLease, "must be at least 10 seconds"));
            }
            if (batchSize < 1) {
                v.add(Violation.of("batchSize", batchSize, "must be positive"));
            }
            if (!v.isEmpty()) {
                throw new InvalidConfigurationException(v);
            }
            for (SurveyProfile p : profiles) {
                Channel c = channelFor(p, channels);
                if (p.sendOn() == ChannelKind.SMS) {
                    try {
                        SurveyRenderer.checkSms(p.survey(), c.capabilities(), p.placeholders());
                    } catch (InvalidDefinitionException e) {
                        throw new InvalidConfigurationException(e.violations().stream()
                                .map(x -> new Violation("profiles[" + p.id() + "]." + x.field(), x.value(), x.rule()))
                                .toList());
                    }
                }
            }
            return new SurveyEngine(this);
        }

        private static final Set<String> PROVIDED = Set.of("survey.name", "scale.min", "scale.max",
                "scale.min.label", "scale.max.label", "agent.id", "agent.name", "team.name", "contact.name",
                "interaction.id", "ticket.id");
    }
}
