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
import java.util.function.UnaryOperator;

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
            if (acceptedKeys.contains(message.idempotencyKey())) {
                return CompletableFuture.completedFuture(new DeliveryResult.Accepted("again-" + message.idempotencyKey()));
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
            return CompletableFuture.completedFuture(r);
        }

        List<String> texts() {
            List<String> out = new ArrayList<>();
            synchronized (delivered) {
                for (OutboundMessage m : delivered) {
                    if (m.content() instanceof dev.csatkit.channels.spi.MessageContent.Sms sms) {
                        out.add(sms.text());
                    } else if (m.content() instanceof dev.csatkit.channels.spi.MessageContent.Chat chat) {
                        out.add(chat.text());
                    } else if (m.content() instanceof dev.csatkit.channels.spi.MessageContent.Email email) {
                        out.add(email.plainText());
                    } else {
                        out.add(m.content().toString());
                    }
                }
            }
            return out;
        }
    }

    /**
     * An engine with one SMS survey after calls, tuned by the test.
     *
     * @param tune changes to the profile: placeholders are set, every other rule at its default
     */
    static SurveyEngine smsEngine(Clock clock, ScriptedChannel sms, SurveyListener listener,
            UnaryOperator<SurveyProfile.Builder> tune) {
        SurveyProfile profile = tune.apply(SurveyProfile.builder(smsSurvey("after-call"), ChannelKind.SMS)
                .placeholders(company())).build();
        return SurveyEngine.builder().clock(clock).channel(sms).profile(profile).listener(listener).build();
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
