package dev.csatkit.score;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.survey.Question;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one survey sent after one interaction: who and what it was about, when it was
 * sent, and how it ended — a rating, an invalid reply, a late reply, or no answer.
 *
 * <p>Exactly one outcome holds for every response, and a {@link Tally} counts it there:
 * <ul>
 *   <li>{@code invalid}: a reply came but was not a rating (key 0 on a 1–9 keypad, "maybe");</li>
 *   <li>{@code late}: a reply came after the survey closed; its score, if any, is kept for
 *       reading but not counted as a rating;</li>
 *   <li>a {@code score} and neither flag: a valid rating;</li>
 *   <li>none of these: sent and unanswered.</li>
 * </ul>
 *
 * <p><b>Questions.</b> A response answers one question of its survey, named by {@code question}:
 * the survey's primary question ({@value dev.csatkit.survey.Question#PRIMARY_ID}, whose rating
 * every report counts as the survey's) unless said otherwise. The engine records one response per
 * survey, for the primary question, and carries the ratings of the survey's further questions in
 * {@code answers}; a responses CSV holds one row per question instead, each row a response of its
 * own question with no answers. Reports count both the same way.
 *
 * <p>Text fields are stripped; an optional text that is blank is absent. Identifiers and
 * dimension values are at most {@value #MAX_TEXT_LENGTH} characters, comments at most
 * {@value #MAX_COMMENT_LENGTH}.
 *
 * @param interactionId the interaction (call, ticket, chat) the survey followed
 * @param surveyId the survey definition that was sent
 * @param channel the channel it was sent on, such as {@code sms} or {@code email}
 * @param agent the agent who handled the interaction
 * @param team the agent's team
 * @param entryPoint where the customer came in, such as the phone number called
 * @param locale the language the survey was sent in
 * @param caseType the case type or tag of the interaction
 * @param sentAt when the survey was sent
 * @param respondedAt when the customer replied; present for ratings, invalid and late replies
 * @param score the rating, a value of the survey's scale
 * @param comment the customer's free-text comment
 * @param invalid whether the reply could not be read as a rating
 * @param late whether the reply came after the survey closed
 * @param question the id of the question whose outcome this is; the primary question's unless
 *     the response is one row of a survey of several questions
 * @param keys on the phone keypad, the keys last pressed in answer to the question: a rating's,
 *     or a wrong key's (then {@code invalid} and no score); empty when no key was pressed, so a
 *     wrong key and silence are told apart
 * @param answers the ratings of the survey's further questions, in the order they were asked;
 *     only on the primary question's response, each question at most once
 * @param contactKey the pseudonymous key of the contact: a keyed hash of the contact's id, never
 *     the id itself, so that a report can group per caller without naming one
 * @param region the contact's region, as the host sets it
 * @param brand the brand or workspace the interaction belonged to
 * @param waitTime how long the contact waited before an agent answered, as the host reported it
 * @param openTickets how many of the contact's tickets were open when the interaction ended, as
 *     the host reported it
 */
public record SurveyResponse(
        String interactionId,
        String surveyId,
        Optional<String> channel,
        Optional<String> agent,
        Optional<String> team,
        Optional<String> entryPoint,
        Optional<Locale> locale,
        Optional<String> caseType,
        Instant sentAt,
        Optional<Instant> respondedAt,
        OptionalInt score,
        Optional<String> comment,
        boolean invalid,
        boolean late,
        String question,
        List<Answer> answers,
        Optional<String> contactKey,
        Optional<String> region,
        Optional<String> brand,
        Optional<Duration> waitTime,
        OptionalInt openTickets,
        Optional<String> keys) {

    /** The longest identifier or dimension value, in characters. */
    public static final int MAX_TEXT_LENGTH = 256;
    /** The longest comment, in characters. */
    public static final int MAX_COMMENT_LENGTH = 65_536;
    /** The most keypad keys a response keeps. */
    public static final int MAX_KEYS = 32;

    /**
     * Validates the response.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public SurveyResponse {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(caseType, "caseType");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(respondedAt, "respondedAt");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(contactKey, "contactKey");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(waitTime, "waitTime");
        Objects.requireNonNull(openTickets, "openTickets");
        answers = List.copyOf(answers);
        Objects.requireNonNull(keys, "keys");
        Checks checks = Checks.of("survey response");
        checkText(checks, "interactionId", interactionId);
        checkText(checks, "surveyId", surveyId);
        channel.ifPresent(v -> checkText(checks, "channel", v));
        agent.ifPresent(v -> checkText(checks, "agent", v));
        team.ifPresent(v -> checkText(checks, "team", v));
        entryPoint.ifPresent(v -> checkText(checks, "entryPoint", v));
        caseType.ifPresent(v -> checkText(checks, "caseType", v));
        contactKey.ifPresent(v -> checkText(checks, "contactKey", v));
        region.ifPresent(v -> checkText(checks, "region", v));
        brand.ifPresent(v -> checkText(checks, "brand", v));
        waitTime.ifPresent(v -> checks.check(!v.isNegative(), "waitTime", v, "must not be negative"));
        if (openTickets.isPresent()) {
            checks.check(openTickets.getAsInt() >= 0, "openTickets", openTickets.getAsInt(), "must not be negative");
        }
        locale.ifPresent(v -> checks.check(!v.getLanguage().isEmpty(), "locale", v.toLanguageTag(),
                "must name a language"));
        // A comment is personal data: a broken one is named, never shown.
        comment.ifPresent(v -> checks.check(v.length() <= MAX_COMMENT_LENGTH, "comment", Masking.hidden(v),
                "must be at most " + MAX_COMMENT_LENGTH + " characters"));
        respondedAt.ifPresent(at -> checks.check(!at.isBefore(sentAt), "respondedAt", at,
                "must not be before sentAt " + sentAt));
        checks.check(!(invalid && late), "late", true, "a reply is either invalid or late, not both");
        checks.check(!(invalid && score.isPresent()), "score", score.isPresent() ? score.getAsInt() : null,
                "an invalid reply has no score");
        checks.check(respondedAt.isPresent() || !(invalid || late || score.isPresent()), "respondedAt", null,
                "a reply (rating, invalid or late) needs the time it came");
        checks.check(Question.isId(question), "question", question,
                "must be 1-32 lower-case letters, digits, '_' or '-', starting with a letter");
        checks.check(answers.isEmpty() || Question.PRIMARY_ID.equals(question), "answers", answers.size() + " answers",
                "only the primary question's response carries the answers to further questions");
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            checks.check(answered.add(a.question()), "answers[" + i + "].question", a.question(),
                    "is answered twice; each question is answered at most once");
            checks.check(!a.respondedAt().isBefore(sentAt), "answers[" + i + "].respondedAt", a.respondedAt(),
                    "must not be before sentAt " + sentAt);
        }
        keys.ifPresent(v -> checks.line("keys", v, MAX_KEYS));
        checks.throwIfAny();
    }

    /**
     * A response of a survey's primary question with no further answers: the response as it was
     * before surveys had several questions.
     *
     * @param interactionId the interaction (call, ticket, chat) the survey followed
     * @param surveyId the survey definition that was sent
     * @param channel the channel it was sent on
     * @param agent the agent who handled the interaction
     * @param team the agent's team
     * @param entryPoint where the customer came in
     * @param locale the language the survey was sent in
     * @param caseType the case type or tag of the interaction
     * @param sentAt when the survey was sent
     * @param respondedAt when the customer replied
     * @param score the rating
     * @param comment the customer's comment
     * @param invalid whether the reply could not be read as a rating
     * @param late whether the reply came after the survey closed
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public SurveyResponse(String interactionId, String surveyId, Optional<String> channel, Optional<String> agent,
            Optional<String> team, Optional<String> entryPoint, Optional<Locale> locale, Optional<String> caseType,
            Instant sentAt, Optional<Instant> respondedAt, OptionalInt score, Optional<String> comment,
            boolean invalid, boolean late) {
        this(interactionId, surveyId, channel, agent, team, entryPoint, locale, caseType, sentAt, respondedAt, score,
                comment, invalid, late, Question.PRIMARY_ID, List.of());
    }

    /**
     * A response with no contact key, region or brand: the response as it was before reports
     * grouped by contact.
     *
     * @param interactionId the interaction (call, ticket, chat) the survey followed
     * @param surveyId the survey definition that was sent
     * @param channel the channel it was sent on
     * @param agent the agent who handled the interaction
     * @param team the agent's team
     * @param entryPoint where the customer came in
     * @param locale the language the survey was sent in
     * @param caseType the case type or tag of the interaction
     * @param sentAt when the survey was sent
     * @param respondedAt when the customer replied
     * @param score the rating
     * @param comment the customer's comment
     * @param invalid whether the reply could not be read as a rating
     * @param late whether the reply came after the survey closed
     * @param question the question whose outcome this is
     * @param answers the ratings of the survey's further questions
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public SurveyResponse(String interactionId, String surveyId, Optional<String> channel, Optional<String> agent,
            Optional<String> team, Optional<String> entryPoint, Optional<Locale> locale, Optional<String> caseType,
            Instant sentAt, Optional<Instant> respondedAt, OptionalInt score, Optional<String> comment,
            boolean invalid, boolean late, String question, List<Answer> answers) {
        this(interactionId, surveyId, channel, agent, team, entryPoint, locale, caseType, sentAt, respondedAt, score,
                comment, invalid, late, question, answers, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty());
    }


    /**
     * The segment this response falls in along a dimension, as reports, the CSV report reader and
     * caller sentiment group it.
     *
     * @param dimension any dimension but {@link Dimension#PERIOD}
     * @return the response's value, or {@link Dimension#NONE} where it has none
     * @throws IllegalArgumentException for {@link Dimension#PERIOD}, whose segment depends on a
     *     time zone and a granularity
     */
    public String segment(Dimension dimension) {
        return switch (dimension) {
            case AGENT -> agent.orElse(Dimension.NONE);
            case TEAM -> team.orElse(Dimension.NONE);
            case CHANNEL -> channel.orElse(Dimension.NONE);
            case ENTRY_POINT -> entryPoint.orElse(Dimension.NONE);
            case SURVEY -> surveyId;
            case LOCALE -> locale.map(Locale::toLanguageTag).orElse(Dimension.NONE);
            case CASE_TYPE -> caseType.orElse(Dimension.NONE);
            case QUESTION -> question;
            case CONTACT -> contactKey.orElse(Dimension.NONE);
            case REGION -> region.orElse(Dimension.NONE);
            case BRAND -> brand.orElse(Dimension.NONE);
            case PERIOD -> throw new IllegalArgumentException("not a text dimension: " + dimension);
        };
    }

    /** @return whether this is the outcome of the survey's primary question, the one reports count as its rating */
    public boolean primary() {
        return Question.PRIMARY_ID.equals(question);
    }

    private static void checkText(Checks checks, String field, String value) {
        checks.text(field, value, MAX_TEXT_LENGTH);
    }

    /**
     * Starts a response.
     *
     * @param interactionId the interaction the survey followed
     * @param surveyId the survey that was sent
     * @param sentAt when it was sent
     * @return a builder; the response is unanswered until a score, an invalid or a late reply is set
     */
    public static Builder builder(String interactionId, String surveyId, Instant sentAt) {
        return new Builder(interactionId, surveyId, sentAt);
    }

    /**
     * Describes the response for a log line: the comment hidden, phone numbers and emails in the
     * entry point masked.
     *
     * @return {@code SurveyResponse[interactionId=…, surveyId=…, score=…, …]}
     */
    @Override
    public String toString() {
        return Fields.of("SurveyResponse").add("interactionId", interactionId).add("surveyId", surveyId)
                .add("channel", channel).add("agent", agent).add("team", team)
                .add("entryPoint", entryPoint.map(Masking::text)).add("locale", locale).add("caseType", caseType)
                .add("sentAt", sentAt).add("respondedAt", respondedAt).add("score", score)
                .add("comment", comment.map(Masking::hidden)).add("invalid", invalid).add("late", late)
                .add("question", primary() ? Optional.empty() : Optional.of(question))
                .add("answers", answers.isEmpty() ? Optional.empty() : Optional.of(answers))
                .add("contactKey", contactKey).add("region", region).add("brand", brand).add("waitTime", waitTime)
                .add("openTickets", openTickets).add("keys", keys).toString();
    }

    /** @return whether this is a valid rating: a score, neither invalid nor late */
    public boolean isRating() {
        return score.isPresent() && !invalid && !late;
    }

    /** @return whether no reply came at all */
    public boolean isUnanswered() {
        return score.isEmpty() && !invalid && !late;
    }

    /**
     * Builds a {@link SurveyResponse}. Blank optional texts count as absent. Not thread-safe.
     */
    public static final class Builder {
        private final String interactionId;
        private final String surveyId;
        private final Instant sentAt;
        private Optional<String> channel = Optional.empty();
        private Optional<String> agent = Optional.empty();
        private Optional<String> team = Optional.empty();
        private Optional<String> entryPoint = Optional.empty();
        private Optional<Locale> locale = Optional.empty();
        private Optional<String> caseType = Optional.empty();
        private Optional<Instant> respondedAt = Optional.empty();
        private OptionalInt score = OptionalInt.empty();
        private Optional<String> comment = Optional.empty();
        private boolean invalid;
        private boolean late;
        private String question = Question.PRIMARY_ID;
        private final List<Answer> answers = new ArrayList<>();
        private Optional<String> contactKey = Optional.empty();
        private Optional<String> region = Optional.empty();
        private Optional<String> brand = Optional.empty();
        private Optional<Duration> waitTime = Optional.empty();
        private OptionalInt openTickets = OptionalInt.empty();
        private Optional<String> keys = Optional.empty();

        private Builder(String interactionId, String surveyId, Instant sentAt) {
            this.interactionId = Objects.requireNonNull(interactionId, "interactionId").strip();
            this.surveyId = Objects.requireNonNull(surveyId, "surveyId").strip();
            this.sentAt = Objects.requireNonNull(sentAt, "sentAt");
        }

        /**
         * @param channel the channel name, such as {@code sms}; blank or {@code null} for none
         * @return this builder
         */
        public Builder channel(@Nullable String channel) {
            this.channel = text(channel);
            return this;
        }

        /**
         * @param kind the channel kind, recorded by its lower-case name ({@code voice_dtmf})
         * @return this builder
         */
        public Builder channel(ChannelKind kind) {
            return channel(kind.name().toLowerCase(Locale.ROOT));
        }

        /**
         * @param agent the agent; blank or {@code null} for none
         * @return this builder
         */
        public Builder agent(@Nullable String agent) {
            this.agent = text(agent);
            return this;
        }

        /**
         * @param team the team; blank or {@code null} for none
         * @return this builder
         */
        public Builder team(@Nullable String team) {
            this.team = text(team);
            return this;
        }

        /**
         * @param entryPoint the entry point, such as the number called; blank or {@code null} for none
         * @return this builder
         */
        public Builder entryPoint(@Nullable String entryPoint) {
            this.entryPoint = text(entryPoint);
            return this;
        }

        /**
         * @param locale the survey's language; {@code null} for unknown
         * @return this builder
         */
        public Builder locale(@Nullable Locale locale) {
            this.locale = Optional.ofNullable(locale);
            return this;
        }

        /**
         * @param caseType the case type or tag; blank or {@code null} for none
         * @return this builder
         */
        public Builder caseType(@Nullable String caseType) {
            this.caseType = text(caseType);
            return this;
        }

        /**
         * Records a valid rating.
         *
         * @param score the rating
         * @param respondedAt when it came
         * @return this builder
         */
        public Builder rating(int score, Instant respondedAt) {
            this.score = OptionalInt.of(score);
            this.respondedAt = Optional.of(respondedAt);
            this.invalid = false;
            this.late = false;
            return this;
        }

        /**
         * Records a reply that was not a rating.
         *
         * @param respondedAt when it came
         * @return this builder
         */
        public Builder invalidReply(Instant respondedAt) {
            this.score = OptionalInt.empty();
            this.respondedAt = Optional.of(respondedAt);
            this.invalid = true;
            this.late = false;
            return this;
        }

        /**
         * Records a reply that came after the survey closed.
         *
         * @param score what it said, if it was a rating
         * @param respondedAt when it came
         * @return this builder
         */
        public Builder lateReply(OptionalInt score, Instant respondedAt) {
            this.score = Objects.requireNonNull(score, "score");
            this.respondedAt = Optional.of(respondedAt);
            this.invalid = false;
            this.late = true;
            return this;
        }

        /**
         * @param comment the customer's comment; blank or {@code null} for none
         * @return this builder
         */
        public Builder comment(@Nullable String comment) {
            this.comment = text(comment);
            return this;
        }

        /**
         * @param keys the phone keys last pressed in answer to the question, as pressed; empty when
         *     none was pressed
         * @return this builder
         */
        public Builder keys(Optional<String> keys) {
            this.keys = Objects.requireNonNull(keys, "keys").filter(k -> !k.isEmpty());
            return this;
        }

        /**
         * @param id the id of the question whose outcome this is; the primary question's by default
         * @return this builder
         */
        public Builder question(String id) {
            this.question = Objects.requireNonNull(id, "question").strip();
            return this;
        }

        /**
         * Records the rating of one of the survey's further questions.
         *
         * @param questionId the question's id
         * @param value the rating
         * @param at when it came
         * @return this builder
         */
        public Builder answer(String questionId, int value, Instant at) {
            answers.add(new Answer(questionId, value, at));
            return this;
        }

        /**
         * @param list the ratings of the survey's further questions, replacing any recorded before
         * @return this builder
         */
        public Builder answers(List<Answer> list) {
            answers.clear();
            list.forEach(a -> answers.add(Objects.requireNonNull(a, "answer")));
            return this;
        }

        /**
         * @param key the contact's pseudonymous key (never the contact's id); blank or {@code null} for none
         * @return this builder
         */
        public Builder contactKey(@Nullable String key) {
            this.contactKey = text(key);
            return this;
        }

        /**
         * @param region the contact's region; blank or {@code null} for none
         * @return this builder
         */
        public Builder region(@Nullable String region) {
            this.region = text(region);
            return this;
        }

        /**
         * @param brand the brand or workspace; blank or {@code null} for none
         * @return this builder
         */
        public Builder brand(@Nullable String brand) {
            this.brand = text(brand);
            return this;
        }

        /**
         * @param value how long the contact waited before an agent answered; {@code null} for not reported
         * @return this builder
         */
        public Builder waitTime(@Nullable Duration value) {
            this.waitTime = Optional.ofNullable(value);
            return this;
        }

        /**
         * @param value how many of the contact's tickets were open; empty for not reported
         * @return this builder
         */
        public Builder openTickets(OptionalInt value) {
            this.openTickets = Objects.requireNonNull(value, "openTickets");
            return this;
        }

        /**
         * Validates and builds the response.
         *
         * @return the response
         * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
         */
        public SurveyResponse build() {
            return new SurveyResponse(interactionId, surveyId, channel, agent, team, entryPoint, locale,
                    caseType, sentAt, respondedAt, score, comment, invalid, late, question, answers, contactKey, region,
                    brand, waitTime, openTickets, keys);
        }

        private static Optional<String> text(@Nullable String value) {
            if (value == null) {
                return Optional.empty();
            }
            String stripped = value.strip();
            return stripped.isEmpty() ? Optional.empty() : Optional.of(stripped);
        }
    }
}
