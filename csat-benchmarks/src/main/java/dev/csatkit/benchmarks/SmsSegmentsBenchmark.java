package dev.csatkit.benchmarks;

import dev.csatkit.channel.SmsSegments;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counting SMS segments for a three-segment survey prompt, beside a baseline that looks every
 * character up in the alphabet strings, as a straightforward implementation would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmsSegmentsBenchmark {

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    /** The prompt's script. */
    @Param({"gsm", "ucs2"})
    public String script;

    private String text;

    /** Builds a prompt of about 400 characters. */
    @Setup
    public void setUp() {
        String unit = script.equals("gsm")
                ? "How did we do? Reply 1 (bad) to 5 {great}. Reply STOP to opt out. "
                : "Как мы справились? Ответьте от 1 до 5 😀. СТОП — отписаться. ";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 400) {
            sb.append(unit);
        }
        text = sb.toString();
    }

    /** @return the segments, as the library counts them */
    @Benchmark
    public int library() {
        return SmsSegments.count(text).segments();
    }

    /** @return the segments, by alphabet look-up with {@code indexOf} and the textbook formula */
    @Benchmark
    public int baselineIndexOf() {
        int units = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                units++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                units += 2;
            } else {
                gsm = false;
            }
        }
        if (!gsm) {
            units = text.length();
        }
        int single = gsm ? 160 : 70;
        int per = gsm ? 153 : 67;
        return units <= single ? 1 : (units + per - 1) / per;
    }
}
