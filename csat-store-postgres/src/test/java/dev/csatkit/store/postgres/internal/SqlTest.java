package dev.csatkit.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Named parameters and the schema turned into the JDBC text. */
class SqlTest {

    @Test
    void namesBecomePlaceholdersInOrderAndCastsAndTheSchemaAreKept() {
        Sql sql = Sql.of("find", "SELECT :a, :b::int FROM {s}.t WHERE id = :a", "csat_2");
        assertThat(sql.jdbc()).isEqualTo("SELECT ?, ?::int FROM \"csat_2\".t WHERE id = ?");
        assertThat(sql.names()).containsExactly("a", "b", "a");
        assertThat(sql.name()).isEqualTo("find");
        assertThat(sql).hasToString("find");
    }
}
