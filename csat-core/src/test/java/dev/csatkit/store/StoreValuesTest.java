package dev.csatkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The store's values on their own: when a survey comes due in each state, what a copy carries
 * over, and the rules a review and its notes are built under, with the words of each refusal.
 */
class StoreValuesTest {

    private static final Instant T = Instant.parse("2025-03-14T09:00:00Z");

    private static OpenSurvey.Builder survey() {
        return OpenSurvey.builder("sv-1", "csat", "call-1", T).contactId("c-1")
                .channel(ChannelKind.SMS, "sms", "+46701234567").sendAt(T.plusSeconds(60));
    }

    @Test
    void aScheduledSurveyIsDueAtItsSendTimeOrItsRetry() {
        assertThat(survey().build().dueAt()).hasValue(T.plusSeconds(60));
        assertThat(survey().retryAt(Optional.of(T.plusSeconds(90))).build().dueAt()).hasValue(T.plusSeconds(90));
    }

    @Test
    void aLeaseDefersTheDueTimeOnlyWhenItEndsLater() {
        OpenSurvey leased = survey().lease(Optional.of(T.plusSeconds(120))).build();
        assertThat(leased.dueAt()).hasValue(T.plusSeconds(120));
        OpenSurvey lapsed = survey().lease(Optional.of(T.plusSeconds(30))).build();
        assertThat(lapsed.dueAt()).hasValue(T.plusSeconds(60));
        OpenSurvey same = survey().lease(Optional.of(T.plusSeconds(60))).build();
        assertThat(same.dueAt()).hasValue(T.plusSeconds(60));
        // A final survey stays never due, lease or not.
        OpenSurvey ended = survey().build().toBuilder().end(SurveyState.EXPIRED, "closed", T).build();
        assertThat(ended.toBuilder().lease(Optional.of(T.plusSeconds(120))).build().dueAt()).isEmpty();
    }

    @Test
    void aSendingSurveyIsDueAtItsRetryElseWhenItsLeaseEnds() {
        assertThat(survey().state(SurveyState.SENDING).build().dueAt()).isEmpty();
        assertThat(survey().state(SurveyState.SENDING).lease(Optional.of(T.plusSeconds(300))).build().dueAt())
                .hasValue(T.plusSeconds(300));
        assertThat(survey().state(SurveyState.SENDING).retryAt(Optional.of(T.plusSeconds(200))).build().dueAt())
                .hasValue(T.plusSeconds(200));
    }

    @Test
    void anAwaitedSurveyIsDueAtItsReminderOrItsClosingWhicheverIsFirst() {
        OpenSurvey.Builder awaiting = survey().state(SurveyState.AWAITING_REPLY);
        assertThat(awaiting.build().dueAt()).isEmpty();
        awaiting.window(T.plusSeconds(1_000), T.plusSeconds(2_000));
        assertThat(awaiting.build().dueAt()).hasValue(T.plusSeconds(2_000));
        assertThat(awaiting.reminderAt(Optional.of(T.plusSeconds(500))).build().dueAt()).hasValue(T.plusSeconds(500));
        assertThat(awaiting.reminderAt(Optional.of(T.plusSeconds(3_000))).build().dueAt())
                .hasValue(T.plusSeconds(2_000));
        assertThat(survey().state(SurveyState.AWAITING_REPLY).reminderAt(Optional.of(T.plusSeconds(700))).build()
                .dueAt()).hasValue(T.plusSeconds(700));
    }

    @Test
    void aRatedSurveyIsDueWhenItClosesAndAFinalOneNever() {
        OpenSurvey.Builder rated = survey().state(SurveyState.RATED).window(T.plusSeconds(1_000), T.plusSeconds(2_000))
                .reminderAt(Optional.of(T.plusSeconds(500)));
        assertThat(rated.build().dueAt()).hasValue(T.plusSeconds(2_000));
        for (SurveyState s : new SurveyState[] {SurveyState.ANSWERED, SurveyState.EXPIRED, SurveyState.OPTED_OUT,
                SurveyState.FAILED}) {
            assertThat(rated.state(s).build().dueAt()).as(s.name()).isEmpty();
        }
    }

    @Test
    void statesSayWhetherTheyAreFinalAndTakeReplies() {
        assertThat(SurveyState.values()).filteredOn(SurveyState::isFinal)
                .containsExactly(SurveyState.ANSWERED, SurveyState.EXPIRED, SurveyState.OPTED_OUT, SurveyState.FAILED);
        assertThat(SurveyState.values()).filteredOn(SurveyState::takesReplies)
                .containsExactly(SurveyState.AWAITING_REPLY, SurveyState.RATED);
        assertThat(ReviewStatus.values()).filteredOn(ReviewStatus::isOpen)
                .containsExactly(ReviewStatus.OPEN, ReviewStatus.IN_REVIEW);
    }

    @Test
    void aCopyIsTheNextVersionWithEveryValueKept() {
        OpenSurvey first = survey().version(4).locale(Locale.FRENCH).attempts(2).invalidReplies(1).noInputs(3)
                .followUpAsked(true).optOutAsked(true).question(2).comment("fine").rating(4, T)
                .sentAt(T.plusSeconds(5)).build();
        OpenSurvey copy = first.toBuilder().build();
        assertThat(copy.version()).isEqualTo(5);
        assertThat(copy).usingRecursiveComparison().ignoringFields("version").isEqualTo(first);
        // A survey recorded as sent was prompted then, unless a prompt time was given.
        assertThat(first.promptedAt()).hasValue(T.plusSeconds(5));
        assertThat(survey().promptedAt(T.plusSeconds(2)).sentAt(T.plusSeconds(5)).build().promptedAt())
                .hasValue(T.plusSeconds(2));
        assertThat(survey().build().promptedAt()).isEmpty();
    }

    @Test
    void endingClearsWhatWouldMakeASurveyDueAndRefusesAStateThatIsNotFinal() {
        OpenSurvey ended = survey().retryAt(Optional.of(T)).reminderAt(Optional.of(T)).lease(Optional.of(T)).build()
                .toBuilder().end(SurveyState.FAILED, "unreachable", T.plusSeconds(9)).build();
        assertThat(ended.state()).isEqualTo(SurveyState.FAILED);
        assertThat(ended.endReason()).hasValue("unreachable");
        assertThat(ended.endedAt()).hasValue(T.plusSeconds(9));
        assertThat(ended.retryAt()).isEmpty();
        assertThat(ended.reminderAt()).isEmpty();
        assertThat(ended.leaseUntil()).isEmpty();
        assertThatThrownBy(() -> survey().end(SurveyState.RATED, "x", T))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("state RATED is not final");
    }

    @Test
    void anOutboxMessageMovedCountsATryOnlyWhenOneWasMade() {
        OutboxMessage m = new OutboxMessage("k1", OutboxMessage.Purpose.REMINDER, "sms", ChannelKind.SMS, "+46701234567",
                Optional.of("sv-1"), Locale.ROOT, T, 2);
        assertThat(m.dueAt(T.plusSeconds(5), true)).extracting(OutboxMessage::dueAt, OutboxMessage::attempts)
                .containsExactly(T.plusSeconds(5), 3);
        assertThat(m.dueAt(T.plusSeconds(5), false)).extracting(OutboxMessage::dueAt, OutboxMessage::attempts)
                .containsExactly(T.plusSeconds(5), 2);
        assertThat(m).hasToString("OutboxMessage[k1, REMINDER on sms, survey sv-1, due " + T + ", attempts 2]");
        assertThat(new OutboxMessage("k2", OutboxMessage.Purpose.HELP, "sms", ChannelKind.SMS, "+46701234567",
                Optional.empty(), Locale.ROOT, T, 0)).hasToString("OutboxMessage[k2, HELP on sms, survey -, due " + T
                        + ", attempts 0]");
    }

    @Test
    void notesDropBlankOptionalPartsAndNameEachBrokenRule() {
        ReviewNotes notes = new ReviewNotes("late callback", Optional.of("  "), Optional.of("called back"));
        assertThat(notes.followUp()).isEmpty();
        assertThat(notes.remediation()).hasValue("called back");
        assertThat(new ReviewNotes("x".repeat(ReviewNotes.MAX_LENGTH), Optional.empty(), Optional.empty()).rootCause())
                .hasSize(4_000);
        assertThatThrownBy(() -> ReviewNotes.of(" ", "ok", "ok")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid review notes: rootCause = \"\u00abmasked\u00bb\": must not be blank");
        assertThatThrownBy(() -> ReviewNotes.of("ok", "x".repeat(4_001), "ok"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("followUp").hasMessageContaining("must be at most 4000 characters");
        assertThatThrownBy(() -> ReviewNotes.of("ok", "ok", "a\u0000b")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("remediation").hasMessageContaining("must be well-formed Unicode without NUL");
        assertThatThrownBy(() -> ReviewNotes.of("a\uD800", "ok", "ok")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("rootCause").hasMessageContaining("must be well-formed Unicode without NUL");
        assertThatThrownBy(() -> new ReviewNotes(null, Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("rootCause")
                .hasMessageContaining("must not be blank");
    }

    private static LowScoreReview.Builder review() {
        return LowScoreReview.builder("sv-1", "csat", "call-1", "c-1", 2, T);
    }

    @Test
    void aReviewIsOpenAtVersionZeroAndEachChangeIsTheNextVersion() {
        LowScoreReview open = LowScoreReview.open(survey().credit(Optional.of("ann"), Optional.of("blue"),
                Optional.empty(), Optional.empty()).build(), 1, T.plusSeconds(7));
        assertThat(open.version()).isZero();
        assertThat(open.status()).isEqualTo(ReviewStatus.OPEN);
        assertThat(open.surveyKey()).isEqualTo("sv-1");
        assertThat(open.contactId()).isEqualTo("c-1");
        assertThat(open.agent()).hasValue("ann");
        assertThat(open.team()).hasValue("blue");
        assertThat(open.score()).isEqualTo(1);
        assertThat(open.changedAt()).isEqualTo(T.plusSeconds(7));
        LowScoreReview taken = open.toBuilder().next(T.plusSeconds(9)).status(ReviewStatus.IN_REVIEW)
                .reviewer("lead", T.plusSeconds(9)).build();
        assertThat(taken.version()).isEqualTo(1);
        assertThat(taken.changedAt()).isEqualTo(T.plusSeconds(9));
        assertThat(taken.toBuilder().build()).isEqualTo(taken);
        assertThat(taken.toBuilder().score(2).reopened(1, "again").build())
                .extracting(LowScoreReview::score, LowScoreReview::reopened, LowScoreReview::reopenReason)
                .containsExactly(2, 1, Optional.of("again"));
    }

    @Test
    void aReviewRefusesWhatItsStatusForbids() {
        assertThatThrownBy(() -> review().version(-1).build()).hasMessageContaining("version")
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> review().reopened(-1, null).build()).hasMessageContaining("reopened")
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> review().changedAt(T.minusSeconds(1)).build())
                .hasMessageContaining("must not be before openedAt " + T);
        assertThatThrownBy(() -> review().reviewer("lead", T).build())
                .hasMessageContaining("must be empty while the review is OPEN");
        assertThatThrownBy(() -> review().status(ReviewStatus.IN_REVIEW).build())
                .hasMessageContaining("and takenAt must be set once the review is IN_REVIEW");
        assertThatThrownBy(() -> review().status(ReviewStatus.IN_REVIEW).reviewer("lead", null).build())
                .hasMessageContaining("and takenAt must be set once the review is IN_REVIEW");
        assertThatThrownBy(() -> review().status(ReviewStatus.RESOLVED).reviewer("lead", T).resolvedAt(T).build())
                .hasMessageContaining("and notes must be set once the review is RESOLVED");
        assertThatThrownBy(() -> review().status(ReviewStatus.RESOLVED).reviewer("lead", T)
                .notes(ReviewNotes.of("a", "b", "c")).build())
                .hasMessageContaining("and notes must be set once the review is RESOLVED");
        assertThatThrownBy(() -> review().resolvedAt(T).build())
                .hasMessageContaining("must be empty unless the review is RESOLVED");
        assertThatThrownBy(() -> review().reopened(1, "x".repeat(4_001)).build())
                .hasMessageContaining("reopenReason").hasMessageContaining("must be at most 4000 characters");
        assertThatThrownBy(() -> review().reopened(1, "a\uDC00").build())
                .hasMessageContaining("reopenReason");
        // Each is allowed where its status allows it.
        assertThat(review().reopened(1, "x".repeat(4_000)).changedAt(T).build().reopened()).isEqualTo(1);
        assertThat(review().status(ReviewStatus.WITHDRAWN).build().status()).isEqualTo(ReviewStatus.WITHDRAWN);
        assertThat(review().status(ReviewStatus.RESOLVED).reviewer("lead", T).resolvedAt(T)
                .notes(ReviewNotes.of("a", "b", "c")).build().resolvedAt()).hasValue(T);
    }

    @Test
    void aStepNamesWhatDoesNotFit() {
        OpenSurvey s = survey().build();
        OpenSurvey next = s.toBuilder().build();
        assertThat(Transition.at(T).change(s, next).build().next()).hasValue(next);
        assertThatThrownBy(() -> new Transition(Optional.empty(), Optional.of(next), java.util.List.of(),
                java.util.List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), T, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a next version needs the current");
        assertThatThrownBy(() -> Transition.at(T).change(s, next.toBuilder().build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the next version of survey sv-1 must have id sv-1 and version 1, not sv-1 v2");
        OpenSurvey other = OpenSurvey.builder("sv-2", "csat", "call-1", T).version(1)
                .channel(ChannelKind.SMS, "sms", "+46701234567").build();
        assertThatThrownBy(() -> Transition.at(T).change(s, other).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the next version of survey sv-1 must have id sv-1 and version 1, not sv-2 v1");
        LowScoreReview mine = review().build();
        assertThat(Transition.at(T).check(s).review(ReviewChange.open(mine)).build().review()).isPresent();
        assertThatThrownBy(() -> Transition.at(T).review(ReviewChange.open(mine)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a review change needs the current survey");
        LowScoreReview otherContact = LowScoreReview.builder("sv-1", "csat", "call-1", "c-2", 2, T).build();
        LowScoreReview otherSurvey = LowScoreReview.builder("sv-2", "csat", "call-1", "c-1", 2, T).build();
        for (LowScoreReview r : new LowScoreReview[] {otherContact, otherSurvey}) {
            assertThatThrownBy(() -> Transition.at(T).check(s).review(ReviewChange.open(r)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the review of survey " + r.surveyKey()
                            + " cannot change with survey sv-1: a step changes its own survey's review, of the same contact");
        }
        assertThatThrownBy(() -> new Transition.OptOutChange(java.util.List.of(), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an opt-out change needs at least one key");
        assertThatThrownBy(() -> new ScheduleRequest(next, java.util.List.of(), T, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a survey is scheduled at version 0, not 1");
    }

    @Test
    void aReviewChangeIsTheNextVersionOfTheSameReview() {
        LowScoreReview r = review().build();
        LowScoreReview r1 = r.toBuilder().next(T).status(ReviewStatus.WITHDRAWN).build();
        assertThat(ReviewChange.open(r).expectedVersion()).isEqualTo(-1);
        assertThat(ReviewChange.of(r, r1).expectedVersion()).isZero();
        assertThat(ReviewChange.of(r, r1).surveyKey()).isEqualTo("sv-1");
        assertThatThrownBy(() -> ReviewChange.open(r1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the next version of the review of survey sv-1 must have that key and version 0, not sv-1 v1");
        assertThatThrownBy(() -> ReviewChange.of(r, r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the next version of the review of survey sv-1 must have that key and version 1, not sv-1 v0");
        LowScoreReview elsewhere = LowScoreReview.builder("sv-2", "csat", "call-1", "c-1", 2, T).version(1).build();
        assertThatThrownBy(() -> ReviewChange.of(r, elsewhere)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the next version of the review of survey sv-1 must have that key and version 1, not sv-2 v1");
        for (LowScoreReview moved : new LowScoreReview[] {
                LowScoreReview.builder("sv-1", "other", "call-1", "c-1", 2, T).version(1).build(),
                LowScoreReview.builder("sv-1", "csat", "call-2", "c-1", 2, T).version(1).build(),
                LowScoreReview.builder("sv-1", "csat", "call-1", "c-2", 2, T).version(1).build(),
                LowScoreReview.builder("sv-1", "csat", "call-1", "c-1", 2, T.minusSeconds(1)).version(1).build()}) {
            assertThatThrownBy(() -> ReviewChange.of(r, moved)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the review of survey sv-1 keeps its survey, interaction, contact and opening time "
                            + "from version to version");
        }
    }

    @Test
    void descriptionsNameTheirTypeAndHidePersonalText() {
        OpenSurvey plain = survey().build();
        assertThat(plain.toString()).startsWith("OpenSurvey[id=" + plain.id() + ", version=0")
                .doesNotContain("question=").doesNotContain("answers=");
        assertThat(survey().question(2).comment("my secret").build().toString()).contains("question=2")
                .doesNotContain("my secret");
        LowScoreReview review = LowScoreReview.builder("sv-a", "csat", "call-a", "c1", 1, T).build();
        assertThat(review.toString()).startsWith("LowScoreReview[surveyKey=sv-a, version=0, surveyId=csat");
        ReplyRecord reply = new ReplyRecord("sv-1", T, ReplyRecord.Kind.COMMENT, java.util.OptionalInt.empty(),
                Optional.of("my secret"), true);
        assertThat(reply.toString()).startsWith("ReplyRecord[surveyKey=sv-1, receivedAt=" + T).doesNotContain("my secret");
        assertThat(ReviewNotes.of("my secret", "call back", "coaching").toString())
                .startsWith("ReviewNotes[rootCause=").doesNotContain("my secret").doesNotContain("coaching");
    }

    @Test
    void blankOptionalNotesAreDroppedAndANulAnywhereIsRefused() {
        ReviewNotes notes = new ReviewNotes("late", Optional.of("  "), Optional.of(" "));
        assertThat(notes.followUp()).isEmpty();
        assertThat(notes.remediation()).isEmpty();
        assertThat(new ReviewNotes("late", Optional.of("called"), Optional.of("fixed")).remediation()).hasValue("fixed");
        assertThatThrownBy(() -> ReviewNotes.of("\u0000late", "called", "fixed"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("rootCause").hasMessageContaining("must be well-formed Unicode without NUL");
        assertThatThrownBy(() -> ReviewNotes.of("late", "called", "fix\u0000ed"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("remediation").hasMessageContaining("must be well-formed Unicode without NUL");
        // A missing root cause is named as missing, not masked as if it were text.
        assertThatThrownBy(() -> new ReviewNotes(null, Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid review notes: rootCause = (missing): must not be blank");
    }

    @Test
    void aReviewersNameIsCheckedLikeAnyLine() {
        LowScoreReview open = LowScoreReview.builder("sv-a", "csat", "call-a", "c1", 1, T).build();
        assertThat(open.toBuilder().next(T).status(ReviewStatus.IN_REVIEW).reviewer("ann@example.com", T).build()
                .reviewer()).hasValue("ann@example.com");
        assertThatThrownBy(() -> open.toBuilder().next(T).status(ReviewStatus.IN_REVIEW)
                .reviewer("ann\nbob", T).build()).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("reviewer");
    }

    @Test
    void aStepBuilderTellsTheVersionItWasComputedFrom() {
        OpenSurvey s = survey().build();
        assertThat(Transition.at(T).check(s).current()).hasValue(s);
        assertThat(Transition.at(T).current()).isEmpty();
        assertThat(SurveyStore.contactKey("c1")).isEqualTo("contact:c1");
    }
}
