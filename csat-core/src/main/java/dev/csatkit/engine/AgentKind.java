package dev.csatkit.engine;

/** Whether an interaction was handled by a person or by a bot. */
public enum AgentKind {
    /** A person. */
    HUMAN,
    /** A bot or virtual agent. */
    VIRTUAL
}
