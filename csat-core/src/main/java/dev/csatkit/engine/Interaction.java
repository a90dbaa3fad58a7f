package dev.csatkit.engine;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A finished interaction, as the host reports it to {@link SurveyEngine#decide}.
 *
 * <p>Every text must be one line of well-formed Unicode of 1–256 characters, as for
 * {@link Contact}: no control character, line or paragraph separator, bidirectional embedding,
 * override or isolate, or unpaired surrogate. An entry point is the host's own number or address,
 * but an error message still shows any phone number or email in it masked.
 *
 * @param id the interaction's id (call id, ticket number, chat id); a replay with the same id is
 *     recognised and never surveyed twice
 * @param contact who it was with
 * @param medium the channel it took place on
 * @param direction who started it
 * @param entryPoint where the contact came in, such as the number called or the support address
 * @param brand the brand or workspace it belongs to, for routing
 * @param agent the agent who last worked it, credited with the rating; empty when nobody did
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param handleTime how long the agent worked on it (talk, hold and wrap-up)
 * @param ending how it ended
 * @param hangUp for calls, who hung up first
 * @param caseType the case type
 * @param tags the host's tags
 * @param suppressed why the host marked it as not to be surveyed, if it did; such an interaction
 *     is skipped with {@link SkipReason#SUPPRESSED}, and a survey on demand is refused too
 * @param waitTime how long the contact waited before an agent answered, as the host's queue
 *     reports it; an input of the caller's sentiment
 * @param openTickets how many of the contact's tickets were still open when it ended, as the
 *     host's helpdesk reports it; an input of the caller's sentiment
 * @param noticePlayed whether the host's phone system played the survey's notice before the call
 *     ({@link SurveyEngine#noticeBeforeCall}): the keypad survey after the call then leaves its
 *     {@code ANNOUNCEMENT} stage out, so the caller does not hear it twice
 */
public record Interaction(String id, Contact contact, Medium medium, Direction direction, Optional<String> entryPoint,
        Optional<String> brand, Optional<Agent> agent, Instant startedAt, Instant endedAt, Duration handleTime,
        Ending ending, HangUp hangUp, Optional<String> caseType, Set<String> tags, Optional<String> suppressed,
        Optional<Duration> waitTime, OptionalInt openTickets, boolean noticePlayed) {

    /**
     * Validates the interaction.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public Interaction {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(handleTime, "handleTime");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(hangUp, "hangUp");
        Objects.requireNonNull(caseType, "caseType");
        Objects.requireNonNull(suppressed, "suppressed");
        Objects.requireNonNull(waitTime, "waitTime");
        Objects.requireNonNull(openTickets, "openTickets");
        Checks checks = Checks.of("interaction");
        checks.line("id", id, Agent.MAX_LENGTH);
        // Tests, not capturing lambdas: an interaction is built for every decision.
        if (entryPoint.isPresent()) {
            checks.line("entryPoint", entryPoint.get(), Agent.MAX_LENGTH, Masking::text);
        }
        if (brand.isPresent()) {
            checks.line("brand", brand.get(), Agent.MAX_LENGTH);
        }
        if (caseType.isPresent()) {
            checks.line("caseType", caseType.get(), Agent.MAX_LENGTH);
        }
        if (suppressed.isPresent()) {
            checks.line("suppressed", suppressed.get(), Agent.MAX_LENGTH);
        }
        if (!tags.isEmpty()) {
            // In the caller's order, before the copy, whose order is not stable.
            for (String tag : tags) {
                checks.line("tags", tag, Agent.MAX_LENGTH);
            }
        }
        if (endedAt.isBefore(startedAt)) {
            // Built only when broken: every reported interaction passes here.
            checks.check(false, "endedAt", endedAt, "must not be before startedAt " + startedAt);
        }
        checks.check(!handleTime.isNegative(), "handleTime", handleTime, "must not be negative");
        if (waitTime.isPresent() && waitTime.get().isNegative()) {
            checks.check(false, "waitTime", waitTime.get(), "must not be negative");
        }
        if (openTickets.isPresent() && openTickets.getAsInt() < 0) {
            checks.check(false, "openTickets", openTickets.getAsInt(), "must not be negative");
        }
        checks.throwIfAny();
        tags = tags.isEmpty() ? Set.of() : Set.copyOf(tags);
    }

    /**
     * An interaction whose survey notice, if any, was not played before the call.
     *
     * @param id the interaction's id
     * @param contact who it was with
     * @param medium the channel it took place on
     * @param direction who started it
     * @param entryPoint where the contact came in
     * @param brand the brand or workspace it belongs to
     * @param agent the agent who last worked it
     * @param startedAt when it started
     * @param endedAt when it ended
     * @param handleTime how long the agent worked on it
     * @param ending how it ended
     * @param hangUp for calls, who hung up first
     * @param caseType the case type
     * @param tags the host's tags
     * @param suppressed why the host marked it as not to be surveyed, if it did
     * @param waitTime how long the contact waited before an agent answered
     * @param openTickets how many of the contact's tickets were still open when it ended
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public Interaction(String id, Contact contact, Medium medium, Direction direction, Optional<String> entryPoint,
            Optional<String> brand, Optional<Agent> agent, Instant startedAt, Instant endedAt, Duration handleTime,
            Ending ending, HangUp hangUp, Optional<String> caseType, Set<String> tags, Optional<String> suppressed,
            Optional<Duration> waitTime, OptionalInt openTickets) {
        this(id, contact, medium, direction, entryPoint, brand, agent, startedAt, endedAt, handleTime, ending, hangUp,
                caseType, tags, suppressed, waitTime, openTickets, false);
    }

    /**
     * An interaction with no wait time or open tickets reported.
     *
     * @param id the interaction's id
     * @param contact who it was with
     * @param medium the channel it took place on
     * @param direction who started it
     * @param entryPoint where the contact came in
     * @param brand the brand or workspace it belongs to
     * @param agent the agent who last worked it
     * @param startedAt when it started
     * @param endedAt when it ended
     * @param handleTime how long the agent worked on it
     * @param ending how it ended
     * @param hangUp for calls, who hung up first
     * @param caseType the case type
     * @param tags the host's tags
     * @param suppressed why the host marked it as not to be surveyed, if it did
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public Interaction(String id, Contact contact, Medium medium, Direction direction, Optional<String> entryPoint,
            Optional<String> brand, Optional<Agent> agent, Instant startedAt, Instant endedAt, Duration handleTime,
            Ending ending, HangUp hangUp, Optional<String> caseType, Set<String> tags, Optional<String> suppressed) {
        this(id, contact, medium, direction, entryPoint, brand, agent, startedAt, endedAt, handleTime, ending, hangUp,
                caseType, tags, suppressed, Optional.empty(), OptionalInt.empty());
    }

    /**
     * Describes the interaction for a log line, with the contact and the agent as their own
     * {@code toString} masks them and phone numbers and emails in the entry point masked.
     *
     * @return {@code Interaction[id=…, contact=Contact[…], medium=…, …]}
     */
    @Override
    public String toString() {
        return Fields.of("Interaction").add("id", id).add("contact", contact).add("medium", medium)
                .add("direction", direction).add("entryPoint", entryPoint.map(Masking::text)).add("brand", brand)
                .add("agent", agent).add("startedAt", startedAt).add("endedAt", endedAt)
                .add("handleTime", handleTime).add("ending", ending).add("hangUp", hangUp).add("caseType", caseType)
                .add("tags", tags.stream().sorted().toList())
                .add("suppressed", suppressed).add("waitTime", waitTime)
                .add("openTickets", openTickets.isPresent() ? Optional.of(openTickets.getAsInt()) : Optional.empty())
                .add("noticePlayed", noticePlayed).toString();
    }

    /**
     * @param id the interaction's id
     * @param contact who it was with
     * @param medium the channel it took place on
     * @return a builder: inbound, resolved, with no agent, started and ended at the epoch unless set
     */
    public static Builder builder(String id, Contact contact, Medium medium) {
        return new Builder(id, contact, medium);
    }

    /** Builds an {@link Interaction}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Contact contact;
        private final Medium medium;
        private Direction direction = Direction.INBOUND;
        private @Nullable String entryPoint;
        private @Nullable String brand;
        private @Nullable Agent agent;
        private Instant startedAt = Instant.EPOCH;
        private Instant endedAt = Instant.EPOCH;
        private @Nullable Duration handleTime;
        private Ending ending = Ending.RESOLVED;
        private HangUp hangUp = HangUp.UNKNOWN;
        private @Nullable String caseType;
        private @Nullable Set<String> tags;
        private @Nullable String suppressed;
        private @Nullable Duration waitTime;
        private OptionalInt openTickets = OptionalInt.empty();
        private boolean noticePlayed;

        private Builder(String id, Contact contact, Medium medium) {
            this.id = id;
            this.contact = contact;
            this.medium = medium;
        }

        /** @param value who started it @return this */
        public Builder direction(Direction value) {
            direction = Objects.requireNonNull(value, "direction");
            return this;
        }

        /** @param value where the contact came in @return this */
        public Builder entryPoint(String value) {
            entryPoint = value;
            return this;
        }

        /** @param value the brand or workspace @return this */
        public Builder brand(String value) {
            brand = value;
            return this;
        }

        /** @param value the agent who last worked it @return this */
        public Builder agent(Agent value) {
            agent = value;
            return this;
        }

        /**
         * Sets start and end; the handle time defaults to their difference.
         *
         * @param start when it started
         * @param end when it ended
         * @return this
         */
        public Builder between(Instant start, Instant end) {
            startedAt = Objects.requireNonNull(start, "startedAt");
            endedAt = Objects.requireNonNull(end, "endedAt");
            return this;
        }

        /** @param value how long the agent worked on it @return this */
        public Builder handleTime(Duration value) {
            handleTime = value;
            return this;
        }

        /** @param value how it ended @return this */
        public Builder ending(Ending value) {
            ending = Objects.requireNonNull(value, "ending");
            return this;
        }

        /** @param value who hung up first @return this */
        public Builder hangUp(HangUp value) {
            hangUp = Objects.requireNonNull(value, "hangUp");
            return this;
        }

        /** @param value the case type @return this */
        public Builder caseType(String value) {
            caseType = value;
            return this;
        }

        /** @param value a tag @return this */
        public Builder tag(String value) {
            if (tags == null) {
                tags = new LinkedHashSet<>();
            }
            tags.add(Objects.requireNonNull(value, "tag"));
            return this;
        }

        /**
         * Marks the interaction as not to be surveyed, as an agent does for spam, a supplier's
         * mail or an "ok thanks" after the matter was closed.
         *
         * @param reason why, in the host's words (kept in the skip's detail)
         * @return this
         */
        public Builder suppressSurvey(String reason) {
            suppressed = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /** @param value how long the contact waited before an agent answered @return this */
        public Builder waitTime(Duration value) {
            waitTime = Objects.requireNonNull(value, "waitTime");
            return this;
        }

        /** @param value how many of the contact's tickets were still open when it ended @return this */
        public Builder openTickets(int value) {
            openTickets = OptionalInt.of(value);
            return this;
        }

        /**
         * Says that the host's phone system played the survey's notice before the call, as
         * {@link SurveyEngine#noticeBeforeCall} gave it: the keypad survey after the call then
         * starts with the rating prompt. Without it the call plan keeps the notice stage.
         *
         * @return this
         */
        public Builder noticePlayedBeforeCall() {
            noticePlayed = true;
            return this;
        }

        /** @return the interaction */
        public Interaction build() {
            Duration handled = handleTime != null ? handleTime
                    : endedAt.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, endedAt);
            return new Interaction(id, contact, medium, direction, Optional.ofNullable(entryPoint),
                    Optional.ofNullable(brand), Optional.ofNullable(agent), startedAt, endedAt, handled, ending,
                    hangUp, Optional.ofNullable(caseType), tags == null ? Set.of() : tags, Optional.ofNullable(suppressed),
                    Optional.ofNullable(waitTime), openTickets, noticePlayed);
        }
    }
}
