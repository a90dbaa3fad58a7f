package dev.csatkit.benchmarks;

import dev.csatkit.export.CsvReportReader;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
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
 * Reading a generated 1-million-row responses CSV ({@link ResponsesFile}) end to end — parse,
 * validate and report by agent and week — against the floors any reader stands on. Scores are
 * rows per second.
 *
 * <ul>
 *   <li>{@code reportReader}: {@link CsvReportReader} on one thread, every row checked;</li>
 *   <li>{@code reportReaderAllCores}: the same on every available processor, as {@code csat
 *       report} runs it on an idle machine;</li>
 *   <li>{@code byteLineSplitBaseline}: the file's bytes read into a buffer and split at line
 *       feeds, nothing else: what reading bytes costs;</li>
 *   <li>{@code readAndReport}: {@link ResponseCsvReader}, row by row as decoded text, each row a
 *       {@link SurveyResponse} reported on;</li>
 *   <li>{@code readLinesBaseline}: lines read as text and split on commas.</li>
 * </ul>
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
    private final CsvReportReader oneThread = CsvReportReader.of(spec).threads(1);
    private final CsvReportReader allCores = CsvReportReader.of(spec).threads(Runtime.getRuntime().availableProcessors());
    private final byte[] buffer = new byte[1 << 20];

    /** Writes the file once, through the library's own streaming CSV export. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("responses", ".csv");
        ResponsesFile.write(file, ROWS, 7);
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The report reader on one thread: every row read from bytes, checked and counted once. */
    @Benchmark
    public Report reportReader() {
        return oneThread.read(file, r -> { }).report();
    }

    /** The report reader on every available processor. */
    @Benchmark
    public Report reportReaderAllCores() {
        return allCores.read(file, r -> { }).report();
    }

    /** The floor: the bytes read into a buffer and split at line feeds, nothing decoded or checked. */
    @Benchmark
    public long byteLineSplitBaseline() throws IOException {
        long lines = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer target = ByteBuffer.wrap(buffer);
            while (channel.read(target) >= 0) {
                int n = target.position();
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                target.clear();
            }
        }
        return lines;
    }

    /** The row reader: every row read as text, validated, built and reported on. */
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

    /** Lines read as text and split on commas, nothing parsed or checked. */
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
