package dev.csatkit.engine;

import dev.csatkit.CsatException;
import dev.csatkit.store.ReviewStatus;
import java.util.Optional;

/**
 * A change to the review of a low score that its status does not allow: resolving a review
 * nobody has taken, taking one that is resolved, reopening one that is still open, or changing a
 * review that does not exist. The message says what is allowed instead. Nothing was written.
 */
public class ReviewRefusedException extends CsatException {
    private static final long serialVersionUID = 1L;

    private final String surveyKey;
    private final transient Optional<ReviewStatus> status;

    /**
     * @param surveyKey the survey whose review it is
     * @param status the review's status when the change was refused; empty when there is no review
     * @param message what was refused and what to do instead
     */
    public ReviewRefusedException(String surveyKey, Optional<ReviewStatus> status, String message) {
        super(message);
        this.surveyKey = surveyKey;
        this.status = status;
    }

    /** @return the survey whose review it is */
    public String surveyKey() {
        return surveyKey;
    }

    /** @return the review's status when the change was refused; empty when there is no review */
    public Optional<ReviewStatus> status() {
        return status == null ? Optional.empty() : status;
    }
}
