/**
 * CSAT Kit's survey store on PostgreSQL: plain JDBC on the host's data source.
 * Only {@code dev.csatkit.store.postgres} is exported.
 */
module dev.csatkit.store.postgres {
    requires transitive dev.csatkit.core;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.csatkit.store.postgres;
}
