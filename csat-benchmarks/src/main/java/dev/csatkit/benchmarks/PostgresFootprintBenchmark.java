package dev.csatkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.postgres.PostgresSurveyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Bytes on disk per scheduled survey on PostgreSQL: {@value #SURVEYS} surveys scheduled through
 * the engine (SMS, one cap hold across surveys, an agent and a team), then {@code VACUUM}, then
 * {@code pg_total_relation_size} (table, TOAST and indexes) of each table over the number of
 * surveys; again once every survey was sent, which adds its outcome row. Printed per table at
 * setup; the {@code bytesPerSurvey} lines are the totals. The score is {@code find} of a
 * survey, for scale.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PostgresFootprintBenchmark {

    static final int SURVEYS = 50_000;

    /** The schema, filled and measured. */
    @State(Scope.Benchmark)
    public static class Db {
        HikariDataSource pool;
        String schema;
        PostgresSurveyStore store;
        SurveyEngine engine;
        double scheduledBytes;
        double sentBytes;
        long next;

        @Setup(Level.Trial)
        public void setUp() {
            pool = PostgresBench.pool(12);
            schema = PostgresBench.schema(pool, "bench_footprint");
            store = PostgresBench.store(pool, schema);
            engine = PostgresBench.engine(store, PostgresBench.fixed(), 500);
            PostgresBench.parallel(SURVEYS, i -> engine.decide(PostgresBench.call("call-" + i, i)));
            scheduledBytes = measure("scheduled");
            PostgresBench.parallel(8, t -> {
                while (!engine.dispatchDue().isEmpty()) {
                    // until every survey was sent
                }
            });
            sentBytes = measure("sent (with its outcome)");
        }

        private double measure(String state) {
            PostgresBench.execute(pool, "VACUUM ANALYZE");
            Map<String, Long> sizes = new LinkedHashMap<>();
            long surveys;
            try (Connection c = pool.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT c.relname, pg_total_relation_size(c.oid), "
                        + "pg_relation_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c JOIN pg_namespace n "
                        + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY 2 DESC")) {
                    ps.setString(1, schema);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sizes.put(rs.getString(1) + " (table " + rs.getLong(3) / 1024 + " KiB, indexes "
                                    + rs.getLong(4) / 1024 + " KiB)", rs.getLong(2));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM \"" + schema + "\".survey");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    surveys = rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            long total = sizes.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "%n%d surveys %s: %.1f MiB in all, %.0f bytes per survey%n", surveys, state,
                    total / 1048576.0, (double) total / surveys);
            sizes.forEach((name, bytes) -> System.out.printf(Locale.ROOT, "  %-60s %8.0f bytes per survey%n", name,
                    (double) bytes / surveys));
            return (double) total / surveys;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            PostgresBench.drop(pool, schema);
            pool.close();
        }
    }

    /** The figures, shown beside the score: each iteration reports its share, the summary the whole. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        /** Bytes on disk per scheduled survey: claim, hold and survey rows with their indexes. */
        public double bytesPerScheduledSurvey;
        /** Bytes on disk per survey once sent, its outcome row included. */
        public double bytesPerSentSurvey;
        int iterations = 1;

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            iterations = Math.max(1, params.getMeasurement().getCount());
        }
    }

    /** @return a survey, found by its interaction's key */
    @Benchmark
    public Optional<OpenSurvey> find(Db db, Footprint f) {
        f.bytesPerScheduledSurvey = db.scheduledBytes / f.iterations;
        f.bytesPerSentSurvey = db.sentBytes / f.iterations;
        long n = db.next++;
        return db.engine.surveyFor("call-" + n % SURVEYS);
    }
}
