package dev.csatkit.benchmarks;

import static dev.csatkit.benchmarks.LedgerKeys.CONTACTS;
import static dev.csatkit.benchmarks.LedgerKeys.RETENTION;
import static dev.csatkit.benchmarks.LedgerKeys.T0;
import static dev.csatkit.benchmarks.LedgerKeys.WINDOW;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.csatkit.internal.store.Reservation;
import java.util.Locale;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Retained heap per tracked contact — one interaction claim and one cap hold, from one
 * {@code reserveOnce} each — for 1 000 000 contacts in {@link Ledger}, beside the
 * baseline of the same two keys per contact in a bare Caffeine cache
 * ({@code asMap().putIfAbsent(key, untilMillis)}).
 *
 * <p>Each structure is filled in its own fork during setup, with keys built on the fly as the
 * engine builds them, and measured as the heap in use after full collections, before and after.
 * The figure is the {@code bytesPerContact} line of the summary (and is printed at setup).
 * The scores themselves are a replay of a tracked contact, for scale: {@code reserveOnce}
 * answering already claimed, and {@code putIfAbsent} finding the interaction key.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class LedgerFootprintBenchmark {

    static final int SAMPLE = 1 << 12;

    /** The ledger, filled and measured. */
    @State(Scope.Benchmark)
    public static class Ledger {
        dev.csatkit.internal.store.Ledger ledger = new dev.csatkit.internal.store.Ledger();
        double bytesPerContact;
        final Replays replays = new Replays();

        /** Fills the ledger with one {@code reserveOnce} per contact and measures what it retains. */
        @Setup(Level.Trial)
        public void setUp() {
            long before = LedgerKeys.retainedHeap();
            dev.csatkit.internal.store.Ledger filled = new dev.csatkit.internal.store.Ledger();
            for (int i = 0; i < CONTACTS; i++) {
                filled.reserveOnce(LedgerKeys.interaction(i), LedgerKeys.contact(i), T0, WINDOW, RETENTION);
            }
            ledger = filled;
            bytesPerContact = report("InMemorySurveyStore ledger", before, LedgerKeys.retainedHeap(), filled.size());
            replays.sample();
        }
    }

    /** The baseline, filled and measured. */
    @State(Scope.Benchmark)
    public static class CaffeineBaseline {
        ConcurrentMap<String, Long> map = Caffeine.newBuilder().<String, Long>build().asMap();
        long until = T0.plus(RETENTION).toEpochMilli();
        double bytesPerContact;
        final Replays replays = new Replays();

        /** Puts both keys of every contact, each with its own expiry, and measures what the cache retains. */
        @Setup(Level.Trial)
        public void setUp() {
            long before = LedgerKeys.retainedHeap();
            Cache<String, Long> cache = Caffeine.newBuilder().build();
            ConcurrentMap<String, Long> filled = cache.asMap();
            long claimUntil = T0.plus(RETENTION).toEpochMilli();
            long holdUntil = T0.plus(WINDOW).toEpochMilli();
            for (int i = 0; i < CONTACTS; i++) {
                // Distinct expiries, as contacts decided at different instants would have.
                filled.putIfAbsent(LedgerKeys.interaction(i), claimUntil + i);
                filled.putIfAbsent(LedgerKeys.contact(i), holdUntil + i);
            }
            map = filled;
            bytesPerContact = report("Caffeine asMap().putIfAbsent", before, LedgerKeys.retainedHeap(),
                    filled.size());
            replays.sample();
        }
    }

    /** Keys of a sample of tracked contacts, built after the measurement, to replay. */
    static final class Replays {
        final String[] interactions = new String[SAMPLE];
        final String[] contacts = new String[SAMPLE];
        int next;

        void sample() {
            for (int j = 0; j < SAMPLE; j++) {
                int i = (int) ((long) j * CONTACTS / SAMPLE);
                interactions[j] = LedgerKeys.interaction(i);
                contacts[j] = LedgerKeys.contact(i);
            }
        }

        int next() {
            int j = next;
            next = (j + 1) & (SAMPLE - 1);
            return j;
        }
    }

    /**
     * The measured figure, shown beside the score. JMH adds event counters up over the
     * measurement iterations, so each iteration reports its share and the summary line shows the
     * figure itself.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        /** Retained heap bytes per tracked contact. */
        public double bytesPerContact;
        int iterations = 1;

        /** Reads how many measurement iterations will share the figure. */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            iterations = Math.max(1, params.getMeasurement().getCount());
        }
    }

    static double report(String what, long before, long after, int entries) {
        double perContact = (double) (after - before) / CONTACTS;
        System.out.printf(Locale.ROOT, "%n%s: %d entries for %d contacts retain %.1f MB, %.1f bytes per contact%n",
                what, entries, CONTACTS, (after - before) / 1e6, perContact);
        return perContact;
    }

    /**
     * @return a replay of a tracked contact through the ledger: already claimed
     */
    @Benchmark
    public Reservation ledger(Ledger s, Footprint f) {
        f.bytesPerContact = s.bytesPerContact / f.iterations;
        int j = s.replays.next();
        return s.ledger.reserveOnce(s.replays.interactions[j], s.replays.contacts[j], T0, WINDOW, RETENTION);
    }

    /**
     * @return a replay of a tracked contact through the baseline: the interaction key is present
     */
    @Benchmark
    public Long caffeineBaseline(CaffeineBaseline s, Footprint f) {
        f.bytesPerContact = s.bytesPerContact / f.iterations;
        int j = s.replays.next();
        return s.map.putIfAbsent(s.replays.interactions[j], s.until);
    }
}
