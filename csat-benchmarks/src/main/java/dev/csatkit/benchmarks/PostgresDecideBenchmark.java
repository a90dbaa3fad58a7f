package dev.csatkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.SurveyEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second on the PostgreSQL store at eight threads, beside a bare single-statement
 * {@code INSERT … ON CONFLICT DO NOTHING} per decision on the same server, each on a connection
 * borrowed from the same kind of pool.
 *
 * <p>Two pairs. {@code decideCapped} is a busy helpdesk's steady state, as in
 * {@link EngineDecideBenchmark}: each decision is a new interaction of one of 20 000 contacts
 * surveyed once in setup, back inside their one-day window, so the store answers Capped; its
 * baseline inserts the same contact's id into a table that holds it already. {@code decideNew}
 * surveys a contact never seen, so {@code schedule} writes the interaction's claim, the cap hold
 * and the survey; its baseline inserts a new key. The engine's side runs every rule of the SMS
 * profile and one round trip: for a capped contact the store's {@code precheck} read, which
 * refuses before the survey is built; for a new one the {@code schedule} call (the store stops
 * prechecking while its reads rarely refuse, as here after the first 256). The baseline runs one
 * round trip that does the least a decision could.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Threads(8)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PostgresDecideBenchmark {

    static final int CONTACTS = 20_000;

    /** The server, a schema, the engine, and the baseline's table, all filled in setup. */
    @State(Scope.Benchmark)
    public static class Db {
        HikariDataSource pool;
        String schema;
        SurveyEngine engine;
        int[] order;
        String insert;
        final AtomicLong next = new AtomicLong();
        final AtomicLong fresh = new AtomicLong(CONTACTS);

        /** Surveys every contact once, and puts every contact's id in the baseline's table. */
        @Setup(Level.Trial)
        public void setUp() {
            pool = PostgresBench.pool(16);
            schema = PostgresBench.schema(pool, "bench_decide");
            engine = PostgresBench.engine(PostgresBench.store(pool, schema), PostgresBench.fixed(), 1_000);
            order = EngineDecideBenchmark.shuffled(CONTACTS, 42);
            String table = "\"" + schema + "\".bench_claim";
            PostgresBench.execute(pool, "CREATE TABLE " + table + " (key text PRIMARY KEY, until timestamptz NOT NULL)");
            insert = "INSERT INTO " + table + " (key, until) VALUES (?, ?) ON CONFLICT DO NOTHING";
            PostgresBench.parallel(CONTACTS, i -> {
                engine.decide(PostgresBench.call("first-" + i, i));
                insertKey(EngineDecideBenchmark.contactId(i));
            });
            PostgresBench.execute(pool, "VACUUM ANALYZE");
        }

        /**
         * @param other another pool on the same server
         * @return this state's schema, tables and contacts, reached through {@code other} by an
         *     engine of its own
         */
        Db withPool(HikariDataSource other) {
            Db d = new Db();
            d.pool = other;
            d.schema = schema;
            d.engine = PostgresBench.engine(PostgresBench.store(other, schema), PostgresBench.fixed(), 1_000);
            d.order = order;
            d.insert = insert;
            return d;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            PostgresBench.drop(pool, schema);
            pool.close();
        }

        int insertKey(String key) {
            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, key);
                ps.setObject(2, OffsetDateTime.ofInstant(PostgresBench.NOW, ZoneOffset.UTC).plusDays(1));
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** @return a decision for a new interaction of a contact inside its window: Capped by the store */
    @Benchmark
    public Decision decideCapped(Db db) {
        long n = db.next.getAndIncrement();
        return db.engine.decide(PostgresBench.call("call-" + n, db.order[(int) (n % CONTACTS)]));
    }

    /** @return the baseline: that contact's id inserted where it already is */
    @Benchmark
    public int insertOnConflictBaseline(Db db) {
        long n = db.next.getAndIncrement();
        return db.insertKey(EngineDecideBenchmark.contactId(db.order[(int) (n % CONTACTS)]));
    }

    /** @return a decision for a contact never seen: claim, hold and survey written */
    @Benchmark
    public Decision decideNew(Db db) {
        long k = db.fresh.getAndIncrement();
        return db.engine.decide(PostgresBench.call("new-" + k, (int) k));
    }

    /** @return the baseline: a new key inserted */
    @Benchmark
    public int insertNewBaseline(Db db) {
        return db.insertKey(EngineDecideBenchmark.contactId((int) db.fresh.getAndIncrement()));
    }
}
