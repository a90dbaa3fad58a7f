package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database {@code csat demo --jdbc-url} runs on, against a real PostgreSQL. */
class DemoDatabaseTest {

    @Test
    void thePoolHoldsSixteenConnectionsKeepsNoneIdleAndGivesUpAfterTenSeconds() {
        HikariConfig c = DemoDatabase.poolConfig("jdbc:postgresql://db:5432/csat", "csat", "secret");
        assertThat(c.getJdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/csat");
        assertThat(c.getUsername()).isEqualTo("csat");
        assertThat(c.getPassword()).isEqualTo("secret");
        assertThat(c.getMaximumPoolSize()).isEqualTo(16);
        assertThat(c.getMinimumIdle()).isZero();
        assertThat(c.getPoolName()).isEqualTo("csat-demo");
        assertThat(c.getConnectionTimeout()).isEqualTo(10_000);
        assertThat(c.getInitializationFailTimeout()).isEqualTo(10_000);

        HikariConfig fromUrl = DemoDatabase.poolConfig("jdbc:postgresql://db/csat?user=u&password=p", null, null);
        assertThat(fromUrl.getUsername()).as("the URL's user stands").isNull();
        assertThat(fromUrl.getPassword()).isNull();
    }

    @Test
    void eachRunGetsASchemaOfItsOwnThatCloseDrops() throws SQLException {
        TestPostgres pg = TestPostgres.get();
        List<DemoDatabase> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                runs.add(DemoDatabase.open(pg.url(), pg.user(), pg.password()));
            }
            List<String> schemas = runs.stream().map(DemoDatabase::schema).toList();
            assertThat(schemas).allMatch(s -> s.matches("csat_demo_[0-9a-f]{8}")).doesNotHaveDuplicates();
            assertThat(demoSchemas(pg)).containsAll(schemas);
            assertThat(runs.get(0).store().isOptedOut(List.of("nobody"))).isFalse();

            DemoDatabase first = runs.remove(0);
            first.close();
            assertThat(demoSchemas(pg)).doesNotContain(first.schema()).containsAll(runs.stream()
                    .map(DemoDatabase::schema).toList());
            assertThatThrownBy(() -> first.store().isOptedOut(List.of("nobody")))
                    .as("the pool is closed with the run").hasStackTraceContaining("has been closed");
        } finally {
            runs.forEach(DemoDatabase::close);
        }
    }

    @Test
    void aDatabaseThatRefusesTheSchemaLeavesNoConnectionOpen() throws Exception {
        TestPostgres pg = TestPostgres.get();
        String role = "csat_demo_no_create";
        try (HikariDataSource admin = pg.pool(1); Connection c = admin.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + role);
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'refused'");
            // The role connects, and every transaction of its is read-only: creating the run's schema fails.
            st.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            try {
                // The server's URL names its own user, which would stand over the role's.
                String url = pg.url().replaceFirst("\\?.*", "");
                assertThatThrownBy(() -> DemoDatabase.open(url, role, "refused"))
                        .isInstanceOf(RuntimeException.class).hasStackTraceContaining("read-only transaction");
                assertThat(connectionsOf(st, role)).as("the pool is closed when the schema is refused").isZero();
            } finally {
                st.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void aUrlIsShownWithoutItsQuery() {
        assertThat(DemoDatabase.shown("jdbc:postgresql://db/csat?password=secret"))
                .isEqualTo("jdbc:postgresql://db/csat?…");
        assertThat(DemoDatabase.shown("?password=secret")).isEqualTo("?…");
        assertThat(DemoDatabase.shown("jdbc:postgresql://db/csat")).isEqualTo("jdbc:postgresql://db/csat");
    }

    /** The server lets a closed connection's backend go a moment later: waits for it, up to 10 s. */
    private static int connectionsOf(Statement st, String role) throws SQLException, InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        int n;
        do {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role + "'")) {
                rs.next();
                n = rs.getInt(1);
            }
            if (n > 0) {
                Thread.sleep(20);
            }
        } while (n > 0 && Instant.now().isBefore(until));
        return n;
    }

    static List<String> demoSchemas(TestPostgres pg) throws SQLException {
        try (HikariDataSource admin = pg.pool(1); Connection c = admin.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'csat\\_demo\\_%'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
