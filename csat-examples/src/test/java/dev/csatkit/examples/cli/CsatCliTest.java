package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsatCliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CsatCli().run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutACommandItPrintsUsageAndFails() {
        Run r = run();
        assertThat(r.code()).isEqualTo(CsatCli.USAGE);
        assertThat(r.err()).contains("usage: java -jar csat-examples/target/csat.jar <command>").contains("demo")
                .contains("scales");
        assertThat(run("help").code()).isZero();
    }

    @Test
    void helpAndVersionExitWithZeroOnStandardOutput() {
        for (String help : List.of("--help", "-h", "help")) {
            Run r = run(help);
            assertThat(r.code()).as(help).isZero();
            assertThat(r.err()).as(help).isEmpty();
            assertThat(r.out()).as(help).startsWith("usage: java -jar csat-examples/target/csat.jar <command> [options]")
                    .contains("  demo [--days 7]", "  scales [--locale en]", "  report --input FILE", "  parse --scale ",
                            "<command> --help", "--version");
        }
        for (String version : List.of("--version", "-V", "version")) {
            Run r = run(version);
            assertThat(r.code()).as(version).isZero();
            assertThat(r.out()).as(version).matches("csat \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(CSAT Kit\\), Java .+\n");
        }
    }

    @Test
    void everyCommandExplainsItselfWithHelpAndExitsWithZero() {
        for (String command : List.of("demo", "scales", "report", "parse")) {
            for (List<String> args : List.of(List.of(command, "--help"), List.of(command, "-h"),
                    List.of("help", command), List.of(command, "--bogus", "-h"))) {
                Run r = run(args.toArray(String[]::new));
                assertThat(r.code()).as("%s", args).isZero();
                assertThat(r.err()).as("%s", args).isEmpty();
                assertThat(r.out()).as("%s", args).startsWith("usage: csat " + command).contains("-h, --help");
            }
        }
        assertThat(run("report", "--help").out()).contains("--min-sample N", "--scale ID", "--low N");
        assertThat(run("demo", "--help").out()).contains("--output DIR", "checked before the run starts");
        assertThat(run("parse", "-h").out()).contains("--scale ID", "--locale TAG");
        assertThat(run("scales", "-h").out()).contains("en, fr, sv, ru, uk, pl, de, es");
        Run unknown = run("help", "frobnicate");
        assertThat(unknown.code()).isEqualTo(CsatCli.USAGE);
        assertThat(unknown.err()).startsWith("csat: unknown command 'frobnicate'");
    }

    @Test
    void scalesRefuseALanguageTheyHaveNoLabelsIn() {
        Run r = run("scales", "--locale", "ja");
        assertThat(r.code()).isEqualTo(CsatCli.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("csat scales: --locale ja: the scales have no labels in 'ja'; they have them"
                + " in en, fr, sv, ru, uk, pl, de, es\n");
        assertThat(run("scales", "--locale", "fr-CA").out()).as("a regional tag of a known language")
                .contains("Très satisfait");
        assertThat(run("scales", "--locale").err()).startsWith("csat scales: --locale needs a value");
    }

    @Test
    void theListOfCommandsIsPrintedWholeWhereverItIsShown() {
        StringBuilder commands = new StringBuilder();
        for (Command c : List.of(new DemoCommand(), new ScalesCommand(), new ReportCommand(), new ParseCommand())) {
            commands.append("  ").append(c.usage()).append('\n');
        }
        String help = "usage: java -jar csat-examples/target/csat.jar <command> [options]\n"
                + "\n"
                + "commands:\n"
                + commands
                + "\n"
                + "  java -jar csat-examples/target/csat.jar <command> --help   what a command does and its options\n"
                + "  java -jar csat-examples/target/csat.jar --version          the version\n"
                + "\n"
                + "Exit codes: 0 done, 1 failed while working, 2 a mistake on the command line or a file that\n"
                + "cannot be used (named with the reason).\n";
        assertThat(run("--help").out()).isEqualTo(help);
        assertThat(run().err()).isEqualTo(help);
        assertThat(run("frobnicate").err()).isEqualTo("csat: unknown command 'frobnicate'\n" + help);
        assertThat(run("help", "frobnicate").err()).isEqualTo("csat: unknown command 'frobnicate'\n" + help);
        assertThat(run("help", "frobnicate").out()).isEmpty();
    }

    @Test
    void scalesNameEachMistakeWithTheUsageAndExitWithTwo() {
        for (List<String> args : List.of(List.of("scales", "--locale"), List.of("scales", "--locale", "not a tag"),
                List.of("scales", "--locale", "ja"), List.of("scales", "--bogus"), List.of("scales", "sv"))) {
            Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s", args).isEqualTo(CsatCli.USAGE);
            assertThat(r.err()).as("%s", args).startsWith("csat scales: ").endsWith("\nusage: csat scales [--locale en]\n");
            assertThat(r.out()).as("%s", args).isEmpty();
        }
        assertThat(run("scales", "sv").err()).startsWith("csat scales: unexpected argument 'sv'\n");
    }

    @Test
    void theVersionIsTheBuildsOrSaysItIsUnknown() throws IOException {
        assertThat(CsatCli.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(CsatCli.version(new ByteArrayInputStream("version=1.4.2\n".getBytes(StandardCharsets.ISO_8859_1))))
                .isEqualTo("1.4.2");
        assertThat(CsatCli.version(new ByteArrayInputStream(new byte[0]))).isEqualTo("(unknown version)");
        assertThat(CsatCli.version(null)).isEqualTo("(unknown version)");
    }

    @Test
    void unknownCommandsAreNamed() {
        Run r = run("frobnicate");
        assertThat(r.code()).isEqualTo(CsatCli.USAGE);
        assertThat(r.err()).startsWith("csat: unknown command 'frobnicate'");
    }

    @Test
    void demoSimulatesAHelpdeskAndReportsIt() {
        Run r = run("demo", "--days", "1", "--interactions", "300");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("CSAT Kit demo: a simulated helpdesk, run through the real survey engine\n"
                + "Seed 42: 1 day from Monday 2025-03-03 (UTC), 300 interactions;").contains("Overall: CSAT");
        assertThat(run("demo", "--extra").code()).isEqualTo(CsatCli.USAGE);
    }

    @Test
    void scalesListsPresetsInTheRequestedLanguage() {
        Run r = run("scales", "--locale", "sv");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("five  (1..5, satisfied [4, 5], dissatisfied [1, 2], keypad SINGLE_KEY)")
                .contains("5 😍 POSITIVE Mycket nöjd")
                .contains("zero-ten  (0..10, satisfied [8, 9, 10], dissatisfied [0, 1, 2], keypad DIGITS_THEN_HASH)");
        assertThat(run("scales", "--locale", "not a tag").err()).contains("is not a BCP 47 language tag");
        assertThat(run("scales", "--bogus").err()).contains("unknown option '--bogus'");
    }
}
