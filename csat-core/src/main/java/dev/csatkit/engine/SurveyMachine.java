package dev.csatkit.engine;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.reply.KeypadReply;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.score.Answer;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.Transition;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.Question;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every way a survey's state changes, in one place, as pure functions of (survey, input, time):
 * each answers the next version, the outcome, the side messages, the cap hold changes, the
 * outcome record and the event, and the engine applies them through one
 * {@link dev.csatkit.store.SurveyStore#apply}. Nothing here reads a clock or a store.
 *
 * <pre>
 * SCHEDULED ─start─► SENDING ─accepted─► AWAITING_REPLY ─rating─► RATED ─window ends─► ANSWERED
 *     ▲  │ deferred     │ retry ──► SCHEDULED        │ window ends ─► EXPIRED
 *     └──┘              │ refused / gave up ─► FAILED  │ STOP (any open state) ─► OPTED_OUT
 * </pre>
 *
 * <p>A survey of several questions stays RATED while its further questions are asked, one at a
 * time: {@link OpenSurvey#question()} counts the questions behind it, each rating (or, on a
 * skippable question, any other reply) moves it on, and each question has its own answer window
 * and invalid-reply count. The window of a question left unanswered closes the survey with what
 * it has. An email survey is answered whole on its link page.
 */
final class SurveyMachine {

    /**
     * One step.
     *
     * @param next the survey's next version; null when the step writes none
     * @param outbox side messages to send
     * @param holds cap hold changes
     * @param response the outcome for reports
     * @param reply the reply for the survey's history
     * @param events what happened, published once the step is written
     * @param outcome for replies, what was made of it
     */
    record Step(@Nullable OpenSurvey next, List<OutboxMessage> outbox, List<Transition.HoldChange> holds,
            @Nullable SurveyResponse response, @Nullable ReplyRecord reply, List<SurveyEvent> events,
            @Nullable ReplyOutcome outcome) {
    }

    /** What a step needs besides the survey: its profile, the time and the windows of its holds. */
    record Context(ProfileRuntime rt, Instant now, Instant leaseUntil, Function<CapHold, Duration> window) {
        SurveyProfile profile() {
            return rt.profile();
        }
    }

    private SurveyMachine() {
    }

    // ------------------------------------------------------------------ sending

    /** A due survey starts its send now: the holds move to count from this send. */
    static Step startSend(Context c, OpenSurvey s) {
        if (s.attempts() >= c.profile().retry().maxAttempts()) {
            return fail(c, s, "gave up after " + s.attempts() + " attempts: the channel did not answer");
        }
        Moved m = moveHolds(c, s, c.now());
        OpenSurvey next = s.toBuilder().state(SurveyState.SENDING).attempts(s.attempts() + 1).retryAt(Optional.empty())
                .promptedAt(c.now()).holds(m.holds).lease(Optional.of(c.leaseUntil())).build();
        return new Step(next, List.of(), m.changes, null, null, List.of(), null);
    }

    /** The survey's cap holds, each moved to count its window from {@code from}. */
    private record Moved(List<Transition.HoldChange> changes, List<CapHold> holds) {
    }

    private static Moved moveHolds(Context c, OpenSurvey s, Instant from) {
        List<Transition.HoldChange> changes = new ArrayList<>();
        List<CapHold> moved = new ArrayList<>();
        for (CapHold h : s.holds()) {
            Instant until = from.plus(c.window().apply(h));
            changes.add(new Transition.HoldChange(h, Optional.of(until)));
            moved.add(new CapHold(h.key(), until));
        }
        return new Moved(changes, moved);
    }

    /** Quiet hours: the send waits, and the survey's cap holds move with it. */
    static Step defer(Context c, OpenSurvey s, Instant until, String why) {
        return defer(c, s, until, why, true);
    }

    /**
     * Another survey holds the contact's cap: the send waits for it to end. The holds stay as
     * they are, to be taken again when the send starts.
     */
    static Step deferKeepingHolds(Context c, OpenSurvey s, Instant until, String why) {
        return defer(c, s, until, why, false);
    }

    /** Gives back the lease of a survey taken over with nothing due yet. */
    static Step unlease(OpenSurvey s) {
        return new Step(s.toBuilder().lease(Optional.empty()).build(), List.of(), List.of(), null, null, List.of(),
                null);
    }

    private static Step defer(Context c, OpenSurvey s, Instant until, String why, boolean moveHolds) {
        OpenSurvey.Builder b = s.toBuilder().lease(Optional.empty());
        List<Transition.HoldChange> holds = List.of();
        if (s.state() == SurveyState.AWAITING_REPLY) {
            // A reminder that cannot go before the survey closes is not sent at all.
            b.reminderAt(s.closesAt().filter(until::isBefore).map(x -> until));
        } else {
            if (moveHolds) {
                Moved m = moveHolds(c, s, until);
                holds = m.changes;
                b.holds(m.holds);
            }
            b.state(SurveyState.SCHEDULED).retryAt(Optional.of(until));
        }
        OpenSurvey next = b.build();
        return new Step(next, List.of(), holds, null, null,
                List.of(new SurveyEvent.Deferred(next, until, why, c.now())), null);
    }

    /** The channel accepted the prompt (or a reply proved it arrived). */
    static Step sent(Context c, OpenSurvey sending) {
        OpenSurvey next = sentVersion(c, sending).build();
        return new Step(next, List.of(), List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                null, List.of(new SurveyEvent.Sent(next, c.now())), null);
    }

    private static OpenSurvey.Builder sentVersion(Context c, OpenSurvey sending) {
        Instant answerBy = c.now().plus(c.profile().answerWindow());
        return sending.toBuilder().state(SurveyState.AWAITING_REPLY).retryAt(Optional.empty()).lease(Optional.empty())
                .sentAt(c.now()).window(answerBy, answerBy)
                .reminderAt(c.profile().reminderAfter().map(c.now()::plus));
    }

    /** The channel asked to try again later: the holds move to count from the retry. */
    static Step retry(Context c, OpenSurvey sending, String reason, Optional<Duration> delay) {
        return retry(c, sending, reason, delay, true);
    }

    /**
     * As {@link #retry(Context, OpenSurvey, String, Optional)}, the holds left as they are: another
     * survey took one while this one waited, and the retry's send takes them again or waits.
     */
    static Step retryKeepingHolds(Context c, OpenSurvey sending, String reason, Optional<Duration> delay) {
        return retry(c, sending, reason, delay, false);
    }

    private static Step retry(Context c, OpenSurvey sending, String reason, Optional<Duration> delay,
            boolean moveHolds) {
        SurveyProfile p = c.profile();
        if (sending.attempts() >= p.retry().maxAttempts()) {
            return fail(c, sending, "gave up after " + sending.attempts() + " attempts: " + reason);
        }
        Duration backoff = p.retry().backoff(sending.attempts(), sending.id());
        Duration wait = delay.filter(d -> d.compareTo(backoff) > 0).orElse(backoff);
        Instant at = c.now().plus(wait);
        Moved m = moveHolds ? moveHolds(c, sending, at) : new Moved(List.of(), sending.holds());
        OpenSurvey next = sending.toBuilder().state(SurveyState.SCHEDULED).retryAt(Optional.of(at))
                .lease(Optional.empty()).holds(m.holds).build();
        return new Step(next, List.of(), m.changes, null, null,
                List.of(new SurveyEvent.Failed(next, reason, false, c.now())), null);
    }

    /** The survey cannot be delivered. */
    static Step fail(Context c, OpenSurvey s, String reason) {
        OpenSurvey next = s.toBuilder().end(SurveyState.FAILED, reason, c.now()).build();
        List<Transition.HoldChange> holds = c.profile().releaseCapOnFailure()
                ? s.holds().stream().map(h -> new Transition.HoldChange(h, Optional.empty())).toList() : List.of();
        return new Step(next, List.of(), holds, null, null,
                List.of(new SurveyEvent.Failed(next, reason, true, c.now())), null);
    }

    /** The contact opted out before this survey (or its reminder) went out. */
    static Step optedOutBeforeSend(Context c, OpenSurvey s) {
        OpenSurvey next = s.toBuilder().end(SurveyState.OPTED_OUT, s.sentAt().isPresent()
                ? "the contact opted out" : "the contact opted out before it was sent", c.now()).build();
        return new Step(next, List.of(), List.of(), s.sentAt().isPresent()
                ? response(next, false, OptionalInt.empty(), Optional.empty()) : null, null,
                List.of(new SurveyEvent.OptedOut(kindName(s.channel()), s.address(), Optional.of(next), c.now())),
                null);
    }

    /** The reminder is due and may go. */
    static Step remind(Context c, OpenSurvey s) {
        OpenSurvey next = s.toBuilder().reminderAt(Optional.empty()).lease(Optional.empty()).build();
        return new Step(next, List.of(side(c, next, OutboxMessage.Purpose.REMINDER, "reminder")), List.of(), null,
                null, List.of(new SurveyEvent.Reminded(next, c.now())), null);
    }

    /** The survey's window ended. */
    static Step close(Context c, OpenSurvey s) {
        boolean rated = s.rating().isPresent();
        // A survey of several questions closed in the window of a later question keeps what it has.
        String reason = rated && several(c) && s.question() < c.rt().questions()
                ? "rated; question " + c.profile().survey().questions().get(s.question()).id()
                        + " unanswered in its answer window"
                : rated ? "rated" : s.invalidReplies() > 0 ? "no readable rating in the answer window"
                        : "no reply in the answer window";
        OpenSurvey next = s.toBuilder().end(rated ? SurveyState.ANSWERED : SurveyState.EXPIRED, reason, c.now())
                .build();
        return new Step(next, List.of(), List.of(), null, null, List.of(rated
                ? new SurveyEvent.Answered(next, c.now()) : new SurveyEvent.Expired(next, c.now())), null);
    }

    // ------------------------------------------------------------------ replies

    /**
     * A reply to a prompt still being sent proves that it arrived: the survey counts as sent
     * from now, in the same step as the reply, and is never sent again.
     *
     * @return the survey as the reply sees it, and the Sent event when it was promoted
     */
    static OpenSurvey delivered(Context c, OpenSurvey s, List<SurveyEvent> events) {
        if (s.state() != SurveyState.SENDING) {
            return s;
        }
        // Same version as the stored one: the reply's own step writes version + 1.
        OpenSurvey sent = sentVersion(c, s).version(s.version()).build();
        events.add(new SurveyEvent.Sent(sent, c.now()));
        return sent;
    }

    /** A text, button or link reply already parsed (keywords excepted). */
    static Step read(Context c, OpenSurvey s, ParsedReply parsed, Instant at) {
        boolean open = s.state().takesReplies() && !at.isAfter(s.answerUntil().orElseThrow());
        if (parsed instanceof ParsedReply.Rating r) {
            return open ? answer(c, s, r.value(), r.comment(), at) : late(c, s, OptionalInt.of(r.value()), at);
        }
        if (parsed instanceof ParsedReply.Comment cm) {
            return comment(c, s, cm.text(), "not a rating", at);
        }
        ParsedReply.Invalid inv = (ParsedReply.Invalid) parsed;
        return comment(c, s, null, inv.detail(), at);
    }

    /**
     * An email link reply: the primary question's rating, and the further questions' answers the
     * page sent with it (those of questions the survey does not ask, or off their scales, left out).
     */
    static Step readLink(Context c, OpenSurvey s, ParsedReply parsed, Map<String, Integer> answers, Instant at) {
        boolean open = s.state().takesReplies() && !at.isAfter(s.answerUntil().orElseThrow());
        if (parsed instanceof ParsedReply.Rating r) {
            return open ? ratePrimary(c, s, r.value(), r.comment(), answers, at)
                    : late(c, s, OptionalInt.of(r.value()), at);
        }
        return read(c, s, parsed, at);
    }

    /** A rating: of the question being asked, or on a survey past its questions, of the last. */
    private static Step answer(Context c, OpenSurvey s, int value, Optional<String> comment, Instant at) {
        return several(c) && s.question() >= 1 ? answerFurther(c, s, value, comment, at)
                : ratePrimary(c, s, value, comment, Map.of(), at);
    }

    private static boolean several(Context c) {
        return c.rt().questions() > 1;
    }

    /** Whether the survey asked everything it will: rated, or on a survey of several, past its last question. */
    private static boolean done(Context c, OpenSurvey s) {
        return several(c) ? s.question() >= c.rt().questions() : s.state() == SurveyState.RATED;
    }

    /** The id of the question a reply is read against, on a survey of several questions. */
    private static Optional<String> asked(Context c, OpenSurvey s) {
        return several(c) ? Optional.of(c.profile().survey().questions().get(c.rt().asking(s)).id())
                : Optional.empty();
    }

    /** When the survey's latest answer came: the primary rating's or a further question's. */
    private static Instant lastAnswerAt(OpenSurvey s) {
        Instant last = s.ratedAt().orElseThrow();
        for (Answer a : s.answers()) {
            if (a.respondedAt().isAfter(last)) {
                last = a.respondedAt();
            }
        }
        return last;
    }

    private static Step comment(Context c, OpenSurvey s, @Nullable String text, String detail, Instant at) {
        if (text != null && done(c, s) && s.ratedAt().isPresent()
                && !at.isAfter(lastAnswerAt(s).plus(c.profile().commentWindow()))) {
            OpenSurvey next = s.toBuilder().comment(clip(s.comment().map(x -> x + "\n" + text).orElse(text))).build();
            List<OutboxMessage> out = s.followUpAsked()
                    ? List.of(side(c, next, OutboxMessage.Purpose.THANK_YOU, "thanks:" + next.version())) : List.of();
            return new Step(next, out, List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                    record(s, at, ReplyRecord.Kind.COMMENT, OptionalInt.empty(), Optional.of(text), true),
                    List.of(new SurveyEvent.Commented(next, text, c.now())), new ReplyOutcome.Commented(s.id()));
        }
        boolean open = s.state().takesReplies() && !at.isAfter(s.answerUntil().orElseThrow());
        if (!open || text != null && done(c, s)) {
            // Closed, or a text past the rating's comment window: it no longer changes the survey.
            return late(c, s, OptionalInt.empty(), at);
        }
        if (several(c) && s.question() >= 1 && s.question() < c.rt().questions()
                && c.profile().survey().questions().get(s.question()).skippable()) {
            return skip(c, s, text, at);
        }
        int count = s.invalidReplies() + 1;
        OpenSurvey.Builder b = s.toBuilder().invalidReplies(count);
        if (text != null && s.comment().isEmpty()) {
            b.comment(clip(text)); // kept, so a rating that follows has its comment
        }
        OpenSurvey next = b.build();
        List<OutboxMessage> out = count <= c.profile().maxInvalidReplies()
                ? List.of(side(c, next, OutboxMessage.Purpose.INVALID_REPLY, "invalid:" + ofQuestion(s) + count))
                : List.of();
        ReplyOutcome outcome = new ReplyOutcome.Invalid(s.id(), ReplyOutcome.InvalidKind.UNREADABLE, detail, count,
                false);
        return new Step(next, out, List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                record(s, at, ReplyRecord.Kind.INVALID, OptionalInt.empty(), Optional.ofNullable(text), false,
                        asked(c, s)),
                List.of(new SurveyEvent.ReplyHandled(Optional.of(next), s.channelId(), outcome, c.now())), outcome);
    }

    /** The primary question's rating: the survey moves on to its next question, or is done. */
    private static Step ratePrimary(Context c, OpenSurvey s, int value, Optional<String> comment,
            Map<String, Integer> linkAnswers, Instant at) {
        SurveyProfile p = c.profile();
        OptionalInt before = s.rating();
        boolean replaced = before.isPresent();
        int questions = c.rt().questions();
        boolean email = p.sendOn() == ChannelKind.EMAIL;
        // The further questions go one at a time, except on email, whose page asks them all at once.
        boolean moveOn = questions > 1 && !email && s.question() == 0;
        Instant answerBy = s.answerUntil().orElseThrow();
        Instant commentBy = at.plus(p.commentWindow());
        MessageSet m = Composer.messages(c.rt(), s);
        boolean text = p.sendOn() != ChannelKind.VOICE_DTMF;
        // An email is answered through its link page, which asks for the comment itself.
        boolean typedReplies = text && !email;
        boolean askFollowUp = !moveOn && typedReplies && m.followUp().isPresent() && !s.followUpAsked()
                && comment.isEmpty();
        OpenSurvey.Builder b = s.toBuilder().state(SurveyState.RATED).rating(value, at)
                .reminderAt(Optional.empty()).followUpAsked(s.followUpAsked() || askFollowUp);
        List<Answer> newAnswers = List.of();
        if (moveOn) {
            // The next question has its own answer window and its own count of unreadable replies.
            Instant nextBy = at.plus(p.answerWindow());
            b.question(1).invalidReplies(0).noInputs(0).window(nextBy, nextBy);
        } else {
            b.window(answerBy, commentBy.isAfter(answerBy) ? commentBy : answerBy);
            if (questions > 1) {
                newAnswers = linkAnswers(c, linkAnswers, at);
                b.question(questions).answers(merge(s.answers(), newAnswers));
            }
        }
        comment.ifPresent(x -> b.comment(clip(s.comment().map(old -> old + "\n" + x).orElse(x))));
        OpenSurvey next = b.build();
        List<OutboxMessage> out = new ArrayList<>();
        if (moveOn) {
            out.add(question(c, next, 1));
        } else if (text) {
            out.add(side(c, next, OutboxMessage.Purpose.CONFIRMATION, "confirm:" + next.version()));
        }
        if (askFollowUp) {
            out.add(side(c, next, OutboxMessage.Purpose.FOLLOW_UP, "followup"));
        }
        List<SurveyEvent> events = new ArrayList<>();
        events.add(new SurveyEvent.Rated(next, value, replaced, c.now()));
        if (value <= p.lowScoreThreshold()) {
            events.add(new SurveyEvent.LowScore(next, value, next.comment(), c.now()));
        } else if (replaced && before.getAsInt() <= p.lowScoreThreshold()) {
            events.add(new SurveyEvent.LowScoreWithdrawn(next, before.getAsInt(), c.now()));
        }
        for (Answer a : newAnswers) {
            boolean again = s.answers().stream().anyMatch(old -> old.question().equals(a.question()));
            events.add(new SurveyEvent.QuestionAnswered(next, a.question(), a.score(), again, c.now()));
        }
        comment.ifPresent(x -> events.add(new SurveyEvent.Commented(next, x, c.now())));
        return new Step(next, out, List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                record(s, at, ReplyRecord.Kind.RATING, OptionalInt.of(value), comment, true,
                        questions > 1 ? Optional.of(Question.PRIMARY_ID) : Optional.empty()), events,
                new ReplyOutcome.Rated(s.id(), value, replaced));
    }

    /** The answers an email link page sent that the survey asks, on their questions' scales. */
    private static List<Answer> linkAnswers(Context c, Map<String, Integer> given, Instant at) {
        List<Answer> answers = new ArrayList<>();
        for (Question q : c.profile().survey().moreQuestions()) {
            Integer v = given.get(q.id());
            if (v != null && q.scale().contains(v)) {
                answers.add(new Answer(q.id(), v, at));
            }
        }
        return answers;
    }

    /** The answers with each of {@code added} in place of an earlier answer to its question, or after them. */
    private static List<Answer> merge(List<Answer> answers, List<Answer> added) {
        List<Answer> merged = new ArrayList<>(answers);
        for (Answer a : added) {
            merged.removeIf(old -> old.question().equals(a.question()));
            merged.add(a);
        }
        return merged;
    }

    /** A rating of a further question: the survey moves on to the next, or after the last is done. */
    private static Step answerFurther(Context c, OpenSurvey s, int value, Optional<String> comment, Instant at) {
        int asking = c.rt().asking(s);
        String id = c.profile().survey().questions().get(asking).id();
        boolean replaced = s.answers().stream().anyMatch(a -> a.question().equals(id));
        OpenSurvey.Builder b = s.toBuilder().answers(merge(s.answers(), List.of(new Answer(id, value, at))))
                .reminderAt(Optional.empty());
        comment.ifPresent(x -> b.comment(clip(s.comment().map(old -> old + "\n" + x).orElse(x))));
        List<OutboxMessage> out = new ArrayList<>();
        OpenSurvey next = nextQuestion(c, s, b, asking, comment.isEmpty(), at, out);
        List<SurveyEvent> events = new ArrayList<>();
        events.add(new SurveyEvent.QuestionAnswered(next, id, value, replaced, c.now()));
        comment.ifPresent(x -> events.add(new SurveyEvent.Commented(next, x, c.now())));
        return new Step(next, out, List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                record(s, at, ReplyRecord.Kind.RATING, OptionalInt.of(value), comment, true, Optional.of(id)), events,
                new ReplyOutcome.Answered(s.id(), id, value, replaced));
    }

    /**
     * A reply that is not a rating, to a question the customer may skip: the survey moves on as
     * after an answer, and the text, if any, is kept as the comment when there is none yet.
     */
    private static Step skip(Context c, OpenSurvey s, @Nullable String text, Instant at) {
        int asking = c.rt().asking(s);
        String id = c.profile().survey().questions().get(asking).id();
        OpenSurvey.Builder b = s.toBuilder();
        if (text != null && s.comment().isEmpty()) {
            b.comment(clip(text));
        }
        List<OutboxMessage> out = new ArrayList<>();
        OpenSurvey next = nextQuestion(c, s, b, asking, true, at, out);
        ReplyOutcome outcome = new ReplyOutcome.Skipped(s.id(), id);
        return new Step(next, out, List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                record(s, at, text == null ? ReplyRecord.Kind.INVALID : ReplyRecord.Kind.COMMENT, OptionalInt.empty(),
                        Optional.ofNullable(text), true, Optional.of(id)),
                List.of(new SurveyEvent.ReplyHandled(Optional.of(next), s.channelId(), outcome, c.now())), outcome);
    }

    /**
     * Moves a survey of several questions past the question at {@code asking}: to the next one,
     * asked at once with an answer window of its own, or after the last to the confirmation and
     * the follow-up question, as a rating of a one-question survey does.
     */
    private static OpenSurvey nextQuestion(Context c, OpenSurvey s, OpenSurvey.Builder b, int asking,
            boolean mayFollowUp, Instant at, List<OutboxMessage> out) {
        SurveyProfile p = c.profile();
        int questions = c.rt().questions();
        if (asking + 1 < questions) {
            Instant nextBy = at.plus(p.answerWindow());
            OpenSurvey next = b.question(asking + 1).invalidReplies(0).noInputs(0).window(nextBy, nextBy).build();
            out.add(question(c, next, asking + 1));
            return next;
        }
        Instant answerBy = s.answerUntil().orElseThrow();
        Instant commentBy = at.plus(p.commentWindow());
        boolean text = p.sendOn() != ChannelKind.VOICE_DTMF;
        boolean askFollowUp = mayFollowUp && text && p.sendOn() != ChannelKind.EMAIL
                && Composer.messages(c.rt(), s).followUp().isPresent() && !s.followUpAsked();
        OpenSurvey next = b.question(questions).window(answerBy, commentBy.isAfter(answerBy) ? commentBy : answerBy)
                .followUpAsked(s.followUpAsked() || askFollowUp).build();
        if (text) {
            out.add(side(c, next, OutboxMessage.Purpose.CONFIRMATION, "confirm:" + next.version()));
        }
        if (askFollowUp) {
            out.add(side(c, next, OutboxMessage.Purpose.FOLLOW_UP, "followup"));
        }
        return next;
    }

    /** The message asking a survey's question at {@code index}; its key names the question. */
    private static OutboxMessage question(Context c, OpenSurvey s, int index) {
        return side(c, s, OutboxMessage.Purpose.QUESTION, QUESTION_KEY + index);
    }

    /**
     * The part of a side message's key that tells one question's messages from another's, each
     * question counting its own unreadable replies; nothing for the primary question, whose keys
     * are those of a one-question survey.
     */
    private static String ofQuestion(OpenSurvey s) {
        return s.question() == 0 ? "" : "q" + s.question() + ":";
    }

    /** What the key of a question's message ends in before the question's position. */
    static final String QUESTION_KEY = "question:";

    private static Step late(Context c, OpenSurvey s, OptionalInt value, Instant at) {
        boolean counted = c.profile().countLateReplies() && value.isPresent() && s.rating().isEmpty();
        ReplyOutcome outcome = new ReplyOutcome.Late(s.id(), counted);
        ReplyRecord rec = record(s, at, ReplyRecord.Kind.LATE, value, Optional.empty(), counted, asked(c, s));
        if (counted) {
            OpenSurvey next = s.toBuilder().rating(value.getAsInt(), at).build();
            return new Step(next, List.of(), List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                    rec, List.of(new SurveyEvent.ReplyHandled(Optional.of(next), s.channelId(), outcome, c.now())),
                    outcome);
        }
        // A late rating is recorded as such only where nothing was read before: an earlier
        // unreadable reply stays the outcome.
        SurveyResponse r = s.rating().isEmpty() && s.sentAt().isPresent() && s.invalidReplies() == 0
                && s.noInputs() == 0 ? response(s, true, value, Optional.of(at)) : null;
        OpenSurvey next = r == null ? null : s.toBuilder().build();
        return new Step(next, List.of(), List.of(), r, rec,
                List.of(new SurveyEvent.ReplyHandled(Optional.of(s), s.channelId(), outcome, c.now())), outcome);
    }

    /**
     * Keys pressed on the keypad. The keys as pressed go into the reply's history record, and,
     * when they answer the primary question in time, stay with the survey for its response: a
     * wrong key is then told from no key at all, which leaves what was pressed before as it was.
     */
    static Step keys(Context c, OpenSurvey s, KeypadReply read, Instant at) {
        Optional<String> pressed = read instanceof KeypadReply.KeypadRating k ? Optional.of(k.keys())
                : read instanceof KeypadReply.InvalidKey k ? Optional.of(k.pressed()) : Optional.empty();
        pressed = pressed.filter(p -> !p.isEmpty() && p.length() <= SurveyResponse.MAX_KEYS);
        boolean inTime = s.state().takesReplies() && !at.isAfter(s.answerUntil().orElseThrow());
        // The same version: this is the survey the reply is applied to, with the keys it brought.
        OpenSurvey on = pressed.isPresent() && inTime && s.question() == 0
                ? s.toBuilder().version(s.version()).keys(pressed).build() : s;
        Step step = keysRead(c, on, read, at);
        ReplyRecord r = step.reply();
        if (pressed.isEmpty() || r == null) {
            return step;
        }
        return new Step(step.next(), step.outbox(), step.holds(), step.response(), new ReplyRecord(r.surveyKey(),
                r.receivedAt(), r.kind(), r.value(), r.text(), r.counted(), r.question(), pressed), step.events(),
                step.outcome());
    }

    private static Step keysRead(Context c, OpenSurvey s, KeypadReply read, Instant at) {
        if (!s.state().takesReplies() || at.isAfter(s.answerUntil().orElseThrow())) {
            return late(c, s, read instanceof KeypadReply.KeypadRating k ? OptionalInt.of(k.value())
                    : OptionalInt.empty(), at);
        }
        SurveyProfile p = c.profile();
        if (read instanceof KeypadReply.KeypadRating k) {
            return answer(c, s, k.value(), Optional.empty(), at);
        }
        if (read instanceof KeypadReply.Repeat) {
            ReplyOutcome outcome = new ReplyOutcome.Replayed(s.id());
            OpenSurvey next = s.toBuilder().build();
            return new Step(next, List.of(side(c, next, OutboxMessage.Purpose.KEYPAD_REPEAT,
                    "repeat:" + next.version())), List.of(), null, null,
                    List.of(new SurveyEvent.ReplyHandled(Optional.of(next), s.channelId(), outcome, c.now())), outcome);
        }
        if (read instanceof KeypadReply.NoInput && several(c) && s.question() >= 1
                && s.question() < c.rt().questions() && p.survey().questions().get(s.question()).skippable()) {
            return skip(c, s, null, at); // no key on a question the caller may skip: on to the next
        }
        if (read instanceof KeypadReply.NoInput n) {
            return keypadMiss(c, s, at, ReplyOutcome.InvalidKind.NO_INPUT, "no key was pressed within " + n.window(),
                    s.noInputs() + 1, p.maxNoInputs());
        }
        KeypadReply.InvalidKey k = (KeypadReply.InvalidKey) read;
        return keypadMiss(c, s, at, ReplyOutcome.InvalidKind.NO_MATCH, k.detail(), s.invalidReplies() + 1,
                p.maxInvalidReplies());
    }

    private static Step keypadMiss(Context c, OpenSurvey s, Instant at, ReplyOutcome.InvalidKind kind, String detail,
            int count, int limit) {
        boolean noInput = kind == ReplyOutcome.InvalidKind.NO_INPUT;
        boolean ended = count > limit;
        OpenSurvey.Builder b = s.toBuilder();
        if (noInput) {
            b.noInputs(count);
        } else {
            b.invalidReplies(count);
        }
        if (ended) {
            // Past the limit the caller hears the thank-you (the THANKS stage) and the call ends.
            b.end(s.rating().isPresent() ? SurveyState.ANSWERED : SurveyState.EXPIRED,
                    (noInput ? "no key pressed " : "no valid key pressed ") + count + " times", at);
        }
        OpenSurvey next = b.build();
        ReplyOutcome outcome = new ReplyOutcome.Invalid(s.id(), kind, detail, count, ended);
        List<OutboxMessage> out = List.of();
        SurveyEvent event;
        if (!ended) {
            out = List.of(side(c, next, noInput ? OutboxMessage.Purpose.KEYPAD_NO_INPUT
                    : OutboxMessage.Purpose.KEYPAD_NO_MATCH, kind.name().toLowerCase(Locale.ROOT) + ':' + ofQuestion(s)
                    + count));
            event = new SurveyEvent.ReplyHandled(Optional.of(next), s.channelId(), outcome, c.now());
        } else if (next.state() == SurveyState.EXPIRED) {
            event = new SurveyEvent.Expired(next, c.now());
        } else {
            event = new SurveyEvent.Answered(next, c.now());
        }
        return new Step(next, out, List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                record(s, at, noInput ? ReplyRecord.Kind.NO_INPUT : ReplyRecord.Kind.INVALID, OptionalInt.empty(),
                        Optional.empty(), false, asked(c, s)), List.of(event), outcome);
    }

    /**
     * An opt-out: an open survey ends at once; the event carries it as it ends, and the history
     * keeps when it came and the customer's words that asked.
     */
    static Step optOut(Context c, OpenSurvey s, Instant at, boolean alreadyOptedOut, Optional<String> words) {
        ReplyOutcome outcome = new ReplyOutcome.OptedOut(!alreadyOptedOut);
        ReplyRecord rec = record(s, at, ReplyRecord.Kind.OPT_OUT, OptionalInt.empty(), words, true);
        if (s.state().isFinal()) {
            return new Step(null, List.of(), List.of(), null, rec, List.of(), outcome);
        }
        OpenSurvey next = s.toBuilder().end(SurveyState.OPTED_OUT, "the contact opted out", at).build();
        return new Step(next, List.of(), List.of(), response(next, false, OptionalInt.empty(), Optional.empty()),
                rec, List.of(new SurveyEvent.OptedOut(kindName(s.channel()), s.address(), Optional.of(next),
                c.now())), outcome);
    }

    /**
     * A reply that only possibly asked to stop, on a profile that asks once: the question goes
     * out, the survey stays open and the words are kept for audit.
     */
    static Step askOptOut(Context c, OpenSurvey s, Instant at, List<String> words) {
        ReplyOutcome outcome = new ReplyOutcome.OptOutAsked(s.id(), words);
        OpenSurvey next = s.toBuilder().optOutAsked(true).build();
        return new Step(next, List.of(side(c, next, OutboxMessage.Purpose.OPT_OUT_QUESTION, "optout-question")),
                List.of(), null, record(s, at, ReplyRecord.Kind.POSSIBLE_OPT_OUT, OptionalInt.empty(),
                        Optional.of(String.join(" ", words)), true),
                List.of(new SurveyEvent.ReplyHandled(Optional.of(next), s.channelId(), outcome, c.now())), outcome);
    }

    /** A help keyword: the question again with how to stop. */
    static Step help(Context c, OpenSurvey s, Instant at) {
        ReplyOutcome outcome = new ReplyOutcome.Helped(s.id());
        OpenSurvey next = s.toBuilder().build();
        return new Step(next, List.of(side(c, next, OutboxMessage.Purpose.HELP, "help:" + next.version())),
                List.of(), null, record(s, at, ReplyRecord.Kind.HELP, OptionalInt.empty(), Optional.empty(), true),
                List.of(new SurveyEvent.ReplyHandled(Optional.of(next), s.channelId(), outcome, c.now())), outcome);
    }

    // ------------------------------------------------------------------ records

    /** A side message of a survey, leased to the caller that writes it, who sends it at once. */
    static OutboxMessage side(Context c, OpenSurvey s, OutboxMessage.Purpose purpose, String suffix) {
        return new OutboxMessage(s.id() + ':' + suffix, purpose, s.channelId(), s.channel(), s.address(),
                Optional.of(s.id()), s.locale(), c.leaseUntil(), 0);
    }

    private static ReplyRecord record(OpenSurvey s, Instant at, ReplyRecord.Kind kind, OptionalInt value,
            Optional<String> text, boolean counted) {
        return new ReplyRecord(s.id(), at, kind, value, text, counted);
    }

    private static ReplyRecord record(OpenSurvey s, Instant at, ReplyRecord.Kind kind, OptionalInt value,
            Optional<String> text, boolean counted, Optional<String> question) {
        return new ReplyRecord(s.id(), at, kind, value, text, counted, question);
    }

    static SurveyResponse response(OpenSurvey s, boolean late, OptionalInt lateScore, Optional<Instant> lateAt) {
        SurveyResponse.Builder b = SurveyResponse.builder(s.interactionId(), s.surveyId(),
                        s.sentAt().orElse(s.sendAt()))
                .channel(s.channel())
                .agent(s.agent().orElse(null))
                .team(s.team().orElse(null))
                .entryPoint(s.entryPoint().orElse(null))
                .locale(s.locale())
                .caseType(s.caseType().orElse(null))
                .contactKey(s.values().get(DecisionRules.CONTACT_KEY))
                .region(s.values().get(DecisionRules.REGION))
                .brand(s.values().get(DecisionRules.BRAND))
                .waitTime(number(s.values().get(DecisionRules.WAIT_SECONDS)).stream()
                        .mapToObj(java.time.Duration::ofSeconds).findFirst().orElse(null))
                .openTickets(number(s.values().get(DecisionRules.OPEN_TICKETS)).stream()
                        .mapToInt(n -> (int) Math.min(n, Integer.MAX_VALUE)).findFirst());
        if (s.rating().isPresent()) {
            b.rating(s.rating().getAsInt(), s.ratedAt().orElseThrow());
        } else if (late) {
            b.lateReply(lateScore, lateAt.orElseThrow());
        } else if (s.invalidReplies() > 0 || s.noInputs() > 0) {
            b.invalidReply(s.ratedAt().orElse(s.sentAt().orElse(s.sendAt())));
        }
        s.comment().ifPresent(b::comment);
        return b.answers(s.answers()).keys(s.keys()).build();
    }

    /** A whole number the engine stored with the survey; empty when absent, blank or not a number. */
    private static java.util.OptionalLong number(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(text);
            return n < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(n);
        } catch (NumberFormatException e) {
            // Written by this engine as digits; anything else came from elsewhere and is not trusted.
            return java.util.OptionalLong.empty();
        }
    }

    /** A comment cut to what a response keeps, never between the two halves of a surrogate pair. */
    static String clip(String comment) {
        int max = SurveyResponse.MAX_COMMENT_LENGTH;
        if (comment.length() <= max) {
            return comment;
        }
        return comment.substring(0, Character.isHighSurrogate(comment.charAt(max - 1)) ? max - 1 : max);
    }

    static String kindName(ChannelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
