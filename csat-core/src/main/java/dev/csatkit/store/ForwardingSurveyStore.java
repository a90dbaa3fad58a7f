package dev.csatkit.store;

import dev.csatkit.score.SurveyResponse;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link SurveyStore} that hands every call to another one: the base for a decorator that
 * counts, times, traces or fails some calls (in a test) and overrides only those.
 *
 * <pre>{@code
 * SurveyStore timed = new ForwardingSurveyStore(store) {
 *     @Override
 *     public ApplyResult apply(Transition t) {
 *         long start = System.nanoTime();
 *         try {
 *             return super.apply(t);
 *         } finally {
 *             applyTimer.record(System.nanoTime() - start);
 *         }
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingSurveyStore implements SurveyStore {

    private final SurveyStore delegate;

    /** @param delegate the store every call goes to */
    protected ForwardingSurveyStore(SurveyStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the store every call goes to */
    protected final SurveyStore delegate() {
        return delegate;
    }

    @Override
    public ScheduleResult schedule(ScheduleRequest request) {
        return delegate.schedule(request);
    }

    @Override
    public Optional<ScheduleResult> precheck(String interactionId, List<String> capKeys, List<String> optOutKeys,
            Instant now) {
        return delegate.precheck(interactionId, capKeys, optOutKeys, now);
    }

    @Override
    public List<OpenSurvey> claimDue(Instant now, int limit, Instant leaseUntil) {
        return delegate.claimDue(now, limit, leaseUntil);
    }

    @Override
    public ApplyResult apply(Transition transition) {
        return delegate.apply(transition);
    }

    @Override
    public List<OutboxMessage> claimOutbox(Instant now, int limit, Instant leaseUntil) {
        return delegate.claimOutbox(now, limit, leaseUntil);
    }

    @Override
    public boolean settleOutbox(OutboxMessage message, Optional<OutboxMessage> next) {
        return delegate.settleOutbox(message, next);
    }

    @Override
    public Optional<OpenSurvey> find(String surveyKey) {
        return delegate.find(surveyKey);
    }

    @Override
    public Optional<OpenSurvey> latestDelivered(String channelId, String address) {
        return delegate.latestDelivered(channelId, address);
    }

    @Override
    public boolean isOptedOut(Collection<String> keys) {
        return delegate.isOptedOut(keys);
    }

    @Override
    public boolean seenInbound(String inboundId, Instant now) {
        return delegate.seenInbound(inboundId, now);
    }

    @Override
    public Optional<SurveyResponse> response(String surveyKey) {
        return delegate.response(surveyKey);
    }

    @Override
    public List<ReplyRecord> history(String surveyKey) {
        return delegate.history(surveyKey);
    }

    @Override
    public void forEachResponse(Instant from, Instant to, Consumer<SurveyResponse> sink) {
        delegate.forEachResponse(from, to, sink);
    }

    @Override
    public void saveMood(MoodAssessment mood) {
        delegate.saveMood(mood);
    }

    @Override
    public void forEachMood(Instant from, Instant to, Consumer<MoodAssessment> sink) {
        delegate.forEachMood(from, to, sink);
    }

    @Override
    public boolean saveReview(ReviewChange change) {
        return delegate.saveReview(change);
    }

    @Override
    public Optional<LowScoreReview> review(String surveyKey) {
        return delegate.review(surveyKey);
    }

    @Override
    public void forEachReview(Instant from, Instant to, Consumer<LowScoreReview> sink) {
        delegate.forEachReview(from, to, sink);
    }

    @Override
    public List<LowScoreReview> reviews(Set<ReviewStatus> statuses, int limit) {
        return delegate.reviews(statuses, limit);
    }

    @Override
    public int purge(Instant before, int limit) {
        return delegate.purge(before, limit);
    }
}
