package dev.csatkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.HangUp;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second with one million distinct contacts, beside a bare Caffeine
 * {@code asMap().putIfAbsent} of the contact's id in the same run.
 *
 * <p>Every operation reports a new interaction (a new id) for the next contact in turn, through
 * every rule of a real SMS profile: trigger, opt-out lookup, language, sampling, quiet hours and
 * the atomic frequency-cap reservation. Before measuring, each contact is surveyed once, so the
 * measured decisions are the steady state of a busy helpdesk: contacts coming back inside their
 * one-day window and being capped, which is also what the baseline's {@code putIfAbsent} does
 * for a key already present. Scores are operations per microsecond.
 *
 * <p>Both sides see the traffic a helpdesk sees. Contacts come back in one shuffled order, not
 * in id order, where the baseline's keys would hash to neighbouring buckets
 * ({@code String.hashCode} of {@code contact-0000001}, {@code contact-0000002} … differ by one)
 * and walk memory in sequence. And each event brings its own data: the contact's id (and, for
 * the engine, its phone number and the {@link Contact} built from them) is made afresh from the
 * event for every operation, as a host parsing its feed would. A million prebuilt contacts held
 * in an array would instead make both sides chase pointers into objects no host keeps, and
 * would let the baseline compare its key by reference, with its hash already cached.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 4)
@Measurement(iterations = 8, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class EngineDecideBenchmark {

    static final int CONTACTS = 1_000_000;
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private int[] order = new int[0];
    private Agent agent = Agent.human("a-1", "Alice", "Blue");
    private SurveyEngine engine;
    private Cache<String, Long> cache = Caffeine.newBuilder().build();
    private long next;

    /** A channel that accepts everything at once; the benchmark never dispatches. */
    static final class NullChannel implements dev.csatkit.channels.spi.Channel {
        @Override
        public String id() {
            return "sms";
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }

        @Override
        public ChannelCapabilities capabilities() {
            return ChannelCapabilities.sms(4);
        }

        @Override
        public CompletionStage<DeliveryResult> send(OutboundMessage message) {
            return CompletableFuture.completedFuture(new DeliveryResult.Accepted("x"));
        }
    }

    /** Builds the contacts and the engine, and surveys every contact once. */
    @Setup(Level.Trial)
    public void setUp() {
        SurveyDefinition survey = SurveyDefinition.builder("after-call").name("After-call survey")
                .scale(RatingScales.fivePoint()).channels(ChannelKind.SMS).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow())
                .build();
        engine = SurveyEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).channel(new NullChannel())
                .profile(SurveyProfile.builder(survey, ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", Instant.parse("2026-01-05T09:00:00Z"))
                        .placeholders(Map.of("company", "Acme"))
                        .frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(1))).build())
                .build();
        order = shuffled(CONTACTS, 42);
        for (int i = 0; i < CONTACTS; i++) {
            engine.decide(interaction(i));
            cache.asMap().putIfAbsent(contactId(order[i]), NOW.toEpochMilli());
        }
        next = CONTACTS;
    }

    /** 0 … n-1 in a fixed pseudo-random order (Fisher–Yates with a seeded generator). */
    static int[] shuffled(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** {@code prefix} followed by {@code k} in seven digits, built as a parser would: a new string. */
    static String numbered(String prefix, int k) {
        char[] c = new char[prefix.length() + 7];
        prefix.getChars(0, prefix.length(), c, 0);
        for (int i = c.length - 1, v = k; i >= prefix.length(); i--, v /= 10) {
            c[i] = (char) ('0' + v % 10);
        }
        return new String(c);
    }

    static String contactId(int k) {
        return numbered("contact-", k);
    }

    private int contactOf(long n) {
        return order[(int) (n % CONTACTS)];
    }

    /** The n-th event's interaction, with its contact, as the host builds them from the event. */
    private Interaction interaction(long n) {
        int k = contactOf(n);
        Contact contact = Contact.builder(contactId(k)).phone(numbered("+4670", k)).locale(Locale.ENGLISH)
                .zone(ZoneOffset.UTC).build();
        return Interaction.builder("call-" + n, contact, Medium.VOICE).agent(agent)
                .between(NOW.minusSeconds(300), NOW).hangUp(HangUp.AGENT).build();
    }

    /** @return one decision for a new interaction of the next contact */
    @Benchmark
    public Decision engineDecide() {
        return engine.decide(interaction(next++));
    }

    /** @return the baseline: the next event's contact id put if absent in a bare Caffeine cache */
    @Benchmark
    public Long caffeinePutIfAbsent() {
        return cache.asMap().putIfAbsent(contactId(contactOf(next++)), NOW.toEpochMilli());
    }
}
