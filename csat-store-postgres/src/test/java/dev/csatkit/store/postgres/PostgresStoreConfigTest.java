package dev.csatkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.store.postgres.testing.ConnectionsOnly;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PostgresStoreConfigTest {

    /** A data source the configuration only holds; nothing here connects. */
    private static final DataSource NONE = new ConnectionsOnly() {
        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void defaultsAndCopies() {
        PostgresStoreConfig c = PostgresStoreConfig.builder(NONE).build();
        assertThat(c.schema()).isEqualTo("csat");
        assertThat(c.fetchSize()).isEqualTo(PostgresStoreConfig.DEFAULT_FETCH_SIZE);
        assertThat(c.maxAttempts()).isEqualTo(PostgresStoreConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(c.dataSource()).isSameAs(NONE);

        PostgresStoreConfig changed = c.toBuilder().schema("helpdesk_2").fetchSize(50).build();
        assertThat(changed.schema()).isEqualTo("helpdesk_2");
        assertThat(changed.fetchSize()).isEqualTo(50);
        assertThat(changed.maxAttempts()).isEqualTo(c.maxAttempts());
        assertThat(c.schema()).as("toBuilder changes a copy").isEqualTo("csat");
        assertThat(changed.toString()).isEqualTo("PostgresStoreConfig[schema=helpdesk_2, fetchSize=50, maxAttempts=100]");
    }

    @Test
    void everyBrokenSettingIsNamedWithItsValueAndRule() {
        assertThatThrownBy(() -> PostgresStoreConfig.builder(NONE).schema("Bad-Name").fetchSize(0).maxAttempts(-1)
                .build())
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .containsExactly(
                                new Violation("schema", "\"Bad-Name\"", "must be 1 to 63 lower-case letters, digits "
                                        + "or underscores, not starting with a digit or pg_"),
                                new Violation("fetchSize", "0", "must be between 1 and 100000"),
                                new Violation("maxAttempts", "-1", "must be between 1 and 10000")))
                .hasMessageContaining("schema = \"Bad-Name\"");
    }

    @Test
    void schemaNamesThatNeedQuotingOrAreReservedAreRefused() {
        for (String bad : new String[] {"", "1csat", "pg_csat", "csat;drop", "a".repeat(64), "Csat", "cs\"at"}) {
            assertThatThrownBy(() -> PostgresStoreConfig.builder(NONE).schema(bad).build())
                    .as("schema %s", bad).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("schema");
        }
        assertThat(PostgresStoreConfig.builder(NONE).schema("_" + "a".repeat(62)).build().schema()).hasSize(63);
    }

    @Test
    void theDataSourceIsRequired() {
        assertThatThrownBy(() -> PostgresStoreConfig.builder(null).build())
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("dataSource"));
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        PostgresStoreConfig low = PostgresStoreConfig.builder(NONE).fetchSize(1).maxAttempts(1).build();
        assertThat(low.fetchSize()).isEqualTo(1);
        assertThat(low.maxAttempts()).isEqualTo(1);
        PostgresStoreConfig high = PostgresStoreConfig.builder(NONE).fetchSize(100_000).maxAttempts(10_000).build();
        assertThat(high.fetchSize()).isEqualTo(100_000);
        assertThat(high.maxAttempts()).isEqualTo(10_000);
        assertThatThrownBy(() -> PostgresStoreConfig.builder(NONE).fetchSize(100_001).maxAttempts(10_001).build())
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("fetchSize", "maxAttempts"));
    }
}
