package dev.csatkit.engine;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.KeyPress;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Shared pieces for engine tests: a settable clock, a scriptable channel, surveys and interactions. */
final class EngineFixture {

    /** 2026-03-02 10:00 UTC, a Monday morning outside quiet hours. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private EngineFixture() {
    }

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        void set(Instant t) {
            now.set(t);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /**
     * A channel that records what it is given and answers from a script (accepted when the script
     * is empty). Like a real adapter, a key already accepted is not delivered again.
     *
     * <p>Every send attempt is also logged with its answer and, once {@link #stampedBy} gave it a
     * clock, the time it came: {@link #acceptedPerKey()} counts each key the channel answered
     * {@code Accepted} for, repeats of an accepted key included, which is what "sent twice" means
     * to a test. Sends to recipients that {@link #hang} selects never complete.
     */
    static final class ScriptedChannel implements Channel {
        final String id;
        final ChannelKind kind;
        final ChannelCapabilities caps;
        final List<OutboundMessage> delivered = Collections.synchronizedList(new ArrayList<>());
        final List<OutboundMessage> attempts = Collections.synchronizedList(new ArrayList<>());
        final Set<String> acceptedKeys = ConcurrentHashMap.newKeySet();
        final Deque<DeliveryResult> script = new ArrayDeque<>();
        volatile Function<OutboundMessage, DeliveryResult> policy = m -> null;
        /** Every attempt, with the channel's answer (null while it hangs) and the clock at the call. */
        final List<Attempt> log = Collections.synchronizedList(new ArrayList<>());
        /** Which sends never complete. */
        volatile Predicate<OutboundMessage> hang = m -> false;
        /** The futures of the sends left hanging, to complete when a test cleans up. */
        final List<CompletableFuture<DeliveryResult>> hung = Collections.synchronizedList(new ArrayList<>());
        /** Where answers complete; empty to answer on the caller's thread. */
        volatile java.util.Optional<java.util.concurrent.Executor> answerOn = java.util.Optional.empty();
        /**
         * With {@link #answerOn}: whether an answer waits until the engine has attached what it does
         * with it, so that the engine always handles the answer on the answering thread.
         */
        volatile boolean answerOnceAttached;
        private volatile Clock clock;

        ScriptedChannel(String id, ChannelKind kind, ChannelCapabilities caps) {
            this.id = id;
            this.kind = kind;
            this.caps = caps;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ChannelKind kind() {
            return kind;
        }

        @Override
        public ChannelCapabilities capabilities() {
            return caps;
        }

        @Override
        public CompletionStage<DeliveryResult> send(OutboundMessage message) {
            attempts.add(message);
            Instant at = clock == null ? null : clock.instant();
            if (hang.test(message)) {
                CompletableFuture<DeliveryResult> never = new CompletableFuture<>();
                hung.add(never);
                log.add(new Attempt(message, at, null));
                return never;
            }
            if (acceptedKeys.contains(message.idempotencyKey())) {
                DeliveryResult again = new DeliveryResult.Accepted("again-" + message.idempotencyKey());
                log.add(new Attempt(message, at, again));
                return CompletableFuture.completedFuture(again);
            }
            DeliveryResult r;
            synchronized (script) {
                r = script.poll();
            }
            if (r == null) {
                r = policy.apply(message);
            }
            if (r == null) {
                r = new DeliveryResult.Accepted("p-" + message.idempotencyKey());
            }
            if (r instanceof DeliveryResult.Accepted) {
                acceptedKeys.add(message.idempotencyKey());
                delivered.add(message);
            }
            log.add(new Attempt(message, at, r));
            DeliveryResult answer = r;
            if (answerOn.isPresent() && answerOnceAttached) {
                CompletableFuture<DeliveryResult> later = new CompletableFuture<>();
                answerOn.get().execute(() -> {
                    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                    while (later.getNumberOfDependents() == 0 && System.nanoTime() < until) {
                        Thread.yield();
                    }
                    later.complete(answer);
                });
                return later;
            }
            return answerOn.map(e -> CompletableFuture.supplyAsync(() -> answer, e))
                    .orElseGet(() -> CompletableFuture.completedFuture(answer));
        }

        /** Stamps every attempt from now on with {@code c}'s time. @return this */
        ScriptedChannel stampedBy(Clock c) {
            clock = c;
            return this;
        }

        /** Completes every send left hanging with {@code result}, so no dispatch waits on it any longer. */
        void release(DeliveryResult result) {
            List<CompletableFuture<DeliveryResult>> now;
            synchronized (hung) {
                now = new ArrayList<>(hung);
                hung.clear();
            }
            // Completed outside the lock: the engine's callbacks may send again, and hang again.
            now.forEach(f -> f.complete(result));
        }

        /** @return how many times each idempotency key was handed to the channel */
        Map<String, Long> attemptsPerKey() {
            synchronized (attempts) {
                return attempts.stream().collect(Collectors.groupingBy(OutboundMessage::idempotencyKey,
                        Collectors.counting()));
            }
        }

        /** @return how many times the channel answered {@code Accepted} for each key, repeats included */
        Map<String, Long> acceptedPerKey() {
            return accepted().stream().collect(Collectors.groupingBy(a -> a.message().idempotencyKey(),
                    Collectors.counting()));
        }

        /** @return the attempts the channel answered {@code Accepted}, in order */
        List<Attempt> accepted() {
            synchronized (log) {
                return log.stream().filter(a -> a.result() instanceof DeliveryResult.Accepted).toList();
            }
        }

        /** @return a snapshot of every attempt so far */
        List<Attempt> logged() {
            synchronized (log) {
                return List.copyOf(log);
            }
        }

        List<String> texts() {
            List<String> out = new ArrayList<>();
            synchronized (delivered) {
                for (OutboundMessage m : delivered) {
                    out.add(text(m));
                }
            }
            return out;
        }
    }

    /**
     * One send as the channel saw it.
     *
     * @param message what it was given
     * @param at the clock when it was given, if the channel was stamped
     * @param result what it answered; null for a send left hanging
     */
    record Attempt(OutboundMessage message, Instant at, DeliveryResult result) {
        String text() {
            return EngineFixture.text(message);
        }
    }

    /** @return the text a customer reads in a message */
    static String text(OutboundMessage m) {
        if (m.content() instanceof dev.csatkit.channels.spi.MessageContent.Sms sms) {
            return sms.text();
        } else if (m.content() instanceof dev.csatkit.channels.spi.MessageContent.Chat chat) {
            return chat.text();
        } else if (m.content() instanceof dev.csatkit.channels.spi.MessageContent.Email email) {
            return email.plainText();
        }
        return m.content().toString();
    }

    /**
     * An engine with one SMS survey after calls, tuned by the test.
     *
     * @param tune changes to the profile: placeholders are set, every other rule at its default
     */
    static SurveyEngine smsEngine(Clock clock, ScriptedChannel sms, SurveyListener listener,
            UnaryOperator<SurveyProfile.Builder> tune) {
        SurveyProfile profile = tune.apply(SurveyProfile.builder(smsSurvey("after-call"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", T0)
                .placeholders(company())).build();
        SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(sms).profile(profile).build();
        // Listening from here on: the tests see what the engine does, not its start.
        engine.addListener(listener);
        return engine;
    }

    static ScriptedChannel sms() {
        return new ScriptedChannel("sms", ChannelKind.SMS, ChannelCapabilities.sms(4));
    }

    static ScriptedChannel keypad() {
        return new ScriptedChannel("ivr", ChannelKind.VOICE_DTMF, ChannelCapabilities.keypad());
    }

    static ScriptedChannel chat() {
        return new ScriptedChannel("chat", ChannelKind.CHAT, ChannelCapabilities.chat(10));
    }

    static ScriptedChannel email() {
        return new ScriptedChannel("mail", ChannelKind.EMAIL, ChannelCapabilities.email());
    }

    /** A five-point survey in English and French with a follow-up question. */
    static SurveyDefinition smsSurvey(String id) {
        return smsSurvey(id, dev.csatkit.survey.MissingLanguage.USE_DEFAULT);
    }

    static SurveyDefinition smsSurvey(String id, dev.csatkit.survey.MissingLanguage missing) {
        MessageSet en = DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow();
        MessageSet fr = DefaultMessages.forChannel(ChannelKind.SMS, Locale.FRENCH).orElseThrow();
        return SurveyDefinition.builder(id).name("After-call survey").scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS, ChannelKind.CHAT, ChannelKind.EMAIL)
                .defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, MessageSet.builder().prompt(en.prompt().source())
                        .confirmation("Thanks, we got your {scale.min}-{scale.max} rating.")
                        .invalidReply("Please reply with a number from {scale.min} to {scale.max}.")
                        .followUp("What could we do better? Reply in a few words.")
                        .thankYou("Thank you for your comment.")
                        .optOutInstructions("Reply STOP to opt out.").build())
                .messages(Locale.FRENCH, fr)
                .onMissingLanguage(missing)
                .build();
    }

    static SurveyDefinition keypadSurvey(String id) {
        return SurveyDefinition.builder(id).name("Keypad survey").scale(RatingScales.keypadNine())
                .channels(ChannelKind.VOICE_DTMF).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.VOICE_DTMF, Locale.ENGLISH)
                        .orElseThrow())
                .build();
    }

    static Agent alice() {
        return Agent.human("a-1", "Alice", "Blue");
    }

    static Contact contact(String id, String phone) {
        return Contact.builder(id).phone(phone).email(id + "@example.com").chat("chat-" + id)
                .locale(Locale.ENGLISH).zone(ZoneOffset.UTC).build();
    }

    private static final AtomicLong SEQ = new AtomicLong();

    static Interaction.Builder call(String id, Contact c) {
        return Interaction.builder(id, c, Medium.VOICE).agent(alice()).entryPoint("+15550100")
                .between(T0.minus(Duration.ofMinutes(6)), T0).hangUp(HangUp.AGENT);
    }

    static InboundReply text(ScriptedChannel ch, String from, String text, Instant at) {
        return new InboundReply(ch.id, from, "+15550100", new ReplyContent.Text(text), "m" + SEQ.incrementAndGet(), at);
    }

    static InboundReply keys(ScriptedChannel ch, String from, String keys, Instant at) {
        List<KeyPress> presses = new ArrayList<>();
        for (int i = 0; i < keys.length(); i++) {
            presses.add(new KeyPress(keys.charAt(i), Duration.ofSeconds(1 + i)));
        }
        return new InboundReply(ch.id, from, "+15550100", new ReplyContent.Keys(presses), "k" + SEQ.incrementAndGet(),
                at);
    }

    static Map<String, String> company() {
        return Map.of("company", "Acme");
    }
}
