package dev.csatkit.engine;

/**
 * What a survey profile does with a reply that only possibly asks to stop messages: a keyword
 * beside a rating or other words ("stop, it was great, 5"), where the customer may have meant the
 * rating. A reply that can only mean stop ("STOP", "stop texting me") always opts out.
 */
public enum PossibleOptOut {
    /**
     * Treat it as an opt-out, at once, on every channel of the contact. The default: rules on
     * revoking consent to automated messages ask that any reasonable reading as a wish to stop
     * is honoured.
     */
    OPT_OUT,
    /**
     * Ask once, on text channels, whether the customer meant to stop; the next reply decides,
     * and another possible opt-out then opts out. Nothing is recorded as a rating meanwhile.
     * Channels that cannot ask (email, keypad) opt out as with {@link #OPT_OUT}.
     */
    ASK_ONCE
}
