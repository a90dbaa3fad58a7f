package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.cli.CsatCliTest.Run;
import dev.csatkit.examples.guide.DocBlocks;
import dev.csatkit.examples.guide.DocBlocks.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code csat} command line the docs/ pages show names a command that exists and only
 * options that command takes, as the command's own parser decides.
 */
class DocCommandLinesTest {

    /** {@code java -jar …/csat.jar report …} or a line starting {@code csat report …}; not "csat report: …". */
    private static final Pattern COMMAND = Pattern.compile("(?:csat\\.jar|^csat) ([a-z]+)(?![:\\w])(.*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    /** Each command line of the pages, continuation lines joined: where → the line. */
    static Map<String, String> commandLines() throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String page : DocBlocks.pages()) {
            for (Block b : DocBlocks.of(page)) {
                String[] raw = b.text().split("\n");
                for (int i = 0; i < raw.length; i++) {
                    int first = i;
                    StringBuilder joined = new StringBuilder(raw[i]);
                    while (joined.toString().endsWith("\\") && i + 1 < raw.length) {
                        joined.setLength(joined.length() - 1);
                        joined.append(' ').append(raw[++i]);
                    }
                    // The command, not a comment after it.
                    String line = joined.toString().replaceAll("\\s#\\s.*$", "").strip();
                    Matcher m = COMMAND.matcher(line);
                    if (m.find()) {
                        lines.put(b.page() + ":" + (b.line() + 1 + first), m.group(1) + m.group(2));
                    }
                }
            }
        }
        return lines;
    }

    /** Whether the command refuses the option as one it does not know (or the command itself). */
    static boolean unknown(String command, String option) {
        // report reads a value before it looks at the option; the others check the option first.
        // No value that could run anything: a known option fails on its value or on what is missing.
        Run r = command.equals("report") ? CsatCliTest.run(command, option, "?") : CsatCliTest.run(command, option);
        assertThat(r.code()).as("%s %s ends as a usage error, running nothing", command, option).isEqualTo(CsatCli.USAGE);
        return r.err().contains("unknown option '" + option + "'") || r.err().contains("unknown command");
    }

    @Test
    void everyOptionThePagesShowIsOneTheCommandTakes() throws IOException {
        Map<String, String> lines = commandLines();
        assertThat(lines.values()).as("the pages show csat demo, parse and report").anyMatch(l -> l.startsWith("demo "))
                .anyMatch(l -> l.startsWith("parse ")).anyMatch(l -> l.startsWith("report "));
        List<String> wrong = new ArrayList<>();
        lines.forEach((where, line) -> {
            String command = line.split(" ")[0];
            Matcher m = OPTION.matcher(line);
            List<String> options = new ArrayList<>();
            while (m.find()) {
                options.add(m.group());
            }
            if (CsatCliTest.run(command, "--help").code() != 0) {
                wrong.add(where + ": csat " + command + " is not a command");
                return;
            }
            for (String option : options) {
                if (unknown(command, option)) {
                    wrong.add(where + ": csat " + command + " takes no " + option);
                }
            }
        });
        assertThat(wrong).as("command lines of the pages that csat refuses").isEmpty();
    }

    @Test
    void theParseExamplePrintsWhatThePageShows() throws IOException {
        Block example = DocBlocks.of("docs/command-line.md").stream()
                .filter(b -> b.heading().equals("## `csat parse`") && b.text().startsWith("printf '")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/command-line.md shows printf … | csat parse"));
        String text = example.text();
        String typed = text.substring("printf '".length(), text.indexOf('\'', "printf '".length())).replace("\\n", "\n");
        Matcher command = Pattern.compile("csat\\.jar (parse[^\n]*)\n").matcher(text);
        assertThat(command.find()).as("%s: the command", example.where()).isTrue();
        String shown = text.substring(command.end());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new CsatCli().run(List.of(command.group(1).strip().split(" +")),
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).as("%s", example.where()).isEqualTo(shown);
    }

    /**
     * The list of errors on the command line page, each made to happen: the page's {@code /data}
     * stands for a directory of the test's, with what each line needs in it.
     */
    @Test
    void everyErrorThePageListsIsTheOneCsatWrites(@TempDir Path data) throws IOException {
        Block list = DocBlocks.of("docs/command-line.md").stream()
                .filter(b -> b.heading().equals("## Exit codes and errors") && b.kind().equals("text")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/command-line.md lists the errors"));
        Path valid = data.resolve("valid.csv");
        Files.writeString(valid, "interaction_id,survey_id,sent_at,responded_at,score\n"
                + "call-1,after-call,2025-03-07T09:00:00Z,2025-03-07T09:01:00Z,5\n");
        Path locked = ReportCommandTest.unreadableFile(data, valid);
        Files.writeString(data.resolve("week.txt"), "a file\n");
        Pattern error = Pattern.compile("csat ([a-z]+): (--[a-z-]+) (\\S+): .*");
        List<String> lines = list.text().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(9);
        for (String line : lines) {
            Matcher m = error.matcher(line);
            assertThat(m.matches()).as("%s: an error line: %s", list.where(), line).isTrue();
            String value = m.group(3).equals("/data/locked.csv") ? locked.toString()
                    : m.group(3).equals("week.txt") ? data.resolve("week.txt").toString()
                    : m.group(3).replace("/data", data.toString());
            String expected = line.replace(m.group(3), value).replace(" /data/", " " + data + "/");
            List<String> args = new ArrayList<>(List.of(m.group(1), m.group(2), value));
            if (m.group(1).equals("report") && !m.group(2).equals("--input")) {
                args.addAll(List.of("--input", valid.toString()));
            }
            Run r = CsatCliTest.run(args.toArray(String[]::new));
            assertThat(r.code()).as(line).isEqualTo(CsatCli.USAGE);
            assertThat(r.err().lines().findFirst()).as("%s: %s", list.where(), String.join(" ", args))
                    .hasValue(expected);
        }
    }

    @Test
    void anOptionNoCommandTakesIsFoundOut() {
        for (String command : List.of("demo", "parse", "report", "scales")) {
            assertThat(unknown(command, "--colour")).as(command).isTrue();
        }
        assertThat(unknown("reprot", "--by")).isTrue();
        assertThat(unknown("report", "--by")).isFalse();
        assertThat(unknown("demo", "--days")).isFalse();
    }
}
