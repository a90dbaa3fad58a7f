package dev.csatkit.engine;

/** The channel an interaction took place on, which may differ from the channel of its survey. */
public enum Medium {
    /** A phone call. */
    VOICE,
    /** An SMS conversation. */
    SMS,
    /** An email conversation. */
    EMAIL,
    /** A web or in-app chat. */
    CHAT,
    /** A messaging app or social network. */
    MESSAGING,
    /** A ticket worked in a helpdesk, whatever channel it came in on. */
    TICKET
}
