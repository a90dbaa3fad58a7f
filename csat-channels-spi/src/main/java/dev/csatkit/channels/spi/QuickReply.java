package dev.csatkit.channels.spi;

/**
 * One quick-reply button of a chat message.
 *
 * @param label what the button shows, such as {@code 😀 Great}; 1–64 characters, one line
 * @param payload what comes back when it is tapped, such as {@code csat:5}; 1–256 characters,
 *     one line
 */
public record QuickReply(String label, String payload) {
    /**
     * @throws IllegalArgumentException when the label or payload is blank, too long or spans lines
     */
    public QuickReply {
        Require.line("label", label, 64);
        Require.line("payload", payload, 256);
    }
}
