package dev.csatkit.benchmarks;

import dev.csatkit.reply.KeypadParser;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScales;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reply parsing beside its baseline, {@code Integer.parseInt(s.strip())}, in the same run.
 *
 * <ul>
 *   <li>{@code baselineParseInt}: the digit replies through {@code Integer.parseInt(s.strip())};</li>
 *   <li>{@code parseDigits}: the same replies through the parser — target: at most 3× the
 *       baseline's time per reply;</li>
 *   <li>{@code parseMixed}: a corpus of digits, words in several languages, labels, emoji,
 *       stars, opt-outs, comments and junk;</li>
 *   <li>{@code keypad}: key sequences through the keypad parser.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar csat-benchmarks/target/benchmarks.jar ReplyParserBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplyParserBenchmark {

    private static final int DIGIT_COUNT = 8;
    private static final int MIXED_COUNT = 32;
    private static final int KEYS_COUNT = 8;

    /** Replies {@code Integer.parseInt(s.strip())} accepts. */
    private final String[] digits = {"5", "4", " 3", "1 ", "2", "\t4", "5\n", "3"};

    private final String[] mixed = {
        "5", " 4 .", "5!!!", "4/5", "4 out of 5", "4 stars", "rating: 3", "I'd give it a 4",
        "five", "cinq", "fem", "пять", "п'ять", "pięć", "fünf", "cinco",
        "very satisfied", "Très satisfait !", "😍", "😡", "⭐⭐⭐⭐", "５",
        "STOP", "Unsubscribe", "don't stop calling me", "HELP",
        "5 great service, thanks", "The agent was rude and slow", "4 or 5", "7", "???", "asdf;lkj 12:30 ✈️ lol"};

    private final Locale[] locales = {
        Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH,
        Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("sv"),
        Locale.forLanguageTag("ru"), Locale.forLanguageTag("uk"), Locale.forLanguageTag("pl"), Locale.GERMAN,
        Locale.forLanguageTag("es"), Locale.ENGLISH, Locale.FRENCH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH,
        Locale.JAPANESE, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH,
        Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH, Locale.ENGLISH};

    private final String[] keys = {"7", "10#", "1", "*", "", "0", "A", "5"};

    private final ReplyParser five = ReplyParser.forScale(RatingScales.fivePoint());
    private final KeypadParser keypad = KeypadParser.forScale(RatingScales.zeroToTen());

    /**
     * The baseline: the cheapest possible reading of a digit reply.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(DIGIT_COUNT)
    public void baselineParseInt(Blackhole bh) {
        for (String s : digits) {
            bh.consume(Integer.parseInt(s.strip()));
        }
    }

    /**
     * The same digit replies through the parser.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(DIGIT_COUNT)
    public void parseDigits(Blackhole bh) {
        for (String s : digits) {
            bh.consume(five.parse(s, Locale.ENGLISH));
        }
    }

    /**
     * A mixed corpus through the parser.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(MIXED_COUNT)
    public void parseMixed(Blackhole bh) {
        for (int i = 0; i < mixed.length; i++) {
            bh.consume(five.parse(mixed[i], locales[i]));
        }
    }

    /**
     * Key sequences through the keypad parser.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(KEYS_COUNT)
    public void keypad(Blackhole bh) {
        for (String k : keys) {
            bh.consume(keypad.parse(k));
        }
    }
}
