package dev.csatkit.benchmarks;

import dev.csatkit.export.CsvExport;
import dev.csatkit.export.CsvRow;
import dev.csatkit.export.ResponseCsvReader;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a generated 1-million-row responses CSV end to end — parse, validate, build each
 * response and report by agent and week — against reading the same file line by line and
 * splitting on commas, the floor any CSV reader stands on. Scores are rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(CsvReadBenchmark.ROWS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CsvReadBenchmark {

    static final int ROWS = 1_000_000;

    private Path file = Path.of("");
    private final ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT)
            .period(Period.WEEK).zone(ZoneId.of("Europe/Stockholm")).lowScores(2).build();

    /** Writes the file once, through the library's own streaming CSV export. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("responses", ".csv");
        SplittableRandom random = new SplittableRandom(7);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Iterator<SurveyResponse> generated = new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < ROWS;
            }

            @Override
            public SurveyResponse next() {
                int n = i++;
                Instant sent = start.plusSeconds(random.nextLong(90L * 86_400));
                SurveyResponse.Builder b = SurveyResponse.builder("call-" + n, "post-call", sent)
                        .agent(String.format(Locale.ROOT, "agent-%03d", random.nextInt(1_000)))
                        .team("team-" + random.nextInt(20)).channel(random.nextBoolean() ? "sms" : "email")
                        .entryPoint("+4681234" + random.nextInt(100)).locale(Locale.forLanguageTag("sv"))
                        .caseType(random.nextBoolean() ? "billing" : "outage");
                int outcome = random.nextInt(100);
                if (outcome < 80) {
                    int score = 1 + random.nextInt(5);
                    b.rating(score, sent.plusSeconds(60 + random.nextInt(3_600)));
                    if (score <= 2) {
                        b.comment("Waited too long, case " + n);
                    }
                } else if (outcome < 83) {
                    b.invalidReply(sent.plusSeconds(30));
                } else if (outcome < 85) {
                    b.lateReply(OptionalInt.of(4), sent.plusSeconds(9 * 86_400));
                }
                return b.build();
            }
        };
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvExport.writeResponses(generated, out);
        }
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The library: every row read, validated and reported on. */
    @Benchmark
    public Report readAndReport() throws IOException {
        Report.Accumulator accumulator = Report.accumulator(spec);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                ResponseCsvReader rows = ResponseCsvReader.open(in, spec.scale(), spec.zone())) {
            while (rows.hasNext()) {
                if (rows.next() instanceof CsvRow.Accepted a) {
                    accumulator.add(a.response());
                }
            }
        }
        return accumulator.build();
    }

    /** The floor: lines read and split on commas, nothing parsed or checked. */
    @Benchmark
    public long readLinesBaseline() throws IOException {
        long fields = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                fields += line.split(",", -1).length;
            }
        }
        return fields;
    }
}
