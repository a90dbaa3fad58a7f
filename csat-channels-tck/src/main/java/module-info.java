/**
 * The channel test kit: abstract JUnit 5 contract tests a channel adapter's own tests extend.
 */
module dev.csatkit.channels.tck {
    requires transitive dev.csatkit.channels.spi;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.assertj.core;
    requires static transitive org.jspecify;   // @Nullable is part of the API: hosts compile against it

    exports dev.csatkit.channels.tck;
    opens dev.csatkit.channels.tck to org.junit.platform.commons;
}
