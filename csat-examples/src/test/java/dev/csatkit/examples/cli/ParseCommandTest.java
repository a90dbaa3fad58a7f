package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code csat parse} run in-process through {@link CsatCli#run}, with byte streams.
 */
class ParseCommandTest {

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        /** The lines printed; every one, the last included, must end with a newline. */
        List<String> lines() {
            assertThat(out.isEmpty() || out.endsWith("\n")).as("output ends with a newline").isTrue();
            return out.lines().toList();
        }
    }

    static Run csat(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CsatCli().run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneJsonObjectPerLineInInputOrder() {
        Run run = csat(String.join("\n", "5", " 4 .", "5 great service, thanks", "STOP", "don't stop calling me",
                "7", "4 or 5", "", "HELP", "START", "thanks!", "???") + "\n", "parse", "--scale", "five");
        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.lines()).containsExactly(
                "{\"input\": \"5\", \"outcome\": \"RATING\", \"value\": 5}",
                "{\"input\": \" 4 .\", \"outcome\": \"RATING\", \"value\": 4}",
                "{\"input\": \"5 great service, thanks\", \"outcome\": \"RATING\", \"value\": 5, "
                        + "\"comment\": \"great service, thanks\"}",
                "{\"input\": \"STOP\", \"outcome\": \"OPT_OUT\", \"certain\": true, \"keyword\": \"STOP\", "
                        + "\"words\": [\"STOP\"]}",
                "{\"input\": \"don't stop calling me\", \"outcome\": \"COMMENT\", \"comment\": \"don't stop calling me\"}",
                "{\"input\": \"7\", \"outcome\": \"INVALID\", \"reason\": \"OUT_OF_RANGE\"}",
                "{\"input\": \"4 or 5\", \"outcome\": \"INVALID\", \"reason\": \"AMBIGUOUS\"}",
                "{\"input\": \"\", \"outcome\": \"INVALID\", \"reason\": \"EMPTY\"}",
                "{\"input\": \"HELP\", \"outcome\": \"HELP\"}",
                "{\"input\": \"START\", \"outcome\": \"OPT_IN\"}",
                "{\"input\": \"thanks!\", \"outcome\": \"COMMENT\", \"comment\": \"thanks!\"}",
                "{\"input\": \"???\", \"outcome\": \"INVALID\", \"reason\": \"UNRECOGNIZED\"}");
    }

    @Test
    void anOptOutShowsWhetherItIsCertainTheKeywordAndTheCustomersWords() {
        Run run = csat(String.join("\n", "stop, it was great, 5", "Please stop texting me about the 5 tickets",
                "Stop. Unsubscribe me", "5 the agent stopped the problem") + "\n", "parse", "--scale", "five");
        assertThat(run.lines()).containsExactly(
                "{\"input\": \"stop, it was great, 5\", \"outcome\": \"OPT_OUT\", \"certain\": false, "
                        + "\"keyword\": \"STOP\", \"words\": [\"stop\"]}",
                "{\"input\": \"Please stop texting me about the 5 tickets\", \"outcome\": \"OPT_OUT\", "
                        + "\"certain\": true, \"keyword\": \"STOP MESSAGES\", \"words\": [\"stop texting\"]}",
                "{\"input\": \"Stop. Unsubscribe me\", \"outcome\": \"OPT_OUT\", \"certain\": true, "
                        + "\"keyword\": \"UNSUBSCRIBE\", \"words\": [\"Stop\", \"Unsubscribe\"]}",
                "{\"input\": \"5 the agent stopped the problem\", \"outcome\": \"RATING\", \"value\": 5, "
                        + "\"comment\": \"the agent stopped the problem\"}");
        assertThat(csat("arrêtez les SMS\n", "parse", "--scale", "five", "--locale", "fr").lines()).containsExactly(
                "{\"input\": \"arrêtez les SMS\", \"outcome\": \"OPT_OUT\", \"certain\": true, "
                        + "\"keyword\": \"ARRÊTEZ LES MESSAGES\", \"words\": [\"arrêtez les SMS\"]}");
    }

    @Test
    void everyLineIsValidJsonWithExactlyTheSpecifiedFields() throws Exception {
        Run run = csat("5\n5 thanks\nhello\nSTOP\nYES\nINFO\n9\n\u0000\n", "parse", "--scale", "five");
        ObjectMapper json = new ObjectMapper();
        List<List<String>> fields = new ArrayList<>();
        for (String line : run.lines()) {
            JsonNode node = json.readTree(line);
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            fields.add(names);
        }
        assertThat(fields).containsExactly(
                List.of("input", "outcome", "value"),
                List.of("input", "outcome", "value", "comment"),
                List.of("input", "outcome", "comment"),
                List.of("input", "outcome", "certain", "keyword", "words"),
                List.of("input", "outcome"),
                List.of("input", "outcome"),
                List.of("input", "outcome", "reason"),
                List.of("input", "outcome", "reason"));
        assertThat(json.readTree(run.lines().get(0)).get("value").isInt()).isTrue();
        assertThat(json.readTree(run.lines().get(7)).get("input").asText()).isEqualTo("\u0000");
        assertThat(json.readTree(run.lines().get(3)).get("certain").isBoolean()).isTrue();
        assertThat(json.readTree(run.lines().get(3)).get("words").isArray()).isTrue();
    }

    @Test
    void theLocalePicksTheLanguage() {
        assertThat(csat("cinq\ntrès satisfait\n", "parse", "--scale", "five", "--locale", "fr").lines()).containsExactly(
                "{\"input\": \"cinq\", \"outcome\": \"RATING\", \"value\": 5}",
                "{\"input\": \"très satisfait\", \"outcome\": \"RATING\", \"value\": 5}");
        assertThat(csat("cinq\n", "parse", "--scale", "five").lines()).containsExactly(
                "{\"input\": \"cinq\", \"outcome\": \"COMMENT\", \"comment\": \"cinq\"}");
        assertThat(csat("пʼять\n", "parse", "--scale", "five", "--locale", "uk").lines()).containsExactly(
                "{\"input\": \"пʼять\", \"outcome\": \"RATING\", \"value\": 5}");
    }

    @Test
    void everyPresetScale() {
        assertThat(csat("9\n", "parse", "--scale", "keypad9").lines())
                .containsExactly("{\"input\": \"9\", \"outcome\": \"RATING\", \"value\": 9}");
        assertThat(csat("😐\n", "parse", "--scale", "three").lines())
                .containsExactly("{\"input\": \"😐\", \"outcome\": \"RATING\", \"value\": 2}");
        assertThat(csat("👍\n", "parse", "--scale", "thumbs").lines())
                .containsExactly("{\"input\": \"👍\", \"outcome\": \"RATING\", \"value\": 2}");
        assertThat(csat("10/10\n", "parse", "--scale", "zero-ten").lines())
                .containsExactly("{\"input\": \"10/10\", \"outcome\": \"RATING\", \"value\": 10}");
    }

    @Test
    void lineEndsAndTheLastLineWithoutOne() {
        assertThat(csat("5\r\n4\n3", "parse", "--scale", "five").lines()).containsExactly(
                "{\"input\": \"5\", \"outcome\": \"RATING\", \"value\": 5}",
                "{\"input\": \"4\", \"outcome\": \"RATING\", \"value\": 4}",
                "{\"input\": \"3\", \"outcome\": \"RATING\", \"value\": 3}");
        assertThat(csat("", "parse", "--scale", "five").out()).isEmpty();
    }

    @Test
    void controlCharactersAndQuotesAreEscaped() {
        assertThat(csat("\"5\"\t\\\n", "parse", "--scale", "five").lines())
                .containsExactly("{\"input\": \"\\\"5\\\"\\t\\\\\", \"outcome\": \"RATING\", \"value\": 5}");
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new CsatCli().run(List.of("parse", "--scale", "five"),
                new ByteArrayInputStream(new byte[] {'5', ' ', (byte) 0xC3, '\n'}),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"input\": \"5 \uFFFD\", \"outcome\": \"RATING\", \"value\": 5, \"comment\": \"\uFFFD\"}\n");
    }

    @Test
    void longRepliesSayTheyWereCut() {
        String reply = "5 " + "long ".repeat(1000);
        String line = csat(reply + "\n", "parse", "--scale", "five").lines().get(0);
        assertThat(line).startsWith("{\"input\": \"5 long long").contains("\"outcome\": \"RATING\", \"value\": 5")
                .endsWith(", \"truncated\": true}");
    }

    @Test
    void usageErrors() {
        Run missing = csat("", "parse");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("csat parse: --scale is required\nusage: csat parse --scale "
                + "five|keypad9|three|thumbs|zero-ten [--locale fr]");
        Run unknown = csat("", "parse", "--scale", "seven");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err())
                .startsWith("csat parse: --scale seven: must be one of five, keypad9, three, thumbs, zero-ten\n");
        assertThat(csat("", "parse", "--scale", "five", "--locale", "not a tag!").err())
                .startsWith("csat parse: --locale not a tag!: is not a BCP 47 language tag\n");
        assertThat(csat("", "parse", "--scale", "five", "--locale").err())
                .startsWith("csat parse: --locale needs a value\n");
        assertThat(csat("", "parse", "--scale", "five", "--json").err())
                .startsWith("csat parse: unknown option '--json'\n");
        assertThat(csat("", "parse", "--scale", "five", "--json").out()).isEmpty();
    }

    @Test
    void aLocaleMustBeATagThatNamesALanguage() {
        Run noLanguage = csat("5\n", "parse", "--scale", "five", "--locale", "und");
        assertThat(noLanguage.code()).isEqualTo(CsatCli.USAGE);
        assertThat(noLanguage.err()).startsWith("csat parse: --locale und: must name a language\nusage: csat parse ");
        assertThat(noLanguage.out()).isEmpty();
        Run notATag = csat("5\n", "parse", "--scale", "five", "--locale", "not a tag!");
        assertThat(notATag.code()).isEqualTo(CsatCli.USAGE);
        assertThat(notATag.out()).isEmpty();
    }

    @Test
    void aLineOverAMillionCharactersIsCutThereAndTheNextLineIsReadWhole() throws Exception {
        String line = "5" + "x".repeat(ParseCommand.MAX_LINE + 1);
        List<String> out = csat(line + "\n4\n", "parse", "--scale", "five").lines();
        assertThat(out).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(out.get(0)).get("input").asText()).isEqualTo(line.substring(0, ParseCommand.MAX_LINE));
        assertThat(json.readTree(out.get(1)).get("input").asText()).isEqualTo("4");
    }

    @Test
    void eachOutcomeIsWrittenOutAsSoonAsItsLineIsRead() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        // Buffered and not flushing by itself, as standard output into a pipe is.
        PrintStream stdout = new PrintStream(new BufferedOutputStream(seen, 1 << 16), false, StandardCharsets.UTF_8);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CsatCli()
                .run(List.of("parse", "--scale", "five"), stdin, stdout, System.err));
        typing.write("5 thanks\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        Instant until = Instant.now().plusSeconds(30);
        while (!seen.toString(StandardCharsets.UTF_8).endsWith("\n") && Instant.now().isBefore(until)) {
            Thread.sleep(5);
        }
        assertThat(seen.toString(StandardCharsets.UTF_8)).as("the first outcome, with the input still open")
                .startsWith("{\"input\": \"5 thanks\", \"outcome\": \"RATING\"").endsWith("}\n");
        typing.close();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aFailingInputEndsTheRunWithOneAndTheReason() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the terminal went away");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CsatCli().run(List.of("parse", "--scale", "five"), failing,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("csat parse: cannot read standard input: the terminal went away\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void listedInHelp() {
        assertThat(csat("", "help").out()).contains("parse --scale five|keypad9|three|thumbs|zero-ten [--locale fr]");
    }
}
