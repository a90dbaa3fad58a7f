package dev.csatkit.store;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.SurveyResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything the engine keeps: surveys and their state, the interactions already claimed, the
 * frequency-cap holds, opt-outs, the outbox of side messages, the provider message ids already
 * seen, and the outcomes, reply histories, mood assessments and reviews of low scores that
 * reports read.
 *
 * <p>Operations are coarse and atomic by contract: each one is applied whole or not at all, and
 * is safe to call from many threads and many engine instances at once. The engine never wraps
 * calls in a lock or transaction of its own, so an implementation is free to map each operation
 * to one statement or one transaction on a shared database, or one script on a key-value store.
 * Time is always passed in by the engine, which reads it from its injected clock; an
 * implementation never reads the system clock to decide. An implementation may keep and compare
 * times to the millisecond, but loses or refuses nothing for it: a due time moved within one
 * millisecond stays due, and a hold granted at a time with microseconds stays its owner's.
 *
 * <ul>
 *   <li>{@link #schedule}: opt-out check, interaction claim, cap holds and survey insert;</li>
 *   <li>{@link #claimDue} and {@link #claimOutbox}: hand each due survey or message to one caller
 *       only, with a lease after which another caller may take it over;</li>
 *   <li>{@link #apply}: version check, next survey version, cap hold changes, outbox messages,
 *       outcome, reply history, provider message id, opt-out and the review of a low score,
 *       together;</li>
 *   <li>{@link #saveReview}: a reviewer's change to the review of a low score, compared and set
 *       on its version.</li>
 * </ul>
 *
 * <p>{@link InMemorySurveyStore} keeps all of it in this JVM: a restart loses it. Implementations
 * prove the contract by passing the store test kit ({@code csat-store-tck}).
 */
public interface SurveyStore {

    /**
     * Schedules a survey in one atomic step: if any opt-out key is opted out, answers
     * {@link ScheduleResult.OptedOut}; else if the interaction has a live claim, answers
     * {@link ScheduleResult.Duplicate}; else if any of the survey's cap keys has a live hold,
     * answers {@link ScheduleResult.Capped}; else claims the interaction until
     * {@code claimUntil}, takes every hold and stores the survey. Only the last answer writes.
     *
     * @param request what to schedule
     * @return what happened
     */
    ScheduleResult schedule(ScheduleRequest request);

    /**
     * Tells, from a read that writes nothing, what {@link #schedule} would refuse with — before the
     * engine builds the survey, so the many decisions a frequency cap refuses cost no survey. It
     * checks in {@code schedule}'s order: opt-out keys, the interaction's claim, the cap keys. An
     * answer given here is what {@code schedule} would have answered at the moment of the read;
     * empty means "schedule it", and {@code schedule} stays the authority. A store that cannot
     * read cheaply (one whose every call is a round trip) answers empty without reading, as this
     * default does.
     *
     * @param interactionId the interaction to be claimed
     * @param capKeys the cap keys to be held
     * @param optOutKeys the opt-out keys that refuse the survey
     * @param now the current time
     * @return {@link ScheduleResult.OptedOut}, {@link ScheduleResult.Duplicate} or
     *     {@link ScheduleResult.Capped} when the read shows it; else empty
     */
    default Optional<ScheduleResult> precheck(String interactionId, List<String> capKeys, List<String> optOutKeys,
            Instant now) {
        return Optional.empty();
    }

    /**
     * Leases up to {@code limit} surveys due at {@code now} ({@link OpenSurvey#dueAt()} at or
     * before it), earliest first, to the caller until {@code leaseUntil}: each is written with
     * {@link OpenSurvey#leaseUntil()} set and its version raised, and no other call hands it out
     * again before the lease ends. A caller that dies leaves the survey to be taken over then.
     *
     * @param now the current time
     * @param limit the most to return, at least 1
     * @param leaseUntil the end of the lease, after {@code now}
     * @return the leased surveys, as written
     */
    List<OpenSurvey> claimDue(Instant now, int limit, Instant leaseUntil);

    /**
     * Applies one step of a survey's life atomically; see {@link Transition} for what it holds
     * and {@link ApplyResult} for the ways it can be refused, none of which writes anything.
     *
     * @param transition the step
     * @return what happened
     */
    ApplyResult apply(Transition transition);

    /**
     * Leases up to {@code limit} outbox messages due at {@code now}, earliest first, until
     * {@code leaseUntil}, as {@link #claimDue} does for surveys.
     *
     * @param now the current time
     * @param limit the most to return, at least 1
     * @param leaseUntil the end of the lease
     * @return the leased messages, with {@link OutboxMessage#dueAt()} at the lease's end
     */
    List<OutboxMessage> claimOutbox(Instant now, int limit, Instant leaseUntil);

    /**
     * Settles an outbox message: removes it (sent, or refused for good), or keeps it for another
     * try. Does nothing when the message is gone or another attempt settled it first (its stored
     * {@link OutboxMessage#attempts()} is no longer the one in {@code message}); a lease taken
     * meanwhile does not stop the attempt that was under way from settling it. Right before it
     * sends a message it claimed, the engine settles it as it stands ({@code next} equal to
     * {@code message}): {@code false} then tells it another attempt settled the message since.
     *
     * @param message the message as claimed or written
     * @param next the message to keep, due again, or empty to remove it
     * @return whether the stored message was the one given and was settled
     */
    boolean settleOutbox(OutboxMessage message, Optional<OutboxMessage> next);

    /**
     * @param surveyKey a survey's key
     * @return the survey's current version, while it is kept
     */
    Optional<OpenSurvey> find(String surveyKey);

    /**
     * The survey a reply from an address on a channel answers: of the surveys whose prompt went
     * to that address, the one prompted last that was delivered ({@link OpenSurvey#sentAt()} set)
     * or is being sent right now ({@link SurveyState#SENDING}: a caller may press a key before the
     * channel has confirmed the send). A survey waiting to retry a send that was not confirmed,
     * or that failed unsent, is passed over.
     *
     * @param channelId the channel's id
     * @param address the contact's address on it
     * @return the survey, or empty when none qualifies (or it was purged)
     */
    Optional<OpenSurvey> latestDelivered(String channelId, String address);

    /**
     * @param keys opt-out keys ({@link #contactKey}, {@link #addressKey})
     * @return whether any of them is opted out
     */
    boolean isOptedOut(Collection<String> keys);

    /**
     * @param inboundId a provider message id, as the engine qualifies it
     * @param now the current time
     * @return whether a transition recorded it and it has not expired
     */
    boolean seenInbound(String inboundId, Instant now);

    /**
     * @param surveyKey a survey's key
     * @return its current outcome
     */
    Optional<SurveyResponse> response(String surveyKey);

    /**
     * @param surveyKey a survey's key
     * @return its replies in the order they came
     */
    List<ReplyRecord> history(String surveyKey);

    /**
     * Hands every outcome of a survey sent in {@code [from, to)} to {@code sink}, one at a time,
     * without collecting them first.
     *
     * @param from the first send time included
     * @param to the first send time excluded
     * @param sink receives each outcome
     */
    void forEachResponse(Instant from, Instant to, Consumer<SurveyResponse> sink);

    /**
     * Stores an agent's mood assessment.
     *
     * @param mood the assessment
     */
    void saveMood(MoodAssessment mood);

    /**
     * Hands every mood assessment made in {@code [from, to)} to {@code sink}.
     *
     * @param from the first time included
     * @param to the first time excluded
     * @param sink receives each assessment
     */
    void forEachMood(Instant from, Instant to, Consumer<MoodAssessment> sink);

    // ------------------------------------------------------------------ reviews of low scores

    /**
     * Writes a review change as one compare-and-set: {@code change.next()} is stored only when the
     * stored review is still {@code change.current()} (the same version), or, for a change with no
     * current review, when the survey has none. A review also opens or changes with a survey's
     * step, through {@link Transition#review()}; this is the write for the changes a reviewer
     * makes (taking, resolving, reopening).
     *
     * <p>No default: a store that keeps nothing of reviews would lose what reviewers write.
     *
     * @param change the change
     * @return whether it was written; {@code false} when the stored review is not the one read
     */
    boolean saveReview(ReviewChange change);

    /**
     * @param surveyKey a survey's key
     * @return the current version of its review, if a low score opened one
     */
    Optional<LowScoreReview> review(String surveyKey);

    /**
     * Hands every review opened in {@code [from, to)} ({@link LowScoreReview#openedAt()}) to
     * {@code sink}, oldest opened first (ties by survey key), one at a time, as currently stored.
     *
     * @param from the first opening time included
     * @param to the first opening time excluded
     * @param sink receives each review
     */
    void forEachReview(Instant from, Instant to, Consumer<LowScoreReview> sink);

    /**
     * The review queue: up to {@code limit} reviews whose status is one of {@code statuses},
     * oldest opened first (ties by survey key). The default reads every review through
     * {@link #forEachReview} and keeps the first that match, which is right for any store and
     * slow for a large one; a store with an index on the status answers from it.
     *
     * @param statuses the statuses wanted
     * @param limit the most to return, at least 1
     * @return the reviews, oldest opened first
     */
    default List<LowScoreReview> reviews(Set<ReviewStatus> statuses, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + ": must be at least 1");
        }
        List<LowScoreReview> found = new ArrayList<>();
        forEachReview(Instant.MIN, Instant.MAX, r -> {
            if (found.size() < limit && statuses.contains(r.status())) {
                found.add(r);
            }
        });
        return List.copyOf(found);
    }

    /**
     * Forgets, in one bounded batch, surveys that ended before {@code before} with their
     * histories, and claims, holds and provider message ids that expired by then. Outcomes, mood
     * assessments and reviews of low scores stay: they are the report's data. Call again while it returns
     * {@code limit}.
     *
     * @param before the cut-off
     * @param limit the most surveys to remove in this batch
     * @return how many surveys were removed
     */
    int purge(Instant before, int limit);

    /**
     * @param contactId a contact's id
     * @return the opt-out key of the contact itself, on every channel
     */
    static String contactKey(String contactId) {
        return "contact:" + contactId;
    }

    /**
     * @param kind a channel kind
     * @param address an address on it
     * @return the opt-out key of that address
     */
    static String addressKey(ChannelKind kind, String address) {
        return kind.name() + ':' + address;
    }
}
