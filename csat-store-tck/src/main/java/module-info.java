/**
 * The store test kit: abstract JUnit 5 contract tests a survey store's own tests extend.
 */
module dev.csatkit.store.tck {
    requires transitive dev.csatkit.core;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    requires static transitive org.jspecify;   // @Nullable is part of the API: hosts compile against it

    exports dev.csatkit.store.tck;
    opens dev.csatkit.store.tck to org.junit.platform.commons;
}
