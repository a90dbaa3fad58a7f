package dev.csatkit.store.postgres;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the store's tables, for hosts without a migration tool of their own.
 *
 * <p>The schema ships as versioned SQL files in this jar, under {@value #LOCATION}, named as Flyway
 * expects ({@code V1__survey_store.sql}); a host that runs Flyway or Liquibase points it there and
 * never calls this class. {@link #migrate(DataSource, String)} applies the files a schema lacks,
 * in order, in one transaction, and records each in {@code <schema>.csat_schema_history}. It
 * first takes a transaction-level advisory lock on the schema, so two instances that start at once
 * apply each file once: the second waits, then finds nothing to do. Calling it again is harmless.
 */
public final class PostgresMigration {

    /** Where the SQL files are, on the class path. */
    public static final String LOCATION = "db/migration/csat";

    /**
     * One migration file.
     *
     * @param version its version, from 1
     * @param description what it does
     * @param file its file name under {@link #LOCATION}
     */
    public record Script(int version, String description, String file) {
    }

    /** Every migration, in the order they apply. */
    public static final List<Script> SCRIPTS = List.of(new Script(1, "survey store", "V1__survey_store.sql"),
            new Script(2, "schedule function", "V2__schedule_function.sql"),
            new Script(3, "review", "V3__review.sql"),
            new Script(4, "gate: opt-outs, claims and holds in one table", "V4__gate.sql"));

    private static final Logger LOG = LoggerFactory.getLogger("dev.csatkit.store.postgres");
    /** Advisory lock keys share one namespace per database: this one names CSAT Kit's migrations. */
    private static final String LOCK_PREFIX = "dev.csatkit.store.postgres.migrate:";

    private PostgresMigration() {
    }

    /**
     * Applies every migration the default schema ({@value PostgresStoreConfig#DEFAULT_SCHEMA}) lacks.
     *
     * @param dataSource the database
     * @return how many migrations were applied (0 when the schema was up to date)
     * @throws PostgresStoreException when the database refuses a step; nothing of the run stays
     */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, PostgresStoreConfig.DEFAULT_SCHEMA);
    }

    /**
     * Applies every migration a schema lacks, creating the schema if needed.
     *
     * @param dataSource the database
     * @param schema the schema, a plain lower-case identifier
     * @return how many migrations were applied (0 when the schema was up to date)
     * @throws InvalidConfigurationException when the schema name breaks its rule
     * @throws PostgresStoreException when the database refuses a step, a file applied before has
     *     changed since, or a newer release has migrated the schema past the versions this one
     *     knows; nothing of the run stays
     */
    public static int migrate(DataSource dataSource, String schema) {
        return migrate(dataSource, schema, SCRIPTS);
    }

    /** Applies each of {@code scripts} a schema lacks; the tests pass a prefix of {@link #SCRIPTS} to make an older release's schema. */
    static int migrate(DataSource dataSource, String schema, List<Script> scripts) {
        Violation bad = PostgresStoreConfig.checkSchema(schema);
        if (bad != null) {
            throw new InvalidConfigurationException(bad);
        }
        String s = '"' + schema + '"';
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                    lock.setString(1, LOCK_PREFIX + schema);
                    lock.execute();
                }
                st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
                st.execute("CREATE TABLE IF NOT EXISTS " + s + ".csat_schema_history (version integer PRIMARY KEY, "
                        + "description text NOT NULL, script text NOT NULL, checksum bigint NOT NULL, "
                        + "installed_at timestamptz NOT NULL DEFAULT now())");
                Map<Integer, Long> applied = new HashMap<>();
                try (ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + s + ".csat_schema_history")) {
                    while (rs.next()) {
                        applied.put(rs.getInt(1), rs.getLong(2));
                    }
                }
                int known = SCRIPTS.get(SCRIPTS.size() - 1).version();
                int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                if (newest > known) {
                    // Statements written for an older schema would fail one by one, or worse, not fail.
                    throw new PostgresStoreException("schema " + schema + " is at version " + newest
                            + ", newer than this release knows (" + known + "); run the release that migrated it, "
                            + "or a later one");
                }
                int count = 0;
                for (Script script : scripts) {
                    String text = text(script);
                    long checksum = checksum(text);
                    Long was = applied.get(script.version());
                    if (was != null) {
                        if (was != checksum) {
                            throw new PostgresStoreException("migration " + script.file() + " changed after it was "
                                    + "applied to schema " + schema + "; restore the file or the schema");
                        }
                        continue;
                    }
                    // The files name no schema: it comes from the search path, as under Flyway.
                    st.execute("SET LOCAL search_path TO " + s);
                    st.execute(text);
                    try (PreparedStatement record = c.prepareStatement("INSERT INTO " + s + ".csat_schema_history "
                            + "(version, description, script, checksum) VALUES (?, ?, ?, ?)")) {
                        record.setInt(1, script.version());
                        record.setString(2, script.description());
                        record.setString(3, script.file());
                        record.setLong(4, checksum);
                        record.executeUpdate();
                    }
                    count++;
                    LOG.info("survey store schema {}: applied migration {}", schema, script.file());
                }
                c.commit();
                return count;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new PostgresStoreException("migrating schema " + schema, e);
        }
    }

    /**
     * @param script a migration
     * @return its SQL text, as shipped
     */
    public static String text(Script script) {
        String path = "/" + LOCATION + "/" + script.file();
        try (InputStream in = PostgresMigration.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the migration " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long checksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
