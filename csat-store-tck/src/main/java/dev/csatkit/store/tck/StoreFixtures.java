package dev.csatkit.store.tck;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.ScheduleRequest;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Surveys, schedule requests, transitions and the records they carry, as the store test kit
 * builds them, for a store's own tests as well.
 *
 * <p>Every survey is named: {@code survey("a")} has id {@code survey-a}, follows interaction
 * {@code interaction-a} and surveys contact {@code contact-a} on the SMS channel
 * {@value #CHANNEL_ID} at {@link #address(String) address(contactId)}. Every time is a whole
 * millisecond at or after {@link #T0}, so a store that keeps times to the millisecond returns
 * them unchanged.
 */
public final class StoreFixtures {

    /** The instant the kit's scenarios start at. */
    public static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    /** The survey definition every fixture survey belongs to unless another is named. */
    public static final String SURVEY_ID = "tck-survey";

    /** The channel every fixture survey is sent on unless another is named. */
    public static final String CHANNEL_ID = "tck-sms";

    /** How long a scheduled interaction's claim is kept, from the request's {@code now}. */
    public static final Duration CLAIM_RETENTION = Duration.ofDays(30);

    private StoreFixtures() {
    }

    // ---- surveys ------------------------------------------------------------------------------

    /**
     * @param name the survey's name
     * @return a builder for survey {@code survey-<name>} of contact {@code contact-<name>}, due at
     *     {@code T0 + 1 min}, with no holds
     */
    public static OpenSurvey.Builder survey(String name) {
        return survey(name, "contact-" + name);
    }

    /**
     * @param name the survey's name
     * @param contactId the contact surveyed
     * @return a builder for survey {@code survey-<name>} of that contact, due at
     *     {@code T0 + 1 min}, with no holds
     */
    public static OpenSurvey.Builder survey(String name, String contactId) {
        return survey(name, contactId, SURVEY_ID);
    }

    /**
     * @param name the survey's name
     * @param contactId the contact surveyed
     * @param surveyId the survey definition
     * @return a builder for survey {@code survey-<name>} of that contact and definition, due at
     *     {@code T0 + 1 min}, with no holds
     */
    public static OpenSurvey.Builder survey(String name, String contactId, String surveyId) {
        return OpenSurvey.builder("survey-" + name, surveyId, "interaction-" + name, T0)
                .contactId(contactId)
                .channel(ChannelKind.SMS, CHANNEL_ID, address(contactId))
                .locale(Locale.UK)
                .sendAt(T0.plusSeconds(60));
    }

    /**
     * A survey with every optional field set, to check that a store keeps each one.
     *
     * @param name the survey's name
     * @return the survey, at version 0, holding its {@link #perSurveyHold} and {@link #acrossHold}
     *     for a day
     */
    public static OpenSurvey fullSurvey(String name) {
        String contact = "contact-" + name;
        Instant until = T0.plus(Duration.ofDays(1));
        return survey(name, contact)
                .locale(Locale.forLanguageTag("de-CH"))
                .values(Map.of("agent", "Zoë Müller", "company", "Grüezi AG", "team", "Support 2nd level"))
                .credit(Optional.of("agent-7"), Optional.of("team-blue"), Optional.of("+41445550100"),
                        Optional.of("billing"))
                .holds(List.of(perSurveyHold(contact, until), acrossHold(contact, until)))
                .sendAt(T0.plusSeconds(90))
                .build();
    }

    /**
     * @param contactId a contact's id
     * @return the contact's address on the fixture channels
     */
    public static String address(String contactId) {
        return "addr-" + contactId;
    }

    /**
     * @param contactId the contact
     * @param until when the hold expires
     * @return the hold of {@link #SURVEY_ID} per contact
     */
    public static CapHold perSurveyHold(String contactId, Instant until) {
        return perSurveyHold(SURVEY_ID, contactId, until);
    }

    /**
     * @param surveyId the survey definition
     * @param contactId the contact
     * @param until when the hold expires
     * @return the hold of that survey definition per contact
     */
    public static CapHold perSurveyHold(String surveyId, String contactId, Instant until) {
        return new CapHold("cap:" + surveyId + ":" + contactId, until);
    }

    /**
     * @param contactId the contact
     * @param until when the hold expires
     * @return the contact's hold across all survey definitions
     */
    public static CapHold acrossHold(String contactId, Instant until) {
        return new CapHold("cap:*:" + contactId, until);
    }

    /**
     * @param s a survey
     * @return its contact's and its address's opt-out keys
     */
    public static List<String> optOutKeys(OpenSurvey s) {
        return List.of(SurveyStore.contactKey(s.contactId()), SurveyStore.addressKey(s.channel(), s.address()));
    }

    /**
     * @param s a survey at version 0
     * @return the request to schedule it at its {@link OpenSurvey#scheduledAt()}
     */
    public static ScheduleRequest request(OpenSurvey s) {
        return request(s, s.scheduledAt());
    }

    /**
     * @param s a survey at version 0
     * @param now when it is scheduled
     * @return the request, refused by the survey's {@link #optOutKeys}, with its claim kept for
     *     {@link #CLAIM_RETENTION}
     */
    public static ScheduleRequest request(OpenSurvey s, Instant now) {
        return new ScheduleRequest(s, optOutKeys(s), now, now.plus(CLAIM_RETENTION));
    }

    /**
     * @param s a survey
     * @param at when the send begins
     * @return its next version, being sent, with the send taken over five minutes later
     */
    public static OpenSurvey sending(OpenSurvey s, Instant at) {
        return s.toBuilder().state(SurveyState.SENDING).attempts(s.attempts() + 1).promptedAt(at)
                .retryAt(Optional.of(at.plus(Duration.ofMinutes(5)))).build();
    }

    /**
     * @param s a survey
     * @param at when the channel accepted it
     * @return its next version, sent and awaiting a reply for a day (closing after two), with a
     *     reminder after twelve hours
     */
    public static OpenSurvey delivered(OpenSurvey s, Instant at) {
        return s.toBuilder().state(SurveyState.AWAITING_REPLY).attempts(Math.max(1, s.attempts())).sentAt(at)
                .retryAt(Optional.empty()).window(at.plus(Duration.ofDays(1)), at.plus(Duration.ofDays(2)))
                .reminderAt(Optional.of(at.plus(Duration.ofHours(12)))).build();
    }

    /**
     * @param s a survey
     * @param promptedAt when the send that was not confirmed began
     * @param retryAt when the next try is due
     * @return its next version, scheduled again after a send that was not confirmed
     */
    public static OpenSurvey retryPending(OpenSurvey s, Instant promptedAt, Instant retryAt) {
        return s.toBuilder().state(SurveyState.SCHEDULED).attempts(s.attempts() + 1).promptedAt(promptedAt)
                .retryAt(Optional.of(retryAt)).build();
    }

    /**
     * @param s a survey
     * @param promptedAt when the send that failed began
     * @param at when it failed for good
     * @return its next version, failed without being sent
     */
    public static OpenSurvey failedUnsent(OpenSurvey s, Instant promptedAt, Instant at) {
        return s.toBuilder().attempts(s.attempts() + 1).promptedAt(promptedAt)
                .end(SurveyState.FAILED, "refused by the channel", at).build();
    }

    /**
     * @param s a survey
     * @param state a final state
     * @param at when it ended
     * @return its next version, ended
     */
    public static OpenSurvey ended(OpenSurvey s, SurveyState state, Instant at) {
        return s.toBuilder().end(state, "ended by the store test kit", at).build();
    }

    // ---- transitions --------------------------------------------------------------------------

    /**
     * @param from the version read
     * @param to its next version
     * @param now the current time
     * @return a builder for the step from one to the other
     */
    public static Transition.Builder step(OpenSurvey from, OpenSurvey to, Instant now) {
        return Transition.at(now).change(from, to);
    }

    /**
     * @param from the version read
     * @param to its next version
     * @param now the current time
     * @return the step from one to the other, writing nothing else
     */
    public static Transition change(OpenSurvey from, OpenSurvey to, Instant now) {
        return step(from, to, now).build();
    }

    /**
     * @param hold the hold as the survey owns it
     * @param until its new expiry
     * @return the change that moves the hold
     */
    public static Transition.HoldChange move(CapHold hold, Instant until) {
        return new Transition.HoldChange(hold, Optional.of(until));
    }

    /**
     * @param hold the hold as the survey owns it
     * @return the change that releases the hold
     */
    public static Transition.HoldChange release(CapHold hold) {
        return new Transition.HoldChange(hold, Optional.empty());
    }

    /**
     * @param keys the opt-out keys
     * @param confirmation the confirmation to write when the opt-out is new
     * @return an opt-out
     */
    public static Transition.OptOutChange optOut(List<String> keys, Optional<OutboxMessage> confirmation) {
        return new Transition.OptOutChange(keys, false, confirmation);
    }

    /**
     * @param keys the opt-out keys
     * @return an opt-in that lifts their opt-out
     */
    public static Transition.OptOutChange optIn(List<String> keys) {
        return new Transition.OptOutChange(keys, true, Optional.empty());
    }

    // ---- records ------------------------------------------------------------------------------

    /**
     * @param key the message's idempotency key
     * @param s the survey it belongs to
     * @param purpose what it is for
     * @param dueAt when it is due
     * @return a side message to the survey's address
     */
    public static OutboxMessage message(String key, OpenSurvey s, OutboxMessage.Purpose purpose, Instant dueAt) {
        return new OutboxMessage(key, purpose, s.channelId(), s.channel(), s.address(), Optional.of(s.id()),
                s.locale(), dueAt, 0);
    }

    /**
     * @param key the message's idempotency key
     * @param address where it goes, on {@link #CHANNEL_ID}
     * @param dueAt when it is due
     * @return an opt-out confirmation that belongs to no survey
     */
    public static OutboxMessage optOutConfirmation(String key, String address, Instant dueAt) {
        return new OutboxMessage(key, OutboxMessage.Purpose.OPT_OUT_CONFIRMATION, CHANNEL_ID, ChannelKind.SMS,
                address, Optional.empty(), Locale.UK, dueAt, 0);
    }

    /**
     * @param s a survey
     * @param sentAt when it was sent
     * @return its outcome, sent and unanswered
     */
    public static SurveyResponse unanswered(OpenSurvey s, Instant sentAt) {
        return SurveyResponse.builder(s.interactionId(), s.surveyId(), sentAt).channel(s.channel())
                .agent(s.agent().orElse(null)).team(s.team().orElse(null)).locale(s.locale()).build();
    }

    /**
     * @param s a survey
     * @param sentAt when it was sent
     * @param score the rating
     * @param at when the rating came
     * @return its outcome, rated
     */
    public static SurveyResponse rated(OpenSurvey s, Instant sentAt, int score, Instant at) {
        return SurveyResponse.builder(s.interactionId(), s.surveyId(), sentAt).channel(s.channel())
                .agent(s.agent().orElse(null)).team(s.team().orElse(null)).locale(s.locale())
                .rating(score, at).build();
    }

    /**
     * @param s the survey answered
     * @param at when the reply came
     * @param value the rating read
     * @return a rating reply that counted
     */
    public static ReplyRecord ratingReply(OpenSurvey s, Instant at, int value) {
        return new ReplyRecord(s.id(), at, ReplyRecord.Kind.RATING, OptionalInt.of(value), Optional.of(
                Integer.toString(value)), true);
    }

    /**
     * @param s the survey answered
     * @param at when the reply came
     * @param text the text
     * @return a comment reply that counted
     */
    public static ReplyRecord commentReply(OpenSurvey s, Instant at, String text) {
        return new ReplyRecord(s.id(), at, ReplyRecord.Kind.COMMENT, OptionalInt.empty(), Optional.of(text), true);
    }

    /**
     * @param interactionId the call
     * @param at when it was recorded
     * @param value the mood chosen
     * @return an agent's mood assessment
     */
    public static MoodAssessment mood(String interactionId, Instant at, int value) {
        return new MoodAssessment(interactionId, SURVEY_ID, "agent-7", Optional.of("team-blue"), "mood-5", value, at);
    }

    // ---- reviews of low scores ------------------------------------------------------------------

    /**
     * @param s the survey that got a low score
     * @param score the low score
     * @param at when it was recorded
     * @return its review, {@link ReviewStatus#OPEN} at version 0
     */
    public static LowScoreReview review(OpenSurvey s, int score, Instant at) {
        return LowScoreReview.open(s, score, at);
    }

    /**
     * @param r a review
     * @param reviewer who takes it
     * @param at when
     * @return its next version, {@link ReviewStatus#IN_REVIEW} with that reviewer
     */
    public static LowScoreReview taken(LowScoreReview r, String reviewer, Instant at) {
        return r.toBuilder().next(at).status(ReviewStatus.IN_REVIEW).reviewer(reviewer, at).build();
    }

    /**
     * A review with every optional field set, to check that a store keeps each one: taken by a
     * reviewer with a name outside ASCII, resolved with notes over several lines, reopened once
     * before, with times to the millisecond.
     *
     * @param s the survey that got the low score
     * @param at when the low score was recorded
     * @return the review at version 0, {@link ReviewStatus#RESOLVED}
     */
    public static LowScoreReview fullReview(OpenSurvey s, Instant at) {
        return LowScoreReview.builder(s.id(), s.surveyId(), s.interactionId(), s.contactId(), 1, at)
                .credit(Optional.of("agent-7"), Optional.of("team-blue"))
                .status(ReviewStatus.RESOLVED)
                .reviewer("Zoë Müller-Łukasiewicz", at.plusSeconds(60))
                .resolvedAt(at.plusSeconds(3600))
                .notes(ReviewNotes.of("Wartezeit 40 min;\nRückruf vergessen — «nobody called»",
                        "called back, 😊 apology accepted", "callbacks booked before the call ends"))
                .reopened(1, "customer wrote again\nsecond line")
                .changedAt(at.plusSeconds(3600))
                .build();
    }
}
