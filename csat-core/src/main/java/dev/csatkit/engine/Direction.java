package dev.csatkit.engine;

/** Who started an interaction. */
public enum Direction {
    /** The contact reached out (called, wrote, opened a chat). */
    INBOUND,
    /** The helpdesk reached out. */
    OUTBOUND
}
