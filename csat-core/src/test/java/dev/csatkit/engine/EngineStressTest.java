package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.alice;
import static dev.csatkit.engine.EngineFixture.company;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.engine.EngineFixture.Attempt;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.QuietHours;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.SurveyState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Eight threads decide a few thousand interactions of a few hundred contacts spread over five time
 * zones, while one thread dispatches and moves the clock on and another answers what was sent:
 * ratings, comments, unreadable text and some STOPs. The SMS channel fails 30 % of sends for now
 * and 5 % for good; the chat channel answers from another thread. At the end every guarantee of
 * the engine is checked at once.
 *
 * <p>The same scenario with a chat channel that never answers needs a send deadline and runs in
 * {@code EngineDispatchDeadlineTest}.
 */
class EngineStressTest {

    @Test
    void deciders_a_dispatcher_and_a_replier_keep_every_guarantee() throws Exception {
        ExecutorService answers = Executors.newFixedThreadPool(2);
        try {
            Scenario s = new Scenario();
            s.chat.answerOn = Optional.of(answers);
            s.run(b -> b);
        } finally {
            answers.shutdownNow();
        }
    }

    /** The stress run: build it, change its channels if needed, then {@link #run} it. */
    static final class Scenario {
        static final int THREADS = 8;
        static final int CONTACTS = 300;
        static final int INTERACTIONS = 3_600;
        static final int TICKS = 72;
        static final int PER_TICK = INTERACTIONS / TICKS;
        static final Duration TICK = Duration.ofMinutes(15);
        static final Duration CAP = Duration.ofHours(6);
        static final QuietHours QUIET = QuietHours.SMS_DEFAULT;
        static final String OPTED_OUT_TEXT = "not receive any more surveys";
        static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"),
                ZoneId.of("Europe/Stockholm"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Sydney"));

        final TestClock clock = new TestClock(T0);
        final ScriptedChannel sms = EngineFixture.sms().stampedBy(clock);
        final ScriptedChannel chat = EngineFixture.chat().stampedBy(clock);
        final List<Contact> contacts = new ArrayList<>();
        final Map<String, ZoneId> zoneByAddress = new HashMap<>();
        final Map<String, String> scheduled = new ConcurrentHashMap<>(); // survey key -> contact id
        final Queue<SurveyEvent> events = new ConcurrentLinkedQueue<>();
        final Queue<OpenSurvey> toAnswer = new ConcurrentLinkedQueue<>();
        /** Per address that sent STOP: how many SMS sends the channel had seen before it. */
        final Map<String, Integer> stoppedAt = new ConcurrentHashMap<>();
        /** Held by a dispatch, and by a STOP while it is handled: a STOP is never mid-dispatch. */
        final ReentrantLock dispatching = new ReentrantLock();
        /** The clock moves under the write lock; a reply is handled under the read lock. */
        final ReentrantReadWriteLock time = new ReentrantReadWriteLock();
        final AtomicInteger tick = new AtomicInteger(-1);
        final AtomicInteger decided = new AtomicInteger();
        final AtomicBoolean replying = new AtomicBoolean(true);

        Scenario() {
            for (int i = 0; i < CONTACTS; i++) {
                ZoneId zone = ZONES.get(i % ZONES.size());
                String phone = String.format("+4670%07d", i);
                Contact c = Contact.builder("k" + i).phone(phone).chat("chat-k" + i).locale(Locale.ENGLISH)
                        .zone(zone).build();
                contacts.add(c);
                zoneByAddress.put(phone, zone);
                zoneByAddress.put("chat-k" + i, zone);
            }
            SplittableRandom random = new SplittableRandom(11);
            sms.policy = m -> {
                double r;
                synchronized (random) {
                    r = random.nextDouble();
                }
                return r < 0.05 ? new DeliveryResult.FailedPermanently("rejected by the carrier")
                        : r < 0.35 ? new DeliveryResult.RetryLater(Optional.empty(), "carrier busy") : null;
            };
        }

        SurveyEngine engine(UnaryOperator<SurveyEngine.Builder> tune) {
            SurveyEngine.Builder b = SurveyEngine.builder().clock(clock).channel(sms).channel(chat)
                    .listener(ev -> {
                        events.add(ev);
                        if (ev instanceof SurveyEvent.Sent sent) {
                            toAnswer.add(sent.survey());
                        }
                    })
                    .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                            .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                            .route(Route.media(Medium.VOICE)).placeholders(company()).quietHours(QUIET)
                            .frequencyCap(FrequencyCap.acrossSurveys(CAP)).reminderAfter(Duration.ofHours(2))
                            .answerWindow(Duration.ofHours(6)).commentWindow(Duration.ofHours(1))
                            .retry(new RetryPolicy(4, Duration.ofMinutes(5), Duration.ofMinutes(30), 2, 0.2))
                            .build())
                    .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-chat"), ChannelKind.CHAT)
                            .route(Route.media(Medium.CHAT)).placeholders(company()).quietHours(QUIET)
                            .frequencyCap(FrequencyCap.acrossSurveys(CAP)).answerWindow(Duration.ofHours(6))
                            .retry(new RetryPolicy(3, Duration.ofMinutes(5), Duration.ofMinutes(30), 2, 0.2))
                            .build());
            return tune.apply(b).build();
        }

        /** Runs before each hour of the settling phase, on the test's thread. */
        volatile Runnable eachSettleHour = () -> { };

        void run(UnaryOperator<SurveyEngine.Builder> tune) throws Exception {
            SurveyEngine engine = engine(tune);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
            try {
                List<Future<?>> deciders = new ArrayList<>();
                AtomicInteger next = new AtomicInteger();
                for (int t = 0; t < THREADS; t++) {
                    int seed = t;
                    deciders.add(pool.submit(() -> {
                        decide(engine, next, new SplittableRandom(seed), deadline);
                        return null;
                    }));
                }
                Future<?> replier = pool.submit(() -> {
                    reply(engine);
                    return null;
                });
                Future<?> dispatcher = pool.submit(() -> {
                    dispatch(engine, deadline);
                    return null;
                });
                dispatcher.get(3, TimeUnit.MINUTES);
                for (Future<?> f : deciders) {
                    f.get(1, TimeUnit.MINUTES);
                }
                replying.set(false);
                replier.get(1, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
            // Past every send, retry, reminder and window: dispatch until nothing is due.
            for (int hour = 0; hour < 96; hour++) {
                eachSettleHour.run();
                clock.advance(Duration.ofHours(1));
                for (int i = 0; i < 50 && !engine.dispatchDue().isEmpty(); i++) {
                    // again
                }
            }
            check(engine);
        }

        /** One of the eight deciders: takes interactions in order, each in its tick. */
        void decide(SurveyEngine engine, AtomicInteger next, SplittableRandom random, long deadline)
                throws InterruptedException {
            for (int n = next.getAndIncrement(); n < INTERACTIONS; n = next.getAndIncrement()) {
                int due = n / PER_TICK;
                synchronized (tick) {
                    while (tick.get() < due && System.nanoTime() < deadline) {
                        tick.wait(100);
                    }
                }
                // A few hot contacts call again and again; replays of earlier ids are mixed in.
                Contact c = contacts.get(random.nextInt(10) < 7 ? random.nextInt(30) : random.nextInt(CONTACTS));
                String id = random.nextInt(20) == 0 && n > 0 ? "i" + random.nextInt(n) : "i" + n;
                Medium medium = random.nextInt(100) < 85 ? Medium.VOICE : Medium.CHAT;
                Instant now = clock.instant();
                Decision d = engine.decide(Interaction.builder(id, c, medium).agent(alice()).entryPoint("+15550100")
                        .hangUp(HangUp.AGENT).between(now.minus(Duration.ofMinutes(6)), now).build());
                if (d instanceof Decision.Scheduled s) {
                    scheduled.put(s.surveyKey(), c.id());
                }
                decided.incrementAndGet();
            }
        }

        /** The dispatcher: dispatches while the tick's interactions are decided, then moves the clock. */
        void dispatch(SurveyEngine engine, long deadline) {
            for (int t = 0; t < TICKS; t++) {
                synchronized (tick) {
                    tick.set(t);
                    tick.notifyAll();
                }
                int until = Math.min((t + 1) * PER_TICK, INTERACTIONS);
                do {
                    dispatchOnce(engine);
                } while (decided.get() < until && System.nanoTime() < deadline);
                dispatchOnce(engine);
                time.writeLock().lock();
                try {
                    clock.advance(TICK);
                } finally {
                    time.writeLock().unlock();
                }
            }
            synchronized (tick) {
                tick.set(TICKS);
                tick.notifyAll();
            }
        }

        void dispatchOnce(SurveyEngine engine) {
            dispatching.lock();
            try {
                engine.dispatchDue();
            } finally {
                dispatching.unlock();
            }
        }

        /** The customers: answer what reached them, in their daytime, until told to stop. */
        void reply(SurveyEngine engine) {
            List<OpenSurvey> waiting = new ArrayList<>();
            Map<String, Instant> commentAfter = new HashMap<>(); // survey key -> when to comment
            Map<String, OpenSurvey> rated = new HashMap<>();
            int seq = 0;
            while (replying.get()) {
                for (OpenSurvey s = toAnswer.poll(); s != null; s = toAnswer.poll()) {
                    waiting.add(s);
                }
                time.readLock().lock();
                try {
                    Instant now = clock.instant();
                    for (Iterator<OpenSurvey> it = waiting.iterator(); it.hasNext(); ) {
                        OpenSurvey s = it.next();
                        if (stoppedAt.containsKey(s.address())) {
                            it.remove();
                            continue;
                        }
                        if (QUIET.contains(localTime(s.address(), now))) {
                            continue; // asleep: answers in the morning, if the survey still takes it
                        }
                        it.remove();
                        int h = Math.floorMod(s.id().hashCode(), 100);
                        String body;
                        if (h < 5 && s.channel() == ChannelKind.SMS) {
                            dispatching.lock();
                            try {
                                stoppedAt.put(s.address(), sms.logged().size());
                                engine.receive(text(s, "STOP", now, seq++));
                            } finally {
                                dispatching.unlock();
                            }
                            continue;
                        } else if (h < 45) {
                            body = Integer.toString(1 + h % 5);
                            if (h < 20) {
                                commentAfter.put(s.id(), now.plus(Duration.ofMinutes(20)));
                                rated.put(s.id(), s);
                            }
                        } else if (h < 55) {
                            body = "maybe";
                        } else {
                            continue;
                        }
                        engine.receive(text(s, body, now, seq++));
                    }
                    for (Iterator<Map.Entry<String, Instant>> it = commentAfter.entrySet().iterator(); it.hasNext(); ) {
                        Map.Entry<String, Instant> c = it.next();
                        OpenSurvey s = rated.get(c.getKey());
                        if (!now.isBefore(c.getValue()) && !stoppedAt.containsKey(s.address())
                                && !QUIET.contains(localTime(s.address(), now))) {
                            it.remove();
                            engine.receive(text(s, "The wait on the phone was long", now, seq++));
                        }
                    }
                } finally {
                    time.readLock().unlock();
                }
                Thread.yield();
            }
        }

        LocalTime localTime(String address, Instant at) {
            return at.atZone(zoneByAddress.get(address)).toLocalTime();
        }

        static dev.csatkit.channels.spi.InboundReply text(OpenSurvey s, String body, Instant at, int seq) {
            return new dev.csatkit.channels.spi.InboundReply(s.channelId(), s.address(), "+15550100",
                    new dev.csatkit.channels.spi.ReplyContent.Text(body), "stress-" + seq, at);
        }

        void check(SurveyEngine engine) {
            SoftAssertions softly = new SoftAssertions();
            assertThat(scheduled).as("surveys scheduled").hasSizeGreaterThan(CONTACTS);

            // Every survey in exactly one final state, with exactly one final event.
            Map<String, List<SurveyState>> finalEvents = new HashMap<>();
            for (SurveyEvent ev : events) {
                OpenSurvey s = ev instanceof SurveyEvent.Answered a ? a.survey()
                        : ev instanceof SurveyEvent.Expired x ? x.survey()
                        : ev instanceof SurveyEvent.Failed f && f.permanent() ? f.survey()
                        : ev instanceof SurveyEvent.OptedOut o ? o.survey().orElse(null) : null;
                if (s != null) {
                    SurveyState state = ev instanceof SurveyEvent.OptedOut ? SurveyState.OPTED_OUT : s.state();
                    finalEvents.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(state);
                }
            }
            List<String> notFinal = new ArrayList<>();
            List<String> wrongEvents = new ArrayList<>();
            Map<SurveyState, Integer> byState = new TreeMap<>();
            for (String key : scheduled.keySet()) {
                SurveyState state = engine.survey(key).orElseThrow().state();
                byState.merge(state, 1, Integer::sum);
                if (!state.isFinal()) {
                    notFinal.add(key + " " + state);
                } else if (!List.of(state).equals(finalEvents.get(key))) {
                    wrongEvents.add(key + " " + state + ": final events " + finalEvents.get(key));
                }
            }
            softly.assertThat(first(notFinal)).as("surveys not final (%d of %d; by state %s)", notFinal.size(),
                    scheduled.size(), byState).isEmpty();
            softly.assertThat(first(wrongEvents)).as("surveys without exactly one final event (%d)",
                    wrongEvents.size()).isEmpty();

            // No key accepted twice.
            List<String> twice = new ArrayList<>();
            for (ScriptedChannel ch : List.of(sms, chat)) {
                ch.acceptedPerKey().forEach((key, n) -> {
                    if (n > 1) {
                        twice.add(ch.id + " " + key + " accepted " + n + " times");
                    }
                });
            }
            softly.assertThat(first(twice)).as("keys accepted more than once (%d)", twice.size()).isEmpty();

            // No contact got two prompts inside its cap window.
            Map<String, List<Instant>> sentTo = new HashMap<>();
            for (SurveyEvent ev : events) {
                if (ev instanceof SurveyEvent.Sent sent) {
                    sentTo.computeIfAbsent(sent.survey().contactId(), k -> new ArrayList<>()).add(sent.at());
                }
            }
            List<String> capped = new ArrayList<>();
            sentTo.forEach((contact, times) -> {
                times.sort(null);
                for (int i = 1; i < times.size(); i++) {
                    Duration gap = Duration.between(times.get(i - 1), times.get(i));
                    if (gap.compareTo(CAP) < 0) {
                        capped.add(contact + ": prompts at " + times.get(i - 1) + " and " + times.get(i));
                    }
                }
            });
            softly.assertThat(first(capped)).as("prompts inside a contact's %s cap window (%d)", CAP, capped.size())
                    .isEmpty();

            // Nothing delivered in quiet hours in the contact's zone, but the confirmation of an
            // opt-out the customer just sent: the rules ask for it at once, and it is the last message.
            List<String> atNight = new ArrayList<>();
            for (ScriptedChannel ch : List.of(sms, chat)) {
                for (Attempt a : ch.accepted()) {
                    LocalTime local = localTime(a.message().recipient(), a.at());
                    if (QUIET.contains(local) && !a.text().contains(OPTED_OUT_TEXT)) {
                        atNight.add(a.message().idempotencyKey() + " at " + local + " local (" + a.at() + ")");
                    }
                }
            }
            softly.assertThat(first(atNight)).as("messages delivered in quiet hours (%d)", atNight.size()).isEmpty();

            // Nothing sent to an address after its STOP but the one confirmation.
            List<Attempt> smsLog = sms.logged();
            List<String> afterStop = new ArrayList<>();
            stoppedAt.forEach((address, from) -> {
                List<Attempt> later = smsLog.subList(from, smsLog.size()).stream()
                        .filter(a -> a.message().recipient().equals(address)).toList();
                later.stream().filter(a -> !a.text().contains(OPTED_OUT_TEXT))
                        .forEach(a -> afterStop.add(address + ": " + a.message().idempotencyKey() + " at " + a.at()));
                long confirmations = later.stream()
                        .filter(a -> a.text().contains(OPTED_OUT_TEXT) && a.result() instanceof DeliveryResult.Accepted)
                        .count();
                if (confirmations > 1) {
                    afterStop.add(address + ": " + confirmations + " opt-out confirmations");
                }
            });
            softly.assertThat(stoppedAt).as("addresses that sent STOP").isNotEmpty();
            softly.assertThat(first(afterStop)).as("sends to an address after its STOP (%d)", afterStop.size())
                    .isEmpty();
            softly.assertAll();
        }

        static List<String> first(List<String> all) {
            return all.size() <= 15 ? all : all.subList(0, 15);
        }
    }
}
