package dev.csatkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ScheduleRequest;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.channels.spi.ChannelKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Due surveys claimed and marked sent per second by two engine instances (two threads, each with
 * its own engine and pool) on one PostgreSQL store, batch 100, with a channel that accepts at
 * once; beside a bare queue on the same server: one {@code UPDATE … FOR UPDATE SKIP LOCKED LIMIT
 * 100} claim per batch and one {@code UPDATE} per row marking it sent.
 *
 * <p>The figure is the {@code sent} line (surveys or rows per second), not the score (dispatch
 * calls per second). Setup schedules {@value #DUE} surveys due now, one per contact (each with its
 * cap hold), and fills the baseline's queue with {@value #QUEUE} rows; before every iteration both
 * are put back as they were, so that neither runs dry within an iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PostgresDispatchBenchmark {

    static final int DUE = 50_000;
    static final int QUEUE = 200_000;
    static final int BATCH = 100;

    /** The server, a schema with the due surveys, and the baseline's queue. */
    @State(Scope.Benchmark)
    public static class Db {
        HikariDataSource pool;
        String schema;
        String claim;
        String mark;

        /** Schedules the due surveys and fills the queue. */
        @Setup(Level.Trial)
        public void setUp() {
            pool = PostgresBench.pool(12);
            schema = PostgresBench.schema(pool, "bench_dispatch");
            SurveyStore store = PostgresBench.store(pool, schema);
            PostgresBench.parallel(DUE, i -> {
                String contact = EngineDecideBenchmark.contactId(i);
                OpenSurvey s = OpenSurvey.builder("bench-" + i, "after-call", "call-" + i, PostgresBench.NOW)
                        .contactId(contact).channel(ChannelKind.SMS, "sms", EngineDecideBenchmark.numbered("+4670", i))
                        .locale(Locale.ENGLISH).values(java.util.Map.of("company", "Acme"))
                        .holds(List.of(new CapHold("*\u0000" + contact, PostgresBench.NOW.plus(Duration.ofDays(1)))))
                        .sendAt(PostgresBench.NOW).build();
                store.schedule(new ScheduleRequest(s, List.of(), PostgresBench.NOW,
                        PostgresBench.NOW.plus(Duration.ofDays(30))));
            });
            String s = "\"" + schema + "\".";
            PostgresBench.execute(pool, "CREATE TABLE " + s + "seed_survey AS SELECT * FROM " + s + "survey");
            PostgresBench.execute(pool, "CREATE TABLE " + s + "seed_gate AS SELECT * FROM " + s + "gate");
            String q = s + "bench_queue";
            PostgresBench.execute(pool, "CREATE TABLE " + q + " (id text PRIMARY KEY, due_at timestamptz, "
                    + "lease_until timestamptz, sent boolean NOT NULL DEFAULT false)");
            PostgresBench.execute(pool, "CREATE INDEX ON " + q + " (due_at, id) WHERE NOT sent");
            PostgresBench.execute(pool, "INSERT INTO " + q + " (id, due_at) SELECT 'bench-' || i, '" + PostgresBench.NOW
                    + "' FROM generate_series(0, " + (QUEUE - 1) + ") AS i");
            claim = "UPDATE " + q + " SET lease_until = ?::timestamptz + interval '5 minutes' WHERE id = ANY (ARRAY("
                    + "SELECT id FROM " + q + " WHERE NOT sent AND due_at <= ?::timestamptz "
                    + "AND (lease_until IS NULL OR lease_until <= ?::timestamptz) ORDER BY due_at, id LIMIT " + BATCH
                    + " FOR UPDATE SKIP LOCKED)) RETURNING id";
            mark = "UPDATE " + q + " SET sent = true, lease_until = NULL WHERE id = ?";
        }

        /** Puts the due surveys, their holds and the queue back as setup made them. */
        @Setup(Level.Iteration)
        public void refill() {
            String s = "\"" + schema + "\".";
            PostgresBench.execute(pool, "TRUNCATE " + s + "survey, " + s + "gate, " + s + "response, "
                    + s + "outbox");
            PostgresBench.execute(pool, "INSERT INTO " + s + "survey SELECT * FROM " + s + "seed_survey");
            PostgresBench.execute(pool, "INSERT INTO " + s + "gate SELECT * FROM " + s + "seed_gate");
            PostgresBench.execute(pool, "UPDATE " + s + "bench_queue SET sent = false, lease_until = NULL "
                    + "WHERE sent OR lease_until IS NOT NULL");
            PostgresBench.execute(pool, "VACUUM ANALYZE");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            PostgresBench.drop(pool, schema);
            pool.close();
        }
    }

    /** One engine instance: its own pool and engine on the shared schema. */
    @State(Scope.Thread)
    public static class Instance {
        HikariDataSource pool;
        SurveyEngine engine;

        @Setup(Level.Trial)
        public void setUp(Db db) {
            pool = PostgresBench.pool(4);
            engine = PostgresBench.engine(PostgresBench.store(pool, db.schema), PostgresBench.fixed(), BATCH);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** Surveys (or rows) sent, per second: the figure. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Sent {
        /** Surveys the channel accepted, or queue rows marked sent. */
        public long sent;

        @Setup(Level.Iteration)
        public void clean() {
            sent = 0;
        }
    }

    /** One dispatch of up to 100 due surveys: claimed, gated, started, sent, recorded. */
    @Benchmark
    public void dispatch(Instance instance, Sent sent) {
        sent.sent += instance.engine.dispatchDue().sent();
    }

    /** The baseline: 100 rows claimed in one statement, each marked sent by one more. */
    @Benchmark
    public void claimAndMarkBaseline(Db db, Instance instance, Sent sent) throws SQLException {
        List<String> ids = new ArrayList<>(BATCH);
        String now = PostgresBench.NOW.toString();
        try (Connection c = instance.pool.getConnection(); PreparedStatement ps = c.prepareStatement(db.claim)) {
            ps.setString(1, now);
            ps.setString(2, now);
            ps.setString(3, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        for (String id : ids) {
            try (Connection c = instance.pool.getConnection(); PreparedStatement ps = c.prepareStatement(db.mark)) {
                ps.setString(1, id);
                sent.sent += ps.executeUpdate();
            }
        }
    }
}
