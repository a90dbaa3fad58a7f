package dev.csatkit.benchmarks;

import dev.csatkit.export.CsvExport;
import dev.csatkit.score.SurveyResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The responses file the reading benchmarks share, written through the library's own streaming
 * {@link CsvExport}: a quarter of surveys sent by 1 000 agents in 20 teams, 80 % rated, 3 %
 * invalid replies, 2 % late, the rest unanswered; low ratings carry a comment with a comma, so
 * some cells are quoted. The same seed gives the same file.
 */
public final class ResponsesFile {

    private ResponsesFile() {
    }

    /**
     * Writes the file.
     *
     * @param file where to write
     * @param rows how many responses
     * @param seed the random seed
     * @throws UncheckedIOException when writing fails
     */
    public static void write(Path file, int rows, long seed) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvExport.writeResponses(responses(rows, seed), out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * @param rows how many responses
     * @param seed the random seed
     * @return the responses, generated as they are read
     */
    public static Iterator<SurveyResponse> responses(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Locale swedish = Locale.forLanguageTag("sv");
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public SurveyResponse next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = i++;
                Instant sent = start.plusSeconds(random.nextLong(90L * 86_400));
                SurveyResponse.Builder b = SurveyResponse.builder("call-" + n, "post-call", sent)
                        .agent(String.format(Locale.ROOT, "agent-%03d", random.nextInt(1_000)))
                        .team("team-" + random.nextInt(20)).channel(random.nextBoolean() ? "sms" : "email")
                        .entryPoint("+4681234" + random.nextInt(100)).locale(swedish)
                        .caseType(random.nextBoolean() ? "billing" : "outage");
                int outcome = random.nextInt(100);
                if (outcome < 80) {
                    int score = 1 + random.nextInt(5);
                    b.rating(score, sent.plusSeconds(60 + random.nextInt(3_600)));
                    if (score <= 2) {
                        b.comment("Waited too long, case " + n);
                    }
                } else if (outcome < 83) {
                    b.invalidReply(sent.plusSeconds(30));
                } else if (outcome < 85) {
                    b.lateReply(OptionalInt.of(4), sent.plusSeconds(9 * 86_400));
                }
                return b.build();
            }
        };
    }

    /**
     * Writes a file from the command line: {@code ResponsesFile FILE [ROWS] [SEED]}.
     *
     * @param args the file, then optionally the number of rows (1 000 000) and the seed (7)
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ResponsesFile FILE [ROWS] [SEED]");
            System.exit(2);
        }
        write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000,
                args.length > 2 ? Long.parseLong(args[2]) : 7);
    }
}
