package dev.csatkit.export;

import static dev.csatkit.export.CsvReportReaderPropertiesTest.withFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SegmentKey;
import dev.csatkit.score.SurveyResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CsvReportReaderTest {

    // The columns before surveys had several questions: such files read as the primary question.
    private static final String HEADER = String.join(",", ReportTables.RESPONSE_COLUMNS.subList(0, 14)) + "\n";
    private static final ReportSpec BY_AGENT = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT)
            .minimumSample(1).build();

    private final List<CsvRow.Rejected> rejected = new ArrayList<>();

    private static String row(String id, String agent, String sentAt, String score) {
        return id + ",post-call,sms," + agent + ",blue,'+4681234,sv,billing," + sentAt + ","
                + (score.isEmpty() ? "" : sentAt) + "," + score + ",,false,false\n";
    }

    private CsvReport read(ReportSpec spec, String csv) {
        return withFile(csv, file -> CsvReportReader.of(spec).read(file, rejected::add));
    }

    private List<String> messages() {
        return rejected.stream().map(CsvRow.Rejected::message).toList();
    }

    @Test
    void aRowCutShortOrWithExtraCellsIsRejectedNotCounted() {
        String csv = HEADER
                + "c1,post-call,sms,ann,blue,'+4681234,sv,billing,2025-03-14T09:00:00Z\n"
                + row("c2", "ann", "2025-03-14T09:00:00Z", "5").replace("\n", ",surplus\n")
                + row("c3", "ann", "2025-03-14T09:00:00Z", "4");
        CsvReport read = read(BY_AGENT, csv);
        assertThat(messages()).containsExactly(
                "line 2: row = 9 cells: must have 14 cells, one per column of the header; it ends after sent_at,"
                        + " before responded_at",
                "line 3: row = 15 cells: must have 14 cells, one per column of the header; it has 1 more after late");
        assertThat(read.report().overall().sent()).isEqualTo(1);
        assertThat(read.report().overall().responseRate()).hasValue(100.0);
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(3L, 1L, 2L);
    }

    @Test
    void aHeaderThatNamesAColumnTwiceIsRefused() {
        assertThatThrownBy(() -> read(BY_AGENT, "interaction_id,survey_id,score,sent_at,score\n"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("names column score twice (columns 3 and 5)");
    }

    @Test
    void aSurveyListedTwiceIsCountedOnceAndTheLaterRowWins() {
        String csv = HEADER
                + row("c1", "ann", "2025-03-14T09:00:00Z", "")
                + row("c1", "ann", "2025-03-14T09:00:00Z", "")
                + row("c2", "ann", "2025-03-14T09:00:00Z", "5")
                + row("c1", "bob", "2025-03-14T09:00:00Z", "1")
                + row("c3", "cid", "2025-03-14T09:00:00Z", "2")
                + row("c3", "cid", "yesterday", "5");
        CsvReport read = read(BY_AGENT, csv);
        Report report = read.report();
        assertThat(report.overall().sent()).isEqualTo(3);
        assertThat(List.of(read.rows(), read.accepted(), read.rejected(), read.duplicates()))
                .containsExactly(6L, 5L, 1L, 2L);
        assertThat(read.counted()).isEqualTo(3);
        // c1 moved from ann (unanswered) to bob (a 1); a rejected row displaces nothing.
        assertThat(report.segments()).extracting(s -> s.key().get(Dimension.AGENT))
                .containsExactly("ann", "bob", "cid");
        assertThat(report.segments().get(0).tally().unanswered()).isZero();
        assertThat(report.segments().get(1).tally().count(1)).isEqualTo(1);
        assertThat(report.segments().get(2).tally().count(2)).isEqualTo(1);
    }

    @Test
    void aSegmentLeftEmptyByDuplicatesIsNoSegment() {
        String csv = HEADER + row("c1", "ann", "2025-03-14T09:00:00Z", "4") + row("c1", "bob", "2025-03-14T09:00:00Z", "4");
        assertThat(read(BY_AGENT, csv).report().segments()).extracting(s -> s.key().get(Dimension.AGENT))
                .containsExactly("bob");
    }

    @Test
    void farDatesAreRejectedRowsAndTheReportByDayGoesOn() {
        ReportSpec byDay = ReportSpec.builder(RatingScales.fivePoint()).period(Period.DAY).build();
        String csv = HEADER + row("c1", "ann", "-999999999-01-01T00:00:00Z", "")
                + row("c2", "ann", "2025-03-14T09:00:00Z", "5");
        Report report = read(byDay, csv).report();
        assertThat(messages()).containsExactly(
                "line 2: sent_at = \"-999999999-01-01T00:00:00Z\": must be in the years 1900 to 9999");
        assertThat(report.trend()).extracting(p -> p.period()).containsExactly("2025-03-14");
    }

    @Test
    void quotedCellsSpanningLinesKeepTheirLineNumbersWhereverTheFileIsCut() {
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> expected = new ArrayList<>();
        int line = 2;
        for (int i = 0; i < 200; i++) {
            if (i % 7 == 3) {
                csv.append("c").append(i).append(",post-call,sms,ann,blue,,sv,,2025-03-14T09:00:00Z,,six,\"a\nlong,\r\n\"\"comment\"\"\",,\n");
                expected.add("line " + line + ": score = \"six\": must be a whole number");
                line += 3;
            } else {
                csv.append(row("c" + i, i % 2 == 0 ? "ann" : "bob", "2025-03-14T09:00:00Z", "4"));
                line++;
            }
        }
        Report once = null;
        for (int stretch : new int[] {1, 7, 50, 333, 4096}) {
            for (int threads : new int[] {1, 2, 3}) {
                rejected.clear();
                CsvReport read = withFile(csv.toString(), file -> CsvReportReader.of(BY_AGENT).threads(threads)
                        .stretchBytes(stretch).read(file, rejected::add));
                assertThat(messages()).as("stretch %d, %d threads", stretch, threads).isEqualTo(expected);
                if (once == null) {
                    once = read.report();
                }
                assertThat(read.report()).isEqualTo(once);
            }
        }
        assertThat(once.overall().sent()).isEqualTo(200 - expected.size());
    }

    @Test
    void linesEndingInCarriageReturnsAloneAreReadToo() {
        String csv = (HEADER + row("c1", "ann", "2025-03-14T09:00:00Z", "5") + row("c2", "ann", "2025-03-14T09:00:00Z", "x")
                + row("c3", "bob", "2025-03-14T09:00:00Z", "1")).replace('\n', '\r');
        CsvReport read = withFile(csv, file -> CsvReportReader.of(BY_AGENT).threads(2).stretchBytes(40)
                .read(file, rejected::add));
        assertThat(messages()).containsExactly("line 3: score = \"x\": must be a whole number");
        assertThat(read.report().overall().sent()).isEqualTo(2);
    }

    @Test
    void brokenCsvStopsTheReadingThereEvenInLaterStretches() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 50; i++) {
            csv.append(row("c" + i, "ann", "2025-03-14T09:00:00Z", "5"));
        }
        csv.append("c50,post-call,sms,\"ann\" x,blue,,sv,,2025-03-14T09:00:00Z,,5,,,\n");
        for (int i = 51; i < 100; i++) {
            csv.append(row("c" + i, "ann", "2025-03-14T09:00:00Z", "5"));
        }
        CsvReport read = withFile(csv.toString(), file -> CsvReportReader.of(BY_AGENT).threads(3).stretchBytes(100)
                .read(file, rejected::add));
        // The broken row is not quoted back: it can hold a comment.
        assertThat(messages()).containsExactly("line 52: row = (not shown): must be well-formed CSV (a quote left "
                + "open, or a character after a closing quote); reading stopped here");
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(51L, 50L, 1L);
    }

    @Test
    void standardInputIsReadLikeAFile() {
        String csv = HEADER + row("c1", "ann", "2025-03-14T09:00:00Z", "5") + row("c1", "ann", "2025-03-14T09:00:00Z", "4");
        CsvReport read = CsvReportReader.of(BY_AGENT).read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                rejected::add);
        assertThat(read.report().overall().count(4)).isEqualTo(1);
        assertThat(read.duplicates()).isEqualTo(1);
    }

    /** Makes a named pipe, or skips the test where the system has no {@code mkfifo}. */
    static void mkfifo(Path fifo) throws InterruptedException {
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        Assumptions.assumeTrue(made, "mkfifo");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeIsReadWholeLikeStandardInput(@TempDir Path dir) throws Exception {
        // What a shell's <(zcat responses.csv.gz) gives: a file whose size says nothing.
        Path fifo = dir.resolve("responses.fifo");
        mkfifo(fifo);
        String csv = HEADER + row("c1", "ann", "2025-03-14T09:00:00Z", "5") + row("c2", "bob", "2025-03-14T09:00:00Z", "2");
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        try {
            CsvReport read = CsvReportReader.of(BY_AGENT).read(fifo, rejected::add);
            assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(2L, 2L, 0L);
            assertThat(read.report().overall().count(5)).isEqualTo(1);
            assertThat(read.report().overall().count(2)).isEqualTo(1);
        } finally {
            writer.join(10_000);
            if (writer.isAlive()) {
                // Lets a writer still waiting for a reader go.
                Files.newInputStream(fifo).close();
            }
        }
    }

    @Test
    void aFileThatFailsWhileBeingReadIsAnErrorNotAnEmptyFile() {
        // Opens like any file; reading its first bytes fails.
        Path mem = Path.of("/proc/self/mem");
        Assumptions.assumeTrue(Files.isReadable(mem), "a Linux process's memory file");
        assertThatThrownBy(() -> CsvReportReader.of(BY_AGENT).read(mem, r -> { }))
                .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("Input/output error");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEmptyFileAndAnEmptyStreamAreRefusedAsEmpty() {
        assertThatThrownBy(() -> read(BY_AGENT, "")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> CsvReportReader.of(BY_AGENT).read(InputStream.nullInputStream(), r -> { }))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("the file is empty");
    }

    @Test
    void aFileWithAHeaderOnlyGivesAnEmptyReportAndAnEmptyFileIsRefused() {
        CsvReport read = read(BY_AGENT, "\n\n" + HEADER);
        assertThat(read.report().overall().isEmpty()).isTrue();
        assertThat(read.rows()).isZero();
        assertThatThrownBy(() -> read(BY_AGENT, "\n \n")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> CsvReportReader.of(BY_AGENT).read(Path.of("no-such-responses.csv"), r -> { }))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> CsvReportReader.of(BY_AGENT).threads(0))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void theDefaultThreadsAreTheProcessorsOtherWorkLeavesIdleAndAtLeastOne() {
        assertThat(CsvReportReader.idleProcessors()).isBetween(1, Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theLowScoreListKeepsTheNewestOfTheRowsThatStillCount() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).lowScoreLimit(2).build();
        String csv = HEADER
                + row("c1", "ann", "2025-03-14T09:00:03Z", "1")
                + row("c2", "ann", "2025-03-14T09:00:01Z", "2")
                + row("c3", "ann", "2025-03-14T09:00:02Z", "1")
                // c1 is answered 5 further down: it leaves the list, and c2 comes in.
                + row("c1", "ann", "2025-03-14T09:00:04Z", "5");
        Report report = read(spec, csv).report();
        assertThat(report.lowScores()).extracting(SurveyResponse::interactionId).containsExactly("c3", "c2");
        assertThat(report.lowScoresOmitted()).isZero();
        assertThat(report.lowScores().get(0).sentAt()).isEqualTo(Instant.parse("2025-03-14T09:00:02Z"));
    }

    @Test
    void groupsByEveryDimensionAsReportOfDoes() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.LOCALE, Dimension.ENTRY_POINT,
                Dimension.SURVEY).period(Period.MONTH).zone(ZoneId.of("Europe/Stockholm")).build();
        String csv = HEADER + row("c1", "ann", "2025-03-31T22:30:00Z", "5") + row("c2", "ann", "2025-03-31T21:30:00Z", "4")
                + row("c3", "ann", "2025-03-31T21:30:00Z", "4").replace(",sv,", ",,");
        Report report = read(spec, csv).report();
        assertThat(report.segments()).extracting(s -> s.key()).containsExactly(
                new SegmentKey(Map.of(Dimension.LOCALE, "(none)", Dimension.ENTRY_POINT, "+4681234",
                        Dimension.SURVEY, "post-call", Dimension.PERIOD, "2025-03")),
                new SegmentKey(Map.of(Dimension.LOCALE, "sv", Dimension.ENTRY_POINT, "+4681234",
                        Dimension.SURVEY, "post-call", Dimension.PERIOD, "2025-03")),
                new SegmentKey(Map.of(Dimension.LOCALE, "sv", Dimension.ENTRY_POINT, "+4681234",
                        Dimension.SURVEY, "post-call", Dimension.PERIOD, "2025-04")));
    }

    @Test
    void aHeaderLongerThanTheFirstReadIsReadWhole() {
        // The header is read 64 KiB at a time: a column named at length needs a second, larger read.
        String note = "note_" + "x".repeat(70_000);
        String csv = HEADER.replace("\n", "," + note + "\n")
                + row("c1", "ann", "2025-03-14T09:00:00Z", "5").replace("\n", ",n\n");
        CsvReport read = read(BY_AGENT, csv);
        assertThat(messages()).isEmpty();
        assertThat(read.report().overall().count(5)).isEqualTo(1);
    }

    @Test
    void aLongLowScoreRowLastInTheFileWithoutALineEndIsListed() {
        // A low-score row is read again from the file, 8 KiB at a time, and its last line has no line end.
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).lowScoreLimit(5).build();
        String comment = "slow".repeat(5_000);
        String csv = HEADER + row("c1", "ann", "2025-03-14T09:00:00Z", "1")
                + row("c2", "ann", "2025-03-14T09:00:05Z", "2").replace("2,,false,false\n", "2," + comment + ",false,false");
        Report report = read(spec, csv).report();
        assertThat(report.lowScores()).extracting(SurveyResponse::interactionId).containsExactly("c2", "c1");
        assertThat(report.lowScores().get(0).comment()).contains(comment);
    }

    @Test
    void theCopyOfStandardInputIsDeletedAfterwards() throws IOException {
        // The copy is a temporary csat-responses*.csv; found by this input's own survey id.
        String id = "c-" + UUID.randomUUID();
        String csv = HEADER + row(id, "ann", "2025-03-14T09:00:00Z", "5");
        CsvReport read = CsvReportReader.of(BY_AGENT).read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                rejected::add);
        assertThat(read.accepted()).isEqualTo(1);
        List<Path> left = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("csat-responses")).toList()) {
                try {
                    if (Files.readString(f).contains(id)) {
                        left.add(f);
                        Files.delete(f);
                    }
                } catch (NoSuchFileException e) {
                    // Another reader's copy, deleted meanwhile.
                }
            }
        }
        assertThat(left).isEmpty();
    }

    @Test
    void aFailureOnAReadingThreadIsTheCallersFailure() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 200; i++) {
            csv.append(row("c" + i, "ann", "2025-03-14T09:00:00Z", i % 4 == 0 ? "x" : "5"));
        }
        Thread caller = Thread.currentThread();
        // Which thread hands out a rejected row varies from run to run: each run checks that a
        // refusal on a reading thread reaches the caller, and that without one every row passed.
        for (int run = 0; run < 10; run++) {
            AtomicBoolean refused = new AtomicBoolean();
            Consumer<CsvRow.Rejected> refuseElsewhere = r -> {
                if (Thread.currentThread() != caller) {
                    refused.set(true);
                    throw new IllegalStateException("refused on a reading thread");
                }
            };
            try {
                CsvReport read = withFile(csv.toString(), file -> CsvReportReader.of(BY_AGENT).threads(2)
                        .stretchBytes(600).read(file, refuseElsewhere));
                assertThat(refused).as("run %d", run).isFalse();
                assertThat(read.rejected()).isEqualTo(50);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("refused on a reading thread");
                assertThat(refused).isTrue();
            }
        }
    }

    @Test
    void aFailureOnTheCallingThreadIsThrownOnlyOnceTheReadingThreadsHaveEnded() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 8_000; i++) {
            csv.append(row("c" + i, "ann", "2025-03-14T09:00:00Z", i % 10 == 0 ? "x" : "5"));
        }
        Thread caller = Thread.currentThread();
        Consumer<CsvRow.Rejected> refuseHere = r -> {
            if (Thread.currentThread() == caller) {
                throw new IllegalStateException("refused on the calling thread");
            }
        };
        // Whether the calling thread hands out a rejected row varies from run to run; when it
        // does, the read fails, and no reading thread is left reading the file closed under it.
        // (A reading thread not waited for notices the closed file soon: some runs catch it.)
        for (int run = 0; run < 10; run++) {
            try {
                CsvReport read = withFile(csv.toString(), file -> CsvReportReader.of(BY_AGENT).threads(2)
                        .stretchBytes(64 << 10).read(file, refuseHere));
                assertThat(read.rejected()).isEqualTo(800);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("refused on the calling thread");
                assertThat(Thread.getAllStackTraces().keySet()).as("run %d", run)
                        .noneMatch(t -> t.getName().startsWith("csat-csv-") && t.isAlive());
            }
        }
    }

    @Test
    void aFurtherQuestionsSegmentMetByOneThreadOnlyIsAddedUpWithTheOthers() {
        // The (effort, zed) segment is met only in the last stretch: the other thread's counts of
        // further questions end before it, and are added up as far as they go.
        String header = String.join(",", ReportTables.RESPONSE_COLUMNS.subList(0, 15)) + "\n";
        StringBuilder csv = new StringBuilder(header);
        for (int i = 0; i < 400; i++) {
            csv.append(row("c" + i, "ann", "2025-03-14T09:00:00Z", "4").replace("\n", ",effort\n"));
        }
        csv.append(row("c400", "zed", "2025-03-14T09:00:00Z", "2").replace("\n", ",effort\n"));
        for (int run = 0; run < 5; run++) {
            Report report = withFile(csv.toString(), file -> CsvReportReader.of(BY_AGENT).threads(2)
                    .stretchBytes(2_048).read(file, rejected::add)).report();
            assertThat(messages()).isEmpty();
            assertThat(report.question("effort")).hasValueSatisfying(effort -> {
                assertThat(effort.count(4)).isEqualTo(400);
                assertThat(effort.count(2)).isEqualTo(1);
            });
        }
    }

    @Test
    void sixteenLowScoresFillingTheirFirstArraysListTheNewest() {
        // A thread keeps its low-score rows in arrays of 16 at first: exactly full here.
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).lowScoreLimit(3).build();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 10; i < 26; i++) {
            csv.append(row("c" + i, "ann", "2025-03-14T09:00:" + i + "Z", "1"));
        }
        Report report = withFile(csv.toString(), file -> CsvReportReader.of(spec).threads(1).read(file, rejected::add))
                .report();
        assertThat(report.lowScores()).extracting(SurveyResponse::interactionId).containsExactly("c25", "c24", "c23");
        assertThat(report.lowScoresOmitted()).isEqualTo(13);
    }

    @Test
    void aBrokenFirstRowIsRejectedAndReadingStopsThere() {
        // The first stretch then ends where it starts, with one row read: nothing to size the key table from.
        String csv = HEADER + "\"c1\"x,post-call,sms,ann,blue,,sv,,2025-03-14T09:00:00Z,,5,,,\n"
                + row("c2", "ann", "2025-03-14T09:00:00Z", "5");
        CsvReport read = read(BY_AGENT, csv);
        assertThat(messages()).containsExactly("line 2: row = (not shown): must be well-formed CSV (a quote left "
                + "open, or a character after a closing quote); reading stopped here");
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(1L, 0L, 1L);
        assertThat(read.report().overall().isEmpty()).isTrue();
    }
}
