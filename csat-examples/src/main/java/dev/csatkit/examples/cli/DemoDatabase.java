package dev.csatkit.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.postgres.PostgresMigration;
import dev.csatkit.store.postgres.PostgresStoreConfig;
import dev.csatkit.store.postgres.PostgresSurveyStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL database {@code csat demo --jdbc-url} runs on: a pool, and a schema of its own
 * ({@code csat_demo_} and random hex) that the run creates, migrates, and drops when it ends, so a
 * run never meets an earlier run's surveys and never touches anything else in the database.
 */
final class DemoDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final String schema;
    private final PostgresSurveyStore store;

    private DemoDatabase(HikariDataSource pool, String schema) {
        this.pool = pool;
        this.schema = schema;
        this.store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
    }

    /**
     * Connects and creates the run's schema.
     *
     * @param url the JDBC URL
     * @param user the user, or null for the URL's
     * @param password the password, or null for the URL's
     * @return the database, ready
     * @throws RuntimeException when the database cannot be reached or refuses the schema
     */
    static DemoDatabase open(String url, @Nullable String user, @Nullable String password) {
        HikariDataSource pool = new HikariDataSource(poolConfig(url, user, password));
        try {
            byte[] random = new byte[4];
            new SecureRandom().nextBytes(random);
            String schema = "csat_demo_" + HexFormat.of().formatHex(random);
            PostgresMigration.migrate(pool, schema);
            return new DemoDatabase(pool, schema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The pool's settings: a run's engine works on up to 16 connections and keeps none idle, and a
     * database that cannot be reached fails the run within ten seconds rather than Hikari's default
     * thirty.
     *
     * @param url the JDBC URL
     * @param user the user, or null for the URL's
     * @param password the password, or null for the URL's
     * @return the configuration
     */
    static HikariConfig poolConfig(String url, @Nullable String user, @Nullable String password) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (user != null) {
            c.setUsername(user);
        }
        if (password != null) {
            c.setPassword(password);
        }
        c.setMaximumPoolSize(16);
        c.setMinimumIdle(0);
        c.setPoolName("csat-demo");
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(10_000);
        return c;
    }

    /** @return the store on the run's schema */
    SurveyStore store() {
        return store;
    }

    /** @return the run's schema */
    String schema() {
        return schema;
    }

    /** Drops the run's schema and closes the pool. */
    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            // The run's result stands; an empty demo schema left behind is harmless.
        } finally {
            pool.close();
        }
    }

    /**
     * @param url a JDBC URL
     * @return it without its query string, where a password may be
     */
    static String shown(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
