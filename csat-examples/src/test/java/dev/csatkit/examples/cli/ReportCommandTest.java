package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.examples.guide.DocBlocks;
import dev.csatkit.examples.guide.DocBlocks.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    private Path input;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /**
     * ann: 41 of 50 satisfied over two ISO weeks; bob: 3 ratings and 2 unanswered; two bad rows
     * (lines 4 and 9). Columns in a shuffled order with an extra one.
     */
    @BeforeEach
    void writeInput() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("score,comment,agent,interaction_id,extra,sent_at,channel,survey_id,responded_at,team,locale,"
                + "entry_point,case_type");
        for (int i = 0; i < 50; i++) {
            int score = i < 41 ? 5 : i < 46 ? 3 : 1;
            String day = i < 25 ? "2025-03-07" : "2025-03-10";
            String comment = score == 1 ? "\"=HYPERLINK(\"\"x\"\"), waited " + i + "\"" : "";
            lines.add(score + "," + comment + ",ann,call-" + i + ",x," + day + "T09:00:00Z,sms,post-call," + day
                    + "T09:05:00Z,blue,sv,+46812345,billing");
            if (i == 1) {
                lines.add("five,,ann,bad-1,x,2025-03-07T09:00:00Z,sms,post-call,,blue,sv,+46812345,billing");
            }
            if (i == 5) {
                lines.add("4,,ann,bad-2,x,last tuesday,sms,post-call,,blue,sv,+46812345,billing");
            }
        }
        lines.add("2,slow,bob,call-b1,x,2025-03-10T08:00:00Z,email,post-call,2025-03-10T08:01:00Z,red,en,,");
        lines.add("4,,bob,call-b2,x,2025-03-10T08:00:00Z,email,post-call,2025-03-10T08:01:00Z,red,en,,");
        lines.add("5,,bob,call-b3,x,2025-03-10T08:00:00Z,email,post-call,2025-03-10T08:01:00Z,red,en,,");
        lines.add(",,bob,call-b4,x,2025-03-10T08:00:00Z,email,post-call,,red,en,,");
        lines.add(",,bob,call-b5,x,2025-03-10T08:00:00Z,email,post-call,,red,en,,");
        input = dir.resolve("responses.csv");
        Files.write(input, lines, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private int run(InputStream stdin, String... args) {
        return new CsatCli().run(List.of(args), stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badRowsAreReportedWithTheirLineAndTheReportGoesOn() {
        assertThat(run("report", "--input", input.toString())).isZero();
        assertThat(err().lines().toList()).containsExactly(
                "csat report: rejected line 4: score = \"five\": must be a whole number",
                "csat report: rejected line 9: sent_at = \"last tuesday\": must be an ISO-8601 date-time such as"
                        + " 2025-03-14T09:30:00Z",
                "csat report: 57 rows read, 55 accepted, 2 rejected, 0 duplicates dropped");
        assertThat(out()).contains("CSAT report: scale five, 55 surveys sent, 53 valid ratings");
    }

    @Test
    void theTableShowsOneDecimalAndComparesSegments() {
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--min-sample", "3", "--low", "2"))
                .isZero();
        String table = out();
        // overall: 43 satisfied and 5 dissatisfied of 53; (5 + 20 + 15 + 4 + 190 + 1) / 53
        assertThat(table).contains("Overall: CSAT 81.1 % 68.6-89.4, Net CSAT 71.7, mean 4.43, response rate 96.4 %, good");
        assertThat(table).contains("Distribution: {1=4, 2=1, 3=5, 4=1, 5=42}");
        List<String> lines = table.lines().toList();
        String ann = lines.stream().filter(l -> l.startsWith("ann ")).findFirst().orElseThrow();
        assertThat(ann).matches("ann\\s+50\\s+50\\s+100\\.0\\s+82\\.0\\s+69\\.2-90\\.2\\s+74\\.0\\s+4\\.48\\s+good"
                + "\\s+\\+15\\.3\\s+#1");
        String bob = lines.stream().filter(l -> l.startsWith("bob ")).findFirst().orElseThrow();
        assertThat(bob).matches("bob\\s+5\\s+3\\s+60\\.0\\s+66\\.7\\s+20\\.8-93\\.9\\s+33\\.3\\s+3\\.67\\s+fair\\s+-15\\.3\\s+#2");
        assertThat(table).contains("Low scores (<= 2): 5 listed");
        assertThat(table).contains("call-b1", "slow");
        assertThat(table).contains("=HYPERLINK(\"x\"), waited 49");
    }

    @Test
    void reportsByRegionAndByContactReadTheNewColumns() throws IOException {
        Path keyed = dir.resolve("keyed.csv");
        Files.write(keyed, List.of("interaction_id,survey_id,sent_at,responded_at,score,contact_key,region,brand",
                "c1,s,2025-03-10T08:00:00Z,2025-03-10T08:01:00Z,5,ck-aaa,north,acme",
                "c2,s,2025-03-10T08:00:00Z,2025-03-10T08:01:00Z,1,ck-aaa,north,acme",
                "c3,s,2025-03-10T08:00:00Z,2025-03-10T08:01:00Z,4,ck-bbb,south,acme"), StandardCharsets.UTF_8);
        assertThat(run("report", "--input", keyed.toString(), "--by", "region")).isZero();
        assertThat(out().lines().filter(l -> l.startsWith("north ")).findFirst().orElseThrow())
                .matches("north\\s+2\\s+2\\s+100\\.0\\s+50\\.0\\s+.*");
        assertThat(out()).containsPattern("(?m)^south\\s+1\\s+1\\s+100\\.0\\s+100\\.0");
        out.reset();
        assertThat(run("report", "--input", keyed.toString(), "--by", "contact,brand")).isZero();
        assertThat(out()).containsPattern("(?m)^ck-aaa\\s+acme\\s+2\\s").containsPattern("(?m)^ck-bbb\\s+acme\\s+1\\s");
    }

    @Test
    void tooSmallSegmentsSaySo() {
        assertThat(run("report", "--input", input.toString(), "--by", "team")).isZero();
        String red = out().lines().filter(l -> l.startsWith("red ")).findFirst().orElseThrow();
        assertThat(red).matches("red\\s+5\\s+3\\s+60\\.0\\s+66\\.7\\s+.*\\s+fair\\s+n<30\\s+-");
    }

    @Test
    void jsonHasTheDocumentedShape() throws IOException {
        assertThat(run("report", "--input", input.toString(), "--by", "agent,channel", "--format", "json",
                "--min-sample", "3")).isZero();
        JsonNode document = new ObjectMapper().readTree(out());
        assertThat(document.get("layout").asText()).isEqualTo("csat-kit/reports/1");
        assertThat(document.get("input").get("rejected").asLong()).isEqualTo(2);
        assertThat(document.get("reports").size()).isEqualTo(1);
        JsonNode json = document.get("reports").get("report");
        assertThat(json.get("scale").asText()).isEqualTo("five");
        JsonNode overall = json.get("overall");
        assertThat(overall.get("sent").asLong()).isEqualTo(55);
        assertThat(overall.get("responses").asLong()).isEqualTo(53);
        assertThat(overall.get("csat").asDouble()).isEqualTo(100.0 * 43 / 53, within(1e-12));
        assertThat(overall.get("distribution").get("5").asLong()).isEqualTo(42);
        JsonNode ann = json.get("segments").get(0);
        assertThat(ann.get("key").get("agent").asText()).isEqualTo("ann");
        assertThat(ann.get("key").get("channel").asText()).isEqualTo("sms");
        assertThat(ann.get("csat").asDouble()).isEqualTo(82.0);
        assertThat(ann.get("net_csat").asDouble()).isEqualTo(74.0);
        assertThat(ann.get("mean").asDouble()).isEqualTo(4.48, within(1e-12));
        assertThat(ann.get("response_rate").asDouble()).isEqualTo(100.0);
        assertThat(ann.get("csat_low").asDouble()).isEqualTo(69.20, within(0.01));
        assertThat(ann.get("csat_high").asDouble()).isEqualTo(90.23, within(0.01));
        assertThat(ann.get("band").asText()).isEqualTo("good");
        assertThat(ann.get("vs_rest").get("diff").asDouble()).isEqualTo(82.0 - 200.0 / 3, within(1e-9));
        assertThat(ann.get("vs_rest").get("significant").asBoolean()).isFalse();
        assertThat(json.get("segments").get(1).get("response_rate").asDouble()).isEqualTo(60.0);
    }

    @Test
    void periodsMakeATrendInTheGivenZone() throws IOException {
        assertThat(run("report", "--input", input.toString(), "--period", "week", "--zone", "Europe/Stockholm",
                "--format", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out()).get("reports").get("report");
        assertThat(json.get("trend")).hasSize(2);
        assertThat(json.get("trend").get(0).get("period").asText()).isEqualTo("2025-W10");
        assertThat(json.get("trend").get(1).get("period").asText()).isEqualTo("2025-W11");
        assertThat(json.get("trend").get(1).get("csat_low").isNumber()).isTrue();
        assertThat(json.get("segments").get(0).get("key").get("period").asText()).isEqualTo("2025-W10");
    }

    @Test
    void csvGoesToTheOutputWithTheLowScoresBesideIt() throws IOException {
        Path output = dir.resolve("report.csv");
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--format", "csv", "--output",
                output.toString(), "--low", "1")).isZero();
        assertThat(out()).isEmpty();
        List<String> csv = Files.readAllLines(output);
        assertThat(csv.get(0)).startsWith("row,agent,sent,responses,");
        assertThat(csv.get(1)).startsWith("overall,,55,53,2,0,0,");
        assertThat(csv.get(2)).startsWith("segment,ann,50,50,0,0,0,100.0,82.0,74.0,4.48,");
        List<String> low = Files.readAllLines(dir.resolve("report-low.csv"));
        assertThat(low.get(0)).isEqualTo(String.join(",", dev.csatkit.export.ReportTables.RESPONSE_COLUMNS));
        assertThat(low).hasSize(5);
        assertThat(low.get(1)).contains("\"'=HYPERLINK(\"\"x\"\"), waited 49\"");
    }

    @Test
    void csvReadsFromStandardInputAndWritesToStandardOutput() throws IOException {
        assertThat(run(Files.newInputStream(input), "report", "--input", "-", "--format", "csv")).isZero();
        assertThat(out().lines().count()).isEqualTo(2);
    }

    @Test
    void xlsxIsWrittenAndReadsBack() throws IOException {
        Path output = dir.resolve("report.xlsx");
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--period", "month", "--format",
                "xlsx", "--output", output.toString(), "--low", "2", "--min-sample", "3")).as("%s", err).isZero();
        try (ReadableWorkbook workbook = new ReadableWorkbook(Files.newInputStream(output))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("Report", "Trend", "Low scores");
            List<Row> report = sheets.get(0).read();
            Row header = report.get(0);
            List<String> columns = new ArrayList<>();
            for (int c = 0; c < header.getCellCount(); c++) {
                columns.add(header.getCellText(c));
            }
            assertThat(columns).startsWith("row", "agent", "period", "sent", "responses");
            int csat = columns.indexOf("csat");
            assertThat(report.get(1).getCellText(0)).isEqualTo("overall");
            assertThat(report.get(1).getCellAsNumber(csat)).hasValueSatisfying(
                    v -> assertThat(v.doubleValue()).isEqualTo(100.0 * 43 / 53, within(1e-9)));
            Row ann = report.get(2);
            assertThat(ann.getCellText(1)).isEqualTo("ann");
            assertThat(ann.getCellText(2)).isEqualTo("2025-03");
            assertThat(ann.getCellAsNumber(csat).orElseThrow().doubleValue()).isEqualTo(82.0);
            assertThat(ann.getCellAsNumber(columns.indexOf("sent")).orElseThrow().longValue()).isEqualTo(50);
            assertThat(ann.getCellText(columns.indexOf("band"))).isEqualTo("good");

            List<Row> trend = sheets.get(1).read();
            assertThat(trend.get(1).getCellText(0)).isEqualTo("2025-03");

            List<Row> low = sheets.get(2).read();
            assertThat(low).hasSize(6);
            String comments = low.stream().skip(1).map(r -> r.getCellText(11)).collect(Collectors.joining("|"));
            assertThat(comments).contains("'=HYPERLINK(\"x\"), waited 49", "slow");
        }
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertThat(run("report")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --input is required");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--by", "mood")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --by mood is not a dimension; use agent,team,channel,entry_point,"
                + "survey,locale,case_type,question,contact,region,brand (and --period for time)");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--format", "xlsx")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("--format xlsx needs --output FILE");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--low", "5")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --low 5: must be from 1 to 4 on scale five");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--min-sample", "0")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --min-sample 0: must be at least 1").doesNotContain("minimumSample");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--zone", "Mars/Base")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("--zone Mars/Base is not a time zone");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--threads", "0")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("--threads 0 must be at least 1");
    }

    @Test
    void aFileWithoutTheRequiredColumnsFails() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "agent,score\nann,5\n");
        assertThat(run("report", "--input", bad.toString())).isEqualTo(1);
        assertThat(err()).startsWith("csat report: --input " + bad + ": ").contains("has no column interaction_id");
    }

    @Test
    void aSurveyListedTwiceIsCountedOnceAndTheSummarySaysSo() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(input));
        lines.add(lines.get(lines.size() - 1));
        lines.add(lines.get(lines.size() - 1).replace(",,bob,call-b5,", "5,,bob,call-b5,"));
        Files.write(input, lines, StandardCharsets.UTF_8);
        assertThat(run("report", "--input", input.toString(), "--format", "json")).isZero();
        assertThat(err().lines().toList()).last()
                .isEqualTo("csat report: 59 rows read, 57 accepted, 2 rejected, 2 duplicates dropped");
        JsonNode overall = new ObjectMapper().readTree(out()).get("reports").get("report").get("overall");
        assertThat(overall.get("sent").asLong()).isEqualTo(55);
        assertThat(overall.get("unanswered").asLong()).isEqualTo(1);
    }

    @Test
    void aRowCutShortAndAFarDateAreRejectedAndTheDailyReportGoesOn() throws IOException {
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "interaction_id,survey_id,agent,sent_at,responded_at,score\n"
                + "c1,s,ann,2025-03-14T09:00:00Z\n"
                + "c2,s,ann,-999999999-01-01T00:00:00Z,,\n"
                + "c3,s,ann,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,5\n");
        assertThat(run("report", "--input", broken.toString(), "--period", "day")).isZero();
        assertThat(err().lines().toList()).containsExactly(
                "csat report: rejected line 2: row = 4 cells: must have 6 cells, one per column of the header;"
                        + " it ends after sent_at, before responded_at",
                "csat report: rejected line 3: sent_at = \"-999999999-01-01T00:00:00Z\": must be in the years 1900"
                        + " to 9999",
                "csat report: 3 rows read, 1 accepted, 2 rejected, 0 duplicates dropped");
        assertThat(out()).contains("2025-03-14");
    }

    @Test
    void oneThreadGivesTheSameReport() {
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--format", "json")).isZero();
        String all = out();
        out.reset();
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--format", "json", "--threads", "1"))
                .isZero();
        assertThat(out()).isEqualTo(all);
    }

    @Test
    void eachQuestionIsReportedOnItsScaleAndThePrimaryIsTheHeadline() throws IOException {
        Path two = dir.resolve("two-questions.csv");
        Files.write(two, List.of(
                "interaction_id,survey_id,agent,sent_at,responded_at,score,question_id",
                "c1,chat,ann,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z,5,csat",
                "c1,chat,ann,2025-03-07T09:00:00Z,2025-03-07T09:02:00Z,3,effort",
                "c2,chat,ann,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z,4,",
                "c2,chat,ann,2025-03-07T09:00:00Z,2025-03-07T09:02:00Z,1,effort",
                "c3,chat,bob,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z,2,csat",
                "c4,chat,bob,2025-03-07T09:00:00Z,,,csat",
                "c5,chat,bob,2025-03-07T09:00:00Z,2025-03-07T09:02:00Z,5,effort"), StandardCharsets.UTF_8);
        assertThat(run("report", "--input", two.toString(), "--question", "effort=three")).as(err()).isZero();
        assertThat(err()).contains("rejected line 8: score = \"5\": must be a value of scale three, 1 to 3, the "
                + "scale question effort is read on");
        out.reset();
        err.reset();
        assertThat(run("report", "--input", two.toString(), "--question", "effort=three", "--by", "question",
                "--min-sample", "1")).isZero();
        assertThat(err()).contains("7 rows read, 6 accepted, 1 rejected, 0 duplicates dropped");
        assertThat(out()).contains("CSAT report: scale five, 4 surveys sent, 3 valid ratings, by question")
                .contains("Overall: CSAT 66.7 %");
        List<String> lines = out().lines().toList();
        assertThat(lines).contains("Questions (the overall figures are the primary question's, csat)");
        assertThat(lines.stream().filter(l -> l.startsWith("effort ")).toList()).hasSize(2)
                .first().asString().contains("three").contains("{1=1, 2=0, 3=1}");
        out.reset();
        assertThat(run("report", "--input", two.toString(), "--question", "effort=three", "--format", "json"))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out()).get("reports").get("report");
        assertThat(json.at("/questions/effort/scale").asText()).isEqualTo("three");
        assertThat(json.at("/questions/effort/mean").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/questions/csat/responses").asInt()).isEqualTo(3);
    }

    @Test
    void aQuestionOptionMustNameAFurtherQuestionAndAPreset() {
        assertThat(run("report", "--input", input.toString(), "--question", "csat=three")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("--question csat=three must be ID=SCALE, such as effort=three, for a question "
                + "other than csat");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--question", "effort=seven")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("--question effort=seven: seven is not a preset");
    }

    @Test
    void everyMistakeIsNamedAboveTheUsageLine() {
        String usage = "usage: csat report --input FILE [--by agent,channel,...] [--period day|week|month] [--zone ZONE]\n";
        String file = input.toString();
        for (List<String> args : List.of(List.of("report"), List.of("report", "--input"),
                List.of("report", "--input", file, "--low"), List.of("report", "--input", file, "--by", "period"),
                List.of("report", "--input", file, "--question", "=five"), List.of("report", file))) {
            err.reset();
            assertThat(run(args.toArray(String[]::new))).as("%s", args).isEqualTo(CsatCli.USAGE);
            assertThat(err()).as("%s", args).startsWith("csat report: ").endsWith(usage);
            assertThat(err().lines()).as("%s", args).hasSize(2);
        }
        err.reset();
        run("report", "--input");
        assertThat(err()).startsWith("csat report: --input needs a value\n");
        err.reset();
        run("report", "--input", file, "--by", "agent,period");
        assertThat(err()).startsWith("csat report: --by period is not a dimension; use agent,team,")
                .contains("(and --period for time)");
        assertThat(out()).isEmpty();
    }

    @Test
    void theLowScoresPlaceIsCheckedBeforeReadingWhenACsvHasThem() throws IOException {
        Path csv = dir.resolve("r.csv");
        Path json = dir.resolve("r.json");
        // Directories where the low-score files of both would go.
        Files.createDirectories(dir.resolve("r-low.csv"));
        Files.createDirectories(dir.resolve("r-low.json"));
        assertThat(run("report", "--input", input.toString(), "--format", "csv", "--low", "2", "--output",
                csv.toString())).isEqualTo(CsatCli.USAGE);
        assertThat(err()).isEqualTo("csat report: --output " + csv + " (the low scores go to " + dir.resolve("r-low.csv")
                + "): is a directory, not a file\n");
        assertThat(csv).doesNotExist();

        err.reset();
        assertThat(run("report", "--input", input.toString(), "--format", "csv", "--output", csv.toString()))
                .as("without --low no low-score file is written: %s", err()).isZero();
        assertThat(csv).isNotEmptyFile();
        assertThat(run("report", "--input", input.toString(), "--format", "json", "--low", "2", "--output",
                json.toString())).as("JSON holds its low scores itself: %s", err()).isZero();
        assertThat(json).isNotEmptyFile();
    }

    @Test
    void aNameThatStartsWithADotKeepsItWhole() {
        assertThat(ReportCommand.lowScoresPath(Path.of("out", ".csv"))).isEqualTo(Path.of("out", ".csv-low"));
        assertThat(ReportCommand.lowScoresPath(Path.of("out", "a.b.csv"))).isEqualTo(Path.of("out", "a.b-low.csv"));
    }

    @Test
    void anInputThatFailsWhileBeingReadEndsTheRunWithOne() {
        // Opens like any file, and fails on the first read.
        Path mem = Path.of("/proc/self/mem");
        Assumptions.assumeTrue(Files.isReadable(mem), "a Linux process's memory file");
        for (List<String> more : List.of(List.<String>of(), List.of("--where", "team=blue"))) {
            err.reset();
            List<String> args = new ArrayList<>(List.of("report", "--input", mem.toString()));
            args.addAll(more);
            assertThat(run(args.toArray(String[]::new))).as("%s %s", more, err()).isEqualTo(1);
            assertThat(err()).as("%s", more).isEqualTo("csat report: cannot read --input /proc/self/mem: "
                    + "input/output error\n");
            assertThat(out()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeIsReadAsTheShellsProcessSubstitutionGivesIt() throws Exception {
        Path fifo = dir.resolve("responses.fifo");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        Assumptions.assumeTrue(made, "mkfifo");
        byte[] csv = Files.readAllBytes(input);
        // Writes once, as zcat does: a reader that opened the pipe only to probe it would break it.
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        try {
            assertThat(run("report", "--input", fifo.toString())).as(err()).isZero();
            assertThat(err().lines().toList()).last()
                    .isEqualTo("csat report: 57 rows read, 55 accepted, 2 rejected, 0 duplicates dropped");
            assertThat(out()).contains("55 surveys sent");
        } finally {
            writer.join(10_000);
            if (writer.isAlive()) {
                Files.newInputStream(fifo).close();
            }
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEmptyInputIsRefusedAsEmpty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        for (String given : List.of(empty.toString(), "-")) {
            err.reset();
            assertThat(run("report", "--input", given)).as(given).isEqualTo(1);
            assertThat(err()).as(given).startsWith("csat report: --input " + given + ": ").contains("the file is empty");
        }
    }

    @Test
    void anOutputThatFailsWhileBeingWrittenEndsTheRunWithOne() {
        // A device that is always full: it opens, and every write fails.
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "a Linux device");
        for (String format : List.of("table", "json", "csv", "xlsx", "xls")) {
            err.reset();
            assertThat(run("report", "--input", input.toString(), "--format", format, "--output", full.toString()))
                    .as("%s %s", format, err()).isEqualTo(1);
            assertThat(err().lines().toList()).as(format).last()
                    .isEqualTo("csat report: cannot write --output /dev/full: no space left on device");
        }
    }

    @Test
    void aFilteredReadCountsRejectedRowsAndLeavesStandardInputOpen() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stdin = new ByteArrayInputStream(Files.readAllBytes(input)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThat(run(stdin, "report", "--input", "-", "--where", "team=blue")).isZero();
        assertThat(err()).contains("csat report: rejected line 4: score = \"five\"");
        assertThat(err().lines().toList()).last().isEqualTo("csat report: 57 rows read, 55 accepted, 2 rejected, "
                + "0 duplicates dropped, 5 left out by --from, --to and --where");
        assertThat(closed).as("standard input is the caller's").isFalse();
    }

    @Test
    void theLikelyScaleHoldsTheRejectedScoresToo() throws IOException {
        // Accepted on 1-5 are only 3s, which "three" holds; the rejected 0s and 10s need 0-10.
        List<String> lines = new ArrayList<>(List.of("interaction_id,survey_id,sent_at,responded_at,score"));
        for (int i = 0; i < 30; i++) {
            int score = i < 10 ? 3 : i % 2 == 0 ? 0 : 10;
            lines.add("call-" + i + ",s,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z," + score);
        }
        Path file = dir.resolve("zero-ten.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(run("report", "--input", file.toString())).isEqualTo(CsatCli.USAGE);
        assertThat(err().lines().toList()).last().isEqualTo("csat report: 20 of 30 rows have a score that is not on "
                + "--scale five (1 to 5), so nothing is reported. The scores fit --scale zero-ten (0 to 10); run again "
                + "with it.");
    }

    @Test
    void theLowScoresFileSitsBesideTheOutput() {
        assertThat(ReportCommand.lowScoresPath(Path.of("out", "r.csv"))).isEqualTo(Path.of("out", "r-low.csv"));
        assertThat(ReportCommand.lowScoresPath(Path.of("report"))).isEqualTo(Path.of("report-low"));
    }

    @Test
    void nothingFromTheFileDrivesTheTerminalOrShowsAComment() throws IOException {
        Path hostile = dir.resolve("hostile.csv");
        Files.write(hostile, List.of(
                "interaction_id,survey_id,sent_at,score,agent,team,comment",
                "c1,s,2025-03-07T09:00:00Z,5,\u001B]0;pwned\u0007\u001B[2JMallory,blue\u202E,fine",
                "c2,s,2025-03-07T09:00:00Z,1,ann,blue,\"Jane Roe says the agent was rude\"",
                "c3,s,2025-03-07T09:00:00Z,six,ann,blue,My number is +447700900123 and I am furious",
                "c4,s,2025-03-07T09:00:00Z,1,ann,blue,\"Call me on +447700900124\" please, I am J. Roe",
                "c5,s,2025-03-07T09:00:00Z,4,ann,blue,unreached"), StandardCharsets.UTF_8);
        assertThat(run("report", "--input", hostile.toString(), "--by", "agent,team", "--min-sample", "1",
                "--low", "2")).isZero();
        String all = out() + err();
        assertThat(all.chars()).as("no control character but line breaks reaches the terminal")
                .noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7F || c >= 0x202A && c <= 0x202E);
        assertThat(out()).contains("\\u001B]0;pwned\\u0007\\u001B[2JMallory", "blue\\u202E");
        assertThat(err()).as("rejected rows are named, never shown")
                .doesNotContain("furious", "900123", "900124", "Roe", "please")
                .contains("csat report: rejected line 4: score = \"six\": must be a whole number")
                .contains("csat report: rejected line 5: row = (not shown): must be well-formed CSV");
    }

    @Test
    void fileProblemsNameTheOptionAndTheReasonBeforeAnythingIsRead() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertThat(run("report", "--input", missing.toString())).isEqualTo(CsatCli.USAGE);
        assertThat(err()).isEqualTo("csat report: --input " + missing + ": no such file\n");
        err.reset();
        assertThat(run("report", "--input", dir.toString())).isEqualTo(CsatCli.USAGE);
        assertThat(err()).isEqualTo("csat report: --input " + dir + ": is a directory, not a file\n");
        err.reset();
        assertThat(run("report", "--input", "bad\u0000name.csv")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).startsWith("csat report: --input bad\\u0000name.csv: is not a usable file name\n");
        err.reset();

        Path nowhere = dir.resolve("no-such-dir").resolve("report.json");
        assertThat(run("report", "--input", input.toString(), "--format", "json", "--output", nowhere.toString()))
                .isEqualTo(CsatCli.USAGE);
        assertThat(err()).as("checked before reading: no row is reported")
                .isEqualTo("csat report: --output " + nowhere + ": no such directory: " + nowhere.getParent() + "\n");
        err.reset();
        assertThat(run("report", "--input", input.toString(), "--output", dir.toString())).isEqualTo(CsatCli.USAGE);
        assertThat(err()).isEqualTo("csat report: --output " + dir + ": is a directory, not a file\n");
        err.reset();
        Path underAFile = input.resolve("report.json");
        assertThat(run("report", "--input", input.toString(), "--output", underAFile.toString()))
                .isEqualTo(CsatCli.USAGE);
        assertThat(err()).isEqualTo("csat report: --output " + underAFile + ": " + input + " is not a directory\n");
        assertThat(out()).isEmpty();
        assertThat(Files.exists(underAFile)).isFalse();
    }

    @Test
    void fileErrorsAreWordedAsReasons() {
        Path file = Path.of("/data/x.csv");
        assertThat(PathChecks.reason(new java.nio.file.AccessDeniedException(file.toString()), file))
                .isEqualTo("permission denied");
        assertThat(PathChecks.reason(new java.nio.file.NoSuchFileException(file.toString()), file))
                .isEqualTo("no such file or directory");
        assertThat(PathChecks.reason(new java.nio.file.AccessDeniedException("/data"), file))
                .as("a parent that is refused is named").isEqualTo("permission denied (/data)");
        assertThat(PathChecks.reason(new java.nio.file.FileSystemException(file.toString(), null,
                "Read-only file system"), file)).isEqualTo("read-only file system");
    }

    @Test
    void rejectedRowsAreReportedAsTheCommandLinePageShows() throws IOException {
        Block shown = DocBlocks.of("docs/command-line.md").stream()
                .filter(b -> b.text().startsWith("csat report: rejected line")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/command-line.md shows rejected rows"));
        assertThat(run("report", "--input", input.toString())).isZero();
        assertThat(err()).as("%s: the rows of this test's file", shown.where()).isEqualTo(shown.text());
    }

    @Test
    void theJsonLayoutThePageSketchesNamesFieldsTheReportHas() throws IOException {
        Block sketch = DocBlocks.of("docs/command-line.md").stream()
                .filter(b -> b.heading().equals("## One JSON layout for reports") && b.text().startsWith("{"))
                .findFirst().orElseThrow(() -> new AssertionError("docs/command-line.md sketches the JSON layout"));
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--period", "week", "--low", "2",
                "--format", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        List<String> names = new ArrayList<>();
        collectNames(json, names);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\" :").matcher(sketch.text());
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            // "NAME" stands for the report's name.
            if (!m.group(1).equals("NAME") && !names.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        assertThat(missing).as("%s names fields csat report --format json does not write", sketch.where()).isEmpty();
        assertThat(sketch.text()).contains("\"layout\" : \"" + json.path("layout").asText() + "\"");
    }

    private static void collectNames(JsonNode node, List<String> names) {
        node.fieldNames().forEachRemaining(names::add);
        node.elements().forEachRemaining(child -> collectNames(child, names));
    }

    @Test
    void anUnreadableInputSaysPermissionDenied() throws IOException {
        Path locked = unreadableFile(dir, input);
        assertThat(run("report", "--input", locked.toString())).isEqualTo(CsatCli.USAGE);
        assertThat(err()).isEqualTo("csat report: --input " + locked + ": permission denied\n");
    }

    /**
     * A file this process is refused to read, checked by opening it: a copy of a file without
     * its read bit or, for an administrator, whom permission bits do not hold back, a sysfs file
     * with no read bit at all (a write-only trigger such as a PCI bus's {@code rescan}), which the
     * kernel refuses to open for reading to anyone.
     */
    static Path unreadableFile(Path dir, Path source) throws IOException {
        Path locked = dir.resolve("locked.csv");
        Files.copy(source, locked);
        locked.toFile().setReadable(false);
        if (refusesReading(locked)) {
            return locked;
        }
        List<Path> writeOnly = new ArrayList<>(List.of(Path.of("/sys/bus/pci/rescan")));
        if (Files.isDirectory(Path.of("/sys"))) {
            try (Stream<Path> files = Files.find(Path.of("/sys"), 4, (p, a) -> a.isRegularFile()
                    && !Files.isSymbolicLink(p) && noReadBit(p))) {
                files.limit(20).forEach(writeOnly::add);
            } catch (UncheckedIOException | IOException e) {
                // A part of /sys this process may not list: the files found so far will do.
            }
        }
        Optional<Path> refused = writeOnly.stream().filter(p -> noReadBit(p) && refusesReading(p)).findFirst();
        assertThat(refused).as("a file this process cannot read: a file without its read bit is read by"
                + " this user, and /sys has no readable-by-nobody file (%s)", writeOnly).isPresent();
        return refused.orElseThrow();
    }

    private static boolean noReadBit(Path p) {
        try {
            return Collections.disjoint(Files.getPosixFilePermissions(p), Set.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean refusesReading(Path p) {
        try {
            Files.newInputStream(p).close();
            return false;
        } catch (AccessDeniedException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void whenMostScoresAreOffTheScaleNothingIsReportedAndTheLikelyScaleIsNamed() throws IOException {
        List<String> lines = new ArrayList<>(List.of("interaction_id,survey_id,sent_at,responded_at,score"));
        int[] scores = {9, 8, 7, 9, 8, 7, 5, 3, 1};   // mostly satisfied on 1-9: most are off 1-5
        for (int i = 0; i < 90; i++) {
            lines.add("call-" + i + ",keypad,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z," + scores[i % 9]);
        }
        lines.add("call-90,keypad,2025-03-07T09:00:00Z,,");
        Path keypad = dir.resolve("responses-keypad9.csv");
        Files.write(keypad, lines, StandardCharsets.UTF_8);

        assertThat(run("report", "--input", keypad.toString())).isEqualTo(CsatCli.USAGE);
        assertThat(out()).as("no report from the wrong scale").isEmpty();
        List<String> said = err().lines().toList();
        assertThat(said).hasSize(60 + 2);
        assertThat(said.get(0)).isEqualTo("csat report: rejected line 2: score = \"9\": must be a value of scale five,"
                + " 1 to 5");
        assertThat(said.get(60)).isEqualTo("csat report: 91 rows read, 31 accepted, 60 rejected, 0 duplicates dropped");
        assertThat(said.get(61)).isEqualTo("csat report: 60 of 91 rows have a score that is not on --scale five"
                + " (1 to 5), so nothing is reported. The scores fit --scale keypad9 (1 to 9); run again with it.");

        out.reset();
        err.reset();
        assertThat(run("report", "--input", keypad.toString(), "--scale", "keypad9")).isZero();
        assertThat(err()).isEqualTo("csat report: 91 rows read, 91 accepted, 0 rejected, 0 duplicates dropped\n");
        assertThat(out()).contains("CSAT report: scale keypad9, 91 surveys sent, 90 valid ratings");
    }

    @Test
    void halfTheScoresOffTheScaleStillGiveAReportAndMoreThanHalfNone() throws IOException {
        for (int off : List.of(10, 11)) {
            List<String> lines = new ArrayList<>(List.of("interaction_id,survey_id,sent_at,responded_at,score"));
            for (int i = 0; i < 20; i++) {
                lines.add("call-" + i + ",s,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z," + (i < off ? 7 : 5));
            }
            Path file = dir.resolve("off-" + off + ".csv");
            Files.write(file, lines, StandardCharsets.UTF_8);
            out.reset();
            err.reset();
            assertThat(run("report", "--input", file.toString())).as("%d of 20 off", off)
                    .isEqualTo(off == 10 ? 0 : CsatCli.USAGE);
            assertThat(out().isEmpty()).as("%d of 20 off", off).isEqualTo(off > 10);
        }
    }

    @Test
    void theLikelyScaleIsTheNarrowestThatHoldsEveryScore() throws IOException {
        // Thumbs (1-2) given for a file of 1 to 3: three, five, keypad9 and zero-ten hold it; three is narrowest.
        List<String> lines = new ArrayList<>(List.of("interaction_id,survey_id,sent_at,responded_at,score"));
        for (int i = 0; i < 30; i++) {
            lines.add("call-" + i + ",s,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z," + (i < 20 ? 3 : 1 + i % 2));
        }
        Path file = dir.resolve("three.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(run("report", "--input", file.toString(), "--scale", "thumbs")).isEqualTo(CsatCli.USAGE);
        assertThat(err().lines().toList()).last().asString()
                .endsWith("The scores fit --scale three (1 to 3); run again with it.");
    }

    @Test
    void aFewScoresOffTheScaleAreRejectedAndCounted() {
        // Two bad rows of 57, one of them a score: the report goes on and says how many were rejected.
        assertThat(run("report", "--input", input.toString(), "--scale", "five")).isZero();
        assertThat(err().lines().toList()).last()
                .isEqualTo("csat report: 57 rows read, 55 accepted, 2 rejected, 0 duplicates dropped");
    }

    @Test
    void xlsxSheetsDeclareTheirRealSizeAndTheWorkbookHasTheNormalStyle() throws IOException {
        Path output = dir.resolve("report.xlsx");
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--period", "month", "--format",
                "xlsx", "--output", output.toString(), "--low", "2", "--min-sample", "3")).as("%s", err).isZero();
        java.util.Map<String, String> parts = new java.util.HashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(output))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(Files.newInputStream(output))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            for (int i = 0; i < sheets.size(); i++) {
                List<Row> rows = sheets.get(i).read();
                int columns = rows.stream().mapToInt(Row::getCellCount).max().orElseThrow();
                String expected = "<dimension ref=\"A1:" + (char) ('A' + columns - 1) + rows.size() + "\"/>";
                assertThat(parts.get("xl/worksheets/sheet" + (i + 1) + ".xml")).as(sheets.get(i).getName())
                        .contains(expected).doesNotContain("<dimension ref=\"A1\"/>");
            }
        }
        assertThat(parts.get("xl/styles.xml"))
                .contains("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>");
        assertThat(dev.csatkit.examples.export.XlsxExport.column(0)).isEqualTo("A");
        assertThat(dev.csatkit.examples.export.XlsxExport.column(25)).isEqualTo("Z");
        assertThat(dev.csatkit.examples.export.XlsxExport.column(26)).isEqualTo("AA");
        assertThat(dev.csatkit.examples.export.XlsxExport.column(701)).isEqualTo("ZZ");
        assertThat(dev.csatkit.examples.export.XlsxExport.column(702)).isEqualTo("AAA");
    }
}
