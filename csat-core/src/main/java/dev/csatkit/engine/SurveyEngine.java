package dev.csatkit.engine;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channel.CustomerTemplates;
import dev.csatkit.channel.SurveyRenderer;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundListener;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.internal.Checks;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.internal.engine.EngineTexts;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.Sampling;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.CallerSentiment;
import dev.csatkit.score.SentimentSpec;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.ScheduleRequest;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.SurveyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a helpdesk holds: it decides which finished interactions get a survey, sends the
 * surveys when they are due, reads the replies, and keeps each survey's outcome for reports.
 *
 * <p>Built once with its survey profiles, channels, store, clock and listeners; safe for
 * concurrent use by any number of threads. All state lives in the {@link SurveyStore}, so several
 * engine instances sharing a store behave as one. The default store is in memory: <b>a restart
 * loses scheduled surveys and opt-outs</b>; deployments that restart or run several instances use
 * a shared store (the PostgreSQL one).
 *
 * <p>A thin façade: the decision rules, the dispatcher, the reply router and message composition
 * are separate parts, and every change of a survey's state comes from one state machine and is
 * written by one atomic store operation.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>An interaction gets at most one survey, however often it is reported.</li>
 *   <li>A contact gets at most one survey per frequency-cap window, counted from the actual send,
 *       even under races; a cap across surveys counts the surveys of every profile.</li>
 *   <li>Every message — prompt, retry, reminder, confirmation, follow-up — passes one gate: nothing
 *       goes to an opted-out contact but the opt-out's single confirmation, and nothing goes in
 *       quiet hours (it waits for them to end).</li>
 *   <li>A survey's prompt is sent under one idempotency key, so retries and takeovers never reach
 *       the contact twice; each survey ends in exactly one final state, with one final event.</li>
 *   <li>Nothing a customer sends, and nothing a listener throws, makes {@link #receive} or
 *       {@link #decide} throw or lose what was written.</li>
 *   <li>Phone numbers, emails and comments are masked in every log line.</li>
 * </ul>
 */
public final class SurveyEngine implements AutoCloseable {

    /** The most survey profiles one engine runs. */
    public static final int MAX_PROFILES = 100;
    /** How long replayed interactions and provider message ids are recognised by default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** The prefix of the cap key a contact holds across every survey. */
    static final String ACROSS_PREFIX = "*\u0000";

    private static final Logger LOG = LoggerFactory.getLogger(SurveyEngine.class);

    private final List<SurveyProfile> profiles;
    /** The profiles' runtimes in routing order: the first whose route matches wins. */
    private final ProfileRuntime[] routing;
    /** Each survey id's profiles, in routing order: a survey may go on several channels. */
    private final Map<String, List<ProfileRuntime>> byId;
    private final EngineCore core;
    private final Dispatcher dispatcher;
    private final ReplyRouter router;
    private final Duration sendTimeout;
    private final ContactKeys contactKeys;
    private volatile @Nullable ScheduledExecutorService scheduler;

    private SurveyEngine(Builder b) {
        this.profiles = List.copyOf(b.profiles);
        Map<String, Channel> channels = Map.copyOf(b.channels);
        List<ProfileRuntime> rt = new ArrayList<>();
        Map<String, List<ProfileRuntime>> named = new LinkedHashMap<>();
        for (SurveyProfile p : profiles) {
            ProfileRuntime r = ProfileRuntime.of(p, channelFor(p, channels));
            rt.add(r);
            named.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(r);
        }
        this.routing = rt.toArray(new ProfileRuntime[0]);
        named.replaceAll((k, v) -> List.copyOf(v));
        this.byId = Map.copyOf(named);
        // One window across surveys, the longest any profile asks for: surveys of every profile count.
        Optional<Duration> across = profiles.stream().flatMap(p -> p.frequencyCap().stream())
                .filter(c -> c.scope() == FrequencyCap.Scope.ALL_SURVEYS).map(FrequencyCap::window)
                .max(Duration::compareTo);
        this.core = new EngineCore(b.clock, b.store, List.of(routing), channels,
                new Composer(b.emailLinks, b.customerTemplates),
                b.listeners, b.sendLease, b.sendTimeout, b.retention, across);
        this.sendTimeout = b.sendTimeout;
        this.contactKeys = b.contactKeys;
        this.dispatcher = new Dispatcher(core, b.sendTimeout, b.batchSize);
        this.router = new ReplyRouter(core);
        Instant now = core.clock.instant();
        for (ProfileRuntime r : routing) {
            SurveyProfile p = r.profile();
            if (p.sendOn() == ChannelKind.SMS && p.sendingRules().isPresent()) {
                SendingRulesAcknowledgement ack = p.sendingRules().get();
                LOG.info("survey {} sends text messages on {}: sending rules {} acknowledged by {} at {}", p.id(),
                        r.channel().id(), ack.notice(), Masking.text(ack.by()), ack.at());
                core.publish(new SurveyEvent.SendingRulesAcknowledged(p.id(), r.channel().id(), ack, now));
            }
        }
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
        core.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ------------------------------------------------------------------ deciding

    /**
     * Decides whether a finished interaction gets a survey, and schedules it if so. The rules run
     * in this order, and the first that says no is the reason: trigger (resolved, channel and
     * entry point enabled, direction, who hung up, an agent (unless the profile surveys without
     * one) and its type, handle time, the host's contact rule, no self-rating, an address), opt-out
     * (of the contact or any of its addresses), language, sampling (of interactions or contacts),
     * quiet hours (which defer, never skip), frequency cap and one survey per
     * interaction. Opt-out, cap and replay are settled by one atomic store operation.
     *
     * @param interaction the finished interaction
     * @return the decision
     */
    public Decision decide(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        Instant now = core.clock.instant();
        Decision decision = decideAt(interaction, now);
        if (decision instanceof Decision.Skipped skipped) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("interaction {}: no survey, {}: {}", interaction.id(), skipped.reason(),
                        Masking.text(skipped.detail()));
            }
            if (!core.listeners.isEmpty()) {
                core.publish(new SurveyEvent.Skipped(interaction.id(), skipped, now));
            }
        }
        return decision;
    }

    private Decision decideAt(Interaction i, Instant now) {
        ProfileRuntime rt = route(i);
        if (rt == null) {
            return new Decision.Skipped(SkipReason.NO_SURVEY, "no survey profile routes " + i.medium()
                    + i.entryPoint().map(e -> " at entry point " + e).orElse("")
                    + i.brand().map(b -> " for brand " + b).orElse(""), Optional.empty());
        }
        SurveyProfile p = rt.profile();
        Optional<String> sid = rt.surveyId();
        DecisionRules.Skip skip = DecisionRules.trigger(p, i);
        if (skip != null) {
            return new Decision.Skipped(skip.reason(), skip.detail(), sid);
        }
        return schedule(rt, i, now, i.endedAt().plus(p.delay()), true, true);
    }

    /**
     * The notice of the keypad survey that would follow a call, for the host's phone system to
     * play when the call is routed, before anyone answers ("this call may be followed by a short
     * survey"). The call is routed as {@link #decide} routes the finished call (a {@link Medium#VOICE}
     * interaction at that entry point and brand, the first profile whose route follows it); the
     * notice is that profile's {@link dev.csatkit.survey.KeypadAudio#notice()} in the caller's
     * language, or the language the survey falls back to.
     *
     * <p>Nothing is scheduled, written or read from the store: no cap is held or checked, no
     * opt-out read, and <b>sampling is not consulted</b> (it is decided when the call has ended,
     * on its id), so a caller outside the sample hears that a survey <i>may</i> follow. The rules
     * known before the call are: the profile surveys on the keypad, calls and this entry point are
     * not switched off, and the survey has messages for the caller (a survey that skips callers
     * of other languages has no notice for them). Placeholders of a spoken notice take the
     * profile's values; those of the call (agent, contact, interaction) are empty.
     *
     * <p>A host that plays the notice marks the finished call with
     * {@link Interaction.Builder#noticePlayedBeforeCall()}, and the survey after the call starts
     * with the rating prompt instead of playing the notice again.
     *
     * @param call what the host knows when the call is routed
     * @return the notice; empty when no profile follows the call, the one that does is not a
     *     keypad survey, has no notice, or is off for the call or its language
     */
    public Optional<CallNotice> noticeBeforeCall(RoutedCall call) {
        Objects.requireNonNull(call, "call");
        ProfileRuntime rt = null;
        for (ProfileRuntime r : routing) {
            if (r.profile().route().matches(Medium.VOICE, call.entryPoint(), call.brand())) {
                rt = r;
                break;
            }
        }
        if (rt == null) {
            return Optional.empty();
        }
        SurveyProfile p = rt.profile();
        if (p.sendOn() != ChannelKind.VOICE_DTMF || p.disabledMedia().contains(Medium.VOICE)
                || call.entryPoint().map(p.disabledEntryPoints()::contains).orElse(false)) {
            return Optional.empty();
        }
        Optional<Locale> language = rt.language(call.locale());
        if (language.isEmpty()) {
            return Optional.empty();
        }
        Optional<dev.csatkit.survey.AudioStage> notice = p.survey().resolve(language.get())
                .flatMap(m -> m.messages().keypad()).flatMap(dev.csatkit.survey.KeypadAudio::notice);
        if (notice.isEmpty()) {
            return Optional.empty();
        }
        dev.csatkit.channels.spi.AudioStage.Phase phase = dev.csatkit.channels.spi.AudioStage.Phase.ANNOUNCEMENT;
        if (notice.get() instanceof dev.csatkit.survey.AudioStage.Clip clip) {
            return Optional.of(new CallNotice(p.id(), rt.channel().id(), language.get(),
                    new dev.csatkit.channels.spi.AudioStage(phase, clip.resource()), false));
        }
        Map<String, String> values = new HashMap<>(p.placeholders());
        for (String name : List.of("agent.id", "agent.name", "team.name", "contact.name", "interaction.id",
                "ticket.id")) {
            values.put(name, "");
        }
        values.put(DecisionRules.BRAND, call.brand().orElse(""));
        String text = ((dev.csatkit.survey.AudioStage.Speech) notice.get()).text()
                .render(SurveyRenderer.placeholderValues(p.survey(), language.get(), values));
        return Optional.of(new CallNotice(p.id(), rt.channel().id(), language.get(),
                new dev.csatkit.channels.spi.AudioStage(phase, text), true));
    }

    /**
     * The rules from opt-out on, and the store's atomic schedule: shared by the rules-driven
     * decision and the survey on demand, which passes no sampling and may pass no cap.
     */
    private Decision schedule(ProfileRuntime rt, Interaction i, Instant now, Instant earliest, boolean sample,
            boolean capped) {
        SurveyProfile p = rt.profile();
        Optional<String> sid = rt.surveyId();
        String address = i.contact().address(p.sendOn()).orElseThrow();
        List<String> optOutKeys = optOutKeys(i.contact());
        var survey = p.survey();
        Optional<Locale> locale = rt.language(i.contact().locale());
        Decision.Skipped notSent = locale.isEmpty()
                ? new Decision.Skipped(SkipReason.NO_LANGUAGE, "survey " + survey.id() + " has no messages in "
                        + i.contact().locale().toLanguageTag() + " and skips such contacts", sid)
                : sample && !p.sampling().includes(p.samplingUnit(), i.id(), i.contact().id(), survey.id())
                        ? new Decision.Skipped(SkipReason.NOT_SAMPLED, "outside the " + p.sampling().percent()
                                + (p.samplingUnit() == Sampling.Unit.CONTACT ? " % sample of contacts" : " % sample"),
                                sid)
                        : null;
        // The opt-out rule comes before language and sampling, but only a refusal by one of those
        // reads it here: a decision that goes on is checked by precheck and schedule, which read the
        // opt-outs first, so a store whose every read is a round trip decides in one.
        if (notSent != null) {
            return core.store.isOptedOut(optOutKeys) ? optedOut(p, address, sid) : notSent;
        }
        List<String> capKeys = capped ? capKeys(p, i.contact().id(), survey.id()) : List.of();
        // Most refusals are told by a read, before the send time or any survey is worked out;
        // schedule stays the authority.
        Optional<ScheduleResult> refused = core.store.precheck(i.id(), capKeys, optOutKeys, now);
        if (refused.isPresent()) {
            return refusal(refused.get(), rt, i, address, sid);
        }
        Instant sendAt = earliest.isAfter(now) ? earliest : now;
        if (p.quietHours().isPresent()) {
            sendAt = p.quietHours().get().nextAllowed(sendAt, i.contact().zone());
        }
        List<CapHold> holds = new ArrayList<>(capKeys.size());
        for (String key : capKeys) {
            holds.add(new CapHold(key, sendAt.plus(core.window(rt, key))));
        }
        OpenSurvey scheduled = OpenSurvey.builder(EngineTexts.surveyKey(i.id()), survey.id(), i.id(), now)
                .contactId(i.contact().id())
                .channel(p.sendOn(), rt.channel().id(), address)
                .locale(locale.get())
                .zone(i.contact().zone())
                .values(DecisionRules.values(p, i, contactKeys))
                .credit(i.agent().map(Agent::id), i.agent().flatMap(Agent::team), i.entryPoint(), i.caseType())
                .holds(holds)
                .sendAt(sendAt)
                .build();
        ScheduleResult r = core.store.schedule(new ScheduleRequest(scheduled, optOutKeys, now,
                now.plus(core.retention)));
        if (!(r instanceof ScheduleResult.Scheduled)) {
            return refusal(r, rt, i, address, sid);
        }
        if (!core.listeners.isEmpty()) {
            core.publish(new SurveyEvent.Scheduled(scheduled, now));
        }
        return new Decision.Scheduled(scheduled.id(), survey.id(), p.sendOn(), rt.channel().id(), sendAt);
    }

    private static Decision.Skipped optedOut(SurveyProfile p, String address, Optional<String> sid) {
        return new Decision.Skipped(SkipReason.OPTED_OUT, "the contact opted out of "
                + p.sendOn().name().toLowerCase(Locale.ROOT) + " surveys on " + Masking.address(address), sid);
    }

    /**
     * The contact's own opt-out key and each of its addresses': an opt-out anywhere covers all.
     * Built when first read: a store that holds no opt-outs never reads them on a refused decision.
     */
    private static List<String> optOutKeys(Contact c) {
        return new java.util.AbstractList<>() {
            private @Nullable List<String> keys;

            private List<String> keys() {
                List<String> k = keys;
                if (k == null) {
                    List<String> built = new ArrayList<>(1 + c.addresses().size());
                    built.add(SurveyStore.contactKey(c.id()));
                    c.addresses().forEach((kind, address) -> built.add(SurveyStore.addressKey(kind, address)));
                    keys = k = built;
                }
                return k;
            }

            @Override
            public String get(int index) {
                return keys().get(index);
            }

            @Override
            public int size() {
                return keys().size();
            }
        };
    }

    /**
     * Surveys one interaction now (or at a given time) with a named profile, at the host's
     * request — an agent's "send the survey" button — instead of through the profile's route and
     * trigger rules. Only the rules that protect the customer apply: the host's suppression, no
     * self-rating, a usable address, opt-out, the survey's language, quiet hours (which defer) and
     * the frequency cap, unless the request overrides it explicitly (then the survey neither
     * checks nor holds the cap). One interaction still gets one survey, however it was asked for.
     *
     * @param request the interaction, the profile and the options
     * @return the decision, as {@link #decide} answers it
     */
    public Decision requestSurvey(SurveyRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = core.clock.instant();
        Decision decision = requestAt(request, now);
        if (decision instanceof Decision.Skipped skipped && !core.listeners.isEmpty()) {
            core.publish(new SurveyEvent.Skipped(request.interaction().id(), skipped, now));
        }
        return decision;
    }

    private Decision requestAt(SurveyRequest request, Instant now) {
        Interaction i = request.interaction();
        ProfileRuntime rt = named(request.profileId(), i);
        if (rt == null) {
            return new Decision.Skipped(SkipReason.NO_SURVEY, "no survey profile is named " + request.profileId(),
                    Optional.empty());
        }
        if (i.suppressed().isPresent()) {
            return new Decision.Skipped(SkipReason.SUPPRESSED, "the host marked interaction " + i.id()
                    + " as not to be surveyed: " + i.suppressed().get(), rt.surveyId());
        }
        DecisionRules.Skip skip = DecisionRules.reachable(rt.profile(), i);
        if (skip != null) {
            return new Decision.Skipped(skip.reason(), skip.detail(), rt.surveyId());
        }
        return schedule(rt, i, now, request.sendAt().orElse(now), false, !request.overrideFrequencyCap());
    }

    /**
     * The profile a request names: of the profiles of that survey, the first whose route follows
     * the interaction, else the first that can reach the contact, else the first.
     */
    private @Nullable ProfileRuntime named(String surveyId, Interaction i) {
        List<ProfileRuntime> all = byId.get(surveyId);
        if (all == null) {
            return null;
        }
        for (ProfileRuntime r : all) {
            if (r.profile().route().matches(i)) {
                return r;
            }
        }
        for (ProfileRuntime r : all) {
            if (i.contact().address(r.profile().sendOn()).isPresent()) {
                return r;
            }
        }
        return all.get(0);
    }

    /** Why the store would not schedule: the skip the decision answers. */
    private Decision.Skipped refusal(ScheduleResult r, ProfileRuntime rt, Interaction i, String address,
            Optional<String> sid) {
        if (r instanceof ScheduleResult.Capped) {
            // The detail is fixed per profile: capped decisions are the hot path.
            return rt.capped();
        }
        if (r instanceof ScheduleResult.Duplicate) {
            return new Decision.Skipped(SkipReason.DUPLICATE, "interaction " + i.id() + " already has a survey", sid);
        }
        return optedOut(rt.profile(), address, sid);
    }

    /**
     * The cap keys a survey holds: its own survey's, when its profile caps per survey, and the
     * contact's across every survey, when any profile caps across surveys.
     */
    private List<String> capKeys(SurveyProfile p, String contactId, String surveyId) {
        Optional<FrequencyCap> own = p.frequencyCap().filter(c -> c.scope() == FrequencyCap.Scope.PER_SURVEY);
        boolean across = core.acrossWindow.isPresent();
        if (own.isEmpty()) {
            return across ? List.of(ACROSS_PREFIX + contactId) : List.of();
        }
        String mine = own.get().reservationKey(contactId, surveyId);
        return across ? List.of(mine, ACROSS_PREFIX + contactId) : List.of(mine);
    }

    private @Nullable ProfileRuntime route(Interaction i) {
        for (ProfileRuntime rt : routing) {
            if (rt.profile().route().matches(i)) {
                return rt;
            }
        }
        return null;
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
     * Does everything that is due now: sends scheduled surveys and retries, reminders and side
     * messages waiting in the outbox, and closes surveys whose window ended. Waits at most the
     * send timeout in all for the channels' answers; an answer that comes later is still
     * recorded. Safe to call from several threads or instances at once: the store leases each due
     * survey to one caller only.
     *
     * @return what was done (answers that came after the send timeout are not counted)
     */
    public DispatchSummary dispatchDue() {
        return dispatcher.dispatchDue();
    }

    /**
     * Calls {@link #dispatchDue()} every {@code period} on a daemon thread, until {@link #close()}.
     * Nothing thrown inside a dispatch stops the thread: it is logged and the next dispatch runs.
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
            } catch (Throwable e) { // an escaping Error would cancel every later run
                LOG.error("dispatch failed; will try again: {}", Masking.text(e.toString()));
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    /**
     * Stops the scheduler started by {@link #start}, if any, and returns once its thread has ended
     * (a dispatch under way is interrupted and given up to its send timeout to finish), so no
     * dispatch runs after this returns. The store is left as it is.
     */
    @Override
    public synchronized void close() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
            try {
                if (!s.awaitTermination(sendTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                    LOG.warn("the engine's scheduler did not stop within {}", sendTimeout.plusSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ replies

    /** @return a listener to hand to channel adapters, passing their replies to {@link #receive} */
    public InboundListener inboundListener() {
        return this::receive;
    }

    /**
     * Handles one inbound reply: finds its survey (by the email link's survey key, else the survey
     * last delivered to the sender on that channel), reads it and records the outcome, with the
     * confirmation, invalid-reply, follow-up or opt-out message it causes, in one atomic step.
     *
     * @param reply the reply, as the adapter normalised it
     * @return what was made of it; never throws for anything the customer sent
     */
    public ReplyOutcome receive(InboundReply reply) {
        return router.receive(Objects.requireNonNull(reply, "reply"));
    }

    // ------------------------------------------------------------------ reading back

    /**
     * @param contactId a contact's id
     * @return the pseudonymous key its responses carry, for finding them in a report or an export
     */
    public String contactKey(String contactId) {
        return contactKeys.keyOf(contactId);
    }

    /**
     * Records the agent's own assessment of the customer's mood at the end of an interaction, on
     * the mood scale of the survey profile the interaction is routed to, whatever channel that
     * survey goes on (a call followed by an SMS survey, as Talkdesk pairs them, or a keypad
     * survey, a chat, an email). It is kept whether or not the customer got or answered the
     * survey, and reported beside CSAT.
     *
     * @param interaction the interaction
     * @param value a value of the profile's mood scale
     * @return the stored assessment
     * @throws InvalidConfigurationException when the interaction is routed to no survey with a
     *     mood scale, has no agent, or the value is not on the mood scale
     */
    public MoodAssessment recordMood(Interaction interaction, int value) {
        ProfileRuntime rt = route(interaction);
        if (rt == null || rt.profile().moodScale().isEmpty()) {
            throw new InvalidConfigurationException(Violation.of("interaction", interaction.id(),
                    "must be routed to a survey profile with a mood scale"));
        }
        RatingScale scale = rt.profile().moodScale().get();
        if (!scale.contains(value)) {
            throw new InvalidConfigurationException(Violation.of("mood", value, "must be a value of the mood scale "
                    + scale.id() + " (" + scale.min() + "–" + scale.max() + ")"));
        }
        Agent agent = interaction.agent().orElseThrow(() -> new InvalidConfigurationException(
                Violation.of("interaction.agent", null, "must be present to assess the customer's mood")));
        MoodAssessment mood = new MoodAssessment(interaction.id(), rt.profile().id(), agent.id(), agent.team(),
                scale.id(), value, core.clock.instant());
        core.store.saveMood(mood);
        return mood;
    }

    /**
     * @param surveyKey a survey's key, as in {@link Decision.Scheduled#surveyKey()}
     * @return the survey's current state, while it is kept
     */
    public Optional<OpenSurvey> survey(String surveyKey) {
        return core.store.find(surveyKey);
    }

    /**
     * @param interactionId an interaction's id
     * @return the survey scheduled for it, while it is kept
     */
    public Optional<OpenSurvey> surveyFor(String interactionId) {
        return core.store.find(EngineTexts.surveyKey(interactionId));
    }

    /**
     * @param surveyKey a survey's key
     * @return every reply it got, replaced, unreadable and late ones included
     */
    public List<ReplyRecord> history(String surveyKey) {
        return core.store.history(surveyKey);
    }

    /**
     * Hands the outcome of every survey sent in {@code [from, to)} to {@code sink}, without
     * collecting them first: the way to feed a report from a large store.
     *
     * @param from the first send time included
     * @param to the first send time excluded
     * @param sink receives each outcome
     */
    public void forEachResponse(Instant from, Instant to, Consumer<SurveyResponse> sink) {
        core.store.forEachResponse(from, to, sink);
    }

    /** @return the outcome of every survey sent, collected in memory; see {@link #forEachResponse} */
    public List<SurveyResponse> responses() {
        List<SurveyResponse> all = new ArrayList<>();
        core.store.forEachResponse(Instant.MIN, Instant.MAX, all::add);
        return all;
    }

    /**
     * The callers' sentiment over the outcomes and mood assessments this engine's store keeps:
     * {@link CallerSentiment#of} with {@link #responses()} and, per interaction, the latest of
     * {@link #moods()}.
     *
     * @param spec the weights and normalisation
     * @return a composite per interaction, to group with {@link CallerSentiment#by}
     */
    public CallerSentiment sentiment(SentimentSpec spec) {
        Map<String, Integer> latest = new HashMap<>();
        Map<String, Instant> at = new HashMap<>();
        for (MoodAssessment m : moods()) {
            Instant before = at.get(m.interactionId());
            if (before == null || !m.at().isBefore(before)) {
                at.put(m.interactionId(), m.at());
                latest.put(m.interactionId(), m.value());
            }
        }
        return CallerSentiment.of(spec, responses(), latest);
    }

    /** @return every mood assessment, collected in memory */
    public List<MoodAssessment> moods() {
        List<MoodAssessment> all = new ArrayList<>();
        core.store.forEachMood(Instant.MIN, Instant.MAX, all::add);
        return all;
    }

    // ------------------------------------------------------------------ reviews of low scores

    /**
     * @param surveyKey a survey's key
     * @return the review of its low score, if a low score opened one
     */
    public Optional<LowScoreReview> review(String surveyKey) {
        return core.store.review(Objects.requireNonNull(surveyKey, "surveyKey"));
    }

    /**
     * The review queue: reviews waiting for a reviewer or with one ({@link ReviewStatus#OPEN},
     * {@link ReviewStatus#IN_REVIEW}), oldest low score first.
     *
     * @param limit the most to return, at least 1
     * @return the open reviews
     */
    public List<LowScoreReview> openReviews(int limit) {
        return reviews(EnumSet.of(ReviewStatus.OPEN, ReviewStatus.IN_REVIEW), limit);
    }

    /**
     * @param statuses the statuses wanted
     * @param limit the most to return, at least 1
     * @return reviews in those statuses, oldest low score first
     */
    public List<LowScoreReview> reviews(Set<ReviewStatus> statuses, int limit) {
        if (limit < 1) {
            throw new InvalidConfigurationException(Violation.of("limit", limit, "must be at least 1"));
        }
        return core.store.reviews(Set.copyOf(statuses), limit);
    }

    /**
     * Hands every review opened in {@code [from, to)} to {@code sink}, oldest first, as it stands
     * now: the feed of {@link dev.csatkit.export.ReviewExport}.
     *
     * @param from the first opening time included
     * @param to the first opening time excluded
     * @param sink receives each review
     */
    public void forEachReview(Instant from, Instant to, Consumer<LowScoreReview> sink) {
        core.store.forEachReview(from, to, sink);
    }

    /**
     * Takes a review: an {@link ReviewStatus#OPEN} one goes {@link ReviewStatus#IN_REVIEW} with
     * this reviewer; one another reviewer has in review is handed over to this one; taking one
     * this reviewer already has changes nothing.
     *
     * @param surveyKey the survey whose review it is
     * @param reviewer who takes it: a name or an operator's id, one line of at most 256 characters
     * @return the review as written
     * @throws ReviewRefusedException when there is no review, or it is resolved or withdrawn
     *     (reopen it first)
     */
    public LowScoreReview takeReview(String surveyKey, String reviewer) {
        checkName("reviewer", reviewer);
        return changeReview(surveyKey, Optional.of(reviewer),
                (stored, now) -> ReviewRules.take(surveyKey, stored, reviewer, now));
    }

    /**
     * Resolves a review with its notes. Only the reviewer who has it in review resolves it.
     *
     * @param surveyKey the survey whose review it is
     * @param reviewer who resolves it
     * @param notes root cause, follow-up and remediation
     * @return the review as written, {@link ReviewStatus#RESOLVED}
     * @throws ReviewRefusedException when there is no review, nobody has taken it, another
     *     reviewer has it, or it is already resolved or withdrawn
     */
    public LowScoreReview resolveReview(String surveyKey, String reviewer, ReviewNotes notes) {
        checkName("reviewer", reviewer);
        Objects.requireNonNull(notes, "notes");
        return changeReview(surveyKey, Optional.of(reviewer),
                (stored, now) -> ReviewRules.resolve(surveyKey, stored, reviewer, notes, now));
    }

    /**
     * Sends a resolved or withdrawn review back to the queue, {@link ReviewStatus#OPEN}, keeping
     * its earlier notes for the next reviewer. Nothing else leaves those statuses.
     *
     * @param surveyKey the survey whose review it is
     * @param by who reopens it
     * @param reason why, at most {@value ReviewNotes#MAX_LENGTH} characters
     * @return the review as written
     * @throws ReviewRefusedException when there is no review, or it is still open
     */
    public LowScoreReview reopenReview(String surveyKey, String by, String reason) {
        checkName("by", by);
        if (reason == null || reason.isBlank() || reason.length() > ReviewNotes.MAX_LENGTH) {
            throw new InvalidConfigurationException(Violation.of("reason", reason == null ? null
                    : Masking.hidden(reason), "must not be blank and at most " + ReviewNotes.MAX_LENGTH + " characters"));
        }
        return changeReview(surveyKey, Optional.of(by), (stored, now) -> ReviewRules.reopen(surveyKey, stored, reason,
                now));
    }

    /** How often a reviewer's change is worked out again when the review changed under it. */
    private static final int MAX_REVIEW_TRIES = 16;

    private LowScoreReview changeReview(String surveyKey, Optional<String> by,
            BiFunction<Optional<LowScoreReview>, Instant, LowScoreReview> rule) {
        Objects.requireNonNull(surveyKey, "surveyKey");
        for (int tries = 0; tries < MAX_REVIEW_TRIES; tries++) {
            Optional<LowScoreReview> stored = core.store.review(surveyKey);
            Instant now = core.clock.instant();
            LowScoreReview next = rule.apply(stored, now);
            if (stored.isPresent() && next.equals(stored.get())) {
                return next;
            }
            if (core.store.saveReview(new ReviewChange(stored, next))) {
                core.publish(new SurveyEvent.ReviewChanged(next, stored.map(LowScoreReview::status), by, now));
                return next;
            }
        }
        throw new ReviewRefusedException(surveyKey, core.store.review(surveyKey).map(LowScoreReview::status),
                "the review of survey " + surveyKey + " kept changing while it was being changed; try again");
    }

    private static void checkName(String field, String value) {
        if (value == null || value.isBlank() || value.length() > LowScoreReview.MAX_TEXT_LENGTH
                || Checks.firstLineBreak(value) >= 0) {
            throw new InvalidConfigurationException(Violation.of(field, value == null ? null : Masking.text(value),
                    "must be one line, not blank, of at most " + LowScoreReview.MAX_TEXT_LENGTH + " characters"));
        }
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

    private static String kindName(ChannelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Builds a {@link SurveyEngine}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private final List<SurveyProfile> profiles = new ArrayList<>();
        private final Map<String, Channel> channels = new LinkedHashMap<>();
        private SurveyStore store = new InMemorySurveyStore();
        private Duration sendTimeout = Duration.ofSeconds(30);
        private final List<SurveyListener> listeners = new ArrayList<>();
        private @Nullable EmailLinks emailLinks;
        private CustomerTemplates customerTemplates = CustomerTemplates.defaults();
        private Duration retention = DEFAULT_RETENTION;
        private Duration sendLease = Duration.ofMinutes(5);
        private int batchSize = 10_000;
        private ContactKeys contactKeys = ContactKeys.DEFAULT;

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

        /**
         * @param value survey profiles, such as {@link SurveyProfile.Builder#buildAll()} makes for
         *     one survey on several channels; routed in this order, after those added before
         * @return this
         */
        public Builder profiles(List<SurveyProfile> value) {
            value.forEach(this::profile);
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

        /**
         * @param value where surveys, opt-outs, caps and outcomes are kept; default
         *     {@link InMemorySurveyStore}, which a restart loses
         * @return this
         */
        public Builder store(SurveyStore value) {
            store = Objects.requireNonNull(value, "store");
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
         * @param value the survey email's template and the customer texts; default
         *     {@link CustomerTemplates#defaults()}. Give the link page the same ones.
         * @return this
         */
        public Builder customerTemplates(CustomerTemplates value) {
            customerTemplates = Objects.requireNonNull(value, "customerTemplates");
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

        /**
         * @param value how long one dispatch waits, in all, for its channels' answers; default 30
         *     seconds, shorter than the send lease. A send unanswered by then stays leased and is
         *     recorded whenever its answer comes
         * @return this
         */
        public Builder sendTimeout(Duration value) {
            sendTimeout = Objects.requireNonNull(value, "sendTimeout");
            return this;
        }

        /**
         * @param value how contact ids become the pseudonymous keys responses carry; default
         *     {@link ContactKeys#DEFAULT}, whose secret every copy of CSAT Kit shares: give one of
         *     your own ({@link ContactKeys#withSecret(byte[])}) before exports leave the business
         * @return this
         */
        public Builder contactKeys(ContactKeys value) {
            contactKeys = Objects.requireNonNull(value, "contactKeys");
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
         *     two profiles of one survey on one channel, a profile without its channel or email links, a placeholder without a
         *     value, an SMS that does not fit its channel
         */
        public SurveyEngine build() {
            List<Violation> v = new ArrayList<>();
            if (profiles.isEmpty() || profiles.size() > MAX_PROFILES) {
                v.add(Violation.of("profiles", profiles.size(), "must hold 1 to " + MAX_PROFILES + " profiles"));
            }
            for (SurveyProfile p : profiles) {
                String f = "profiles[" + p.id() + "]";
                if (p.sendOn() == ChannelKind.EMAIL && emailLinks == null) {
                    v.add(Violation.of(f + ".sendOn", "EMAIL", "needs emailLinks on the engine"));
                }
                Set<String> known = new HashSet<>(PROVIDED);
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
            if (sendTimeout.isNegative() || sendTimeout.isZero() || sendTimeout.compareTo(sendLease) >= 0) {
                v.add(Violation.of("sendTimeout", sendTimeout, "must be positive and shorter than sendLease ("
                        + sendLease + ")"));
            }
            if (batchSize < 1) {
                v.add(Violation.of("batchSize", batchSize, "must be positive"));
            }
            if (!v.isEmpty()) {
                throw new InvalidConfigurationException(v);
            }
            // One survey may go on several channels, one profile each: a survey key names its
            // profile by survey id and channel.
            Map<String, ChannelKind> onChannel = new HashMap<>();
            for (SurveyProfile p : profiles) {
                Channel c = channelFor(p, channels);
                if (onChannel.putIfAbsent(EngineCore.runtimeKey(p.id(), c.id()), p.sendOn()) != null) {
                    v.add(Violation.of("profiles[" + p.id() + "].channelId", c.id(), "must differ between the "
                            + "profiles of one survey: survey " + p.id() + " already goes on channel " + c.id()
                            + "; widen the first profile's route instead"));
                }
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
