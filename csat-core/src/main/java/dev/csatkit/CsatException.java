package dev.csatkit;

/**
 * The base of every error CSAT Kit raises on its own account. It is unchecked: the library's
 * errors describe programming or configuration mistakes, or input that was already refused with
 * a precise message, not conditions a caller is forced to handle at every call site.
 *
 * <p>Catch a subclass where the difference matters to you, for instance
 * {@link InvalidDefinitionException} when storing a survey an administrator just edited.
 */
public class CsatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what went wrong.
     *
     * @param message the full, human-readable description
     */
    public CsatException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the lower-level error behind it.
     *
     * @param message the full, human-readable description
     * @param cause the error that led to this one
     */
    public CsatException(String message, Throwable cause) {
        super(message, cause);
    }
}
