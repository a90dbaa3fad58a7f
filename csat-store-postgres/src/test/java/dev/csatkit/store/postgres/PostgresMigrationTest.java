package dev.csatkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.postgres.internal.Text;
import dev.csatkit.store.postgres.testing.OneConnection;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresMigrationTest {

    private static HikariDataSource pool;

    @BeforeAll
    static void connect() {
        pool = TestPostgres.get().pool(10);
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    private static List<String> tables(String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema + "' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void eightInstancesStartingAtOnceApplyEachMigrationOnce() throws Exception {
        String schema = "migrate_race_" + ProcessHandle.current().pid();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> applied = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                applied.add(threads.submit(() -> {
                    start.await();
                    return PostgresMigration.migrate(pool, schema);
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : applied) {
                total += f.get();
            }
            assertThat(total).as("each migration applied once in all").isEqualTo(PostgresMigration.SCRIPTS.size());
            assertThat(PostgresMigration.migrate(pool, schema)).as("a later run has nothing to do").isZero();
            assertThat(tables(schema)).containsExactly("csat_schema_history", "gate", "inbound", "mood", "outbox",
                    "reply", "response", "review", "survey");
        } finally {
            threads.shutdownNow();
            TestPostgres.get().dropSchema(pool, schema);
        }
    }

    @Test
    void aMigrationChangedAfterItWasAppliedIsRefused() throws SQLException {
        String schema = TestPostgres.get().freshSchema(pool, "migrate_changed");
        try {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("UPDATE \"" + schema + "\".csat_schema_history SET checksum = checksum + 1");
            }
            assertThatThrownBy(() -> PostgresMigration.migrate(pool, schema))
                    .isInstanceOf(PostgresStoreException.class)
                    .hasMessageContaining("V1__survey_store.sql changed after it was applied");
        } finally {
            TestPostgres.get().dropSchema(pool, schema);
        }
    }

    @Test
    void aSchemaNameThatBreaksTheRuleIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> PostgresMigration.migrate(pool, "Robert'); DROP TABLE students;--"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("schema");
    }

    @Test
    void theShippedFileIsWhatFlywayRuns() {
        assertThat(PostgresMigration.SCRIPTS).extracting(PostgresMigration.Script::file)
                .allSatisfy(f -> assertThat(f).matches("V\\d+__[a-z_]+\\.sql"));
        String sql = PostgresMigration.text(PostgresMigration.SCRIPTS.get(0));
        assertThat(sql).as("the files name no schema, so Flyway's search path places them")
                .doesNotContain("csat.").contains("CREATE TABLE survey");
    }

    @Test
    void theHistoryRecordsEachFilesCrc32() throws SQLException {
        String schema = TestPostgres.get().freshSchema(pool, "migrate_checksum");
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, script, checksum FROM \"" + schema
                        + "\".csat_schema_history ORDER BY version")) {
            for (PostgresMigration.Script script : PostgresMigration.SCRIPTS) {
                assertThat(rs.next()).isTrue();
                CRC32 crc = new CRC32();
                crc.update(PostgresMigration.text(script).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                assertThat(rs.getInt(1)).isEqualTo(script.version());
                assertThat(rs.getString(2)).isEqualTo(script.file());
                assertThat(rs.getLong(3)).as(script.file()).isEqualTo(crc.getValue()).isNotZero();
            }
            assertThat(rs.next()).isFalse();
        } finally {
            TestPostgres.get().dropSchema(pool, schema);
        }
    }

    @Test
    void theDefaultSchemaIsCsat() throws SQLException {
        // A database of its own, so that the default schema is this test's alone.
        String db = "migrate_default_" + ProcessHandle.current().pid();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE " + db);
        }
        try {
            String url = TestPostgres.get().url();
            int q = url.indexOf('?');
            String base = q < 0 ? url : url.substring(0, q);
            String dbUrl = base.substring(0, base.lastIndexOf('/') + 1) + db + (q < 0 ? "" : url.substring(q));
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(dbUrl);
            config.setUsername(TestPostgres.get().user());
            config.setPassword(TestPostgres.get().password());
            config.setMaximumPoolSize(1);
            try (HikariDataSource ds = new HikariDataSource(config)) {
                assertThat(PostgresMigration.migrate(ds)).isEqualTo(PostgresMigration.SCRIPTS.size());
                assertThat(PostgresMigration.migrate(ds, "csat")).isZero();
            }
        } finally {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    @Test
    void aRunOnAConnectionOutsideAutoCommitIsCommittedAndTheConnectionHandedBackAsLent() throws SQLException {
        String schema = "migrate_manual_" + ProcessHandle.current().pid();
        try (OneConnection one = new OneConnection(false)) {
            assertThat(PostgresMigration.migrate(one, schema)).isEqualTo(PostgresMigration.SCRIPTS.size());
            assertThat(one.state()).as("committed").isEqualTo("idle");
            assertThat(one.autoCommit()).isFalse();
            assertThat(tables(schema)).as("seen by another connection").contains("survey", "csat_schema_history");
        } finally {
            TestPostgres.get().dropSchema(pool, schema);
        }
    }

    @Test
    void aRefusedRunIsRolledBackWhateverTheConnectionsMode() throws SQLException {
        String schema = TestPostgres.get().freshSchema(pool, "migrate_refused");
        try {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("UPDATE \"" + schema + "\".csat_schema_history SET checksum = checksum + 1 WHERE version = 3");
            }
            for (boolean auto : new boolean[] {true, false}) {
                try (OneConnection one = new OneConnection(auto)) {
                    assertThatThrownBy(() -> PostgresMigration.migrate(one, schema))
                            .isInstanceOf(PostgresStoreException.class)
                            .hasMessage("PostgreSQL survey store: migration V3__review.sql changed after it was applied "
                                    + "to schema " + schema + "; restore the file or the schema");
                    assertThat(one.state()).as("auto-commit %s", auto).isEqualTo("idle");
                    assertThat(one.autoCommit()).isEqualTo(auto);
                }
            }
        } finally {
            TestPostgres.get().dropSchema(pool, schema);
        }
    }

    /**
     * Version 4 moves opt-outs, claims and holds into one table: a schema an older release filled
     * keeps every one of them, in their stored form (a NUL in a key included), and answers as before.
     */
    @Test
    void anUpgradeToOneGateTableKeepsEveryOptOutClaimAndHold() throws SQLException {
        String schema = "migrate_upgrade_" + ProcessHandle.current().pid();
        String capKey = "*\u0000contact-upgrade";
        Instant now = Instant.parse("2026-01-05T10:00:00Z");
        Instant claimUntil = now.plus(Duration.ofDays(30));
        Instant holdUntil = now.plus(Duration.ofDays(1));
        try {
            assertThat(PostgresMigration.migrate(pool, schema, PostgresMigration.SCRIPTS.subList(0, 3))).isEqualTo(3);
            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO \"" + schema + "\".opt_out VALUES (?, ?::timestamptz);"
                            + "INSERT INTO \"" + schema + "\".interaction_claim VALUES (?, ?::timestamptz);"
                            + "INSERT INTO \"" + schema + "\".cap_hold VALUES (?, ?::timestamptz), (?, ?::timestamptz)")) {
                ps.setString(1, "contact:contact-upgrade");
                ps.setString(2, now.toString());
                ps.setString(3, "call-upgrade");
                ps.setString(4, claimUntil.toString());
                ps.setString(5, Text.store(capKey));
                ps.setString(6, holdUntil.toString());
                ps.setString(7, "cap:lapsed");
                ps.setString(8, now.minusSeconds(1).toString());
                ps.executeUpdate();
            }
            assertThat(PostgresMigration.migrate(pool, schema)).isEqualTo(1);
            assertThat(tables(schema)).doesNotContain("opt_out", "interaction_claim", "cap_hold").contains("gate");

            PostgresSurveyStore store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
            assertThat(store.isOptedOut(List.of("SMS:+46700000000", "contact:contact-upgrade"))).isTrue();
            assertThat(store.isOptedOut(List.of("contact:contact-other"))).isFalse();
            assertThat(store.precheck("call-upgrade", List.of("cap:other"), List.of(), now))
                    .contains(new ScheduleResult.Duplicate(claimUntil));
            assertThat(store.precheck("call-2", List.of(capKey), List.of(), now))
                    .contains(new ScheduleResult.Capped(capKey, holdUntil));
            assertThat(store.precheck("call-3", List.of(capKey), List.of("contact:contact-upgrade"), now))
                    .contains(new ScheduleResult.OptedOut("contact:contact-upgrade"));
            assertThat(store.precheck("call-4", List.of("cap:lapsed"), List.of(), now)).as("a lapsed hold").isEmpty();
            assertThat(store.purge(now, 10)).as("only the lapsed hold is purged").isEqualTo(1);
            assertThat(store.precheck("call-5", List.of(capKey), List.of(), now))
                    .contains(new ScheduleResult.Capped(capKey, holdUntil));
            assertThat(store.isOptedOut(List.of("contact:contact-upgrade"))).as("opt-outs never lapse").isTrue();
        } finally {
            TestPostgres.get().dropSchema(pool, schema);
        }
    }

    /**
     * An instance of an older release may write an opt-out while version 4 runs: the migration
     * must wait for it and move it, not copy the table without it and then drop it.
     */
    @Test
    void anOptOutAnOlderInstanceWritesDuringTheUpgradeIsMovedNotLost() throws Exception {
        String schema = "migrate_during_" + ProcessHandle.current().pid();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            assertThat(PostgresMigration.migrate(pool, schema, PostgresMigration.SCRIPTS.subList(0, 3))).isEqualTo(3);
            try (Connection older = pool.getConnection()) {
                older.setAutoCommit(false);
                try (Statement st = older.createStatement()) {
                    st.execute("INSERT INTO \"" + schema + "\".opt_out VALUES ('contact:contact-during', now())");
                }
                Future<Integer> upgrade = thread.submit(() -> PostgresMigration.migrate(pool, schema));
                awaitWaitingOnALock(upgrade);
                older.commit();
                assertThat(upgrade.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
            PostgresSurveyStore store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
            assertThat(store.isOptedOut(List.of("contact:contact-during"))).as("the opt-out written during the upgrade")
                    .isTrue();
        } finally {
            thread.shutdownNow();
            TestPostgres.get().dropSchema(pool, schema);
        }
    }

    /** Until the migration is seen waiting on a table lock, or has finished (the defect this test is for). */
    private static void awaitWaitingOnALock(Future<Integer> upgrade) throws Exception {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            for (int i = 0; i < 3_000 && !upgrade.isDone(); i++) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE '%LOCK TABLE%' OR (wait_event_type = 'Lock' AND query LIKE '%DROP TABLE%')")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
    }

    /** A schema a newer release migrated is refused at start, not run by statements that no longer fit it. */
    @Test
    void aSchemaOfANewerReleaseIsRefused() throws SQLException {
        String schema = TestPostgres.get().freshSchema(pool, "migrate_newer");
        int newer = PostgresMigration.SCRIPTS.size() + 1;
        try {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO \"" + schema + "\".csat_schema_history (version, description, script, checksum) "
                        + "VALUES (" + newer + ", 'later', 'V" + newer + "__later.sql', 1)");
            }
            assertThatThrownBy(() -> PostgresMigration.migrate(pool, schema))
                    .isInstanceOf(PostgresStoreException.class)
                    .hasMessage("PostgreSQL survey store: schema " + schema + " is at version " + newer
                            + ", newer than this release knows (" + PostgresMigration.SCRIPTS.size()
                            + "); run the release that migrated it, or a later one");
        } finally {
            TestPostgres.get().dropSchema(pool, schema);
        }
    }
}
