package dev.csatkit.store;

/**
 * Where one survey stands. A survey moves forward only, and ends in exactly one of the four final
 * states: {@link #ANSWERED}, {@link #EXPIRED}, {@link #OPTED_OUT} or {@link #FAILED}.
 */
public enum SurveyState {
    /** Decided and waiting for its send time. */
    SCHEDULED(false),
    /** Handed to the channel; the result has not come back yet. */
    SENDING(false),
    /** Sent; waiting for the reply. */
    AWAITING_REPLY(false),
    /** Rated; still open for a comment or a replacing rating until it closes. */
    RATED(false),
    /** Closed with a rating. */
    ANSWERED(true),
    /** Closed without a rating: no reply, or only unreadable ones. */
    EXPIRED(true),
    /** Closed because the contact opted out. */
    OPTED_OUT(true),
    /** Could not be delivered. */
    FAILED(true);

    private final boolean terminal;

    SurveyState(boolean terminal) {
        this.terminal = terminal;
    }

    /** @return whether the survey is closed for good */
    public boolean isFinal() {
        return terminal;
    }

    /** @return whether the survey has been sent and still takes replies */
    public boolean takesReplies() {
        return this == AWAITING_REPLY || this == RATED;
    }
}
