/**
 * What CSAT Kit's channel adapters share, as public API for any adapter: {@code Masking} of
 * personal data for log lines and error messages, {@code BaseChannel} (kind check, idempotency by
 * key, send timeout, worker threads, masked logs) and {@code HttpEndpoint}, a small HTTP/1.1
 * endpoint for inbound callbacks that a slow or hostile client cannot take down.
 */
module dev.csatkit.channels.support {
    requires transitive dev.csatkit.channels.spi;
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.csatkit.channels.support;
}
