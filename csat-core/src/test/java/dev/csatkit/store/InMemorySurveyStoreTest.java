package dev.csatkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.SurveyResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's own answers, pinned step by step: what scheduling refuses and undoes,
 * what a precheck predicts, the order and leases of claims, stale and repeated steps, opt-outs
 * and their confirmations, the outbox, the time ranges of the readers, and purging. The store
 * kit in {@code csat-store-tck} checks the same contract against every store; this test makes
 * the core's own mutation run see it.
 */
class InMemorySurveyStoreTest {

    private static final Instant T = Instant.parse("2025-03-14T09:00:00Z");

    private final InMemorySurveyStore store = new InMemorySurveyStore();

    private static OpenSurvey.Builder survey(String id, String interaction, String contact) {
        return OpenSurvey.builder(id, "csat", interaction, T).contactId(contact)
                .channel(ChannelKind.SMS, "sms", "+4670" + contact.hashCode());
    }

    private static Instant at(long seconds) {
        return T.plusSeconds(seconds);
    }

    private ScheduleResult schedule(OpenSurvey s, String... optOutKeys) {
        return store.schedule(new ScheduleRequest(s, List.of(optOutKeys), T, at(3_600)));
    }

    private static OutboxMessage message(String key, long due, int attempts) {
        return new OutboxMessage(key, OutboxMessage.Purpose.HELP, "sms", ChannelKind.SMS, "+46701",
                Optional.empty(), Locale.ROOT, at(due), attempts);
    }

    private void optOut(String key, boolean in, Optional<OutboxMessage> confirmation, boolean recorded) {
        assertThat(store.apply(Transition.at(T).optOut(new Transition.OptOutChange(List.of(key), in, confirmation))
                .build())).isEqualTo(new ApplyResult.Applied(recorded));
    }

    @Test
    void aSurveyIsScheduledOncePerInteraction() {
        OpenSurvey s = survey("sv-1", "call-1", "c1").build();
        assertThat(schedule(s)).isEqualTo(new ScheduleResult.Scheduled(s));
        assertThat(schedule(survey("sv-2", "call-1", "c1").build())).isEqualTo(new ScheduleResult.Duplicate(at(3_600)));
        assertThat(store.find("sv-1")).hasValue(s);
        assertThat(store.find("sv-2")).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aSurveyOfAnotherInteractionWithTheSameKeyIsADuplicate() {
        assertThat(schedule(survey("sv-1", "call-1", "c1").build())).isInstanceOf(ScheduleResult.Scheduled.class);
        assertThat(schedule(survey("sv-1", "call-2", "c1").build())).isEqualTo(new ScheduleResult.Duplicate(at(3_600)));
    }

    @Test
    void anOptedOutContactIsNotScheduledAndItsClaimIsNotTaken() {
        optOut("SMS:+46701", false, Optional.empty(), true);
        assertThat(schedule(survey("sv-1", "call-1", "c1").build(), "EMAIL:a", "SMS:+46701"))
                .isEqualTo(new ScheduleResult.OptedOut("SMS:+46701"));
        assertThat(store.precheck("call-1", List.of(), List.of("SMS:+46701"), T))
                .hasValue(new ScheduleResult.OptedOut("SMS:+46701"));
        assertThat(store.precheck("call-1", List.of(), List.of("EMAIL:a"), T)).isEmpty();
        assertThat(store.isOptedOut(List.of("EMAIL:a", "SMS:+46701"))).isTrue();
        assertThat(store.isOptedOut(List.of("EMAIL:a"))).isFalse();
        optOut("SMS:+46701", true, Optional.empty(), true);
        assertThat(store.isOptedOut(List.of("SMS:+46701"))).isFalse();
        assertThat(schedule(survey("sv-1", "call-1", "c1").build(), "SMS:+46701"))
                .isInstanceOf(ScheduleResult.Scheduled.class);
    }

    @Test
    void aHeldCapRefusesTheSurveyAndUndoesWhatTheCallTook() {
        assertThat(schedule(survey("sv-1", "call-1", "c1").holds(List.of(new CapHold("cap-a", at(7_200)))).build()))
                .isInstanceOf(ScheduleResult.Scheduled.class);
        // The first key is held.
        assertThat(schedule(survey("sv-2", "call-2", "c1").holds(List.of(new CapHold("cap-a", at(7_200)))).build()))
                .isEqualTo(new ScheduleResult.Capped("cap-a", at(7_200)));
        // A later key is held: the first key, the keys between and the claim are given back.
        assertThat(schedule(survey("sv-2", "call-2", "c1").holds(List.of(new CapHold("cap-b", at(600)),
                new CapHold("cap-c", at(600)), new CapHold("cap-a", at(600)))).build()))
                .isEqualTo(new ScheduleResult.Capped("cap-a", at(7_200)));
        assertThat(store.precheck("call-2", List.of("cap-b"), List.of(), T)).isEmpty();
        assertThat(store.precheck("call-2", List.of("cap-c"), List.of(), T)).isEmpty();
        assertThat(schedule(survey("sv-2", "call-2", "c1").holds(List.of(new CapHold("cap-b", at(600)),
                new CapHold("cap-c", at(900)))).build())).isInstanceOf(ScheduleResult.Scheduled.class);
        assertThat(store.precheck("call-3", List.of("cap-c"), List.of(), T))
                .hasValue(new ScheduleResult.Capped("cap-c", at(900)));
    }

    @Test
    void aPrecheckPredictsTheRefusalScheduleWouldGive() {
        assertThat(store.precheck("call-1", List.of("cap-a"), List.of("SMS:x"), T)).isEmpty();
        schedule(survey("sv-1", "call-1", "c1").holds(List.of(new CapHold("cap-a", at(7_200)),
                new CapHold("cap-b", at(1_800)))).build());
        assertThat(store.precheck("call-1", List.of("cap-a"), List.of(), T))
                .hasValue(new ScheduleResult.Duplicate(at(3_600)));
        assertThat(store.precheck("call-1", List.of(), List.of(), T)).hasValue(new ScheduleResult.Duplicate(at(3_600)));
        assertThat(store.precheck("call-2", List.of("cap-a"), List.of(), T))
                .hasValue(new ScheduleResult.Capped("cap-a", at(7_200)));
        assertThat(store.precheck("call-2", List.of("cap-z", "cap-b"), List.of(), T))
                .hasValue(new ScheduleResult.Capped("cap-b", at(1_800)));
        assertThat(store.precheck("call-2", List.of("cap-z", "cap-y"), List.of(), T)).isEmpty();
        assertThat(store.precheck("call-2", List.of(), List.of(), T)).isEmpty();
        // Once the hold has passed, nothing is held.
        assertThat(store.precheck("call-2", List.of("cap-z", "cap-b"), List.of(), at(1_800))).isEmpty();
    }

    @Test
    void dueSurveysAreClaimedInDueOrderUpToTheLimitAndLeased() {
        for (int i = 3; i >= 1; i--) {
            schedule(survey("sv-" + i, "call-" + i, "c" + i).sendAt(at(i)).build());
        }
        assertThat(store.claimDue(at(0), 10, at(100))).isEmpty();
        List<OpenSurvey> first = store.claimDue(at(2), 10, at(100));
        assertThat(first).extracting(OpenSurvey::id).containsExactly("sv-1", "sv-2");
        assertThat(first).allSatisfy(s -> assertThat(s.leaseUntil()).hasValue(at(100)));
        assertThat(first).extracting(OpenSurvey::version).containsExactly(1L, 1L);
        assertThat(store.find("sv-1")).hasValue(first.get(0));
        // Leased: not due again before the lease ends.
        assertThat(store.claimDue(at(50), 10, at(150))).extracting(OpenSurvey::id).containsExactly("sv-3");
        assertThat(store.claimDue(at(99), 10, at(150))).isEmpty();
        assertThat(store.claimDue(at(100), 1, at(200))).extracting(OpenSurvey::id).containsExactly("sv-1");
        assertThat(store.claimDue(at(100), 5, at(200))).extracting(OpenSurvey::id).containsExactly("sv-2");
    }

    @Test
    void claimsRefuseAZeroLimitAndALeaseThatIsNotAhead() {
        assertThatThrownBy(() -> store.claimDue(T, 0, at(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit = 0: must be at least 1");
        assertThatThrownBy(() -> store.claimOutbox(T, 1, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaseUntil = " + T + ": must be after now = " + T);
        assertThat(store.claimDue(T, 1, at(1))).isEmpty();
        assertThatThrownBy(() -> store.purge(T, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit = 0: must be at least 1");
    }

    @Test
    void aStepOnAnOldVersionIsStaleAndARepeatedInboundMessageADuplicate() {
        OpenSurvey s = survey("sv-1", "call-1", "c1").build();
        schedule(s);
        OpenSurvey next = s.toBuilder().state(SurveyState.AWAITING_REPLY).build();
        assertThat(store.apply(Transition.at(T).change(s, next).inbound("in-1", at(60)).build()))
                .isEqualTo(new ApplyResult.Applied(false));
        assertThat(store.find("sv-1")).hasValue(next);
        assertThat(store.apply(Transition.at(T).change(s, next).build())).isEqualTo(new ApplyResult.Stale());
        assertThat(store.apply(Transition.at(T).check(survey("sv-9", "call-9", "c1").build()).build()))
                .isEqualTo(new ApplyResult.Stale());
        OpenSurvey third = next.toBuilder().state(SurveyState.RATED).build();
        assertThat(store.apply(Transition.at(at(59)).change(next, third).inbound("in-1", at(120)).build()))
                .isEqualTo(new ApplyResult.Duplicate());
        assertThat(store.seenInbound("in-1", at(59))).isTrue();
        assertThat(store.seenInbound("in-1", at(60))).isFalse();
        assertThat(store.seenInbound("in-2", T)).isFalse();
        // Once its time has passed the id is new again.
        assertThat(store.apply(Transition.at(at(60)).change(next, third).inbound("in-1", at(120)).build()))
                .isEqualTo(new ApplyResult.Applied(false));
    }

    @Test
    void anOptOutIsRecordedOnceAndConfirmedOnceAndAnOptInWithdrawsAWaitingConfirmation() {
        OutboxMessage confirmation = new OutboxMessage("conf-1", OutboxMessage.Purpose.OPT_OUT_CONFIRMATION, "sms",
                ChannelKind.SMS, "+46701", Optional.empty(), Locale.ROOT, T, 0);
        optOut("SMS:+46701", false, Optional.of(confirmation), true);
        optOut("SMS:+46701", false, Optional.of(confirmation.dueAt(at(5), true)), false);
        // The second opt-out sent nothing: the first confirmation is there, unchanged.
        assertThat(store.claimOutbox(at(10), 10, at(20))).extracting(OutboxMessage::key, OutboxMessage::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("conf-1", 0));
        optOut("SMS:+46701", true, Optional.empty(), true);
        assertThat(store.claimOutbox(at(30), 10, at(40))).isEmpty();
        optOut("SMS:+46701", true, Optional.empty(), false);
    }

    @Test
    void anOptInLeavesOtherAddressesConfirmationsAndOtherMessages() {
        OutboxMessage other = new OutboxMessage("conf-2", OutboxMessage.Purpose.OPT_OUT_CONFIRMATION, "sms",
                ChannelKind.SMS, "+46702", Optional.empty(), Locale.ROOT, T, 0);
        OutboxMessage help = new OutboxMessage("help-1", OutboxMessage.Purpose.HELP, "sms",
                ChannelKind.SMS, "+46701", Optional.empty(), Locale.ROOT, T, 0);
        optOut("SMS:+46702", false, Optional.of(other), true);
        store.apply(Transition.at(T).send(help).build());
        optOut("SMS:+46701", false, Optional.empty(), true);
        optOut("SMS:+46701", true, Optional.empty(), true);
        assertThat(store.claimOutbox(T, 10, at(1))).extracting(OutboxMessage::key)
                .containsExactlyInAnyOrder("conf-2", "help-1");
    }

    @Test
    void theOutboxHandsOutDueMessagesInOrderAndSettlesOnlyTheTryItLeased() {
        store.apply(Transition.at(T).send(message("m3", 3, 0)).send(message("m1", 1, 0)).send(message("m2", 2, 0))
                .build());
        assertThat(store.claimOutbox(at(0), 10, at(50))).isEmpty();
        List<OutboxMessage> claimed = store.claimOutbox(at(2), 10, at(50));
        assertThat(claimed).extracting(OutboxMessage::key).containsExactly("m1", "m2");
        assertThat(claimed).allSatisfy(m -> assertThat(m.dueAt()).isEqualTo(at(50)));
        assertThat(store.claimOutbox(at(3), 10, at(50))).extracting(OutboxMessage::key).containsExactly("m3");
        assertThat(store.claimOutbox(at(49), 10, at(60))).isEmpty();
        // A settle from a try that is not the stored one is refused.
        assertThat(store.settleOutbox(message("m1", 50, 1), Optional.empty())).isFalse();
        assertThat(store.settleOutbox(message("nope", 50, 0), Optional.empty())).isFalse();
        assertThat(store.settleOutbox(claimed.get(0), Optional.empty())).isTrue();
        assertThat(store.settleOutbox(claimed.get(1), Optional.of(claimed.get(1).dueAt(at(70), true)))).isTrue();
        assertThat(store.claimOutbox(at(60), 10, at(80))).extracting(OutboxMessage::key).containsExactly("m3");
        List<OutboxMessage> retried = store.claimOutbox(at(70), 1, at(80));
        assertThat(retried).extracting(OutboxMessage::key, OutboxMessage::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m2", 1));
        assertThat(store.claimOutbox(at(200), 10, at(300))).extracting(OutboxMessage::key).containsExactly("m2", "m3");
    }

    @Test
    void theLatestDeliveredSurveyIsTheLastPromptedThatWasSentOrIsSending() {
        OpenSurvey a = survey("sv-a", "call-a", "c1").build();
        OpenSurvey b = survey("sv-b", "call-b", "c1").build();
        schedule(a);
        schedule(b);
        String address = a.address();
        assertThat(store.latestDelivered("sms", address)).isEmpty();
        OpenSurvey aSent = a.toBuilder().promptedAt(at(10)).sentAt(at(11)).state(SurveyState.AWAITING_REPLY).build();
        store.apply(Transition.at(at(11)).change(a, aSent).build());
        assertThat(store.latestDelivered("sms", address)).hasValue(aSent);
        assertThat(store.latestDelivered("email", address)).isEmpty();
        // Prompted later but not sent: the earlier one still answers.
        OpenSurvey bPrompted = b.toBuilder().promptedAt(at(20)).build();
        store.apply(Transition.at(at(20)).change(b, bPrompted).build());
        assertThat(store.latestDelivered("sms", address)).hasValue(aSent);
        OpenSurvey bSending = bPrompted.toBuilder().state(SurveyState.SENDING).build();
        store.apply(Transition.at(at(21)).change(bPrompted, bSending).build());
        assertThat(store.latestDelivered("sms", address)).hasValue(bSending);
    }

    private static SurveyResponse response(String id, long sent) {
        return SurveyResponse.builder(id, "csat", at(sent)).rating(5, at(sent + 1)).build();
    }

    @Test
    void responsesAreReadInTheirTimeRangeAndTheLatestStepReplacesThem() {
        OpenSurvey[] s = new OpenSurvey[3];
        for (int i = 0; i < 3; i++) {
            s[i] = survey("sv-" + i, "call-" + i, "c1").build();
            schedule(s[i]);
            OpenSurvey next = s[i].toBuilder().build();
            store.apply(Transition.at(T).change(s[i], next).response(response("call-" + i, 10L * i)).build());
            s[i] = next;
        }
        List<String> seen = new ArrayList<>();
        store.forEachResponse(at(0), at(20), r -> seen.add(r.interactionId()));
        assertThat(seen).containsExactly("call-0", "call-1");
        seen.clear();
        store.forEachResponse(at(10), at(21), r -> seen.add(r.interactionId()));
        assertThat(seen).containsExactly("call-1", "call-2");
        assertThat(store.response("sv-1")).hasValue(response("call-1", 10));
        assertThat(store.response("sv-9")).isEmpty();
        SurveyResponse changed = SurveyResponse.builder("call-1", "csat", at(10)).rating(2, at(12)).build();
        store.apply(Transition.at(T).check(s[1]).response(changed).build());
        assertThat(store.response("sv-1")).hasValue(changed);
        // Replaced where it was: still read in the order first saved.
        seen.clear();
        store.forEachResponse(at(0), at(30), r -> seen.add(r.interactionId()));
        assertThat(seen).containsExactly("call-0", "call-1", "call-2");
    }

    @Test
    void repliesAreKeptInOrderAndCopied() {
        OpenSurvey s = survey("sv-1", "call-1", "c1").build();
        schedule(s);
        ReplyRecord one = new ReplyRecord("sv-1", at(1), ReplyRecord.Kind.RATING, OptionalInt.of(4), Optional.empty(),
                true);
        ReplyRecord two = new ReplyRecord("sv-1", at(2), ReplyRecord.Kind.COMMENT, OptionalInt.empty(),
                Optional.of("fine"), true);
        store.apply(Transition.at(at(1)).check(s).reply(one).build());
        List<ReplyRecord> before = store.history("sv-1");
        store.apply(Transition.at(at(2)).check(s).reply(two).build());
        assertThat(before).containsExactly(one);
        assertThat(store.history("sv-1")).containsExactly(one, two);
        assertThat(store.history("sv-2")).isEmpty();
    }

    @Test
    void moodsAreReadInTheirTimeRange() {
        for (int i = 0; i < 4; i++) {
            store.saveMood(new MoodAssessment("call-" + i, "csat", "ann", Optional.empty(), "mood", i, at(10L * i)));
        }
        List<Integer> seen = new ArrayList<>();
        store.forEachMood(at(10), at(30), m -> seen.add(m.value()));
        assertThat(seen).containsExactly(1, 2);
    }

    @Test
    void reviewsAreSavedByCompareAndSetAndReadByOpeningTime() {
        LowScoreReview a = LowScoreReview.builder("sv-a", "csat", "call-a", "c1", 1, at(10)).build();
        LowScoreReview b = LowScoreReview.builder("sv-b", "csat", "call-b", "c1", 2, at(20)).build();
        LowScoreReview c = LowScoreReview.builder("sv-c", "csat", "call-c", "c2", 2, at(20)).build();
        assertThat(store.saveReview(ReviewChange.open(a))).isTrue();
        assertThat(store.saveReview(ReviewChange.open(a))).isFalse();
        assertThat(store.saveReview(ReviewChange.open(c))).isTrue();
        assertThat(store.saveReview(ReviewChange.open(b))).isTrue();
        LowScoreReview a1 = a.toBuilder().next(at(30)).status(ReviewStatus.WITHDRAWN).build();
        assertThat(store.saveReview(ReviewChange.of(a, a1))).isTrue();
        assertThat(store.saveReview(ReviewChange.of(a, a1))).isFalse();
        assertThat(store.review("sv-a")).hasValue(a1);
        List<String> seen = new ArrayList<>();
        store.forEachReview(at(10), at(21), r -> seen.add(r.surveyKey() + "@" + r.version()));
        assertThat(seen).containsExactly("sv-a@1", "sv-b@0", "sv-c@0");
        seen.clear();
        store.forEachReview(at(11), at(20), r -> seen.add(r.surveyKey()));
        assertThat(seen).isEmpty();
        store.forEachReview(at(20), at(20), r -> seen.add(r.surveyKey()));
        store.forEachReview(at(21), at(20), r -> seen.add(r.surveyKey()));
        assertThat(seen).isEmpty();
        store.forEachReview(at(20), at(21), r -> seen.add(r.surveyKey()));
        assertThat(seen).containsExactly("sv-b", "sv-c");
    }

    @Test
    void aReviewChangedWithItsSurveyIsStaleWhenItMovedOn() {
        OpenSurvey s = survey("sv-1", "call-1", "c1").build();
        schedule(s);
        LowScoreReview r = LowScoreReview.builder("sv-1", "csat", "call-1", "c1", 1, T).build();
        store.saveReview(ReviewChange.open(r));
        assertThat(store.apply(Transition.at(T).check(s).review(ReviewChange.open(r)).build()))
                .isEqualTo(new ApplyResult.Stale());
        LowScoreReview r1 = r.toBuilder().next(T).status(ReviewStatus.WITHDRAWN).build();
        assertThat(store.apply(Transition.at(T).check(s).review(ReviewChange.of(r, r1)).build()))
                .isEqualTo(new ApplyResult.Applied(false));
        assertThat(store.review("sv-1")).hasValue(r1);
    }

    @Test
    void purgeRemovesFinalSurveysEndedBeforeTheCutoffUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            OpenSurvey s = survey("sv-" + i, "call-" + i, "c" + i).build();
            schedule(s);
            OpenSurvey.Builder next = s.toBuilder().promptedAt(at(1));
            if (i < 4) {
                next.end(SurveyState.EXPIRED, "closed", at(10L * i));
            }
            store.apply(Transition.at(T).change(s, next.build()).inbound("in-" + i, at(10L * i)).build());
        }
        assertThat(store.size()).isEqualTo(5);
        // Ended at 0, 10, 20 and 30; before 25: three, of which the limit takes two.
        assertThat(store.purge(at(25), 2)).isEqualTo(2);
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.purge(at(25), 10)).isEqualTo(1);
        assertThat(store.purge(at(25), 10)).isZero();
        assertThat(store.find("sv-3")).isPresent();
        assertThat(store.find("sv-4")).isPresent();
        assertThat(store.history("sv-0")).isEmpty();
        // The inbound ids up to the cutoff are forgotten too.
        assertThat(store.seenInbound("in-3", at(29))).isTrue();
        assertThat(store.purge(at(30), 10)).isZero();
        assertThat(store.purge(at(31), 10)).isEqualTo(1);
    }

    private static CapHold hold(String key, long until) {
        return new CapHold(key, at(until));
    }

    private Optional<ScheduleResult> capped(String key, Instant now) {
        return store.precheck("call-other", List.of(key), List.of(), now);
    }

    @Test
    void undoingAScheduleLeavesTheDeniedKeyToItsHolderEvenWhenBothEndAtOneInstant() {
        schedule(survey("sv-1", "call-1", "c1").holds(List.of(hold("cap-a", 600))).build());
        assertThat(schedule(survey("sv-2", "call-2", "c1").holds(List.of(hold("cap-b", 600), hold("cap-c", 600),
                hold("cap-a", 600))).build())).isEqualTo(new ScheduleResult.Capped("cap-a", at(600)));
        assertThat(capped("cap-a", T)).hasValue(new ScheduleResult.Capped("cap-a", at(600)));
        assertThat(capped("cap-b", T)).isEmpty();
        assertThat(capped("cap-c", T)).isEmpty();
    }

    @Test
    void aStepMovesAHoldReleasesOneAndReleasesOneMovedToNow() {
        schedule(survey("sv-1", "call-1", "c1").holds(List.of(hold("cap-a", 600), hold("cap-b", 600), hold("cap-c", 600)))
                .build());
        assertThat(store.apply(Transition.at(at(100))
                .hold(new Transition.HoldChange(hold("cap-a", 600), Optional.of(at(1_200))))
                .hold(new Transition.HoldChange(hold("cap-b", 600), Optional.empty()))
                .hold(new Transition.HoldChange(hold("cap-c", 600), Optional.of(at(100)))).build()))
                .isEqualTo(new ApplyResult.Applied(false));
        assertThat(capped("cap-a", at(100))).hasValue(new ScheduleResult.Capped("cap-a", at(1_200)));
        assertThat(capped("cap-b", at(100))).isEmpty();
        // Moved to the step's own instant: released, not held for a millisecond more.
        assertThat(capped("cap-c", at(100))).isEmpty();
    }

    @Test
    void aStepWhoseHoldIsTakenPutsBackEveryHoldAsItWas() {
        schedule(survey("sv-1", "call-1", "c1").holds(List.of(hold("cap-a", 600))).build());
        schedule(survey("sv-2", "call-2", "c2").holds(List.of(hold("cap-b", 900))).build());
        OpenSurvey sv1 = store.find("sv-1").orElseThrow();
        OpenSurvey next = sv1.toBuilder().state(SurveyState.AWAITING_REPLY).build();
        assertThat(store.apply(Transition.at(at(10)).change(sv1, next)
                .hold(new Transition.HoldChange(hold("cap-a", 600), Optional.of(at(1_200))))
                .hold(new Transition.HoldChange(hold("cap-b", 300), Optional.of(at(1_500)))).build()))
                .isEqualTo(new ApplyResult.Capped("cap-b", at(900)));
        assertThat(capped("cap-a", at(10))).hasValue(new ScheduleResult.Capped("cap-a", at(600)));
        assertThat(capped("cap-b", at(10))).hasValue(new ScheduleResult.Capped("cap-b", at(900)));
        assertThat(store.find("sv-1")).hasValue(sv1);
    }

    @Test
    void aHoldThatEndedWhenTheRefusedStepBeganIsNotPutBack() {
        schedule(survey("sv-1", "call-1", "c1").holds(List.of(hold("cap-a", 600))).build());
        schedule(survey("sv-2", "call-2", "c2").holds(List.of(hold("cap-b", 900))).build());
        assertThat(store.apply(Transition.at(at(600))
                .hold(new Transition.HoldChange(hold("cap-a", 600), Optional.of(at(1_200))))
                .hold(new Transition.HoldChange(hold("cap-b", 300), Optional.of(at(1_500)))).build()))
                .isEqualTo(new ApplyResult.Capped("cap-b", at(900)));
        assertThat(capped("cap-a", at(600))).isEmpty();
    }

    @Test
    void aSurveyScheduledAlreadyPromptedIsTheAddressesLatestDelivered() {
        OpenSurvey s = survey("sv-1", "call-1", "c1").promptedAt(at(1)).sentAt(at(1)).build();
        assertThat(schedule(s)).isEqualTo(new ScheduleResult.Scheduled(s));
        assertThat(store.latestDelivered("sms", s.address())).hasValue(s);
    }

    @Test
    void anAddressRemembersItsEightLastPromptedSurveys() {
        OpenSurvey sent = survey("sv-x", "call-x", "c1").promptedAt(at(1)).sentAt(at(1)).build();
        schedule(sent);
        for (int i = 0; i < 8; i++) {
            assertThat(store.latestDelivered("sms", sent.address())).as("after %d more", i).hasValue(sent);
            schedule(survey("sv-" + i, "call-" + i, "c1").promptedAt(at(2 + i)).build());
        }
        // Eight surveys prompted since: the sent one is no longer remembered.
        assertThat(store.latestDelivered("sms", sent.address())).isEmpty();
    }

    @Test
    void aSurveyPromptedEarlierButWrittenLaterKeepsItsPlaceByTime() {
        OpenSurvey later = survey("sv-a", "call-a", "c1").promptedAt(at(20)).sentAt(at(20)).build();
        OpenSurvey earlier = survey("sv-b", "call-b", "c1").promptedAt(at(10)).sentAt(at(10)).build();
        schedule(later);
        schedule(earlier);
        assertThat(store.latestDelivered("sms", later.address())).hasValue(later);
    }

    @Test
    void aMessageWrittenAgainForTheSameDueTimeIsStillHandedOut() {
        store.apply(Transition.at(T).send(message("m1", 5, 0)).build());
        store.apply(Transition.at(T).send(message("m1", 5, 0)).build());
        assertThat(store.claimOutbox(at(5), 10, at(50))).extracting(OutboxMessage::key).containsExactly("m1");
    }

    @Test
    void theOutboxHandsOutNoMoreThanTheLimit() {
        store.apply(Transition.at(T).send(message("m1", 1, 0)).send(message("m2", 2, 0)).send(message("m3", 3, 0))
                .build());
        assertThat(store.claimOutbox(at(3), 2, at(50))).extracting(OutboxMessage::key).containsExactly("m1", "m2");
        assertThat(store.claimOutbox(at(3), 2, at(50))).extracting(OutboxMessage::key).containsExactly("m3");
    }

    @Test
    void purgingOneSurveyOfAnAddressKeepsTheOthersDeliveredAndALimitOfOneWorks() {
        OpenSurvey prompted = survey("sv-1", "call-1", "c1").promptedAt(at(1)).build();
        OpenSurvey sent = survey("sv-2", "call-2", "c1").promptedAt(at(2)).sentAt(at(2))
                .state(SurveyState.AWAITING_REPLY).build();
        schedule(prompted);
        schedule(sent);
        store.apply(Transition.at(at(5)).change(prompted, prompted.toBuilder().end(SurveyState.EXPIRED, "closed", at(5))
                .build()).build());
        assertThat(store.purge(at(10), 1)).isEqualTo(1);
        assertThat(store.find("sv-1")).isEmpty();
        assertThat(store.latestDelivered("sms", sent.address())).hasValue(sent);
    }

    @Test
    void purgeForgetsAnInboundIdThatEndsAtTheCutoff() {
        store.apply(Transition.at(T).inbound("in-x", at(30)).build());
        assertThat(store.seenInbound("in-x", at(29))).isTrue();
        assertThat(store.purge(at(29), 10)).isZero();
        assertThat(store.seenInbound("in-x", at(28))).isTrue();
        assertThat(store.purge(at(30), 10)).isZero();
        assertThat(store.seenInbound("in-x", at(29))).isFalse();
    }

    @Test
    void theReviewQueueKeepsTheWantedStatusesOldestFirstUpToTheLimit() {
        LowScoreReview a = LowScoreReview.builder("sv-a", "csat", "call-a", "c1", 1, at(10)).build();
        LowScoreReview b = LowScoreReview.builder("sv-b", "csat", "call-b", "c1", 2, at(20)).build();
        LowScoreReview c = LowScoreReview.builder("sv-c", "csat", "call-c", "c2", 2, at(30)).build();
        store.saveReview(ReviewChange.open(c));
        store.saveReview(ReviewChange.open(b));
        store.saveReview(ReviewChange.open(a));
        LowScoreReview b1 = b.toBuilder().next(at(40)).status(ReviewStatus.WITHDRAWN).build();
        store.saveReview(ReviewChange.of(b, b1));
        assertThat(store.reviews(Set.of(ReviewStatus.OPEN), 1)).containsExactly(a);
        assertThat(store.reviews(Set.of(ReviewStatus.OPEN), 5)).containsExactly(a, c);
        assertThat(store.reviews(Set.of(ReviewStatus.WITHDRAWN), 5)).containsExactly(b1);
        assertThat(store.reviews(Set.of(ReviewStatus.RESOLVED), 5)).isEmpty();
        assertThatThrownBy(() -> store.reviews(Set.of(ReviewStatus.OPEN), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit = 0: must be at least 1");
    }

    @Test
    void aPurgedSurveyGivesUpItsPlaceAmongTheAddressesEightLast() {
        OpenSurvey sent = survey("sv-g", "call-g", "c1").promptedAt(at(1)).sentAt(at(1)).build();
        OpenSurvey ended = survey("sv-s", "call-s", "c1").promptedAt(at(2)).build();
        schedule(sent);
        schedule(ended);
        for (int i = 0; i < 6; i++) {
            schedule(survey("sv-" + i, "call-" + i, "c1").promptedAt(at(3 + i)).build());
        }
        store.apply(Transition.at(at(20)).change(ended, ended.toBuilder().end(SurveyState.EXPIRED, "closed", at(20))
                .build()).build());
        assertThat(store.purge(at(21), 10)).isEqualTo(1);
        // Eight remembered: the purged one's place goes to the next survey, so the sent one stays.
        schedule(survey("sv-n", "call-n", "c1").promptedAt(at(30)).build());
        assertThat(store.latestDelivered("sms", sent.address())).hasValue(sent);
    }
}
