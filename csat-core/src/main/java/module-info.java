/**
 * CSAT Kit core: rating scales, survey definitions and everything that runs surveys.
 * Implementation details live in {@code dev.csatkit.internal}, which is not exported.
 */
module dev.csatkit.core {
    requires transitive dev.csatkit.channels.spi;
    requires dev.csatkit.channels.support;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.csatkit;
    exports dev.csatkit.channel;
    exports dev.csatkit.engine;
    exports dev.csatkit.scale;
    exports dev.csatkit.export;
    exports dev.csatkit.policy;
    exports dev.csatkit.reply;
    exports dev.csatkit.score;
    exports dev.csatkit.store;
    exports dev.csatkit.survey;
}
