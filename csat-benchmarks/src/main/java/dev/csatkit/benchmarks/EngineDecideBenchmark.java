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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class EngineDecideBenchmark {

    static final int CONTACTS = 1_000_000;
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private Contact[] contacts = new Contact[0];
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
        contacts = new Contact[CONTACTS];
        for (int i = 0; i < CONTACTS; i++) {
            contacts[i] = Contact.builder(String.format(Locale.ROOT, "contact-%07d", i))
                    .phone(String.format(Locale.ROOT, "+4670%07d", i)).locale(Locale.ENGLISH).zone(ZoneOffset.UTC)
                    .build();
        }
        SurveyDefinition survey = SurveyDefinition.builder("after-call").name("After-call survey")
                .scale(RatingScales.fivePoint()).channels(ChannelKind.SMS).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow())
                .build();
        engine = SurveyEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).channel(new NullChannel())
                .profile(SurveyProfile.builder(survey, ChannelKind.SMS).placeholders(Map.of("company", "Acme"))
                        .frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(1))).build())
                .build();
        for (int i = 0; i < CONTACTS; i++) {
            engine.decide(interaction(i));
            cache.asMap().putIfAbsent(contacts[i].id(), NOW.toEpochMilli());
        }
        next = CONTACTS;
    }

    private Interaction interaction(long n) {
        return Interaction.builder("call-" + n, contacts[(int) (n % CONTACTS)], Medium.VOICE).agent(agent)
                .between(NOW.minusSeconds(300), NOW).hangUp(HangUp.AGENT).build();
    }

    /** @return one decision for a new interaction of the next contact */
    @Benchmark
    public Decision engineDecide() {
        return engine.decide(interaction(next++));
    }

    /** @return the baseline: the contact's id put if absent in a bare Caffeine cache */
    @Benchmark
    public Long caffeinePutIfAbsent() {
        return cache.asMap().putIfAbsent(contacts[(int) (next++ % CONTACTS)].id(), NOW.toEpochMilli());
    }
}
