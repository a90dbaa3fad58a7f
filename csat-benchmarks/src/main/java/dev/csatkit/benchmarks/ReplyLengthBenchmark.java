package dev.csatkit.benchmarks;

import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScales;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per reply against reply length: it grows linearly up to {@link ReplyParser#MAX_LENGTH}
 * characters and stays flat after, where replies are cut. The baseline,
 * {@code String.toLowerCase(Locale.ROOT)} of the same text, is one plain pass over every
 * character.
 *
 * <p>Run: {@code java -jar csat-benchmarks/target/benchmarks.jar ReplyLengthBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplyLengthBenchmark {

    /** Characters in the reply. */
    @Param({"100", "500", "1000", "2000", "10000", "100000"})
    public int length;

    private String reply;
    private final ReplyParser five = ReplyParser.forScale(RatingScales.fivePoint());

    /** Builds a rating followed by a long comment mixing words, digits and emoji. */
    @Setup
    public void setUp() {
        String words = "great service, answered in 2 minutes 🙂 merci beaucoup, очень быстро! ";
        StringBuilder sb = new StringBuilder("5 ");
        while (sb.length() < length) {
            sb.append(words);
        }
        sb.setLength(length);
        reply = sb.toString();
    }

    /**
     * The reply through the parser.
     *
     * @return the outcome
     */
    @Benchmark
    public Object parse() {
        return five.parse(reply, Locale.ENGLISH);
    }

    /**
     * The baseline: one pass over the whole text.
     *
     * @return the text in lower case
     */
    @Benchmark
    public Object baselineLowerCase() {
        return reply.toLowerCase(Locale.ROOT);
    }
}
