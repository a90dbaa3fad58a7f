package dev.csatkit.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.postgres.PostgresStoreException;
import dev.csatkit.store.postgres.testing.OneConnection;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the store runs its statements on a real server: committed or rolled back whatever the
 * pool's auto-commit, the connection handed back as it was lent, a statement that fails reported
 * once and by its name and SQLSTATE, and a statement that lost a race run again, up to the bound.
 *
 * <p>The pools that hand out connections outside auto-commit are {@link OneConnection}: one real
 * connection lent again and again with nothing reset between loans, so whatever a call leaves on
 * it (an open or failed transaction, auto-commit turned off) is there for the next call to meet
 * and for the test to see in {@code pg_stat_activity}.
 * Races are lost for real: a function on the server raises SQLSTATE 40001 (as the schema's own
 * {@code lost_race} does) for the first attempts, counted by a sequence, which no rollback undoes;
 * and one race is lost to a concurrent transaction under REPEATABLE READ.
 */
class DbTest {

    private static HikariDataSource pool;
    private static String schema;

    @BeforeAll
    static void connect() throws SQLException {
        pool = TestPostgres.get().pool(4);
        schema = "db_" + ProcessHandle.current().pid();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
            st.execute("CREATE TABLE " + schema + ".t (id int PRIMARY KEY, n int NOT NULL)");
            st.execute("CREATE SEQUENCE " + schema + ".attempts");
            // Fails with the given SQLSTATE on the first `fails` calls since the sequence was reset.
            st.execute("CREATE FUNCTION " + schema + ".flaky(fails bigint, state text) RETURNS bigint "
                    + "LANGUAGE plpgsql VOLATILE AS $$ DECLARE n bigint := nextval('" + schema + ".attempts'); BEGIN "
                    + "IF n <= fails THEN RAISE EXCEPTION 'attempt % lost', n USING ERRCODE = state; END IF; "
                    + "RETURN n; END $$");
        }
    }

    @AfterAll
    static void disconnect() {
        TestPostgres.get().dropSchema(pool, schema);
        pool.close();
    }

    @BeforeEach
    void clean() throws SQLException {
        exec("TRUNCATE " + schema + ".t");
        exec("ALTER SEQUENCE " + schema + ".attempts RESTART");
        exec("INSERT INTO " + schema + ".t VALUES (1, 0)");
    }

    private final List<OneConnection> lent = new ArrayList<>();

    @AfterEach
    void closeLent() throws SQLException {
        for (OneConnection o : lent) {
            o.close();
        }
    }

    // ------------------------------------------------------------------ lost races

    @Test
    void aStatementThatLostTwoRacesIsRunAThirdTime() {
        // The first two runs follow each other at once; only from the third on is there a pause.
        Db db = new Db(pool, 5, 100);
        assertThat(db.query(sql("run flaky", "SELECT {s}.flaky(2, '40001')"), new Params(), DbTest::firstLong))
                .isEqualTo(3L);
        exec("ALTER SEQUENCE " + schema + ".attempts RESTART");
        assertThat(db.update(sql("update flaky", "UPDATE {s}.t SET n = {s}.flaky(4, '40001') WHERE id = 1"),
                new Params())).isEqualTo(1);
        assertThat(scalar("SELECT n FROM " + schema + ".t WHERE id = 1")).as("written by the fifth run").isEqualTo(5);
    }

    @Test
    void aStatementIsRunAsOftenAsTheConfigurationSaysAndNoMore() {
        // It would win at its fourth run; three are allowed.
        Db db = new Db(pool, 3, 100);
        assertThatThrownBy(() -> db.query(sql("lose three times", "SELECT {s}.flaky(3, '40001')"), new Params(),
                DbTest::firstLong))
                .isInstanceOfSatisfying(PostgresStoreException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("40001");
                    assertThat(e.getCause()).isInstanceOf(SQLException.class).hasMessageContaining("attempt 3 lost");
                })
                .hasMessage("PostgreSQL survey store: lose three times failed (SQLSTATE 40001)");
        assertThat(scalar("SELECT last_value FROM " + schema + ".attempts")).as("runs").isEqualTo(3);

        exec("ALTER SEQUENCE " + schema + ".attempts RESTART");
        assertThatThrownBy(() -> db.update(sql("lose three updates", "UPDATE {s}.t SET n = {s}.flaky(3, '40001')"),
                new Params()))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("PostgreSQL survey store: lose three updates failed (SQLSTATE 40001)");
        assertThat(scalar("SELECT last_value FROM " + schema + ".attempts")).as("runs").isEqualTo(3);
        assertThat(scalar("SELECT n FROM " + schema + ".t WHERE id = 1")).as("nothing written").isZero();
    }

    @Test
    void aDeadlockTheServerBrokeIsRunAgain() {
        Db db = new Db(pool, 2, 100);
        assertThat(db.query(sql("deadlocked", "SELECT {s}.flaky(1, '40P01')"), new Params(), DbTest::firstLong))
                .isEqualTo(2L);
        exec("ALTER SEQUENCE " + schema + ".attempts RESTART");
        assertThat(db.update(sql("deadlocked update", "UPDATE {s}.t SET n = {s}.flaky(1, '40P01')"), new Params()))
                .isEqualTo(1);
        assertThat(scalar("SELECT n FROM " + schema + ".t WHERE id = 1")).isEqualTo(2);
    }

    @Test
    void aStatementTheServerRefusesIsNotRunAgain() {
        Db db = new Db(pool, 100, 100);
        // A real unique violation: the row with id 1 is there. Each run draws one number first.
        assertThatThrownBy(() -> db.update(sql("insert twice",
                "INSERT INTO {s}.t VALUES (1, nextval('{s}.attempts'))"), new Params()))
                .isInstanceOfSatisfying(PostgresStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"))
                .hasMessage("PostgreSQL survey store: insert twice failed (SQLSTATE 23505)");
        assertThat(scalar("SELECT last_value FROM " + schema + ".attempts")).as("runs").isEqualTo(1);

        assertThatThrownBy(() -> db.query(sql("divide", "SELECT nextval('{s}.attempts') / 0"), new Params(),
                DbTest::firstLong))
                .isInstanceOfSatisfying(PostgresStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"))
                .hasMessage("PostgreSQL survey store: divide failed (SQLSTATE 22012)");
        assertThat(scalar("SELECT last_value FROM " + schema + ".attempts")).as("runs").isEqualTo(2);
    }

    @Test
    void aRaceLostToAConcurrentTransactionUnderRepeatableReadIsRunAgain() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestPostgres.get().url());
        config.setUsername(TestPostgres.get().user());
        config.setPassword(TestPostgres.get().password());
        config.setMaximumPoolSize(2);
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        try (HikariDataSource repeatable = new HikariDataSource(config);
                Connection winner = DriverManager.getConnection(TestPostgres.get().url(), TestPostgres.get().user(),
                        TestPostgres.get().password())) {
            winner.setAutoCommit(false);
            try (Statement st = winner.createStatement()) {
                st.executeUpdate("UPDATE " + schema + ".t SET n = n + 1 WHERE id = 1");
            }
            Db db = new Db(repeatable, 3, 100);
            CompletableFuture<Integer> loser = CompletableFuture.supplyAsync(() -> db.update(
                    sql("add ten", "UPDATE {s}.t SET n = n + 10 WHERE id = 1 /* add ten */"), new Params()));
            // Wait until the store's statement waits for the winner's row lock, then let the winner commit:
            // under REPEATABLE READ the server answers the waiting update with 40001.
            while (scalar("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE '%/* add ten */%'") == 0) {
                assertThat(loser).isNotDone();
                Thread.onSpinWait();
            }
            winner.commit();
            assertThat(loser.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(scalar("SELECT n FROM " + schema + ".t WHERE id = 1")).as("both writes").isEqualTo(11);
    }

    @Test
    void thePauseBeforeARunIsNoneTwiceThenDoublesUpTo3Point2Milliseconds() {
        // The generator answers the largest value below each bound, so the pause is its bound less 1 µs.
        RandomGenerator largest = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        assertThat(Db.pauseNanos(1, largest)).isZero();
        assertThat(Db.pauseNanos(2, largest)).isZero();
        assertThat(Db.pauseNanos(3, largest)).isEqualTo(49_000L);
        assertThat(Db.pauseNanos(4, largest)).isEqualTo(99_000L);
        assertThat(Db.pauseNanos(5, largest)).isEqualTo(199_000L);
        assertThat(Db.pauseNanos(9, largest)).isEqualTo(3_199_000L);
        assertThat(Db.pauseNanos(10, largest)).isEqualTo(3_199_000L);
        assertThat(Db.pauseNanos(10_000, largest)).isEqualTo(3_199_000L);
    }

    // ------------------------------------------------------------------ connections outside auto-commit

    @Test
    void writesOnAConnectionOutsideAutoCommitAreCommittedAndTheConnectionLeftIdle() throws SQLException {
        OneConnection one = lend(false);
        Db db = new Db(one, 3, 100);
        assertThat(db.update(sql("insert", "INSERT INTO {s}.t VALUES (:id, :n)"),
                new Params().integer("id", 2).integer("n", 20))).isEqualTo(1);
        assertThat(one.state()).isEqualTo("idle");
        assertThat(db.query(sql("insert returning", "INSERT INTO {s}.t VALUES (:id, :n) RETURNING n"),
                new Params().integer("id", 3).integer("n", 30), DbTest::firstLong)).isEqualTo(30L);
        assertThat(one.state()).isEqualTo("idle");
        assertThat(scalar("SELECT sum(n) FROM " + schema + ".t")).as("seen by another connection").isEqualTo(50);
        assertThat(one.autoCommit()).isFalse();
    }

    @Test
    void aStatementThatFailsOutsideAutoCommitLeavesNothingWrittenAndTheConnectionUsable() throws SQLException {
        OneConnection one = lend(false);
        Db db = new Db(one, 3, 100);
        // Rows 2 and 3 are inserted before row 4 divides by zero.
        assertThatThrownBy(() -> db.update(sql("insert some", "INSERT INTO {s}.t SELECT g, 12 / (4 - g) "
                + "FROM generate_series(2, 6) g"), new Params()))
                .isInstanceOfSatisfying(PostgresStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"));
        assertThat(one.state()).as("rolled back").isEqualTo("idle");
        assertThatThrownBy(() -> db.query(sql("insert some returning", "INSERT INTO {s}.t SELECT g, 12 / (4 - g) "
                + "FROM generate_series(2, 6) g RETURNING n"), new Params(), DbTest::firstLong))
                .isInstanceOfSatisfying(PostgresStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"));
        assertThat(one.state()).as("rolled back").isEqualTo("idle");
        assertThat(scalar("SELECT count(*) FROM " + schema + ".t")).as("nothing half-written").isEqualTo(1);
        assertThat(db.query(sql("count", "SELECT count(*) FROM {s}.t"), new Params(), DbTest::firstLong))
                .as("the same connection, next call").isEqualTo(1L);
    }

    @Test
    void aReaderThatThrowsOutsideAutoCommitUndoesTheWrite() throws SQLException {
        OneConnection one = lend(false);
        Db db = new Db(one, 3, 100);
        IllegalStateException broken = new IllegalStateException("reader broke");
        assertThatThrownBy(() -> db.query(sql("insert returning", "INSERT INTO {s}.t VALUES (5, 50) RETURNING n"),
                new Params(), rs -> {
                    throw broken;
                })).isSameAs(broken);
        assertThat(one.state()).isEqualTo("idle");
        assertThat(scalar("SELECT count(*) FROM " + schema + ".t WHERE id = 5")).isZero();
    }

    @Test
    void aRaceLostOutsideAutoCommitIsRolledBackBeforeTheNextRun() throws SQLException {
        OneConnection one = lend(false);
        Db db = new Db(one, 3, 100);
        assertThat(db.update(sql("update flaky", "UPDATE {s}.t SET n = {s}.flaky(2, '40001') WHERE id = 1"),
                new Params())).isEqualTo(1);
        assertThat(one.state()).isEqualTo("idle");
        assertThat(scalar("SELECT n FROM " + schema + ".t WHERE id = 1")).isEqualTo(3);
    }

    // ------------------------------------------------------------------ streamed reads

    @Test
    void aStreamedReadFetchesRowsAsTheSinkTakesThem() throws SQLException {
        for (boolean auto : new boolean[] {true, false}) {
            OneConnection one = lend(auto);
            Db db = new Db(one, 3, 1);
            List<Long> seen = new ArrayList<>();
            // One row at a time: the three rows before the division by zero reach the sink first.
            assertThatThrownBy(() -> db.stream(sql("stream", "SELECT 12 / (4 - g) FROM generate_series(1, 6) g"),
                    new Params(), rs -> seen.add(rs.getLong(1))))
                    .isInstanceOfSatisfying(PostgresStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"))
                    .hasMessage("PostgreSQL survey store: stream failed (SQLSTATE 22012)");
            assertThat(seen).as("auto-commit %s", auto).containsExactly(4L, 6L, 12L);
            assertThat(one.state()).as("auto-commit %s", auto).isEqualTo("idle");
            assertThat(one.autoCommit()).as("handed back as lent").isEqualTo(auto);

            seen.clear();
            db.stream(sql("stream", "SELECT g FROM generate_series(1, :to) g"), new Params().integer("to", 3),
                    rs -> seen.add(rs.getLong(1)));
            assertThat(seen).containsExactly(1L, 2L, 3L);
            assertThat(one.state()).as("auto-commit %s", auto).isEqualTo("idle");
            assertThat(one.autoCommit()).as("handed back as lent").isEqualTo(auto);
        }
    }

    @Test
    void whatTheSinkThrowsEndsTheReadAndReachesTheCaller() throws SQLException {
        for (boolean auto : new boolean[] {true, false}) {
            OneConnection one = lend(auto);
            Db db = new Db(one, 3, 1);
            IllegalStateException full = new IllegalStateException("sink full");
            List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> db.stream(sql("stream", "SELECT g FROM generate_series(1, 5) g"), new Params(),
                    rs -> {
                        seen.add(rs.getLong(1));
                        if (seen.size() == 2) {
                            throw full;
                        }
                    })).isSameAs(full);
            assertThat(seen).containsExactly(1L, 2L);
            assertThat(one.state()).as("auto-commit %s", auto).isEqualTo("idle");
            assertThat(one.autoCommit()).isEqualTo(auto);
        }
    }

    @Test
    void aNullableNumberIsBoundAsNullOrAsItsValue() {
        Db db = new Db(pool, 1, 100);
        Sql sql = sql("nullable", "SELECT coalesce(:n::bigint, -1)");
        assertThat(db.query(sql, new Params().nullableBigint("n", null), DbTest::firstLong)).isEqualTo(-1L);
        assertThat(db.query(sql, new Params().nullableBigint("n", 42L), DbTest::firstLong)).isEqualTo(42L);
    }

    // ------------------------------------------------------------------ helpers

    private Sql sql(String name, String text) {
        return Sql.of(name, text, schema);
    }

    private static long firstLong(ResultSet rs) throws SQLException {
        rs.next();
        return rs.getLong(1);
    }

    private static long scalar(String query) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static void exec(String statement) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private OneConnection lend(boolean autoCommit) throws SQLException {
        OneConnection one = new OneConnection(autoCommit);
        lent.add(one);
        return one;
    }
}
