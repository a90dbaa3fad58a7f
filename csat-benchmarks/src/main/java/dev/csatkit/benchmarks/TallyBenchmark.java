package dev.csatkit.benchmarks;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Tallying 10 million in-memory responses by agent (1 000 agents): the report's accumulator and
 * {@link Tally#collector} against a plain {@code Collectors.groupingBy} + {@code counting()} of
 * the same counts (ratings per agent per score). Scores are nanoseconds per response.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(TallyBenchmark.RESPONSES)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TallyBenchmark {

    static final int RESPONSES = 10_000_000;
    static final int AGENTS = 1_000;

    private final RatingScale scale = RatingScales.fivePoint();
    private List<SurveyResponse> responses = List.of();
    private ReportSpec byAgent = ReportSpec.builder(scale).build();

    /** Builds the responses once: 80 % ratings, 15 % unanswered, 3 % invalid, 2 % late. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        // Shared values keep 10 million records within a modest heap; the tally reads them all the same.
        List<Optional<String>> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            agents.add(Optional.of(String.format(Locale.ROOT, "agent-%04d", a)));
        }
        List<OptionalInt> scores = new ArrayList<>();
        for (int v = 0; v <= 5; v++) {
            scores.add(OptionalInt.of(v));
        }
        Instant sent = Instant.parse("2025-03-14T09:00:00Z");
        Optional<Instant> replied = Optional.of(sent.plusSeconds(60));
        Optional<String> sms = Optional.of("sms");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add("call-" + i);
        }
        List<SurveyResponse> list = new ArrayList<>(RESPONSES);
        for (int i = 0; i < RESPONSES; i++) {
            int outcome = random.nextInt(100);
            boolean answered = outcome < 80 || outcome >= 95;
            list.add(new SurveyResponse(ids.get(i % ids.size()), "post-call", sms, agents.get(random.nextInt(AGENTS)),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), sent,
                    answered ? replied : Optional.empty(),
                    outcome < 80 || outcome >= 98 ? scores.get(1 + random.nextInt(5)) : OptionalInt.empty(),
                    Optional.empty(), outcome >= 95 && outcome < 98, outcome >= 98));
        }
        responses = list;
        byAgent = ReportSpec.builder(scale).by(Dimension.AGENT).build();
    }

    /** The floor: only reading the fields a tally needs, to show what memory alone costs. */
    @Benchmark
    public long readFieldsFloor() {
        long n = 0;
        for (SurveyResponse r : responses) {
            n += r.score().orElse(0) + r.agent().get().hashCode();
        }
        return n;
    }

    /** The library: a report by agent, with comparisons and ranks. */
    @Benchmark
    public Report reportByAgent() {
        return Report.of(byAgent, responses);
    }

    /** The library through streams: {@code groupingBy(agent, Tally.collector(scale))}. */
    @Benchmark
    public Map<Optional<String>, Tally> groupingByTallyCollector() {
        return responses.stream().collect(Collectors.groupingBy(SurveyResponse::agent, Tally.collector(scale)));
    }

    /** The baseline: ratings per agent per score with nested {@code groupingBy} and {@code counting()}. */
    @Benchmark
    public Map<Optional<String>, Map<Integer, Long>> groupingByCountingBaseline() {
        return responses.stream().filter(SurveyResponse::isRating).collect(Collectors.groupingBy(
                SurveyResponse::agent, Collectors.groupingBy(r -> r.score().getAsInt(), Collectors.counting())));
    }
}
