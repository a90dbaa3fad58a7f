package dev.csatkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;

/** Keys and times shared by the ledger benchmarks, shaped like the ones the engine builds. */
final class LedgerKeys {

    static final int CONTACTS = 1_000_000;
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration WINDOW = Duration.ofDays(1);
    static final Duration RETENTION = Duration.ofDays(2);

    private LedgerKeys() {
    }

    /** A frequency-cap key across surveys: {@code *\u0000contact-0001234}. */
    static String contact(int i) {
        return padded("*\u0000contact-", i, 7);
    }

    /** An interaction key: {@code interaction-000123456}. */
    static String interaction(int i) {
        return padded("interaction-", i, 9);
    }

    private static String padded(String prefix, int n, int digits) {
        String s = Integer.toString(n);
        return prefix + "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    /** Heap in use after full collections: what the live objects retain. */
    static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
