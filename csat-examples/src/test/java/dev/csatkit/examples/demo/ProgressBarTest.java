package dev.csatkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final String NL = System.lineSeparator();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    @Test
    void onATerminalItRedrawsOneLineInPlace() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 5_000, true);
        assertThat(output()).isEqualTo("\rsimulating  [--------------------]    0%  0/5,000");

        bar.advance(2_250);

        assertThat(output()).endsWith("\rsimulating  [#########-----------]   45%  2,250/5,000");
        assertThat(output()).doesNotContain("\n");
    }

    @Test
    void onATerminalItRedrawsOnlyWhenThePercentageChanges() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 1_000_000, true);
        for (int i = 0; i < 1_000_000; i++) {
            bar.advance();
        }
        bar.finish();

        String text = output();
        assertThat(count(text, '\r')).isEqualTo(101);
        assertThat(text).endsWith("\rsimulating  [####################]  100%  1,000,000/1,000,000" + NL);
        assertThat(count(text, '\n')).isEqualTo(1);
    }

    @Test
    void finishingEarlyShowsWhereTheRunStoppedAndEndsTheLine() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 5_000, true);
        bar.update(2_251);
        bar.finish();

        assertThat(output()).endsWith("\rsimulating  [#########-----------]   45%  2,251/5,000" + NL);
    }

    @Test
    void offATerminalItPrintsALineAtEachTenPercent() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 5_000, false);
        for (int i = 0; i < 5_000; i++) {
            bar.advance();
        }
        bar.finish();

        List<String> lines = output().lines().toList();
        assertThat(output()).doesNotContain("\r");
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("simulating  [--------------------]    0%  0/5,000");
        assertThat(lines.get(1)).isEqualTo("simulating  [##------------------]   10%  500/5,000");
        assertThat(lines.get(10)).isEqualTo("simulating  [####################]  100%  5,000/5,000");
    }

    @Test
    void offATerminalAJumpPrintsOneLineWithTheActualPercentage() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 5_000, false);
        bar.update(3_350);
        bar.update(3_400);
        bar.finish();

        assertThat(output().lines().toList()).containsExactly(
                "simulating  [--------------------]    0%  0/5,000",
                "simulating  [#############-------]   67%  3,350/5,000",
                "simulating  [#############-------]   68%  3,400/5,000");
    }

    @Test
    void offATerminalFinishingAtAPrintedCountAddsNothing() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 10, false);
        bar.update(10);
        bar.finish();
        bar.finish();

        assertThat(output().lines().toList()).hasSize(2).last().asString().contains("100%  10/10");
    }

    @Test
    void theCountNeverGoesBack() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 100, false);
        bar.update(50);
        bar.update(20);

        assertThat(bar.done()).isEqualTo(50);
    }

    @Test
    void anEmptyRunIsCompleteAtOnce() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 0, false);
        bar.finish();

        assertThat(output()).isEqualTo("simulating  [####################]  100%  0/0" + NL);
    }

    @Test
    void countsBeyondTheTotalShowAFullBar() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 10, true);
        bar.advance(12);
        bar.finish();

        assertThat(output()).endsWith("\rsimulating  [####################]  100%  12/10" + NL);
    }

    @Test
    void afterFinishCountsAreKeptButNotDrawn() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 10, true);
        bar.finish();
        String finished = output();
        bar.advance(10);

        assertThat(bar.done()).isEqualTo(10);
        assertThat(output()).isEqualTo(finished);
    }

    @Test
    void aHugeAdvanceSaturatesRatherThanOverflowing() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 10, false);
        bar.advance(Long.MAX_VALUE);
        bar.advance(Long.MAX_VALUE);

        assertThat(bar.done()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void closingFinishes() {
        try (ProgressBar bar = ProgressBar.start(out, "simulating", 4, true)) {
            bar.advance(4);
        }
        assertThat(output()).endsWith("100%  4/4" + NL);
    }

    @Test
    void manyThreadsCountEveryUnitAndDrawInOrder() throws InterruptedException {
        int threads = 8;
        int each = 125_000;
        ProgressBar bar = ProgressBar.start(out, "simulating", (long) threads * each, true);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    bar.advance();
                }
            });
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        bar.finish();

        assertThat(bar.done()).isEqualTo((long) threads * each);
        List<Integer> shown = new ArrayList<>();
        Matcher m = Pattern.compile("\\]\\s+(\\d+)%").matcher(output());
        while (m.find()) {
            shown.add(Integer.parseInt(m.group(1)));
        }
        assertThat(shown).isSorted().doesNotHaveDuplicates().startsWith(0).endsWith(100);
        assertThat(output()).endsWith("100%  1,000,000/1,000,000" + NL);
    }

    @Test
    void badSettingsAreAllNamed() {
        assertThatThrownBy(() -> ProgressBar.start(out, " ", -1, true))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(v -> v.field()).containsExactly("label", "total"))
                .hasMessageContaining("-1").hasMessageContaining("must be between 0 and");
        assertThatThrownBy(() -> ProgressBar.start(out, "two\nlines", 1, true))
                .hasMessageContaining("label").hasMessageContaining("control characters");
        char[] longLabel = new char[ProgressBar.MAX_LABEL_LENGTH + 1];
        Arrays.fill(longLabel, 'x');
        assertThatThrownBy(() -> ProgressBar.start(out, new String(longLabel), 1, true))
                .hasMessageContaining("label");
        assertThatThrownBy(() -> ProgressBar.start(out, "ok", ProgressBar.MAX_TOTAL + 1, true))
                .hasMessageContaining("total");
        assertThat(output()).isEmpty();
    }

    @Test
    void negativeCountsAreRejected() {
        ProgressBar bar = ProgressBar.start(out, "simulating", 10, false);

        assertThatThrownBy(() -> bar.advance(-1)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("n = -1").hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> bar.update(-5)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("count = -5");
        assertThat(bar.done()).isZero();
    }
}
