package dev.csatkit.examples.demo;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongBinaryOperator;

/**
 * A text progress bar for a long run, such as a simulated week of helpdesk traffic.
 *
 * <p>On a terminal ({@code interactive}) it redraws one line in place with a carriage return:
 * <pre>
 * simulating  [#########-----------]  45%  2,250/5,000
 * </pre>
 * and redraws only when the whole percentage shown changes, so at most 101 times whatever the
 * total. When the output is a file or a CI log it prints the same line, one per line, each time
 * another 10 % is reached, so logs stay readable. The text holds no times or rates: the same
 * counts always print the same characters.
 *
 * <p>{@link #advance(long)} and {@link #update(long)} may be called from any number of threads,
 * millions of times: between two redraws they cost one atomic update and one comparison.
 * {@link #finish()} ends the line; counts that come after it are kept but no longer drawn.
 */
public final class ProgressBar implements AutoCloseable {

    /** The largest total, so that {@code count × 100} cannot overflow. */
    public static final long MAX_TOTAL = Long.MAX_VALUE / 100;
    /** The longest label, in characters. */
    public static final int MAX_LABEL_LENGTH = 40;
    /** Cells between the brackets. */
    static final int BAR_WIDTH = 20;
    private static final int LOG_STEP = 10;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final int step;
    private final AtomicLong done = new AtomicLong();
    private final Object lock = new Object();
    // Read on every advance without the lock: the smallest count that would change what is shown.
    private volatile long nextDrawAt;
    private int shownLevel = -1;
    private long shownCount = -1;
    private boolean finished;

    private ProgressBar(PrintStream out, String label, long total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.interactive = interactive;
        this.step = interactive ? 1 : LOG_STEP;
    }

    /**
     * Starts a bar and draws it at 0 %.
     *
     * @param out where to draw, usually {@code System.err}; not closed
     * @param label what is running, such as {@code simulating}; at most {@value #MAX_LABEL_LENGTH}
     *     characters, not blank, no control characters
     * @param total the count that makes 100 %, between 0 and {@link #MAX_TOTAL}; 0 is complete at once
     * @param interactive whether {@code out} is a terminal: redraw in place rather than print lines
     * @return the running bar
     * @throws InvalidConfigurationException naming every broken rule
     */
    public static ProgressBar start(PrintStream out, String label, long total, boolean interactive) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(label, "label");
        List<Violation> violations = new ArrayList<>();
        if (label.isBlank() || label.length() > MAX_LABEL_LENGTH || label.chars().anyMatch(Character::isISOControl)) {
            violations.add(Violation.of("label", label, "must be 1 to " + MAX_LABEL_LENGTH
                    + " characters, not blank, without control characters"));
        }
        if (total < 0 || total > MAX_TOTAL) {
            violations.add(Violation.of("total", total, "must be between 0 and " + MAX_TOTAL));
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigurationException(violations);
        }
        ProgressBar bar = new ProgressBar(out, label, total, interactive);
        bar.redraw();
        return bar;
    }

    /**
     * Starts a bar that redraws in place when this process runs on a terminal.
     *
     * @param out where to draw, usually {@code System.err}; not closed
     * @param label what is running
     * @param total the count that makes 100 %
     * @return the running bar
     * @throws InvalidConfigurationException naming every broken rule
     * @see #start(PrintStream, String, long, boolean)
     * @see #terminalAttached()
     */
    public static ProgressBar start(PrintStream out, String label, long total) {
        return start(out, label, total, terminalAttached());
    }

    /**
     * Whether this process runs on a terminal, the usual choice of {@code interactive}. The JVM
     * only knows about standard input and output, so a run whose error stream alone is redirected
     * still counts as interactive.
     *
     * @return {@code true} when a console is attached
     */
    public static boolean terminalAttached() {
        return System.console() != null;
    }

    /** Counts one more unit of work. */
    public void advance() {
        advance(1);
    }

    /**
     * Counts more work done.
     *
     * @param n units done since the last call, not negative
     * @throws InvalidConfigurationException when {@code n} is negative
     */
    public void advance(long n) {
        count("n", n, ProgressBar::saturatedAdd);
    }

    /**
     * Sets how much work is done. The count never goes back: a smaller value than the current
     * one, such as a late report from a slower thread, is ignored.
     *
     * @param count units done so far, not negative
     * @throws InvalidConfigurationException when {@code count} is negative
     */
    public void update(long count) {
        count("count", count, Math::max);
    }

    /** Folds a caller's figure into the count and redraws when what is shown would change. */
    private void count(String field, long value, LongBinaryOperator fold) {
        if (value < 0) {
            throw new InvalidConfigurationException(Violation.of(field, value, "must not be negative"));
        }
        if (done.accumulateAndGet(value, fold) >= nextDrawAt) {
            redraw();
        }
    }

    /** @return units counted so far, including any counted after {@link #finish()} */
    public long done() {
        return done.get();
    }

    /** @return the count that makes 100 % */
    public long total() {
        return total;
    }

    /** @return whether the bar redraws in place rather than printing lines */
    public boolean interactive() {
        return interactive;
    }

    /**
     * Draws the final count and ends the line. A run stopped early shows where it stopped.
     * Calling it again does nothing.
     */
    public void finish() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            nextDrawAt = Long.MAX_VALUE;
            long d = done.get();
            if (d != shownCount) {
                print(d, percent(d));
            }
            if (interactive) {
                out.println();
            }
            out.flush();
        }
    }

    /** Same as {@link #finish()}, so that a bar can live in a try-with-resources block. */
    @Override
    public void close() {
        finish();
    }

    private void redraw() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            // Another thread may have drawn this level already, or a higher one.
            long d = done.get();
            int percent = percent(d);
            int level = percent / step * step;
            if (level <= shownLevel) {
                return;
            }
            shownLevel = level;
            nextDrawAt = level >= 100 ? Long.MAX_VALUE : countFor(level + step);
            print(d, percent);
            out.flush();
        }
    }

    /**
     * Writes the line, in place on a terminal. No padding is needed to cover the previous line:
     * the count only grows, so each line is at least as long as the one before.
     */
    private void print(long d, int percent) {
        shownCount = d;
        String text = line(d, percent);
        if (interactive) {
            out.print('\r' + text);
        } else {
            out.println(text);
        }
    }

    /** The bar's text for a count, without carriage return or line end. */
    String line(long d, int percent) {
        int filled = percent * BAR_WIDTH / 100;
        return label + "  [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]  "
                + String.format(Locale.ROOT, "%3d%%  %,d/%,d", percent, d, total);
    }

    /** Whole percent done, rounded down, at most 100; a total of 0 is complete. */
    private int percent(long d) {
        return d >= total ? 100 : (int) (d * 100 / total);
    }

    /** The smallest count whose whole percentage is at least {@code percent}. */
    private long countFor(int percent) {
        long scaled = percent * total;
        return scaled / 100 + (scaled % 100 == 0 ? 0 : 1);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
