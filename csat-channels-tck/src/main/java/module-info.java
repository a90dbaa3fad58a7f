/**
 * The channel test kit: abstract JUnit 5 contract tests a channel adapter's own tests extend.
 */
module dev.csatkit.channels.tck {
    requires transitive dev.csatkit.channels.spi;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.assertj.core;
    requires static org.jspecify;

    exports dev.csatkit.channels.tck;
    opens dev.csatkit.channels.tck to org.junit.platform.commons;
}
