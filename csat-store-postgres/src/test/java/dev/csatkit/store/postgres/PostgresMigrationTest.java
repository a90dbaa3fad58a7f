package dev.csatkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            assertThat(tables(schema)).containsExactly("cap_hold", "csat_schema_history", "inbound",
                    "interaction_claim", "mood", "opt_out", "outbox", "reply", "response", "review", "survey");
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
}
