package dev.csatkit.examples.demo;

import dev.csatkit.channel.LinkKey;
import dev.csatkit.channel.LinkKeyRing;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.SenderPool;
import dev.csatkit.channel.UsedTokenStore;
import dev.csatkit.channels.email.EmailLinkEndpoint;
import dev.csatkit.channels.webhook.WebhookChatChannel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.email.EmailLinkEndpoint;
import dev.csatkit.channels.webhook.WebhookChatChannel;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.email.EmailLinkEndpoint;
import dev.csatkit.channels.webhook.WebhookChatChannel;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.engine.AgentKind;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.EmailLinks;
import dev.csatkit.engine.Ending;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.ReplyOutcome;
import dev.csatkit.engine.Route;
import dev.csatkit.engine.SkipReason;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyEvent;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.examples.channels.ConsoleSmsChannel;
import dev.csatkit.examples.channels.IvrScript;
import dev.csatkit.examples.channels.ScriptedIvr;
import dev.csatkit.examples.channels.ScriptedIvrChannel;
import dev.csatkit.examples.demo.Population.Customer;
import dev.csatkit.examples.demo.Traffic.Visit;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.Sampling;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.MissingLanguage;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

/**
 * A helpdesk's days, simulated through the real {@link SurveyEngine} on a survey store (in memory
 * unless another is given) and the reference channel adapters. Time runs on a {@link SimulatedClock}: interactions end at
 * their simulated times and are reported to {@link SurveyEngine#decide}, customers' replies come
 * in through the adapters' inbound side at theirs, and {@link SurveyEngine#dispatchDue} runs
 * every simulated five minutes. After the last day the clock runs on until every survey has
 * reached its final state.
 *
 * <p>The surveys: a keypad survey (1–9) after calls to the support line, an SMS survey (1–5)
 * after calls to the billing line, an email survey after resolved tickets (half of them sampled)
 * and a chat survey of two questions after chats, bots' chats included: satisfaction, then how
 * easy it was to get help. All share a three-day frequency cap.
 *
 * <p>Every random choice comes from one seed, on one thread, in the order of simulated time. The
 * adapters deliver on their own threads; the simulation waits for them before anyone looks at
 * what they delivered and before each dispatch's replies are handed to the engine, and hands
 * those replies over in a fixed order: the same settings give the same run.
 */
public final class HelpdeskSimulation implements AutoCloseable {

    /** How often the engine is asked to do what is due. */
    static final Duration TICK = Duration.ofMinutes(5);
    /** The frequency cap shared by every survey. */
    static final Duration CAP = Duration.ofDays(3);
    /** The survey number customers text back to, and the sender for most countries. */
    static final String SMS_NUMBER = "+447700900000";
    /** The company name in the survey messages. */
    static final String COMPANY = "Acme";

    static final String KEYPAD_SURVEY = "after-call-keypad";
    static final String SMS_SURVEY = "after-call-sms";
    private static final String EMAIL_SURVEY = "after-ticket-email";
    private static final String CHAT_SURVEY = "after-chat";

    /** The chat survey's second question: how easy it was, 1 (very hard) to 5 (very easy). */
    static final String EFFORT = "effort";
    /** The scale of the effort question: 4 and 5 count as easy, 1 and 2 as hard. */
    static final RatingScale EFFORT_SCALE = RatingScale.builder("effort").numeric(1, 5).satisfied(4, 5)
            .dissatisfied(1, 2).build();
    private static final Map<String, String> EFFORT_PROMPTS = Map.of(
            "en", "How easy was it to get the help you needed? Reply from {scale.min} (very hard) to {scale.max} "
                    + "(very easy).",
            "fr", "Était-il facile d'obtenir l'aide dont vous aviez besoin ? Répondez de {scale.min} (très difficile) "
                    + "à {scale.max} (très facile).",
            "sv", "Hur lätt var det att få den hjälp du behövde? Svara från {scale.min} (mycket svårt) till "
                    + "{scale.max} (mycket lätt).",
            "ru", "Насколько легко было получить нужную помощь? Ответьте от {scale.min} (очень трудно) до {scale.max} "
                    + "(очень легко).",
            "uk", "Наскільки легко було отримати потрібну допомогу? Відповідайте від {scale.min} (дуже важко) до "
                    + "{scale.max} (дуже легко).",
            "pl", "Jak łatwo było uzyskać potrzebną pomoc? Odpowiedz od {scale.min} (bardzo trudno) do {scale.max} "
                    + "(bardzo łatwo).",
            "de", "Wie einfach war es, die benötigte Hilfe zu bekommen? Antworten Sie von {scale.min} (sehr schwer) "
                    + "bis {scale.max} (sehr leicht).",
            "es", "¿Qué tan fácil fue obtener la ayuda que necesitaba? Responda de {scale.min} (muy difícil) a "
                    + "{scale.max} (muy fácil).");

    private final DemoSettings settings;
    private final SimulatedClock clock;
    private final SplittableRandom rnd;
    /**
     * The billing line agents' mood readings: a source of their own, so that adding them left
     * every other choice of a seed's run as it was.
     */
    private final SplittableRandom billingMoods;
    private final Staff staff = new Staff();
    private final Population people;
    private final Traffic traffic;
    private final InFlight inFlight = new InFlight();
    /** Events as the engine publishes them, from any thread; the simulation's thread reads them. */
    private final ConcurrentLinkedQueue<SurveyEvent> engineEvents = new ConcurrentLinkedQueue<>();
    // Replies that customers' own actions bring in, on the simulation's thread or while it waits.
    private final ConcurrentLinkedQueue<InboundReply> inbox = new ConcurrentLinkedQueue<>();
    // Keys from the IVR, which reports them from its own threads when a call ends.
    private final ConcurrentLinkedQueue<InboundReply> ivrInbox = new ConcurrentLinkedQueue<>();

    private final ScriptedIvrChannel ivr;
    private final SmsCarrier carrier = new SmsCarrier(40);
    private final ConsoleSmsChannel sms;
    private final InMemoryEmailChannel email;
    private final EmailLinkEndpoint linkPage;
    private final ChatPlatform chatPlatform;
    private final WebhookChatChannel chat;
    private final SurveyEngine engine;
    private final Customers customers;

    private final PriorityQueue<Event> events = new PriorityQueue<>(
            Comparator.comparing(Event::at).thenComparingLong(Event::sequence));
    private long sequence;

    // What the report needs, gathered as the run goes.
    private final Map<Medium, Long> interactions = new EnumMap<>(Medium.class);
    private long replayed;
    private long decided;
    private final Map<ChannelKind, Long> scheduled = new EnumMap<>(ChannelKind.class);
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final Map<SkipReason, String> skipExamples = new EnumMap<>(SkipReason.class);
    private final Map<ChannelKind, long[]> delivery = new EnumMap<>(ChannelKind.class);
    private final Map<ChannelKind, Map<String, Long>> failures = new EnumMap<>(ChannelKind.class);
    private final Map<ChannelKind, Map<String, Long>> replies = new EnumMap<>(ChannelKind.class);
    private final Set<String> open = new LinkedHashSet<>();
    private final Map<SurveyState, Long> finalStates = new EnumMap<>(SurveyState.class);
    private final Map<String, Visit> awaitingSend = new HashMap<>();
    private long earlierOptOuts;

    /** Something that happens at a simulated time; ties keep the order they were planned in. */
    private record Event(Instant at, long sequence, Runnable action) {
    }

    private HelpdeskSimulation(DemoSettings settings, SurveyStore store) {
        this.settings = settings;
        this.clock = new SimulatedClock(settings.start());
        this.rnd = new SplittableRandom(settings.seed());
        this.billingMoods = new SplittableRandom(settings.seed() ^ 0x6d6f6f64L);
        this.people = population(settings, rnd);
        this.traffic = new Traffic(staff, people, rnd.split());

        IvrScript script = new IvrScript();
        this.ivr = new ScriptedIvrChannel(context("ivr", ivrInbox), "+44 20 7946 0100", new ScriptedIvr(script));
        this.sms = new ConsoleSmsChannel(context("sms", inbox), 4, SenderPool.builder().defaultSender(SMS_NUMBER)
                .route("1", "+12025550100").route("33", "+33700000100").route("49", "+4915100000100").build(),
                carrier);
        this.email = new InMemoryEmailChannel(context("email", inbox), 25);
        byte[] secret = new byte[32];
        rnd.split().nextBytes(secret);
        LinkTokens tokens = new LinkTokens(LinkKeyRing.of(LinkKey.of("demo-1", secret)),
                UsedTokenStore.inMemory(clock), clock);
        // Not from the seed: the secret changes nothing a run shows, and the seed's sequence stays as it was.
        byte[] webhookSecret = new byte[32];
        new java.security.SecureRandom().nextBytes(webhookSecret);
        this.chatPlatform = new ChatPlatform(webhookSecret, clock, 30);
        try {
            this.linkPage = EmailLinkEndpoint.builder(context("email", inbox), tokens, "surveys@support.example.com")
                    .profiles(profiles()).start();
            this.chat = WebhookChatChannel.builder(context("chat", inbox), chatPlatform.sendUri()).maxButtons(10)
                    .secret(webhookSecret).start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("the demo could not open its local HTTP endpoints on 127.0.0.1", e);
        }
        this.customers = new Customers(rnd.split(), this::at, clock, inFlight::awaitAll, sms, carrier, chatPlatform,
                chat.webhookUri(), email, script);

        SurveyEngine.Builder b = SurveyEngine.builder().clock(clock).store(store)
                .channel(inFlight.watch(ivr)).channel(inFlight.watch(sms))
                .channel(inFlight.watch(email)).channel(inFlight.watch(chat))
                .emailLinks(EmailLinks.signed(tokens, linkPage.uri()))
                .listener(engineEvents::add);
        profiles().forEach(b::profile);
        this.engine = b.build();
    }

    /**
     * @param settings what to simulate
     * @param rnd the run's random source, fresh from the seed; its first split makes the contacts
     * @return the contacts of a run with these settings
     */
    static Population population(DemoSettings settings, SplittableRandom rnd) {
        return Population.generate(Math.max(40, settings.interactions() * 2 / 5), rnd.split());
    }

    private ChannelContext context(String id, ConcurrentLinkedQueue<InboundReply> replies) {
        return ChannelContext.builder(id).clock(clock).sendTimeout(Duration.ofSeconds(30)).inbound(replies::add)
                .build();
    }

    /** @return the four survey profiles, in routing order */
    private static List<SurveyProfile> profiles() {
        Map<String, String> company = Map.of("company", COMPANY);
        FrequencyCap cap = FrequencyCap.acrossSurveys(CAP);
        return List.of(
                SurveyProfile.builder(survey(KEYPAD_SURVEY, "After your call", RatingScales.keypadNine(),
                                ChannelKind.VOICE_DTMF, MissingLanguage.USE_DEFAULT), ChannelKind.VOICE_DTMF)
                        .route(Route.media(Medium.VOICE).entryPoints(Traffic.SUPPORT_LINE))
                        .minHandleTime(Duration.ofSeconds(30)).frequencyCap(cap).commentWindow(Duration.ZERO)
                        .moodScale(RatingScales.fivePoint()).placeholders(company).build(),
                SurveyProfile.builder(survey(SMS_SURVEY, "After your call", RatingScales.fivePoint(),
                                ChannelKind.SMS, MissingLanguage.USE_DEFAULT), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", Instant.parse("2026-01-05T09:00:00Z"))
                        .route(Route.media(Medium.VOICE).entryPoints(Traffic.BILLING_LINE))
                        .minHandleTime(Duration.ofSeconds(30)).frequencyCap(cap).delay(Duration.ofMinutes(10))
                        .reminderAfter(Duration.ofHours(4)).moodScale(RatingScales.threeFaces())
                        .placeholders(company).build(),
                SurveyProfile.builder(survey(EMAIL_SURVEY, "Your support request", RatingScales.fivePoint(),
                                ChannelKind.EMAIL, MissingLanguage.SKIP), ChannelKind.EMAIL)
                        .route(Route.media(Medium.TICKET, Medium.EMAIL)).sampling(Sampling.percent(50))
                        .frequencyCap(cap).delay(Duration.ofHours(1)).answerWindow(Duration.ofDays(3))
                        .placeholders(company).build(),
                SurveyProfile.builder(chatSurvey(), ChannelKind.CHAT)
                        .route(Route.media(Medium.CHAT)).includeVirtualAgents(true).frequencyCap(cap)
                        .reminderAfter(Duration.ofHours(2)).placeholders(company).build());
    }

    /** The chat survey: satisfaction on 1-5, then the effort question, in the eight languages. */
    static SurveyDefinition chatSurvey() {
        SurveyDefinition base = survey(CHAT_SURVEY, "After your chat", RatingScales.fivePoint(), ChannelKind.CHAT,
                MissingLanguage.USE_DEFAULT);
        Question.Builder effort = Question.builder(EFFORT).scale(EFFORT_SCALE);
        base.messages().keySet().forEach(l -> effort.prompt(l, EFFORT_PROMPTS.get(l.getLanguage())));
        SurveyDefinition.Builder b = SurveyDefinition.builder(CHAT_SURVEY).name(base.name()).scale(base.scale())
                .channels(ChannelKind.CHAT).onMissingLanguage(base.onMissingLanguage()).question(effort.build());
        base.messages().forEach(b::messages);
        return b.build();
    }

    /** A survey with the shipped messages in eight languages. */
    private static SurveyDefinition survey(String id, String name, RatingScale scale, ChannelKind kind,
            MissingLanguage missing) {
        SurveyDefinition.Builder b = SurveyDefinition.builder(id).name(name).scale(scale).channels(kind)
                .onMissingLanguage(missing);
        DefaultMessages.allForChannel(kind).forEach(b::messages);
        return b.build();
    }

    /**
     * Runs a simulation.
     *
     * @param settings what to simulate
     * @param progress told how many interactions have been reported so far, as the run goes
     * @return what happened
     * @throws UncheckedIOException when the local HTTP endpoints cannot be opened
     */
    public static SimulationResult run(DemoSettings settings, LongConsumer progress) {
        return run(settings, new InMemorySurveyStore(), progress);
    }

    /**
     * Runs a simulation on a given survey store: the same settings give the same result on any
     * store that passes the store test kit, such as the PostgreSQL one. The store must be empty.
     *
     * @param settings what to simulate
     * @param store where the engine keeps its state, empty
     * @param progress told how many interactions have been reported so far, as the run goes
     * @return what happened
     * @throws UncheckedIOException when the local HTTP endpoints cannot be opened
     */
    public static SimulationResult run(DemoSettings settings, SurveyStore store, LongConsumer progress) {
        try (HelpdeskSimulation simulation = new HelpdeskSimulation(settings, store)) {
            return simulation.run(progress);
        }
    }

    private SimulationResult run(LongConsumer progress) {
        Instant start = settings.start();
        int[] perHour = Traffic.perHour(start, settings.days(), settings.interactions());
        setUpHistory();
        int hour = 0;
        Instant t = start;
        Instant lastCheck = start;
        Instant giveUp = settings.end().plus(Duration.ofDays(30));
        while (t.isBefore(giveUp)) {
            while (hour < perHour.length && !start.plus(Duration.ofHours(hour)).isAfter(t)) {
                for (Visit v : traffic.hour(start.plus(Duration.ofHours(hour)), perHour[hour])) {
                    interactions.merge(v.interaction().medium(), 1L, Long::sum);
                    at(v.interaction().endedAt(), () -> {
                        decide(v, false);
                        progress.accept(++decided);
                    });
                    if (rnd.nextDouble() < 0.01) {
                        at(v.interaction().endedAt().plus(Duration.ofMinutes(2 + rnd.nextInt(30))), () -> {
                            replayed++;
                            decide(v, true);
                        });
                    }
                }
                hour++;
            }
            while (!events.isEmpty() && !events.peek().at().isAfter(t)) {
                Event e = events.poll();
                clock.moveTo(e.at());
                e.action().run();
                receive(inbox);
                drainEngineEvents();
            }
            clock.moveTo(t);
            engine.dispatchDue();
            inFlight.awaitAll();
            drainEngineEvents();
            settle();
            if (Duration.between(lastCheck, t).compareTo(Duration.ofHours(1)) >= 0) {
                lastCheck = t;
                collectEnded();
                if (hour >= perHour.length && events.isEmpty() && open.isEmpty()) {
                    break;
                }
            }
            t = t.plus(TICK);
        }
        reviewOne();
        return result();
    }

    /** The quality team's reviewer at the end of the run, working the oldest review in the queue. */
    static final String REVIEWER = "qa-lena";

    /**
     * The quality team takes the oldest open review of a low score and resolves it, with a root
     * cause read from the call or chat itself; the rest stay in the queue.
     */
    private void reviewOne() {
        List<LowScoreReview> queue = engine.openReviews(1);
        if (queue.isEmpty()) {
            return;
        }
        LowScoreReview oldest = queue.get(0);
        Optional<SurveyResponse> rated = engine.responses().stream()
                .filter(r -> r.interactionId().equals(oldest.interactionId()) && r.primary()).findFirst();
        Duration wait = rated.flatMap(SurveyResponse::waitTime).orElse(Duration.ZERO);
        String cause = wait.compareTo(Duration.ofMinutes(5)) >= 0
                ? "the caller waited " + wait.toMinutes() + " minutes in the queue"
                : "the first answer did not solve the problem";
        engine.takeReview(oldest.surveyKey(), REVIEWER);
        engine.resolveReview(oldest.surveyKey(), REVIEWER, ReviewNotes.of(cause,
                "called the customer back and solved it", "the case goes to coaching with the agent"));
    }

    /**
     * Before the first day: a few customers had texted STOP in earlier weeks, and a few chat
     * conversations can no longer receive messages.
     */
    private void setUpHistory() {
        for (Customer c : people.all()) {
            Optional<String> phone = c.contact().address(ChannelKind.SMS).filter(p -> p.startsWith("+"));
            if (phone.isPresent() && rnd.nextDouble() < 0.015) {
                earlierOptOuts++;
                String line = "{\"id\":\"history-" + c.id() + "\",\"from\":\"" + phone.get() + "\",\"to\":\""
                        + SMS_NUMBER + "\",\"text\":\"STOP\"}\n";
                try {
                    sms.readReplies(new StringReader(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (c.unreachableChat()) {
                chatPlatform.closeConversation(c.contact().address(ChannelKind.CHAT).orElseThrow());
            }
        }
        settle();
        replies.clear(); // the history is not part of the simulated days' replies
    }

    private void at(Instant when, Runnable action) {
        events.add(new Event(when.isBefore(clock.instant()) ? clock.instant() : when, sequence++, action));
    }

    /**
     * Reports an interaction to the engine, as the helpdesk's event feed does.
     *
     * @param v the interaction
     * @param replay whether the feed is delivering it a second time
     */
    private void decide(Visit v, boolean replay) {
        Interaction i = v.interaction();
        Decision d = engine.decide(i);
        if (d instanceof Decision.Scheduled s) {
            scheduled.merge(s.channel(), 1L, Long::sum);
            open.add(s.surveyKey());
            if (s.channel() == ChannelKind.VOICE_DTMF) {
                customers.keypadSurveyScheduled(s.surveyKey(), v.customer(), v.experience());
            } else {
                awaitingSend.put(i.id(), v);
            }
        } else {
            Decision.Skipped s = (Decision.Skipped) d;
            skipped.merge(s.reason(), 1L, Long::sum);
            skipExamples.putIfAbsent(s.reason(), s.detail());
        }
        // The agent notes how the caller seemed, whether or not the caller answers the survey.
        if (!replay && i.entryPoint().filter(Traffic.SUPPORT_LINE::equals).isPresent() && i.ending() == Ending.RESOLVED
                && i.agent().filter(a -> a.kind() == AgentKind.HUMAN).isPresent() && rnd.nextDouble() < 0.85) {
            engine.recordMood(i, v.experience().moodAsRead(rnd.nextGaussian()));
        }
        // On the billing line, the agent picks one of three faces beside the SMS survey, as Talkdesk's agents do.
        if (!replay && i.entryPoint().filter(Traffic.BILLING_LINE::equals).isPresent() && i.ending() == Ending.RESOLVED
                && i.agent().filter(a -> a.kind() == AgentKind.HUMAN).isPresent()
                && billingMoods.nextDouble() < 0.85) {
            engine.recordMood(i, v.experience().faceAsRead(billingMoods.nextGaussian()));
        }
    }

    /**
     * Waits until every send so far has been answered and hands every reply that came in to the
     * engine, again until nothing more comes: a keypad reply can make the engine ask again, and
     * the IVR answers that with another reply.
     */
    private void settle() {
        int replies;
        do {
            inFlight.awaitAll();
            replies = receive(inbox) + receive(ivrInbox);
            drainEngineEvents();
        } while (replies > 0);
    }

    /**
     * Hands the engine's events to the simulation in one order whatever order the adapters'
     * threads answered in: by survey, each survey's events in the order they came.
     */
    private void drainEngineEvents() {
        List<SurveyEvent> batch = new ArrayList<>();
        for (SurveyEvent e = engineEvents.poll(); e != null; e = engineEvents.poll()) {
            batch.add(e);
        }
        batch.sort(Comparator.comparing(HelpdeskSimulation::surveyKeyOf));
        batch.forEach(this::on);
    }

    private static String surveyKeyOf(SurveyEvent e) {
        if (e instanceof SurveyEvent.Sent x) {
            return x.survey().id();
        }
        if (e instanceof SurveyEvent.Failed x) {
            return x.survey().id();
        }
        if (e instanceof SurveyEvent.Reminded x) {
            return x.survey().id();
        }
        if (e instanceof SurveyEvent.Expired x) {
            return x.survey().id();
        }
        if (e instanceof SurveyEvent.Answered x) {
            return x.survey().id();
        }
        return "";
    }

    /**
     * Hands the replies waiting in one queue to the engine. Confirmations and follow-up questions
     * the engine sends in answer are not waited for here: nothing reads them before the next
     * {@link #settle()} or a customer's look at their messages, which waits for them.
     *
     * @return how many replies there were
     */
    private int receive(ConcurrentLinkedQueue<InboundReply> queue) {
        List<InboundReply> batch = new ArrayList<>();
        for (InboundReply r = queue.poll(); r != null; r = queue.poll()) {
            batch.add(r);
        }
        // The IVR reports from its own threads; a fixed order keeps runs alike.
        batch.sort(Comparator.comparing(InboundReply::channelId).thenComparing(InboundReply::providerMessageId));
        for (InboundReply reply : batch) {
            ReplyOutcome outcome = engine.receive(reply);
            replies.computeIfAbsent(kindOf(reply.channelId()), k -> new TreeMap<>())
                    .merge(describe(outcome), 1L, Long::sum);
        }
        return batch.size();
    }

    private ChannelKind kindOf(String channelId) {
        return switch (channelId) {
            case "ivr" -> ChannelKind.VOICE_DTMF;
            case "sms" -> ChannelKind.SMS;
            case "email" -> ChannelKind.EMAIL;
            default -> ChannelKind.CHAT;
        };
    }

    private static String describe(ReplyOutcome o) {
        if (o instanceof ReplyOutcome.Rated r) {
            return r.replaced() ? "rating replaced" : "rated";
        }
        if (o instanceof ReplyOutcome.Invalid i) {
            return switch (i.kind()) {
                case UNREADABLE -> "unreadable";
                case NO_MATCH -> "key not on the scale";
                case NO_INPUT -> "no key in time";
            };
        }
        if (o instanceof ReplyOutcome.Answered a) {
            return a.question() + " answered";
        }
        if (o instanceof ReplyOutcome.Skipped sk) {
            return sk.question() + " skipped";
        }
        if (o instanceof ReplyOutcome.Commented) {
            return "comment";
        }
        if (o instanceof ReplyOutcome.Replayed) {
            return "question replayed";
        }
        if (o instanceof ReplyOutcome.Late l) {
            return l.counted() ? "late, counted" : "late";
        }
        if (o instanceof ReplyOutcome.OptedOut out) {
            return out.first() ? "opted out" : "opted out again";
        }
        if (o instanceof ReplyOutcome.OptedIn) {
            return "opted in";
        }
        if (o instanceof ReplyOutcome.Helped) {
            return "help";
        }
        if (o instanceof ReplyOutcome.Duplicate) {
            return "duplicate";
        }
        return "unmatched";
    }

    /** Reads one engine event, on the simulation's thread. */
    private void on(SurveyEvent event) {
        if (event instanceof SurveyEvent.Sent sent) {
            OpenSurvey s = sent.survey();
            counts(s.channel())[0]++;
            Visit v = awaitingSend.remove(s.interactionId());
            if (v != null) {
                customers.surveyDelivered(s, v.customer(), v.experience());
            }
        } else if (event instanceof SurveyEvent.Failed failed) {
            OpenSurvey s = failed.survey();
            if (failed.permanent()) {
                counts(s.channel())[2]++;
                failures.computeIfAbsent(s.channel(), k -> new TreeMap<>()).merge(failed.reason(), 1L, Long::sum);
                awaitingSend.remove(s.interactionId());
            } else {
                counts(s.channel())[1]++;
            }
        } else if (event instanceof SurveyEvent.Reminded reminded) {
            OpenSurvey s = reminded.survey();
            counts(s.channel())[3]++;
            customers.reminded(s, people.byId(s.contactId()));
        } else if (event instanceof SurveyEvent.Expired expired) {
            customers.ended(expired.survey().id());
        } else if (event instanceof SurveyEvent.Answered answered) {
            customers.ended(answered.survey().id());
        }
    }

    /** sent, retried, failed, reminders */
    private long[] counts(ChannelKind kind) {
        return delivery.computeIfAbsent(kind, k -> new long[4]);
    }

    /**
     * Notes how the surveys that ended since the last look ended, long before the engine forgets
     * them (it keeps an ended survey for its retention, 30 days).
     */
    private void collectEnded() {
        open.removeIf(key -> {
            SurveyState state = engine.survey(key).map(OpenSurvey::state).orElseThrow(() ->
                    new IllegalStateException("survey " + key + " was dropped before it ended"));
            if (state.isFinal()) {
                finalStates.merge(state, 1L, Long::sum);
            }
            return state.isFinal();
        });
    }

    private SimulationResult result() {
        collectEnded();
        Map<ChannelKind, SimulationResult.Delivery> d = new EnumMap<>(ChannelKind.class);
        for (ChannelKind kind : ChannelKind.values()) {
            long[] c = delivery.getOrDefault(kind, new long[4]);
            d.put(kind, new SimulationResult.Delivery(c[0], c[1], c[2], failures.getOrDefault(kind, Map.of()), c[3],
                    inFlight.delivered(kind)));
        }
        Map<String, RatingScale> scales = new LinkedHashMap<>();
        engine.profiles().forEach(p -> scales.put(p.survey().id(), p.survey().scale()));
        List<LowScoreReview> reviews = new ArrayList<>();
        engine.forEachReview(Instant.MIN, Instant.MAX, reviews::add);
        return new SimulationResult(settings, people.size(), interactions, replayed, scheduled, skipped, skipExamples,
                earlierOptOuts, d, replies, customers.actions(), finalStates, open.size(), engine.responses(), scales,
                engine.moods(), reviews, clock.instant());
    }

    /** Stops the adapters and the local HTTP endpoints. */
    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {chat, linkPage, chatPlatform, email, sms, ivr}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Closing is best effort: the run's result is already complete.
                }
            }
        }
    }

    /** @return the locale tags customers have, for the report's header */
    static List<String> localeTags() {
        return List.copyOf(Population.locales());
    }

    /** @return a short description of the helpdesk's staff, for the report's header */
    static String staffSummary() {
        Staff s = new Staff();
        return String.format(Locale.ROOT, "%d agents in two teams (%s %d, %s %d) and two virtual agents (%s, %s)",
                s.humans().size(), Staff.BILLING, s.teamSizes().get(0), Staff.TECHNICAL, s.teamSizes().get(1),
                s.voiceBot().id(), s.chatBot().id());
    }
}
