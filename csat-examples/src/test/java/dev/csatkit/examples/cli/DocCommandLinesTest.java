package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.cli.CsatCliTest.Run;
import dev.csatkit.examples.guide.DocBlocks;
import dev.csatkit.examples.guide.DocBlocks.Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
                String[] raw = b.text().replace("\\\n", " ").split("\n");
                for (int i = 0; i < raw.length; i++) {
                    // The command, not what the shell pipes into it or a comment after it.
                    String line = raw[i].replaceAll("\\s#\\s.*$", "").strip();
                    Matcher m = COMMAND.matcher(line);
                    if (m.find()) {
                        lines.put(b.where() + " +" + (i + 1), m.group(1) + m.group(2));
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
    void anOptionNoCommandTakesIsFoundOut() {
        for (String command : List.of("demo", "parse", "report", "scales")) {
            assertThat(unknown(command, "--colour")).as(command).isTrue();
        }
        assertThat(unknown("reprot", "--by")).isTrue();
        assertThat(unknown("report", "--by")).isFalse();
        assertThat(unknown("demo", "--days")).isFalse();
    }
}
