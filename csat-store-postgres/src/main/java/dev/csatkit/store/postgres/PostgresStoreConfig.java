package dev.csatkit.store.postgres;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link PostgresSurveyStore} reaches its database: the host's data source (the store keeps
 * no pool of its own), the schema its tables live in, and how it reads and retries.
 *
 * <pre>{@code
 * PostgresStoreConfig config = PostgresStoreConfig.builder(dataSource).schema("csat").build();
 * }</pre>
 *
 * <p>Immutable; {@link #toBuilder()} starts a changed copy.
 */
public final class PostgresStoreConfig {

    /** The schema used unless another is set. */
    public static final String DEFAULT_SCHEMA = "csat";
    /** How many rows a streamed report read fetches at a time unless set. */
    public static final int DEFAULT_FETCH_SIZE = 1_000;
    /** How many times a statement that lost a race to a concurrent write is run in all, unless set. */
    public static final int DEFAULT_MAX_ATTEMPTS = 100;

    /** The largest fetch size accepted. */
    public static final int MAX_FETCH_SIZE = 100_000;
    /** The most attempts accepted. */
    public static final int MAX_ATTEMPTS = 10_000;

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String schema;
    private final int fetchSize;
    private final int maxAttempts;

    private PostgresStoreConfig(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource);
        this.schema = b.schema;
        this.fetchSize = b.fetchSize;
        this.maxAttempts = b.maxAttempts;
    }

    /**
     * @param dataSource the host's data source, pooled by the host (HikariCP or the like)
     * @return a builder with every other setting at its default
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(dataSource).schema(schema).fetchSize(fetchSize).maxAttempts(maxAttempts);
    }

    /** @return the data source every store operation borrows one connection from */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the schema the store's tables live in */
    public String schema() {
        return schema;
    }

    /** @return how many rows a streamed report read fetches at a time */
    public int fetchSize() {
        return fetchSize;
    }

    /** @return how many times a statement that lost a race is run in all before the operation fails */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the settings, without the data source's own details */
    @Override
    public String toString() {
        return "PostgresStoreConfig[schema=" + schema + ", fetchSize=" + fetchSize + ", maxAttempts=" + maxAttempts
                + "]";
    }

    /**
     * @param schema a schema name
     * @return the broken rule, or null when the name is usable
     */
    static @Nullable Violation checkSchema(@Nullable String schema) {
        if (schema == null || !SCHEMA.matcher(schema).matches() || schema.startsWith("pg_")) {
            return Violation.of("schema", schema, "must be 1 to 63 lower-case letters, digits or underscores, not "
                    + "starting with a digit or pg_");
        }
        return null;
    }

    /** Builds a {@link PostgresStoreConfig}. Not thread-safe. */
    public static final class Builder {
        private @Nullable DataSource dataSource;
        private @Nullable String schema = DEFAULT_SCHEMA;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

        private Builder(@Nullable DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** @param value the host's data source @return this */
        public Builder dataSource(DataSource value) {
            dataSource = value;
            return this;
        }

        /**
         * @param value the schema the tables live in, default {@value PostgresStoreConfig#DEFAULT_SCHEMA}: a
         *     plain lower-case identifier, so it is never quoted differently by hand and by the store
         * @return this
         */
        public Builder schema(String value) {
            schema = value;
            return this;
        }

        /**
         * @param value rows a streamed report read fetches at a time, 1 to {@value PostgresStoreConfig#MAX_FETCH_SIZE};
         *     default {@value PostgresStoreConfig#DEFAULT_FETCH_SIZE}
         * @return this
         */
        public Builder fetchSize(int value) {
            fetchSize = value;
            return this;
        }

        /**
         * @param value how many times a statement that lost a race to a concurrent write is run in
         *     all, 1 to {@value PostgresStoreConfig#MAX_ATTEMPTS}; default {@value PostgresStoreConfig#DEFAULT_MAX_ATTEMPTS}
         * @return this
         */
        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        /**
         * @return the configuration
         * @throws InvalidConfigurationException naming every setting that breaks its rule
         */
        public PostgresStoreConfig build() {
            List<Violation> v = new ArrayList<>();
            if (dataSource == null) {
                v.add(Violation.of("dataSource", null, "is required: the host's pooled data source"));
            }
            Violation s = checkSchema(schema);
            if (s != null) {
                v.add(s);
            }
            if (fetchSize < 1 || fetchSize > MAX_FETCH_SIZE) {
                v.add(Violation.of("fetchSize", fetchSize, "must be between 1 and " + MAX_FETCH_SIZE));
            }
            if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
                v.add(Violation.of("maxAttempts", maxAttempts, "must be between 1 and " + MAX_ATTEMPTS));
            }
            if (!v.isEmpty()) {
                throw new InvalidConfigurationException(v);
            }
            return new PostgresStoreConfig(this);
        }
    }
}
