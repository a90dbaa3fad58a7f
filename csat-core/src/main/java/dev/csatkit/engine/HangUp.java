package dev.csatkit.engine;

/** For a call, who hung up first. */
public enum HangUp {
    /** The agent ended the call, which can hand the caller over to a keypad survey. */
    AGENT,
    /** The caller hung up. */
    CONTACT,
    /** Not a call, or the telephony did not say. */
    UNKNOWN
}
