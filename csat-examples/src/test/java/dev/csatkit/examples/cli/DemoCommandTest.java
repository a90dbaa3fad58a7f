package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.examples.cli.CsatCliTest.Run;
import dev.csatkit.examples.guide.DocBlocks;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csat demo}, run in-process as the command line runs it. */
class DemoCommandTest {

    private static final String[] SMALL = {"--days", "2", "--interactions", "900"};

    @TempDir
    Path dir;

    @Test
    void theSameSeedPrintsTheSameReport() throws IOException {
        // Both into one place: the same seed writes the same files, and the page quotes the week's.
        Path week = dir.resolve("default-week");
        Run first = CsatCliTest.run("demo", "--output", week.toString());
        Run second = CsatCliTest.run("demo", "--output", week.toString());
        assertThat(first.code()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out())
                .startsWith("CSAT Kit demo: a simulated helpdesk, run through the real survey engine\n"
                        + "Seed 42: 7 days from Monday 2025-03-03 (UTC), 5,000 interactions;")
                .contains("FREQUENCY_CAPPED", "NOT_SAMPLED", "TOO_SHORT", "AGENT_TYPE", "OPTED_OUT", "CONTACT_HUNG_UP")
                .contains("Delivery", "Replies, as the engine read them", "What customers did")
                .contains("Overall: CSAT ", "By channel", "By team", "By agent", "Agents significantly above the rest")
                .contains("Chat survey, question by question", "effort answered")
                .contains("Dissatisfied ratings:")
                .doesNotContain("STILL OPEN");
        assertThat(first.err()).as("the progress bar goes to standard error").contains("simulating", "100%");
        assertThat(first.out()).doesNotContain("simulating  [");
        assertThat(first.out()).as("the excerpt docs/command-line.md shows").contains(pageExcerpt());

        // The page's figures for the default week's keypad file read on the default scale.
        Run wrongScale = CsatCliTest.run("report", "--input", week.resolve("responses-keypad9.csv").toString());
        assertThat(wrongScale.code()).isEqualTo(CsatCli.USAGE);
        List<String> pageBlocks = DocBlocks.of("docs/command-line.md").stream()
                .filter(b -> b.heading().equals("## `report`: rejected rows and the wrong scale"))
                .map(DocBlocks.Block::text).toList();
        assertThat(wrongScale.err().lines().toList()).as("what docs/command-line.md shows")
                .contains(pageBlocks.get(0).strip(), pageBlocks.get(1).strip());
    }

    /** The code block after "An excerpt:" in the command line page's section on the demo. */
    private static String pageExcerpt() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        String page = Files.readString(dir.resolve("docs/command-line.md"));
        String section = page.substring(page.indexOf("## `csat demo`"));
        int from = section.indexOf("```\n", section.indexOf("An excerpt:")) + 4;
        return section.substring(from, section.indexOf("```", from));
    }

    /** The code block of the command line page's section on the closing hint. */
    private static String pageHint() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        String page = Files.readString(dir.resolve("docs/command-line.md"));
        String section = page.substring(page.indexOf("## The demo's chart and closing hint"));
        int from = section.indexOf("```text\n") + "```text\n".length();
        return section.substring(from, section.indexOf("```", from));
    }

    @Test
    void onPostgresTheSameSeedPrintsTheSameReportAsInMemory() {
        TestPostgres db = TestPostgres.get();
        Run inMemory = CsatCliTest.run(args("--seed", "7"));
        Run onPostgres = CsatCliTest.run(args("--seed", "7", "--jdbc-url", db.url(), "--jdbc-user", db.user(),
                "--jdbc-password", db.password()));
        assertThat(onPostgres.code()).as(onPostgres.err()).isZero();
        assertThat(onPostgres.err()).contains("on PostgreSQL at", "(dropped at the end)");
        assertThat(onPostgres.out()).isEqualTo(inMemory.out()).contains("Seed 7: 2 days", "Overall: CSAT ");
    }

    @Test
    void theRunsSchemaIsGoneWhenTheRunEnds() throws SQLException {
        TestPostgres db = TestPostgres.get();
        Run r = CsatCliTest.run(args("--interactions", "50", "--jdbc-url", db.url(), "--jdbc-user", db.user(),
                "--jdbc-password", db.password()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(DemoDatabaseTest.demoSchemas(db)).doesNotContain(schemaOf(r.err()));
    }

    @Test
    void aDatabaseThatFailsDuringTheRunEndsItWithOne() throws Exception {
        TestPostgres db = TestPostgres.get();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CsatCli().run(
                List.of("demo", "--days", "3", "--interactions", "20000", "--jdbc-url", db.url(), "--jdbc-user",
                        db.user(), "--jdbc-password", db.password()),
                InputStream.nullInputStream(), new PrintStream(OutputStream.nullOutputStream()), errStream));
        // The run names its schema once it is ready, then simulates for a minute or more: the schema goes
        // under it.
        Instant until = Instant.now().plusSeconds(60);
        while (!err.toString(StandardCharsets.UTF_8).contains("(dropped at the end)") && !run.isDone()
                && Instant.now().isBefore(until)) {
            Thread.sleep(10);
        }
        String schema = schemaOf(err.toString(StandardCharsets.UTF_8));
        try (HikariDataSource admin = db.pool(1)) {
            db.dropSchema(admin, schema);
        }
        assertThat(run.get(60, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("csat demo: the database failed during the run: ");
    }

    private static String schemaOf(String err) {
        Matcher m = Pattern.compile("schema (csat_demo_[0-9a-f]{8}) \\(dropped at the end\\)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return m.group(1);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithoutItsQuery() {
        Run r = CsatCliTest.run(args("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?password=secret"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot use the database at jdbc:postgresql://127.0.0.1:1/none?…")
                .doesNotContain("secret");
        Run usage = CsatCliTest.run("demo", "--jdbc-user", "csat");
        assertThat(usage.err()).contains("--jdbc-user needs --jdbc-url");
        Run notPostgres = CsatCliTest.run("demo", "--jdbc-url", "jdbc:mysql://db/csat");
        assertThat(notPostgres.err()).contains("must be a PostgreSQL JDBC URL");
    }

    @Test
    void anotherSeedTellsAnotherStory() {
        Run a = CsatCliTest.run(args("--seed", "1"));
        Run b = CsatCliTest.run(args("--seed", "2"));
        assertThat(a.code()).isZero();
        assertThat(b.code()).isZero();
        assertThat(a.out()).isNotEqualTo(b.out()).contains("Seed 1: 2 days");
    }

    @Test
    void outputWritesFilesThatCsatReportAndOtherToolsRead() throws IOException {
        Path out = dir.resolve("week");
        Run r = CsatCliTest.run(args("--output", out.toString()));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Wrote:", out.resolve("report.json").toString());

        for (String scale : List.of("five", "keypad9")) {
            Path csv = out.resolve("responses-" + scale + ".csv");
            String text = Files.readString(csv);
            long rows = records(text) - 1;
            // The chat survey's effort answers are rows of their own question, after their survey's row.
            // question_id, then contact_key, region, brand and keys.
            long effort = text.lines().filter(l -> l.matches(".*,effort,[^,]*,[^,]*,[^,]*,[^,]*")).count();
            assertThat(rows).isPositive();
            assertThat(effort > 0).isEqualTo(scale.equals("five"));
            Run report = CsatCliTest.run("report", "--input", csv.toString(), "--scale", scale, "--by", "agent");
            assertThat(report.code()).as(report.err()).isZero();
            assertThat(report.err()).contains(rows + " rows read, " + rows + " accepted, 0 rejected");
            assertThat(report.out()).startsWith("CSAT report: scale " + scale + ", " + (rows - effort)
                    + " surveys sent");
        }

        Run wrongScale = CsatCliTest.run("report", "--input", out.resolve("responses-keypad9.csv").toString());
        assertThat(wrongScale.code()).as("the keypad file on the default scale five").isEqualTo(CsatCli.USAGE);
        assertThat(wrongScale.out()).isEmpty();
        assertThat(wrongScale.err().lines().toList()).last().asString()
                .contains("rows have a score that is not on --scale five", "The scores fit --scale keypad9");

        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.path("layout").asText()).as("the layout csat report --format json writes too")
                .isEqualTo("csat-kit/reports/1");
        assertThat(json.path("run").path("seed").asLong()).isEqualTo(42);
        JsonNode reports = json.path("reports");
        assertThat(reports.fieldNames()).toIterable().containsExactly("by_channel", "by_team", "by_agent", "by_day",
                "chat_by_question");
        assertThat(reports.path("by_agent").path("segments").size()).isEqualTo(13);
        assertThat(reports.path("by_channel").path("overall").path("csat").isNumber()).isTrue();
        assertThat(json.path("decisions").path("skipped").has("FREQUENCY_CAPPED")).isTrue();
        assertThat(reports.path("by_day").path("trend").size()).isEqualTo(2);
        assertThat(reports.path("chat_by_question").path("questions").path("effort").path("responses").asInt())
                .isPositive();
        Run asJson = CsatCliTest.run("report", "--input", out.resolve("responses-five.csv").toString(), "--format",
                "json");
        JsonNode fromReport = new ObjectMapper().readTree(asJson.out());
        assertThat(fromReport.path("layout").asText()).isEqualTo(json.path("layout").asText());
        // The file holds the chat survey's effort answers too: the report adds their questions block.
        List<String> layout = new java.util.ArrayList<>();
        reports.path("by_channel").fieldNames().forEachRemaining(layout::add);
        layout.add(layout.indexOf("overall") + 1, "questions");
        assertThat(fromReport.path("reports").path("report").fieldNames()).toIterable()
                .containsExactlyElementsOf(layout);

        assertThat(r.out()).as("the hint runs from the repository root, on the right scale").contains(
                "  java -jar csat-examples/target/csat.jar report --input " + out.resolve("responses-five.csv")
                        + " --scale five --by channel\n",
                "  java -jar csat-examples/target/csat.jar report --input " + out.resolve("responses-keypad9.csv")
                        + " --scale keypad9 --by agent\n");
        assertThat(r.out()).as("the hint docs/command-line.md shows, for --output week")
                .contains(pageHint().replace(" week/", " " + out + "/"));

        try (InputStream in = Files.newInputStream(out.resolve("report.xlsx"));
                ReadableWorkbook book = new ReadableWorkbook(in)) {
            assertThat(book.getSheets().map(Sheet::getName)).containsExactly("Decisions", "By channel", "By team",
                    "By agent", "By day", "Chat questions", "Low scores");
        }

        BufferedImage png = ImageIO.read(out.resolve("csat-trend.png").toFile());
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(450);
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeTheRun() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Run r = CsatCliTest.run("demo", "--output", file.toString());
        assertThat(r.code()).isEqualTo(CsatCli.USAGE);
        assertThat(r.err()).as("no progress bar: nothing was simulated")
                .isEqualTo("csat demo: --output " + file + ": is a file, not a directory\n");
        assertThat(r.out()).isEmpty();

        Path below = file.resolve("week");
        r = CsatCliTest.run("demo", "--output", below.toString());
        assertThat(r.code()).isEqualTo(CsatCli.USAGE);
        assertThat(r.err()).startsWith("csat demo: --output " + below + ": ").doesNotContain("simulating");
    }

    @Test
    void aFileThatCannotBeWrittenAtTheEndFailsTheRunNamingTheOutput() throws IOException {
        for (String blocked : List.of("report.json", "csat-trend.png")) {
            Path out = dir.resolve("blocked-" + blocked);
            // The directory passes the check before the run; a directory where a file goes fails at the end.
            Files.createDirectories(out.resolve(blocked));
            Run r = CsatCliTest.run(args("--output", out.toString()));
            assertThat(r.code()).as(blocked).isEqualTo(1);
            assertThat(r.err()).as(blocked).contains("csat demo: cannot write --output " + out + ": ");
            assertThat(r.out()).as("the report was printed before the files").contains("Overall: CSAT ");
        }
    }

    @Test
    void theClosingHintNamesTheJarAsItIsRunFromHere() {
        Path repo = Path.of("/home/ann/csat-kit");
        assertThat(DemoCommand.jarPath(repo.resolve("csat-examples/target/csat.jar"), repo))
                .isEqualTo("csat-examples/target/csat.jar");
        assertThat(DemoCommand.jarPath(Path.of("/opt/csat/csat.jar"), repo)).isEqualTo("/opt/csat/csat.jar");
        assertThat(DemoCommand.jarPath(repo.resolve("csat-examples/target/classes"), repo))
                .as("classes, as in tests: the built jar's place").isEqualTo(CsatCli.JAR);
        assertThat(DemoCommand.jarPath()).isEqualTo(CsatCli.JAR);
    }

    @Test
    void aSingleInteractionStillGivesAReport() {
        Run r = CsatCliTest.run("demo", "--days", "1", "--interactions", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Interactions: 1 ", "Overall: CSAT ");
    }

    @Test
    void badOptionsNameTheOptionTheValueAndTheRule() {
        assertUsage(CsatCliTest.run("demo", "--days", "0"), "csat demo: --days 0: must be between 1 and 90");
        assertUsage(CsatCliTest.run("demo", "--days", "91"), "csat demo: --days 91: must be between 1 and 90");
        assertUsage(CsatCliTest.run("demo", "--days", "99999999999"),
                "csat demo: --days 99999999999: must be between 1 and 90");
        assertUsage(CsatCliTest.run("demo", "--interactions", "0"),
                "csat demo: --interactions 0: must be between 1 and 1,000,000");
        assertUsage(CsatCliTest.run("demo", "--interactions", "1000001"),
                "csat demo: --interactions 1000001: must be between 1 and 1,000,000");
        assertUsage(CsatCliTest.run("demo", "--seed", "forty-two"), "csat demo: --seed forty-two: must be a whole number");
        assertUsage(CsatCliTest.run("demo", "--days", "a week"), "csat demo: --days a week: must be a whole number");
        assertUsage(CsatCliTest.run("demo", "--days"), "csat demo: --days needs a value");
        assertUsage(CsatCliTest.run("demo", "--verbose", "yes"), "csat demo: unknown option '--verbose'");
        assertUsage(CsatCliTest.run("demo", "week"), "csat demo: unexpected argument 'week'");
    }

    private static void assertUsage(Run r, String message) {
        assertThat(r.code()).isEqualTo(CsatCli.USAGE);
        assertThat(r.err()).startsWith(message + "\n").contains("usage: csat demo [--days 7]");
        assertThat(r.out()).isEmpty();
    }

    private static String[] args(String... more) {
        String[] all = new String[1 + SMALL.length + more.length];
        all[0] = "demo";
        System.arraycopy(SMALL, 0, all, 1, SMALL.length);
        System.arraycopy(more, 0, all, 1 + SMALL.length, more.length);
        return all;
    }

    /** CSV records, not lines: a quoted comment may hold line breaks. */
    private static long records(String csv) {
        long records = 0;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '\n' && !quoted) {
                records++;
            }
        }
        return records;
    }
}
