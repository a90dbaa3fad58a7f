/**
 * The store test kit: abstract JUnit 5 contract tests a survey store's own tests extend.
 */
module dev.csatkit.store.tck {
    requires transitive dev.csatkit.core;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    requires static org.jspecify;

    exports dev.csatkit.store.tck;
    opens dev.csatkit.store.tck to org.junit.platform.commons;
}
