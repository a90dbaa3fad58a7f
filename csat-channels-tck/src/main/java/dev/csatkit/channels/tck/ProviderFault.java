package dev.csatkit.channels.tck;

/**
 * The ways a provider can fail that the kit asks an adapter test to arrange, one send at a time.
 */
public enum ProviderFault {
    /**
     * A failure that may pass: throttling, an outage, a temporary (4xx SMTP, 429/503 HTTP)
     * answer, a refused connection. The adapter must answer {@code RetryLater}.
     */
    TRANSIENT,
    /**
     * A refusal that will not pass: an unknown or blocked address, a rejected message. The
     * adapter must answer {@code FailedPermanently}.
     */
    PERMANENT,
    /**
     * The provider does not answer at all. The adapter must not block the caller, and must answer
     * {@code RetryLater} once its send timeout has passed.
     */
    HANG
}
