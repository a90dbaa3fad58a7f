package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csat report --format xls} and the filters {@code --from}, {@code --to}, {@code --where}. */
class ReportFiltersTest {

    @TempDir
    Path dir;

    private Path input;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /**
     * ann (team blue, sms): 10 ratings on 7 March (8 fives, 2 ones) and 10 on 10 March (all
     * threes); bob (team red, email, no entry point): 4 on 10 March (5, 4, 2 and one unanswered);
     * call-b1 is listed twice, the later row (2) counts.
     */
    @BeforeEach
    void writeInput() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("interaction_id,survey_id,sent_at,score,responded_at,agent,team,channel,entry_point,locale,comment");
        for (int i = 0; i < 10; i++) {
            int score = i < 8 ? 5 : 1;
            String comment = score == 1 ? "\"=HYPERLINK(\"\"x\"\"), waited " + i + "\"" : "";
            lines.add("call-a" + i + ",post-call,2025-03-07T09:00:00Z," + score + ",2025-03-07T09:05:00Z,ann,blue,sms,"
                    + "+46812345,sv," + comment);
        }
        for (int i = 0; i < 10; i++) {
            lines.add("call-c" + i + ",post-call,2025-03-10T09:00:00Z,3,2025-03-10T09:05:00Z,ann,blue,sms,+46812345,sv,");
        }
        lines.add("call-b1,post-call,2025-03-10T08:00:00Z,5,2025-03-10T08:01:00Z,bob,red,email,,en,");
        lines.add("call-b2,post-call,2025-03-10T08:00:00Z,4,2025-03-10T08:01:00Z,bob,red,email,,en,");
        lines.add("call-b3,post-call,2025-03-10T23:30:00Z,,,bob,red,email,,en,");
        lines.add("call-b1,post-call,2025-03-10T08:00:00Z,2,2025-03-10T08:01:00Z,bob,red,email,,en,slow");
        input = dir.resolve("responses.csv");
        Files.write(input, lines, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private int run(InputStream stdin, String... args) {
        out.reset();
        err.reset();
        return new CsatCli().run(List.of(args), stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json(String... filters) throws IOException {
        List<String> args = new ArrayList<>(List.of("report", "--input", input.toString(), "--format", "json",
                "--low", "2"));
        args.addAll(List.of(filters));
        assertThat(run(args.toArray(String[]::new))).as("%s", err()).isZero();
        return new ObjectMapper().readTree(out()).get("reports").get("report");
    }

    @Test
    void xlsIsWrittenAndReadsBackWithPoi() throws IOException {
        Path output = dir.resolve("report.xls");
        assertThat(run("report", "--input", input.toString(), "--by", "agent", "--period", "month", "--format", "xls",
                "--output", output.toString(), "--low", "2", "--min-sample", "3")).as("%s", err()).isZero();
        assertThat(out()).isEmpty();
        // The summary line alone: the spreadsheet library writes nothing of its own there.
        assertThat(err().lines()).singleElement().asString().startsWith("csat report: 24 rows read");
        try (HSSFWorkbook workbook = new HSSFWorkbook(Files.newInputStream(output))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)))
                    .containsExactly("Report", "Trend", "Low scores");
            HSSFSheet report = workbook.getSheetAt(0);
            HSSFRow header = report.getRow(0);
            List<String> columns = new ArrayList<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                columns.add(header.getCell(c).getStringCellValue());
            }
            assertThat(columns).startsWith("row", "agent", "period", "sent", "responses");
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(report.getPaneInformation().isFreezePane()).isTrue();
            int csat = columns.indexOf("csat");
            HSSFRow overall = report.getRow(1);
            assertThat(overall.getCell(0).getStringCellValue()).isEqualTo("overall");
            // 22 ratings (bob's third is unanswered), 8 + 1 satisfied (the fives and bob's 4)
            assertThat(overall.getCell(csat).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(overall.getCell(csat).getNumericCellValue()).isEqualTo(100.0 * 9 / 22, within(1e-9));
            assertThat(overall.getCell(csat).getCellStyle().getDataFormatString()).isEqualTo("0.0");
            HSSFRow ann = report.getRow(2);
            assertThat(ann.getCell(1).getStringCellValue()).isEqualTo("ann");
            assertThat(ann.getCell(2).getStringCellValue()).isEqualTo("2025-03");
            assertThat(ann.getCell(columns.indexOf("sent")).getNumericCellValue()).isEqualTo(20);
            assertThat(ann.getCell(csat).getNumericCellValue()).isEqualTo(40.0);

            assertThat(workbook.getSheetAt(1).getRow(1).getCell(0).getStringCellValue()).isEqualTo("2025-03");
            HSSFSheet low = workbook.getSheetAt(2);
            assertThat(low.getLastRowNum()).isEqualTo(3);
            List<String> comments = new ArrayList<>();
            int comment = dev.csatkit.export.ReportTables.RESPONSE_COLUMNS.indexOf("comment");
            for (int r = 1; r <= low.getLastRowNum(); r++) {
                comments.add(low.getRow(r).getCell(comment).getStringCellValue());
            }
            // Neutralised like in CSV and XLSX: no formula comes alive when the cell is edited.
            assertThat(comments).contains("'=HYPERLINK(\"x\"), waited 8", "slow");
        }
    }

    @Test
    void xlsNeedsAnOutputFile() {
        assertThat(run("report", "--input", input.toString(), "--format", "xls")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("--format xls needs --output FILE");
    }

    @Test
    void whereKeepsOneSegmentAndTheSummarySaysHowManyWereLeftOut() throws IOException {
        JsonNode red = json("--where", "team=red");
        assertThat(red.get("overall").get("sent").asLong()).isEqualTo(3);
        assertThat(red.get("overall").get("responses").asLong()).isEqualTo(2);
        assertThat(red.get("overall").get("distribution").get("2").asLong()).isEqualTo(1);
        assertThat(err()).contains("csat report: 24 rows read, 24 accepted, 0 rejected, 1 duplicate dropped, "
                + "20 left out by --from, --to and --where");
    }

    @Test
    void oneDimensionsValuesAreAlternativesAndDifferentDimensionsMustAllMatch() throws IOException {
        assertThat(json("--where", "agent=ann", "--where", "agent=bob").get("overall").get("sent").asLong())
                .isEqualTo(23);
        assertThat(json("--where", "agent=ann", "--where", "channel=email").get("overall").get("sent").asLong())
                .isZero();
        assertThat(json("--where", "entry_point=(none)").get("overall").get("sent").asLong()).isEqualTo(3);
        assertThat(json("--where", "locale=sv", "--where", "survey=post-call").get("overall").get("sent").asLong())
                .isEqualTo(20);
    }

    @Test
    void fromIsInclusiveAndADateInToKeepsItsWholeDay() throws IOException {
        assertThat(json("--to", "2025-03-07").get("overall").get("sent").asLong()).isEqualTo(10);
        assertThat(json("--from", "2025-03-10").get("overall").get("sent").asLong()).isEqualTo(13);
        // An instant in --to is exclusive: the surveys sent at 09:00 are out, bob's at 08:00 in.
        assertThat(json("--from", "2025-03-10T08:00:00Z", "--to", "2025-03-10T09:00:00Z").get("overall").get("sent")
                .asLong()).isEqualTo(2);
        // bob's unanswered survey at 23:30 UTC is on 11 March in Stockholm.
        assertThat(json("--to", "2025-03-10", "--zone", "Europe/Stockholm").get("overall").get("sent").asLong())
                .isEqualTo(22);
        assertThat(json("--to", "2025-03-10T23:00", "--zone", "UTC").get("overall").get("sent").asLong())
                .isEqualTo(22);
    }

    @Test
    void filtersAlsoNarrowTheLowScoreList() throws IOException {
        assertThat(json().get("low_scores")).hasSize(3);
        JsonNode low = json("--where", "agent=bob").get("low_scores");
        assertThat(low).hasSize(1);
        assertThat(low.get(0).get("interaction_id").asText()).isEqualTo("call-b1");
    }

    @Test
    void aFilterKeepingEverythingGivesTheUnfilteredReport() throws IOException {
        JsonNode all = json("--by", "agent");
        JsonNode kept = json("--by", "agent", "--from", "2000-01-01");
        assertThat(kept.get("overall")).isEqualTo(all.get("overall"));
        assertThat(kept.get("segments")).isEqualTo(all.get("segments"));
    }

    @Test
    void everyFormatIsFiltered() throws IOException {
        String[] filter = {"--where", "team=red", "--from", "2025-03-10"};
        assertThat(run(withFilter(filter, "report", "--input", input.toString()))).isZero();
        assertThat(out()).contains("3 surveys sent, 2 valid ratings");

        Path csv = dir.resolve("red.csv");
        assertThat(run(withFilter(filter, "report", "--input", input.toString(), "--format", "csv", "--output",
                csv.toString()))).isZero();
        assertThat(Files.readAllLines(csv).get(1)).startsWith("overall,3,2,");

        Path xlsx = dir.resolve("red.xlsx");
        assertThat(run(withFilter(filter, "report", "--input", input.toString(), "--format", "xlsx", "--output",
                xlsx.toString()))).isZero();
        try (ReadableWorkbook workbook = new ReadableWorkbook(Files.newInputStream(xlsx))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows.get(1).getCellAsNumber(1).orElseThrow().longValue()).isEqualTo(3);
        }

        Path xls = dir.resolve("red.xls");
        assertThat(run(withFilter(filter, "report", "--input", input.toString(), "--format", "xls", "--output",
                xls.toString()))).isZero();
        try (HSSFWorkbook workbook = new HSSFWorkbook(Files.newInputStream(xls))) {
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3);
        }

        assertThat(run(Files.newInputStream(input), withFilter(filter, "report", "--input", "-", "--format", "json")))
                .isZero();
        assertThat(new ObjectMapper().readTree(out()).get("reports").get("report").get("overall").get("sent").asLong())
                .isEqualTo(3);
    }

    private static String[] withFilter(String[] filter, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(filter));
        return all.toArray(String[]::new);
    }

    @Test
    void aLanguageIsMatchedHoweverItsTagIsWritten() throws IOException {
        assertThat(json("--where", "locale=SV").get("overall").get("sent").asLong()).isEqualTo(20);
        assertThat(json("--where", "locale=EN").get("overall").get("sent").asLong()).isEqualTo(3);
        assertThat(json("--where", "locale=(none)").get("overall").get("sent").asLong()).isZero();
    }

    @Test
    void aConditionNeedsADimensionBeforeItsEqualsSignAndTimeIsNotOne() {
        assertThat(run("report", "--input", input.toString(), "--where", "=red")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).startsWith("csat report: --where =red must be DIMENSION=VALUE, such as team=Billing, "
                + "with a dimension of agent,team,");
        assertThat(run("report", "--input", input.toString(), "--where", "period=2025-03")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).startsWith("csat report: --where period=2025-03: period is not a dimension; use agent,team,")
                .contains("(and --from, --to for time)");
        assertThat(out()).isEmpty();
    }

    @Test
    void filterMistakesNameTheOptionTheValueAndTheRule() {
        assertThat(run("report", "--input", input.toString(), "--where", "mood=sad")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --where mood=sad: mood is not a dimension; use agent,team,channel,"
                + "entry_point,survey,locale,case_type,question,contact,region,brand (and --from, --to for time)");
        assertThat(run("report", "--input", input.toString(), "--where", "team")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --where team must be DIMENSION=VALUE, such as team=Billing");
        assertThat(run("report", "--input", input.toString(), "--where", "team=")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --where team= has no value: use team=(none)");
        assertThat(run("report", "--input", input.toString(), "--from", "yesterday")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --from yesterday must be a date (2026-03-01), a local time");
        assertThat(run("report", "--input", input.toString(), "--to", "2025-02-30")).isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --to 2025-02-30 must be a date");
        assertThat(run("report", "--input", input.toString(), "--from", "2025-03-10", "--to", "2025-03-09"))
                .isEqualTo(CsatCli.USAGE);
        assertThat(err()).contains("csat report: --to 2025-03-09 must be after --from 2025-03-10");
    }
}
