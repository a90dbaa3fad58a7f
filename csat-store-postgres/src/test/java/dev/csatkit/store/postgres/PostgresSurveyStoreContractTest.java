package dev.csatkit.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.postgres.testing.TestPostgres;
import dev.csatkit.store.tck.SurveyStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract, run against PostgreSQL: a fresh schema for every test. */
class PostgresSurveyStoreContractTest extends SurveyStoreContractTest {

    private static HikariDataSource pool;
    private String schema;

    @BeforeAll
    static void connect() {
        pool = TestPostgres.get().pool(THREADS + 4);
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    @Override
    protected SurveyStore newStore() {
        schema = TestPostgres.get().freshSchema(pool, "tck");
        return new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
    }

    @Override
    protected void closeStore(SurveyStore store) {
        TestPostgres.get().dropSchema(pool, schema);
    }
}
