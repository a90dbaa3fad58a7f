package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar csat.jar parse} as a separate process, on the jar that {@code mvn package}
 * built.
 */
class ParseCommandIT {

    /** What the process printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result csat(String stdin, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("csat.jar", "target/csat.jar"));
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("csat exits").isTrue();
        return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parsesRepliesFromStandardInput() throws Exception {
        Result result = csat("5\ncinq étoiles, merci\n⭐⭐⭐⭐\nSTOP\n4 or 5\n", "parse", "--scale", "five", "--locale", "fr");
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).isEqualTo(String.join("\n",
                "{\"input\": \"5\", \"outcome\": \"RATING\", \"value\": 5}",
                "{\"input\": \"cinq étoiles, merci\", \"outcome\": \"RATING\", \"value\": 5, \"comment\": \"merci\"}",
                "{\"input\": \"⭐⭐⭐⭐\", \"outcome\": \"RATING\", \"value\": 4}",
                "{\"input\": \"STOP\", \"outcome\": \"OPT_OUT\", \"certain\": true, \"keyword\": \"STOP\", "
                        + "\"words\": [\"STOP\"]}",
                "{\"input\": \"4 or 5\", \"outcome\": \"INVALID\", \"reason\": \"AMBIGUOUS\"}") + "\n");
    }

    @Test
    void aUsageErrorExitsWithTwo() throws Exception {
        Result result = csat("", "parse", "--scale", "eleven");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("csat parse: --scale eleven: must be one of five, keypad9, three, thumbs, zero-ten");
    }

    @Test
    void manyLinesStreamThrough() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            input.append(i % 11).append('\n');
        }
        Result result = csat(input.toString(), "parse", "--scale", "zero-ten");
        assertThat(result.code()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines).hasSize(5000);
        assertThat(lines[4999]).isEqualTo("{\"input\": \"5\", \"outcome\": \"RATING\", \"value\": 5}");
        assertThat(Files.exists(Path.of(System.getProperty("csat.jar", "target/csat.jar")))).isTrue();
    }
}
