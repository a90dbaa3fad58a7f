package dev.csatkit.store;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.score.Answer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The state of one survey sent (or about to be sent) after one interaction. The engine never
 * changes a survey in place: it writes a copy with {@code version + 1} through
 * {@link SurveyStore#apply}, so two engine instances cannot both act on the same version.
 *
 * @param id the survey's own id, derived from the survey definition and the interaction
 * @param version incremented by every change; the compare-and-set token
 * @param surveyId the survey definition's id
 * @param interactionId the interaction the survey follows
 * @param contactId the contact surveyed
 * @param channel the kind of channel it is sent on
 * @param channelId the id of the channel it is sent on
 * @param address the contact's address on that channel
 * @param locale the language it is sent in (after fallback)
 * @param zone the contact's time zone, for quiet hours at every send
 * @param values the placeholder values taken when it was scheduled (agent, team, company …)
 * @param agent the agent credited, taken when it was scheduled
 * @param team the team credited, taken when it was scheduled
 * @param entryPoint where the contact came in
 * @param caseType the case type or tag of the interaction
 * @param holds the frequency-cap holds it owns; each hold's expiry is the token to move or
 *     release it
 * @param state where it stands
 * @param scheduledAt when it was decided
 * @param sendAt when it is to be sent (after delay and quiet hours)
 * @param attempts how many sends were tried
 * @param retryAt when the next try is due, or when an unanswered send is taken over
 * @param promptedAt when the latest send of its prompt began; from then on a reply from its
 *     address answers it, even one that comes before the channel has confirmed the send
 * @param sentAt when the channel accepted it
 * @param answerUntil until when a rating counts and may be replaced
 * @param closesAt when it closes for good (the answer window, or the comment window after a
 *     late rating, whichever ends last)
 * @param reminderAt when the reminder is due; empty once sent or when there is none
 * @param rating the rating in force
 * @param ratedAt when that rating came
 * @param comment the comment attached
 * @param invalidReplies how many replies could not be read (no-match keys on the keypad)
 * @param noInputs how many times the keypad window closed with no key pressed
 * @param followUpAsked whether the follow-up question was sent
 * @param optOutAsked whether the customer was asked if a reply that only possibly opted out
 *     meant to (asked once per survey; the next such reply opts out)
 * @param endReason why it ended, in words, once final
 * @param endedAt when it became final
 * @param leaseUntil while set and in the future, one engine instance holds the survey (it was
 *     handed out by {@link SurveyStore#claimDue}) and no other takes it before then
 * @param question how many of the survey's questions are behind it: the position of the question
 *     a rating answers now (0, the primary question, until it is rated), and the number of
 *     questions once every one was answered or skipped
 * @param answers the ratings of the survey's further questions, in the order they came; the
 *     primary question's is {@code rating}
 * @param keys on the phone keypad, the keys last pressed in answer to the primary question (a
 *     rating's or a wrong key's); a window with no key leaves it as it was, so it stays empty
 *     only when no key was ever pressed
 */
public record OpenSurvey(
        String id,
        long version,
        String surveyId,
        String interactionId,
        String contactId,
        ChannelKind channel,
        String channelId,
        String address,
        Locale locale,
        ZoneId zone,
        Map<String, String> values,
        Optional<String> agent,
        Optional<String> team,
        Optional<String> entryPoint,
        Optional<String> caseType,
        List<CapHold> holds,
        SurveyState state,
        Instant scheduledAt,
        Instant sendAt,
        int attempts,
        Optional<Instant> retryAt,
        Optional<Instant> promptedAt,
        Optional<Instant> sentAt,
        Optional<Instant> answerUntil,
        Optional<Instant> closesAt,
        Optional<Instant> reminderAt,
        OptionalInt rating,
        Optional<Instant> ratedAt,
        Optional<String> comment,
        int invalidReplies,
        int noInputs,
        boolean followUpAsked,
        boolean optOutAsked,
        Optional<String> endReason,
        Optional<Instant> endedAt,
        Optional<Instant> leaseUntil,
        int question,
        List<Answer> answers,
        Optional<String> keys) {

    /** Checks that nothing is missing and copies the values. */
    public OpenSurvey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        values = Map.copyOf(values);
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(caseType, "caseType");
        holds = List.copyOf(holds);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(promptedAt, "promptedAt");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(answerUntil, "answerUntil");
        Objects.requireNonNull(closesAt, "closesAt");
        Objects.requireNonNull(reminderAt, "reminderAt");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(ratedAt, "ratedAt");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(endReason, "endReason");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        answers = List.copyOf(answers);
        Objects.requireNonNull(keys, "keys");
    }

    /**
     * A survey of one question, or one whose further questions were not reached: the survey as it
     * was before surveys had several questions.
     *
     * @param id the survey's own id
     * @param version the compare-and-set token
     * @param surveyId the survey definition's id
     * @param interactionId the interaction the survey follows
     * @param contactId the contact surveyed
     * @param channel the kind of channel it is sent on
     * @param channelId the id of the channel it is sent on
     * @param address the contact's address on that channel
     * @param locale the language it is sent in
     * @param zone the contact's time zone
     * @param values the placeholder values
     * @param agent the agent credited
     * @param team the team credited
     * @param entryPoint where the contact came in
     * @param caseType the case type or tag
     * @param holds the frequency-cap holds it owns
     * @param state where it stands
     * @param scheduledAt when it was decided
     * @param sendAt when it is to be sent
     * @param attempts how many sends were tried
     * @param retryAt when the next try is due
     * @param promptedAt when the latest send of its prompt began
     * @param sentAt when the channel accepted it
     * @param answerUntil until when a rating counts
     * @param closesAt when it closes for good
     * @param reminderAt when the reminder is due
     * @param rating the rating in force
     * @param ratedAt when that rating came
     * @param comment the comment attached
     * @param invalidReplies how many replies could not be read
     * @param noInputs how many keypad windows had no key
     * @param followUpAsked whether the follow-up question was sent
     * @param optOutAsked whether a possible opt-out was asked about
     * @param endReason why it ended
     * @param endedAt when it became final
     * @param leaseUntil the end of the lease an engine instance holds
     */
    public OpenSurvey(String id, long version, String surveyId, String interactionId, String contactId,
            ChannelKind channel, String channelId, String address, Locale locale, ZoneId zone,
            Map<String, String> values, Optional<String> agent, Optional<String> team, Optional<String> entryPoint,
            Optional<String> caseType, List<CapHold> holds, SurveyState state, Instant scheduledAt, Instant sendAt,
            int attempts, Optional<Instant> retryAt, Optional<Instant> promptedAt, Optional<Instant> sentAt,
            Optional<Instant> answerUntil, Optional<Instant> closesAt, Optional<Instant> reminderAt,
            OptionalInt rating, Optional<Instant> ratedAt, Optional<String> comment, int invalidReplies, int noInputs,
            boolean followUpAsked, boolean optOutAsked, Optional<String> endReason, Optional<Instant> endedAt,
            Optional<Instant> leaseUntil) {
        this(id, version, surveyId, interactionId, contactId, channel, channelId, address, locale, zone, values, agent,
                team, entryPoint, caseType, holds, state, scheduledAt, sendAt, attempts, retryAt, promptedAt, sentAt,
                answerUntil, closesAt, reminderAt, rating, ratedAt, comment, invalidReplies, noInputs, followUpAsked,
                optOutAsked, endReason, endedAt, leaseUntil, 0, List.of());
    }

    /**
     * A survey with no keys recorded: as it was before the keypad's keys were kept.
     *
     * @param id its key
     * @param version its version
     * @param surveyId the survey definition
     * @param interactionId the interaction
     * @param contactId the contact
     * @param channel the channel kind
     * @param channelId the channel
     * @param address the address
     * @param locale the language
     * @param zone the zone
     * @param values the placeholder values
     * @param agent the agent
     * @param team the team
     * @param entryPoint the entry point
     * @param caseType the case type
     * @param holds the cap holds
     * @param state the state
     * @param scheduledAt when it was decided
     * @param sendAt when it is to be sent
     * @param attempts how many sends were tried
     * @param retryAt when the next try is due
     * @param promptedAt when its prompt was last sent
     * @param sentAt when the channel accepted it
     * @param answerUntil until when a rating counts
     * @param closesAt when it closes for good
     * @param reminderAt when the reminder is due
     * @param rating the rating in force
     * @param ratedAt when that rating came
     * @param comment the comment
     * @param invalidReplies how many replies could not be read
     * @param noInputs how many keypad windows had no key
     * @param followUpAsked whether the follow-up was sent
     * @param optOutAsked whether a possible opt-out was asked about
     * @param endReason why it ended
     * @param endedAt when it became final
     * @param leaseUntil the end of the lease
     * @param question how many questions are behind it
     * @param answers the further questions' ratings
     */
    public OpenSurvey(String id, long version, String surveyId, String interactionId, String contactId,
            ChannelKind channel, String channelId, String address, Locale locale, ZoneId zone,
            Map<String, String> values, Optional<String> agent, Optional<String> team, Optional<String> entryPoint,
            Optional<String> caseType, List<CapHold> holds, SurveyState state, Instant scheduledAt, Instant sendAt,
            int attempts, Optional<Instant> retryAt, Optional<Instant> promptedAt, Optional<Instant> sentAt,
            Optional<Instant> answerUntil, Optional<Instant> closesAt, Optional<Instant> reminderAt,
            OptionalInt rating, Optional<Instant> ratedAt, Optional<String> comment, int invalidReplies, int noInputs,
            boolean followUpAsked, boolean optOutAsked, Optional<String> endReason, Optional<Instant> endedAt,
            Optional<Instant> leaseUntil, int question, List<Answer> answers) {
        this(id, version, surveyId, interactionId, contactId, channel, channelId, address, locale, zone, values, agent,
                team, entryPoint, caseType, holds, state, scheduledAt, sendAt, attempts, retryAt, promptedAt, sentAt,
                answerUntil, closesAt, reminderAt, rating, ratedAt, comment, invalidReplies, noInputs, followUpAsked,
                optOutAsked, endReason, endedAt, leaseUntil, question, answers, Optional.empty());
    }

    /**
     * When the engine has something to do with this survey without being asked: send it, retry
     * it, take over a send that never answered, remind, or close it.
     *
     * @return the instant, or empty for a final survey
     */
    public Optional<Instant> dueAt() {
        Optional<Instant> natural = naturalDue();
        // A leased survey comes due again only when its lease ends, however overdue it is.
        if (natural.isPresent() && leaseUntil.isPresent() && leaseUntil.get().isAfter(natural.get())) {
            return leaseUntil;
        }
        return natural;
    }

    private Optional<Instant> naturalDue() {
        return switch (state) {
            case SCHEDULED -> Optional.of(retryAt.orElse(sendAt));
            case SENDING -> retryAt.or(() -> leaseUntil); // an unanswered send is taken over when its lease ends
            case AWAITING_REPLY -> reminderAt.isPresent() && closesAt.isPresent()
                    ? Optional.of(min(reminderAt.get(), closesAt.get())) : reminderAt.or(() -> closesAt);
            case RATED -> closesAt;
            case ANSWERED, EXPIRED, OPTED_OUT, FAILED -> Optional.empty();
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Describes the survey for a log line: the address masked, the comment hidden, phone numbers
     * and emails in the entry point and the end reason masked, and only the names of the
     * placeholder values, which hold the agent's and the contact's names. Empty fields are left out.
     *
     * @return {@code OpenSurvey[id=…, version=…, state=…, …]}
     */
    @Override
    public String toString() {
        return Fields.of("OpenSurvey").add("id", id).add("version", version).add("surveyId", surveyId)
                .add("interactionId", interactionId).add("contactId", contactId).add("channel", channel)
                .add("channelId", channelId).add("address", Masking.address(address)).add("locale", locale)
                .add("zone", zone)
                .add("values", new TreeSet<>(values.keySet())).add("agent", agent).add("team", team)
                .add("entryPoint", entryPoint.map(Masking::text)).add("caseType", caseType)
                // Cap keys hold the contact id after a NUL: the holds' expiries say enough.
                .add("holdsUntil", holds.stream().map(CapHold::until).toList()).add("state", state).add("scheduledAt", scheduledAt)
                .add("sendAt", sendAt).add("attempts", attempts).add("retryAt", retryAt)
                .add("promptedAt", promptedAt).add("sentAt", sentAt).add("answerUntil", answerUntil)
                .add("closesAt", closesAt).add("reminderAt", reminderAt).add("rating", rating)
                .add("ratedAt", ratedAt).add("comment", comment.map(Masking::hidden))
                .add("invalidReplies", invalidReplies).add("noInputs", noInputs)
                .add("followUpAsked", followUpAsked).add("optOutAsked", optOutAsked).add("endReason", endReason.map(Masking::text))
                .add("endedAt", endedAt).add("leaseUntil", leaseUntil)
                .add("question", question == 0 ? Optional.empty() : Optional.of(question))
                .add("answers", answers.isEmpty() ? Optional.empty() : Optional.of(answers)).add("keys", keys)
                .toString();
    }

    /** @return a builder holding this survey's values, for writing the next version */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Starts a survey in state {@link SurveyState#SCHEDULED}.
     *
     * @param id the survey's own id
     * @param surveyId the definition's id
     * @param interactionId the interaction
     * @param scheduledAt when it was decided
     * @return a builder; the channel, address, locale and send time must be set
     */
    public static Builder builder(String id, String surveyId, String interactionId, Instant scheduledAt) {
        return new Builder(id, surveyId, interactionId, scheduledAt);
    }

    /** Builds an {@link OpenSurvey}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private long version;
        private final String surveyId;
        private final String interactionId;
        private String contactId = "";
        private @Nullable ChannelKind channel;
        private String channelId = "";
        private String address = "";
        private Locale locale = Locale.ROOT;
        private ZoneId zone = ZoneOffset.UTC;
        private Map<String, String> values = Map.of();
        private Optional<String> agent = Optional.empty();
        private Optional<String> team = Optional.empty();
        private Optional<String> entryPoint = Optional.empty();
        private Optional<String> caseType = Optional.empty();
        private List<CapHold> holds = List.of();
        private SurveyState state = SurveyState.SCHEDULED;
        private final Instant scheduledAt;
        private Instant sendAt;
        private int attempts;
        private Optional<Instant> retryAt = Optional.empty();
        private Optional<Instant> promptedAt = Optional.empty();
        private Optional<Instant> sentAt = Optional.empty();
        private Optional<Instant> answerUntil = Optional.empty();
        private Optional<Instant> closesAt = Optional.empty();
        private Optional<Instant> reminderAt = Optional.empty();
        private OptionalInt rating = OptionalInt.empty();
        private Optional<Instant> ratedAt = Optional.empty();
        private Optional<String> comment = Optional.empty();
        private int invalidReplies;
        private int noInputs;
        private boolean followUpAsked;
        private boolean optOutAsked;
        private Optional<String> endReason = Optional.empty();
        private Optional<Instant> endedAt = Optional.empty();
        private Optional<Instant> leaseUntil = Optional.empty();
        private int question;
        private List<Answer> answers = List.of();
        private Optional<String> keys = Optional.empty();

        private Builder(String id, String surveyId, String interactionId, Instant scheduledAt) {
            this.id = Objects.requireNonNull(id, "id");
            this.surveyId = Objects.requireNonNull(surveyId, "surveyId");
            this.interactionId = Objects.requireNonNull(interactionId, "interactionId");
            this.scheduledAt = Objects.requireNonNull(scheduledAt, "scheduledAt");
            this.sendAt = scheduledAt;
        }

        private Builder(OpenSurvey s) {
            this(s.id, s.surveyId, s.interactionId, s.scheduledAt);
            version = s.version + 1;
            contactId = s.contactId;
            channel = s.channel;
            channelId = s.channelId;
            address = s.address;
            locale = s.locale;
            zone = s.zone;
            values = s.values;
            agent = s.agent;
            team = s.team;
            entryPoint = s.entryPoint;
            caseType = s.caseType;
            holds = s.holds;
            state = s.state;
            sendAt = s.sendAt;
            attempts = s.attempts;
            retryAt = s.retryAt;
            promptedAt = s.promptedAt;
            sentAt = s.sentAt;
            answerUntil = s.answerUntil;
            closesAt = s.closesAt;
            reminderAt = s.reminderAt;
            rating = s.rating;
            ratedAt = s.ratedAt;
            comment = s.comment;
            invalidReplies = s.invalidReplies;
            noInputs = s.noInputs;
            followUpAsked = s.followUpAsked;
            optOutAsked = s.optOutAsked;
            endReason = s.endReason;
            endedAt = s.endedAt;
            leaseUntil = s.leaseUntil;
            question = s.question;
            answers = s.answers;
            keys = s.keys;
        }

        /** @param value the contact's id @return this */
        public Builder contactId(String value) {
            contactId = Objects.requireNonNull(value, "contactId");
            return this;
        }

        /**
         * @param kind the channel kind
         * @param id the channel's id
         * @param to the contact's address on it
         * @return this
         */
        public Builder channel(ChannelKind kind, String id, String to) {
            channel = Objects.requireNonNull(kind, "channel");
            channelId = Objects.requireNonNull(id, "channelId");
            address = Objects.requireNonNull(to, "address");
            return this;
        }

        /** @param value the language it is sent in @return this */
        public Builder locale(Locale value) {
            locale = Objects.requireNonNull(value, "locale");
            return this;
        }

        /** @param value the contact's time zone; default UTC @return this */
        public Builder zone(ZoneId value) {
            zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * @param value the version to write; a copy made with {@link OpenSurvey#toBuilder()} is
         *     already one past the version it was made from
         * @return this
         */
        public Builder version(long value) {
            version = value;
            return this;
        }

        /** @param value the placeholder values @return this */
        public Builder values(Map<String, String> value) {
            values = Objects.requireNonNull(value, "values");
            return this;
        }

        /**
         * @param agentId the agent credited
         * @param teamName the team credited
         * @param entry where the contact came in
         * @param type the case type
         * @return this
         */
        public Builder credit(Optional<String> agentId, Optional<String> teamName, Optional<String> entry,
                Optional<String> type) {
            agent = agentId;
            team = teamName;
            entryPoint = entry;
            caseType = type;
            return this;
        }

        /**
         * @param value the frequency-cap holds it owns
         * @return this
         */
        public Builder holds(List<CapHold> value) {
            holds = List.copyOf(value);
            return this;
        }

        /** @param value the state @return this */
        public Builder state(SurveyState value) {
            state = Objects.requireNonNull(value, "state");
            return this;
        }

        /** @param value when to send @return this */
        public Builder sendAt(Instant value) {
            sendAt = Objects.requireNonNull(value, "sendAt");
            return this;
        }

        /** @param value how many sends were tried @return this */
        public Builder attempts(int value) {
            attempts = value;
            return this;
        }

        /** @param value the next try, or empty @return this */
        public Builder retryAt(Optional<Instant> value) {
            retryAt = value;
            return this;
        }

        /** @param value when a send of its prompt began @return this */
        public Builder promptedAt(Instant value) {
            promptedAt = Optional.of(value);
            return this;
        }

        /** @param value when it was sent @return this */
        public Builder sentAt(Instant value) {
            sentAt = Optional.of(value);
            return this;
        }

        /**
         * @param answerBy until when a rating counts
         * @param closes when it closes for good
         * @return this
         */
        public Builder window(Instant answerBy, Instant closes) {
            answerUntil = Optional.of(answerBy);
            closesAt = Optional.of(closes);
            return this;
        }

        /** @param value when the reminder is due, or empty @return this */
        public Builder reminderAt(Optional<Instant> value) {
            reminderAt = value;
            return this;
        }

        /**
         * @param value the rating in force
         * @param at when it came
         * @return this
         */
        public Builder rating(int value, Instant at) {
            rating = OptionalInt.of(value);
            ratedAt = Optional.of(at);
            return this;
        }

        /** @param value the comment @return this */
        public Builder comment(String value) {
            comment = Optional.of(value);
            return this;
        }

        /** @param value how many replies could not be read @return this */
        public Builder invalidReplies(int value) {
            invalidReplies = value;
            return this;
        }

        /** @param value how many keypad windows had no input @return this */
        public Builder noInputs(int value) {
            noInputs = value;
            return this;
        }

        /** @param value whether the follow-up was sent @return this */
        public Builder followUpAsked(boolean value) {
            followUpAsked = value;
            return this;
        }

        /** @param value whether the customer was asked if a possible opt-out was meant @return this */
        public Builder optOutAsked(boolean value) {
            optOutAsked = value;
            return this;
        }

        /**
         * @param value how many of the survey's questions are behind it: the position of the
         *     question a rating answers now
         * @return this
         */
        public Builder question(int value) {
            question = value;
            return this;
        }

        /** @param value the keys last pressed in answer to the primary question, or empty @return this */
        public Builder keys(Optional<String> value) {
            keys = Objects.requireNonNull(value, "keys");
            return this;
        }

        /** @param value the ratings of the survey's further questions @return this */
        public Builder answers(List<Answer> value) {
            answers = List.copyOf(value);
            return this;
        }

        /** @param value the end of the lease an engine instance holds, or empty @return this */
        public Builder lease(Optional<Instant> value) {
            leaseUntil = Objects.requireNonNull(value, "leaseUntil");
            return this;
        }

        /**
         * Ends the survey; final surveys hold no lease, retry or reminder.
         *
         * @param finalState the final state
         * @param reason why, in words
         * @param at when
         * @return this
         */
        public Builder end(SurveyState finalState, String reason, Instant at) {
            if (!finalState.isFinal()) {
                throw new IllegalArgumentException("state " + finalState + " is not final");
            }
            state = finalState;
            endReason = Optional.of(reason);
            endedAt = Optional.of(at);
            retryAt = Optional.empty();
            reminderAt = Optional.empty();
            leaseUntil = Optional.empty();
            return this;
        }

        /** @return the survey */
        public OpenSurvey build() {
            return new OpenSurvey(id, version, surveyId, interactionId, contactId,
                    Objects.requireNonNull(channel, "channel"), channelId, address, locale, zone, values, agent, team,
                    entryPoint, caseType, holds, state, scheduledAt, sendAt, attempts, retryAt,
                    // A survey recorded as sent was prompted no later than that.
                    promptedAt.isEmpty() ? sentAt : promptedAt, sentAt, answerUntil, closesAt, reminderAt, rating, ratedAt, comment, invalidReplies, noInputs,
                    followUpAsked, optOutAsked, endReason, endedAt, leaseUntil, question, answers, keys);
        }
    }
}
