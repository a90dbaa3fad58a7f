package dev.csatkit.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.ScheduleRequest;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs the kit against the in-memory store, correct and with one flaw at a time, to check that
 * the kit passes a correct store and catches each flaw with a message that says what to fix.
 */
class SurveyStoreContractTestTest {

    enum Flaw {
        IGNORES_VERSION, HANDS_OUT_LEASED, CLAIMS_WHEN_CAPPED, WRITES_WHEN_REFUSED, IGNORES_REVIEW_VERSION,
        DROPS_QUESTIONS, LOSES_NEWER_FIELDS
    }

    /** The in-memory store with one flaw added around it. */
    static final class BrokenStore extends ForwardingSurveyStore {
        private final Flaw flaw;
        private final Set<String> handedOut = ConcurrentHashMap.newKeySet();
        private final Set<String> claimedWhenCapped = ConcurrentHashMap.newKeySet();

        BrokenStore(Flaw flaw) {
            super(new InMemorySurveyStore());
            this.flaw = flaw;
        }

        @Override
        public Optional<ScheduleResult> precheck(String interactionId, List<String> capKeys, List<String> optOutKeys,
                Instant now) {
            return Optional.empty(); // the interface's own answer: the flaws live in the operations below
        }

        @Override
        public ScheduleResult schedule(ScheduleRequest request) {
            if (flaw == Flaw.CLAIMS_WHEN_CAPPED && claimedWhenCapped.contains(request.survey().interactionId())) {
                return new ScheduleResult.Duplicate(request.claimUntil());
            }
            ScheduleResult result = delegate().schedule(request);
            if (flaw == Flaw.CLAIMS_WHEN_CAPPED && result instanceof ScheduleResult.Capped) {
                claimedWhenCapped.add(request.survey().interactionId());
            }
            return result;
        }

        @Override
        public List<OpenSurvey> claimDue(Instant now, int limit, Instant leaseUntil) {
            List<OpenSurvey> claimed = new ArrayList<>(delegate().claimDue(now, limit, leaseUntil));
            if (flaw == Flaw.HANDS_OUT_LEASED) {
                // Hands out again what it leased before, whatever the lease says.
                for (String id : handedOut) {
                    Optional<OpenSurvey> s = delegate().find(id);
                    if (claimed.size() < limit && s.isPresent() && !s.get().state().isFinal()
                            && claimed.stream().noneMatch(c -> c.id().equals(id))) {
                        claimed.add(s.get());
                    }
                }
                claimed.forEach(s -> handedOut.add(s.id()));
            }
            return claimed;
        }

        @Override
        public ApplyResult apply(Transition t) {
            if (flaw == Flaw.IGNORES_VERSION && t.current().isPresent()) {
                Optional<OpenSurvey> stored = delegate().find(t.current().get().id());
                if (stored.isPresent()) {
                    // Applies the step on top of whatever version is stored.
                    t = new Transition(stored, t.next().map(n -> withVersion(n, stored.get().version() + 1)),
                            t.holds(), t.outbox(), t.response(), t.reply(), t.inboundId(), t.optOut(), t.review(), t.now(),
                            t.inboundUntil());
                }
            }
            if (flaw == Flaw.DROPS_QUESTIONS) {
                // Keeps the columns it knew before surveys had several questions, and nothing else.
                t = new Transition(t.current(), t.next().map(n -> n.toBuilder().version(n.version()).question(0)
                        .answers(List.of()).build()), t.holds(), t.outbox(), t.response().map(r -> new SurveyResponse(
                        r.interactionId(), r.surveyId(), r.channel(), r.agent(), r.team(), r.entryPoint(), r.locale(),
                        r.caseType(), r.sentAt(), r.respondedAt(), r.score(), r.comment(), r.invalid(), r.late())),
                        t.reply().map(r -> new ReplyRecord(r.surveyKey(), r.receivedAt(), r.kind(), r.value(), r.text(),
                                r.counted())), t.inboundId(), t.optOut(), t.review(), t.now(), t.inboundUntil());
            }
            if (flaw == Flaw.LOSES_NEWER_FIELDS) {
                // Keeps the wait in whole seconds and has no place for the keys a caller pressed.
                t = new Transition(t.current(), t.next(), t.holds(), t.outbox(), t.response().map(r ->
                        new SurveyResponse(r.interactionId(), r.surveyId(), r.channel(), r.agent(), r.team(),
                                r.entryPoint(), r.locale(), r.caseType(), r.sentAt(), r.respondedAt(), r.score(),
                                r.comment(), r.invalid(), r.late(), r.question(), r.answers(), r.contactKey(),
                                r.region(), r.brand(), r.waitTime().map(w -> Duration.ofSeconds(w.toSeconds())),
                                r.openTickets(), Optional.empty())), t.reply(), t.inboundId(), t.optOut(), t.review(),
                        t.now(), t.inboundUntil());
            }
            ApplyResult result = delegate().apply(t);
            if (flaw == Flaw.WRITES_WHEN_REFUSED && !(result instanceof ApplyResult.Applied) && !t.outbox().isEmpty()) {
                // Writes the outbox before it finds out that the step is refused, and never takes it back.
                Transition.Builder outbox = Transition.at(t.now());
                t.outbox().forEach(outbox::send);
                delegate().apply(outbox.build());
            }
            return result;
        }

        @Override
        public boolean saveReview(ReviewChange change) {
            if (flaw == Flaw.IGNORES_REVIEW_VERSION) {
                // Writes the change on top of whatever review is stored, or none.
                Optional<LowScoreReview> stored = delegate().review(change.surveyKey());
                return delegate().saveReview(new ReviewChange(stored, change.next().toBuilder()
                        .version(stored.map(r -> r.version() + 1).orElse(0L)).build()));
            }
            return delegate().saveReview(change);
        }

        private static OpenSurvey withVersion(OpenSurvey s, long version) {
            try {
                RecordComponent[] components = OpenSurvey.class.getRecordComponents();
                Object[] values = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    values[i] = components[i].getName().equals("version") ? version
                            : components[i].getAccessor().invoke(s);
                }
                return OpenSurvey.class.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The kit over a {@link BrokenStore}; subclasses choose its flaw. */
    abstract static class BrokenKit extends SurveyStoreContractTest {
        private final Flaw flaw;

        BrokenKit(Flaw flaw) {
            this.flaw = flaw;
        }

        @Override
        protected SurveyStore newStore() {
            return new BrokenStore(flaw);
        }
    }

    static class IgnoresReviewVersion extends BrokenKit {
        IgnoresReviewVersion() {
            super(Flaw.IGNORES_REVIEW_VERSION);
        }
    }

    static class Correct extends SurveyStoreContractTest {
        @Override
        protected SurveyStore newStore() {
            return new InMemorySurveyStore();
        }
    }

    static class IgnoresVersion extends BrokenKit {
        IgnoresVersion() {
            super(Flaw.IGNORES_VERSION);
        }
    }

    static class HandsOutLeased extends BrokenKit {
        HandsOutLeased() {
            super(Flaw.HANDS_OUT_LEASED);
        }
    }

    static class ClaimsWhenCapped extends BrokenKit {
        ClaimsWhenCapped() {
            super(Flaw.CLAIMS_WHEN_CAPPED);
        }
    }

    static class WritesWhenRefused extends BrokenKit {
        WritesWhenRefused() {
            super(Flaw.WRITES_WHEN_REFUSED);
        }
    }

    static class DropsQuestions extends BrokenKit {
        DropsQuestions() {
            super(Flaw.DROPS_QUESTIONS);
        }
    }

    static class LosesNewerFields extends BrokenKit {
        LosesNewerFields() {
            super(Flaw.LOSES_NEWER_FIELDS);
        }
    }

    private static Events run(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().testEvents();
    }

    /** @return failed test method names mapped to their failure messages */
    private static Map<String, String> failures(Events events) {
        return events.failed().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(),
                SurveyStoreContractTestTest::message, (a, b) -> a + "\n" + b));
    }

    private static String message(Event e) {
        return e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    private static Condition<String> saying(String text) {
        return new Condition<>(m -> m.contains(text), "says \"%s\"", text);
    }

    @Test
    void aCorrectStorePassesEveryCheck() {
        Events events = run(Correct.class);
        assertThat(failures(events)).isEmpty();
        assertThat(events.succeeded().count()).as("every check of every group must be found and run").isEqualTo(62);
    }

    @Test
    void ignoringTheVersionIsCaught() {
        Map<String, String> f = failures(run(IgnoresVersion.class));
        assertThat(f).containsKeys("anOldVersionIsStaleAndWritesNothing()", "aStaleStepWritesNothing()",
                "onlyOneOfConcurrentStepsFromOneVersionIsApplied()");
        assertThat(f.get("anOldVersionIsStaleAndWritesNothing()")).has(saying("must answer Stale"));
        assertThat(f.get("onlyOneOfConcurrentStepsFromOneVersionIsApplied()"))
                .has(saying("exactly one must be Applied, every other Stale"));
    }

    @Test
    void handingOutALeasedSurveyAgainIsCaught() {
        Map<String, String> f = failures(run(HandsOutLeased.class));
        assertThat(f).containsKeys("aLeasedSurveyIsNotHandedOutAgainBeforeItsLeaseEnds()",
                "concurrentClaimsHandOutEachDueSurveyOnce()");
        assertThat(f.get("aLeasedSurveyIsNotHandedOutAgainBeforeItsLeaseEnds()"))
                .has(saying("was handed out again before its lease ended"));
        assertThat(f.get("concurrentClaimsHandOutEachDueSurveyOnce()")).has(saying("lease each survey to one caller"));
    }

    @Test
    void claimingTheInteractionOfACappedSurveyIsCaught() {
        Map<String, String> f = failures(run(ClaimsWhenCapped.class));
        assertThat(f).containsOnlyKeys("aLiveHoldAnswersCappedWithTheHoldersExpiryAndWritesNothing()");
        assertThat(f.get("aLiveHoldAnswersCappedWithTheHoldersExpiryAndWritesNothing()"))
                .has(saying("a Capped schedule must not claim the interaction"));
    }

    @Test
    void writingPartOfARefusedStepIsCaught() {
        Map<String, String> f = failures(run(WritesWhenRefused.class));
        assertThat(f).containsKeys("aCappedStepWritesNothing()", "aDuplicateStepWritesNothing()",
                "aStaleStepWritesNothing()", "aHoldAnotherSurveyTookMakesTheStepCappedAndWritesNothing()");
        assertThat(f.get("aDuplicateStepWritesNothing()")).has(saying("a Duplicate step wrote outbox messages"));
    }

    @Test
    void losingTheQuestionsAndAnswersIsCaught() {
        Map<String, String> f = failures(run(DropsQuestions.class));
        // It keeps only what it knew before several questions, so it also loses the newer fields.
        assertThat(f).containsOnlyKeys("aSurveyOfSeveralQuestionsKeepsWhereItStandsAndItsAnswers()",
                "theOutcomeKeepsItsQuestionAndAnswersAndTheHistoryTheQuestionEachReplyAnswered()",
                "theOutcomeKeepsItsContactKeyRegionBrandWaitOpenTicketsAndKeysAsWritten()");
        assertThat(f.get("aSurveyOfSeveralQuestionsKeepsWhereItStandsAndItsAnswers()"))
                .has(saying("the question a survey of several questions is on"));
        assertThat(f.get("theOutcomeKeepsItsQuestionAndAnswersAndTheHistoryTheQuestionEachReplyAnswered()"))
                .has(saying("the outcome must keep the answers to further questions"));
    }

    @Test
    void losingTheWaitsFractionOrTheKeysIsCaught() {
        Map<String, String> f = failures(run(LosesNewerFields.class));
        assertThat(f).containsOnlyKeys("theOutcomeKeepsItsContactKeyRegionBrandWaitOpenTicketsAndKeysAsWritten()");
        assertThat(f.get("theOutcomeKeepsItsContactKeyRegionBrandWaitOpenTicketsAndKeysAsWritten()"))
                .has(saying("must keep a response's wait as written, to the nanosecond"));
    }

    @Test
    void ignoringTheReviewVersionIsCaught() {
        Map<String, String> f = failures(run(IgnoresReviewVersion.class));
        assertThat(f).containsOnlyKeys("saveReviewWritesOnlyOverTheVersionRead()",
                "onlyOneOfConcurrentReviewChangesFromOneVersionIsWritten()");
        assertThat(f.get("saveReviewWritesOnlyOverTheVersionRead()")).has(saying("must compare the stored version"));
        assertThat(f.get("onlyOneOfConcurrentReviewChangesFromOneVersionIsWritten()"))
                .has(saying("exactly one change must be written"));
    }
}
