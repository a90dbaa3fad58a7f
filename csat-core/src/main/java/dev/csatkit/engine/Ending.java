package dev.csatkit.engine;

/** How an interaction ended. */
public enum Ending {
    /** The contact's matter was handled: the call was answered to its end, the ticket solved. */
    RESOLVED,
    /** The contact left before being served. */
    ABANDONED,
    /** Handed on to someone else, who will finish it in another interaction. */
    TRANSFERRED,
    /**
     * Closed by the helpdesk itself, not by an agent: a conversation closed after a period with no
     * reply, a ticket closed by a rule. Not surveyed unless the profile says so
     * ({@link SurveyProfile.Builder#surveyAutoResolved}).
     */
    AUTO_RESOLVED
}
