package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
        assertThat(r.err()).contains("usage: java -jar csat.jar <command>").contains("demo").contains("scales");
        assertThat(run("help").code()).isZero();
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
