package dev.csatkit.channels.spi;

/**
 * The kinds of channel a survey can travel on. The kind decides how a survey is rendered
 * (segment-counted text, an email with links, chat buttons, keypad audio) and which rules apply
 * to it (SMS surveys, for instance, must carry opt-out instructions).
 */
public enum ChannelKind {
    /** Text messages to a phone number; replies come back as text. */
    SMS,
    /** Email with one link per scale point; replies arrive as signed link values. */
    EMAIL,
    /** Chat or messaging apps; replies are text or quick-reply button payloads. */
    CHAT,
    /** A phone call where the caller answers by pressing keys (DTMF). */
    VOICE_DTMF
}
