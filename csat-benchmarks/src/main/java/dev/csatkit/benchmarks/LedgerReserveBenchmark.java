package dev.csatkit.benchmarks;

import static dev.csatkit.benchmarks.LedgerKeys.CONTACTS;
import static dev.csatkit.benchmarks.LedgerKeys.RETENTION;
import static dev.csatkit.benchmarks.LedgerKeys.T0;
import static dev.csatkit.benchmarks.LedgerKeys.WINDOW;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.csatkit.internal.store.Reservation;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
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

/**
 * {@code reserveOnce} over 1 000 000 contacts, cycled, beside the baseline of a bare Caffeine
 * cache's {@code asMap().putIfAbsent(key, untilMillis)} over the same keys, one thread.
 *
 * <ul>
 *   <li>{@code reserveOnceGrant}: the engine's common write — every call a new interaction for a
 *       returning contact whose hold has just expired, so every call claims and holds. Time moves
 *       on by the cap window at each lap, and four sets of interaction keys take turns, so a key
 *       comes back only after its claim has expired;</li>
 *   <li>{@code reserveOnceDenied}: a new interaction for a contact still held: nothing written;</li>
 *   <li>{@code reserveOnceReplay}: an interaction seen before: already claimed, nothing written;</li>
 *   <li>{@code caffeinePutIfAbsent}: the baseline, one contact key per call, present after the
 *       first lap (as a cap is a present key most of the time); {@code caffeinePutIfAbsentBoth}
 *       puts the interaction key and the contact key, the two entries the ledger writes.</li>
 * </ul>
 *
 * <p>These reuse the same {@code String} instances in the order they were inserted: the
 * baseline finds each key by its cached hash code and by identity, and reads its nodes in
 * allocation order, while the ledger hashes both keys in full on every call. The engine instead
 * builds its keys afresh for contacts that come back in no particular order, which the last pair
 * measures: {@code replayFreshKeys} and {@code caffeinePutIfAbsentBothFreshKeys} build the same
 * two key strings per call for contacts visited in a scrambled order, and both look up the same
 * two present entries (already claimed; present keys).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class LedgerReserveBenchmark {

    static final int ROUNDS = 4;
    /** Visits every contact once per lap in a scrambled order: odd and prime to 5, so coprime to 10^6. */
    static final int STRIDE = 387_419;

    /** The keys: one cap key per contact and {@value #ROUNDS} interaction keys per contact. */
    @State(Scope.Benchmark)
    public static class Keys {
        String[] contacts = new String[0];
        String[][] interactions = new String[0][];

        /** Builds the keys. */
        @Setup(Level.Trial)
        public void setUp() {
            contacts = new String[CONTACTS];
            interactions = new String[ROUNDS][CONTACTS];
            for (int i = 0; i < CONTACTS; i++) {
                contacts[i] = LedgerKeys.contact(i);
                for (int r = 0; r < ROUNDS; r++) {
                    interactions[r][i] = LedgerKeys.interaction(r * CONTACTS + i);
                }
            }
        }
    }

    /** A ledger after one lap at {@code T0}, and the position in the next laps. */
    @State(Scope.Benchmark)
    public static class Ledger {
        dev.csatkit.internal.store.Ledger ledger = new dev.csatkit.internal.store.Ledger();
        int next;
        int lap;
        Instant now = T0;

        /** Grants every contact once, with the first set of interaction keys. */
        @Setup(Level.Trial)
        public void setUp(Keys keys) {
            for (int i = 0; i < CONTACTS; i++) {
                ledger.reserveOnce(keys.interactions[0][i], keys.contacts[i], T0, WINDOW, RETENTION);
            }
            lap = 1;
            now = T0.plus(WINDOW);
        }
    }

    /** The baseline holding both keys of every contact, and the position in the laps. */
    @State(Scope.Benchmark)
    public static class CaffeineBaseline {
        ConcurrentMap<String, Long> map = Caffeine.newBuilder().<String, Long>build().asMap();
        long until = T0.plus(WINDOW).toEpochMilli();
        int next;

        /** Puts both keys of every contact. */
        @Setup(Level.Trial)
        public void setUp(Keys keys) {
            for (int i = 0; i < CONTACTS; i++) {
                map.putIfAbsent(keys.interactions[0][i], until);
                map.putIfAbsent(keys.contacts[i], until);
            }
        }

        int next() {
            int i = next;
            next = i + 1 == CONTACTS ? 0 : i + 1;
            return i;
        }
    }

    /** @return granted, every time */
    @Benchmark
    public Reservation reserveOnceGrant(Keys keys, Ledger s) {
        int i = s.next;
        String interaction = keys.interactions[s.lap % ROUNDS][i];
        Reservation r = s.ledger.reserveOnce(interaction, keys.contacts[i], s.now, WINDOW, RETENTION);
        if (++s.next == CONTACTS) {
            s.next = 0;
            s.lap++;
            s.now = s.now.plus(WINDOW);
        }
        return r;
    }

    /** @return denied, every time */
    @Benchmark
    public Reservation reserveOnceDenied(Keys keys, Ledger s) {
        int i = s.next;
        s.next = i + 1 == CONTACTS ? 0 : i + 1;
        return s.ledger.reserveOnce(keys.interactions[1][i], keys.contacts[i], T0, WINDOW, RETENTION);
    }

    /** @return already claimed, every time */
    @Benchmark
    public Reservation reserveOnceReplay(Keys keys, Ledger s) {
        int i = s.next;
        s.next = i + 1 == CONTACTS ? 0 : i + 1;
        return s.ledger.reserveOnce(keys.interactions[0][i], keys.contacts[i], T0, WINDOW, RETENTION);
    }

    /** @return already claimed, every time, for keys built by the call */
    @Benchmark
    public Reservation replayFreshKeys(Ledger s) {
        int i = s.next;
        s.next = (int) ((i + (long) STRIDE) % CONTACTS);
        return s.ledger.reserveOnce(LedgerKeys.interaction(i), LedgerKeys.contact(i), T0, WINDOW, RETENTION);
    }

    /** @return the value already present for the contact key, for keys built by the call */
    @Benchmark
    public Long caffeinePutIfAbsentBothFreshKeys(CaffeineBaseline c) {
        int i = c.next;
        c.next = (int) ((i + (long) STRIDE) % CONTACTS);
        c.map.putIfAbsent(LedgerKeys.interaction(i), c.until);
        return c.map.putIfAbsent(LedgerKeys.contact(i), c.until);
    }

    /** @return the value already present */
    @Benchmark
    public Long caffeinePutIfAbsent(Keys keys, CaffeineBaseline c) {
        return c.map.putIfAbsent(keys.contacts[c.next()], c.until);
    }

    /** @return the value already present for the contact key */
    @Benchmark
    public Long caffeinePutIfAbsentBoth(Keys keys, CaffeineBaseline c) {
        int i = c.next();
        c.map.putIfAbsent(keys.interactions[0][i], c.until);
        return c.map.putIfAbsent(keys.contacts[i], c.until);
    }
}
