package dev.csatkit.benchmarks;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.SurveyDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Choosing a survey's messages for a contact's locale (region, then language, then default)
 * beside the baseline of one exact {@code HashMap} lookup per contact, over the same contacts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageLookupBenchmark {

    private static final List<String> CONTACTS = List.of("en-GB", "fr-CA", "sv-SE", "ru", "uk-UA", "pl", "de-AT",
            "es-MX", "ja", "pt-BR", "en", "fr");

    private SurveyDefinition survey;
    private Map<Locale, MessageSet> exact;
    private Locale[] contacts;

    /** Builds the survey in eight languages and the contacts' locales. */
    @Setup
    public void setUp() {
        SurveyDefinition.Builder b = SurveyDefinition.builder("bench").name("Bench").scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS);
        DefaultMessages.allForChannel(ChannelKind.SMS).forEach(b::messages);
        survey = b.build();
        exact = new HashMap<>(survey.messages());
        contacts = CONTACTS.stream().map(Locale::forLanguageTag).toArray(Locale[]::new);
    }

    /** The library's lookup with its fallback chain. */
    @Benchmark
    @OperationsPerInvocation(12)
    public void resolveWithFallback(Blackhole bh) {
        for (Locale contact : contacts) {
            bh.consume(survey.resolve(contact));
        }
    }

    /** Baseline: one exact map lookup, no fallback at all. */
    @Benchmark
    @OperationsPerInvocation(12)
    public void baselineExactMapLookup(Blackhole bh) {
        for (Locale contact : contacts) {
            bh.consume(exact.get(contact));
        }
    }
}
