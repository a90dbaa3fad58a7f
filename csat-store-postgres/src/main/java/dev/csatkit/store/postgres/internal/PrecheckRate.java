package dev.csatkit.store.postgres.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether {@code precheck}'s read is worth its round trip. The read pays when it refuses: the
 * decision then costs one plain read instead of a survey built and a call of the schedule
 * function. When it does not refuse, it is a round trip spent before {@code schedule}'s own,
 * which reads the same rows anyway. So the store counts how many of its reads refused over
 * windows of {@value #WINDOW}; while fewer than one in {@value #WORTH_IT} did (a helpdesk whose
 * contacts are mostly new, or with a short cap), it reads for only one decision in
 * {@value #SAMPLE}, which keeps the count going, and answers the others empty without reading.
 *
 * <p>Only cost depends on it, never an outcome: {@code schedule} refuses whatever the read did not.
 * The counters are shared by the store's threads and may lose a count in a race, which only moves
 * a window's end a little.
 */
public final class PrecheckRate {

    /** Reads per window. */
    static final int WINDOW = 256;
    /** The read is worth its round trip while at least one in this many refuses. */
    static final int WORTH_IT = 4;
    /** While it is not, one decision in this many is read. */
    static final int SAMPLE = 16;

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private volatile boolean worthIt = true;

    /** @return whether this decision's precheck should read */
    public boolean shouldRead() {
        return worthIt || Math.floorMod(skipped.getAndIncrement(), SAMPLE) == 0;
    }

    /**
     * Counts a read.
     *
     * @param refusal whether it refused the decision
     */
    public void record(boolean refusal) {
        int r = refusal ? refused.incrementAndGet() : refused.get();
        if (reads.incrementAndGet() >= WINDOW) {
            worthIt = r * WORTH_IT >= WINDOW;
            reads.set(0);
            refused.set(0);
        }
    }
}
