package dev.csatkit.engine;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channel.Brand;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.Checks;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.QuietHours;
import dev.csatkit.policy.Sampling;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One survey as the engine runs it: the definition, the channel it goes on, which interactions it
 * follows, and every rule of the decision, the sending and the replies. An engine runs up to
 * {@link SurveyEngine#MAX_PROFILES} profiles side by side. A survey sent on several channels has
 * one profile per channel, all with its definition ({@link Builder#alsoOn}): it stays one survey,
 * one id in every response, with the channel of each.
 *
 * @param survey the survey definition
 * @param sendOn the kind of channel the survey is sent on
 * @param channelId the channel to send on; empty to use the engine's only channel of that kind
 * @param route which interactions it follows
 * @param disabledMedia interaction channels switched off (all are on by default)
 * @param disabledEntryPoints entry points switched off (all are on by default)
 * @param inboundOnly whether only inbound interactions are surveyed (always for keypad surveys)
 * @param includeVirtualAgents whether interactions handled by bots are surveyed
 * @param surveyWithoutAgent whether interactions no agent worked are surveyed: a purchase, a
 *     visit to the website, an order delivered (the handle-time rule then does not apply)
 * @param surveyAutoResolved whether interactions the helpdesk closed by itself
 *     ({@link Ending#AUTO_RESOLVED}) are surveyed
 * @param minHandleTime the shortest agent handle time surveyed
 * @param eligibility the host's rule on the contact, such as only designated contacts
 * @param sampling the share of interactions (or contacts) surveyed
 * @param samplingUnit whether the share is of interactions, or of contacts: a contact in the
 *     sample is always in it for this survey, one left out always left out
 * @param quietHours when, in the contact's time zone, nothing is sent (the send is deferred)
 * @param frequencyCap at most one survey per contact per window; empty for none
 * @param delay how long after the interaction ends the survey is sent
 * @param answerWindow how long after sending a reply counts
 * @param commentWindow how long after a rating a free-text comment is attached
 * @param reminderAfter when to remind once if no reply came; empty for no reminder
 * @param maxInvalidReplies how many unreadable replies get the invalid-reply message (keypad:
 *     how many no-match entries are retried)
 * @param maxNoInputs on the keypad, how many answer windows without a key are retried
 * @param countLateReplies whether a rating after the answer window still counts
 * @param possibleOptOut what a reply that only possibly asks to stop does
 * @param lowScoreThreshold a rating at or below it raises a low-score event
 * @param releaseCapOnFailure whether a survey that could not be delivered gives back its
 *     frequency-cap hold
 * @param retry how sends that may pass are retried
 * @param moodScale the scale of the agent's assessment of the customer's mood, on any channel (a
 *     call followed by an SMS survey, a chat); empty when agents assess none
 * @param placeholders the host's values for the survey's placeholders ({@code company} …)
 * @param brand the colour and logo of the survey email and its rating page
 * @param sendingRules the acknowledgement of the rules for sending text messages: required for
 *     SMS surveys, which cannot be built without it
 */
public record SurveyProfile(
        SurveyDefinition survey,
        ChannelKind sendOn,
        Optional<String> channelId,
        Route route,
        Set<Medium> disabledMedia,
        Set<String> disabledEntryPoints,
        boolean inboundOnly,
        boolean includeVirtualAgents,
        boolean surveyWithoutAgent,
        boolean surveyAutoResolved,
        Duration minHandleTime,
        Predicate<Contact> eligibility,
        Sampling sampling,
        Sampling.Unit samplingUnit,
        Optional<QuietHours> quietHours,
        Optional<FrequencyCap> frequencyCap,
        Duration delay,
        Duration answerWindow,
        Duration commentWindow,
        Optional<Duration> reminderAfter,
        int maxInvalidReplies,
        int maxNoInputs,
        boolean countLateReplies,
        PossibleOptOut possibleOptOut,
        int lowScoreThreshold,
        boolean releaseCapOnFailure,
        RetryPolicy retry,
        Optional<RatingScale> moodScale,
        Map<String, String> placeholders,
        Brand brand,
        Optional<SendingRulesAcknowledgement> sendingRules) {

    /** The default frequency cap: one survey per contact per day, across surveys. */
    public static final FrequencyCap DEFAULT_CAP = FrequencyCap.acrossSurveys(Duration.ofDays(1));
    /** The longest answer window. */
    public static final Duration MAX_ANSWER_WINDOW = Duration.ofDays(90);
    /** The longest delay before sending. */
    public static final Duration MAX_DELAY = Duration.ofDays(30);

    /**
     * Validates the profile.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public SurveyProfile {
        Objects.requireNonNull(survey, "survey");
        Objects.requireNonNull(sendOn, "sendOn");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(route, "route");
        disabledMedia = disabledMedia.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabledMedia));
        disabledEntryPoints = Set.copyOf(disabledEntryPoints);
        Objects.requireNonNull(minHandleTime, "minHandleTime");
        Objects.requireNonNull(eligibility, "eligibility");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(samplingUnit, "samplingUnit");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(frequencyCap, "frequencyCap");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(answerWindow, "answerWindow");
        Objects.requireNonNull(commentWindow, "commentWindow");
        Objects.requireNonNull(reminderAfter, "reminderAfter");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(possibleOptOut, "possibleOptOut");
        Objects.requireNonNull(moodScale, "moodScale");
        placeholders = Map.copyOf(placeholders);
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(sendingRules, "sendingRules");
        Checks checks = Checks.of("survey profile " + survey.id());
        checks.check(survey.supports(sendOn), "sendOn", sendOn, "must be one of the survey's channels "
                + survey.channels());
        checks.check(!minHandleTime.isNegative(), "minHandleTime", minHandleTime, "must not be negative");
        checks.check(!delay.isNegative() && delay.compareTo(MAX_DELAY) <= 0, "delay", delay,
                "must be between 0 and " + MAX_DELAY);
        checks.check(answerWindow.compareTo(Duration.ofSeconds(1)) >= 0 && answerWindow.compareTo(MAX_ANSWER_WINDOW) <= 0,
                "answerWindow", answerWindow, "must be between 1 second and " + MAX_ANSWER_WINDOW);
        checks.check(!commentWindow.isNegative() && commentWindow.compareTo(MAX_ANSWER_WINDOW) <= 0, "commentWindow",
                commentWindow, "must be between 0 and " + MAX_ANSWER_WINDOW);
        reminderAfter.ifPresent(r -> checks.check(!r.isNegative() && !r.isZero() && r.compareTo(answerWindow) < 0, "reminderAfter", r,
                "must be positive and shorter than the answer window " + answerWindow));
        checks.check(maxInvalidReplies >= 0 && maxInvalidReplies <= 10, "maxInvalidReplies", maxInvalidReplies,
                "must be between 0 and 10");
        checks.check(maxNoInputs >= 0 && maxNoInputs <= 10, "maxNoInputs", maxNoInputs, "must be between 0 and 10");
        checks.check(survey.scale().contains(lowScoreThreshold), "lowScoreThreshold", lowScoreThreshold,
                "must be a value of the scale " + survey.scale().id());
        if (sendOn == ChannelKind.VOICE_DTMF) {
            checks.check(delay.isZero(), "delay", delay, "must be zero: a keypad survey follows the call at once");
            checks.check(quietHours.isEmpty(), "quietHours", quietHours.map(Object::toString).orElse(""),
                    "must be empty: a keypad survey plays while the caller is on the line");
            checks.check(inboundOnly, "inboundOnly", false, "must be true: keypad surveys follow inbound calls");
            checks.check(survey.scale().isKeypadAnswerable(), "survey.scale", survey.scale().id(),
                    "must be answerable on a phone keypad");
        }
        if (sendOn == ChannelKind.SMS) {
            checks.check(sendingRules.isPresent(), "sendingRules", null, "must be given for an SMS survey: someone "
                    + "must acknowledge that the business may lawfully text these customers "
                    + "(SendingRulesAcknowledgement.NOTICE); call acknowledgeSendingRules(by, at) on the builder");
        }
        checks.throwIfAny();
    }

    /** @return the survey definition's id */
    public String id() {
        return survey.id();
    }

    /**
     * @param survey the survey definition
     * @param sendOn the kind of channel it is sent on
     * @return a builder with the defaults listed on each setter
     */
    public static Builder builder(SurveyDefinition survey, ChannelKind sendOn) {
        return new Builder(survey, sendOn);
    }

    /**
     * Builds a {@link SurveyProfile}, or with {@link #alsoOn} and {@link #buildAll()} one profile
     * per channel of the same survey. Not thread-safe.
     */
    public static final class Builder {
        private final SurveyDefinition survey;
        private ChannelKind sendOn;
        private final Map<ChannelKind, Route> alsoOn = new LinkedHashMap<>();
        private boolean quietHoursSet;
        private boolean inboundOnlySet;
        private @Nullable String channelId;
        private Route route = Route.ANY;
        private final Set<Medium> disabledMedia = EnumSet.noneOf(Medium.class);
        private final Set<String> disabledEntryPoints = new HashSet<>();
        private boolean inboundOnly;
        private boolean includeVirtualAgents;
        private boolean surveyWithoutAgent;
        private boolean surveyAutoResolved;
        private Duration minHandleTime = Duration.ZERO;
        private Predicate<Contact> eligibility = c -> true;
        private Sampling sampling = Sampling.all();
        private Sampling.Unit samplingUnit = Sampling.Unit.INTERACTION;
        private @Nullable QuietHours quietHours;
        private @Nullable FrequencyCap frequencyCap = DEFAULT_CAP;
        private Duration delay = Duration.ZERO;
        private @Nullable Duration answerWindow;
        private Duration commentWindow = Duration.ofHours(1);
        private @Nullable Duration reminderAfter;
        private int maxInvalidReplies = 2;
        private int maxNoInputs = 2;
        private boolean countLateReplies;
        private PossibleOptOut possibleOptOut = PossibleOptOut.OPT_OUT;
        private @Nullable Integer lowScoreThreshold;
        private boolean releaseCapOnFailure = true;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private @Nullable RatingScale moodScale;
        private Map<String, String> placeholders = Map.of();
        private Brand brand = Brand.DEFAULT;
        private @Nullable SendingRulesAcknowledgement sendingRules;

        private Builder(SurveyDefinition survey, ChannelKind sendOn) {
            this.survey = Objects.requireNonNull(survey, "survey");
            this.sendOn = Objects.requireNonNull(sendOn, "sendOn");
            this.inboundOnly = sendOn == ChannelKind.VOICE_DTMF;
            this.quietHours = sendOn == ChannelKind.SMS ? QuietHours.SMS_DEFAULT : null;
        }

        /** @param value the channel's id, when the engine has several of this kind @return this */
        public Builder channelId(String value) {
            channelId = Objects.requireNonNull(value, "channelId");
            return this;
        }

        /** @param value which interactions it follows; default every interaction @return this */
        public Builder route(Route value) {
            route = Objects.requireNonNull(value, "route");
            return this;
        }

        /** @param value an interaction channel to switch off @return this */
        public Builder disable(Medium value) {
            disabledMedia.add(Objects.requireNonNull(value, "medium"));
            return this;
        }

        /** @param value an entry point to switch off @return this */
        public Builder disableEntryPoint(String value) {
            disabledEntryPoints.add(Objects.requireNonNull(value, "entryPoint"));
            return this;
        }

        /** @param value survey only inbound interactions; default false (true for keypad) @return this */
        public Builder inboundOnly(boolean value) {
            inboundOnly = value;
            inboundOnlySet = true;
            return this;
        }

        /** @param value survey interactions handled by bots too; default false @return this */
        public Builder includeVirtualAgents(boolean value) {
            includeVirtualAgents = value;
            return this;
        }

        /**
         * @param value survey interactions no agent worked, such as a purchase, a visit to the
         *     website or a delivery; default false (every interaction surveyed needs an agent)
         * @return this
         */
        public Builder surveyWithoutAgent(boolean value) {
            surveyWithoutAgent = value;
            return this;
        }

        /**
         * @param value survey interactions the helpdesk closed by itself (a conversation closed
         *     after a time without reply), as if an agent had resolved them; default false, since
         *     such a customer often never saw an answer
         * @return this
         */
        public Builder surveyAutoResolved(boolean value) {
            surveyAutoResolved = value;
            return this;
        }

        /** @param value the shortest agent handle time surveyed; default zero @return this */
        public Builder minHandleTime(Duration value) {
            minHandleTime = Objects.requireNonNull(value, "minHandleTime");
            return this;
        }

        /** @param value the host's rule on the contact; default everyone @return this */
        public Builder eligibility(Predicate<Contact> value) {
            eligibility = Objects.requireNonNull(value, "eligibility");
            return this;
        }

        /** @param value the share surveyed; default all @return this */
        public Builder sampling(Sampling value) {
            sampling = Objects.requireNonNull(value, "sampling");
            return this;
        }

        /**
         * @param value what the share is of: {@link Sampling.Unit#INTERACTION} (the default), or
         *     {@link Sampling.Unit#CONTACT}, so that the same contacts are always in the sample
         * @return this
         */
        public Builder samplingUnit(Sampling.Unit value) {
            samplingUnit = Objects.requireNonNull(value, "samplingUnit");
            return this;
        }

        /** @param value quiet hours; default 21:00–08:00 for SMS, none otherwise @return this */
        public Builder quietHours(QuietHours value) {
            quietHours = Objects.requireNonNull(value, "quietHours");
            quietHoursSet = true;
            return this;
        }

        /** Sends at any hour. @return this */
        public Builder noQuietHours() {
            quietHours = null;
            quietHoursSet = true;
            return this;
        }

        /** @param value the frequency cap; default {@link #DEFAULT_CAP} @return this */
        public Builder frequencyCap(FrequencyCap value) {
            frequencyCap = Objects.requireNonNull(value, "frequencyCap");
            return this;
        }

        /** Surveys a contact after every interaction (still never twice for one). @return this */
        public Builder noFrequencyCap() {
            frequencyCap = null;
            return this;
        }

        /** @param value the wait after the interaction ends; default none @return this */
        public Builder delay(Duration value) {
            delay = Objects.requireNonNull(value, "delay");
            return this;
        }

        /**
         * @param value how long replies count; default 24 hours (email: 7 days, keypad: 5 minutes)
         * @return this
         */
        public Builder answerWindow(Duration value) {
            answerWindow = Objects.requireNonNull(value, "answerWindow");
            return this;
        }

        /** @param value how long after a rating a comment is attached; default 1 hour @return this */
        public Builder commentWindow(Duration value) {
            commentWindow = Objects.requireNonNull(value, "commentWindow");
            return this;
        }

        /** @param value when to remind once; default no reminder @return this */
        public Builder reminderAfter(Duration value) {
            reminderAfter = Objects.requireNonNull(value, "reminderAfter");
            return this;
        }

        /** @param value unreadable replies answered with the invalid-reply message; default 2 @return this */
        public Builder maxInvalidReplies(int value) {
            maxInvalidReplies = value;
            return this;
        }

        /** @param value keypad windows without a key that are retried; default 2 @return this */
        public Builder maxNoInputs(int value) {
            maxNoInputs = value;
            return this;
        }

        /** @param value count ratings after the answer window; default false @return this */
        public Builder countLateReplies(boolean value) {
            countLateReplies = value;
            return this;
        }

        /**
         * @param value ratings at or below it raise a low-score event; default the scale's highest
         *     dissatisfied value (its lowest value when none is marked)
         * @return this
         */
        public Builder lowScoreThreshold(int value) {
            lowScoreThreshold = value;
            return this;
        }

        /** @param value give back the cap hold when delivery fails; default true @return this */
        public Builder releaseCapOnFailure(boolean value) {
            releaseCapOnFailure = value;
            return this;
        }

        /** @param value the retry policy; default {@link RetryPolicy#DEFAULT} @return this */
        public Builder retry(RetryPolicy value) {
            retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /**
         * @param value the scale of the agent's assessment of the customer's mood, recorded with
         *     {@link SurveyEngine#recordMood} whatever channel the survey goes on; default none
         * @return this
         */
        public Builder moodScale(RatingScale value) {
            moodScale = Objects.requireNonNull(value, "moodScale");
            return this;
        }

        /**
         * @param value what a reply that only possibly asks to stop does; default
         *     {@link PossibleOptOut#OPT_OUT}
         * @return this
         */
        public Builder possibleOptOut(PossibleOptOut value) {
            possibleOptOut = Objects.requireNonNull(value, "possibleOptOut");
            return this;
        }

        /** @param value the host's placeholder values ({@code company} …) @return this */
        public Builder placeholders(Map<String, String> value) {
            placeholders = Objects.requireNonNull(value, "placeholders");
            return this;
        }

        /**
         * @param value the colour and logo of the survey email and its rating page; default
         *     {@link Brand#DEFAULT}
         * @return this
         */
        public Builder brand(Brand value) {
            brand = Objects.requireNonNull(value, "brand");
            return this;
        }

        /**
         * Records that someone read and acknowledged {@link SendingRulesAcknowledgement#NOTICE}:
         * required before an SMS survey can be built.
         *
         * @param by who acknowledged: a name or an operator's id
         * @param at when they did
         * @return this
         */
        public Builder acknowledgeSendingRules(String by, Instant at) {
            sendingRules = SendingRulesAcknowledgement.of(by, at);
            return this;
        }

        /**
         * @param value the acknowledgement of the rules for sending text messages, such as one of
         *     the host's own legal notice; required for SMS surveys
         * @return this
         */
        public Builder sendingRules(SendingRulesAcknowledgement value) {
            sendingRules = Objects.requireNonNull(value, "sendingRules");
            return this;
        }

        /**
         * Sends the same survey on another kind of channel too, to the interactions {@code route}
         * follows: a chat survey after chats beside an email survey after tickets. The profiles
         * {@link #buildAll()} makes share every setting of this builder and the survey's id, so
         * reports count one survey, split by {@link dev.csatkit.score.Dimension#CHANNEL}; the
         * settings whose default depends on the channel (quiet hours, inbound only, the answer
         * window) take that channel's default unless set here. The engine's only channel of that
         * kind is used ({@link #channelId} names this builder's own channel only).
         *
         * @param kind another of the survey's channels
         * @param route the interactions surveyed on it, such as {@code Route.media(Medium.CHAT)};
         *     the engine routes this builder's own route first, then these in the order added
         * @return this
         */
        public Builder alsoOn(ChannelKind kind, Route route) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(route, "route");
            if (kind == sendOn || alsoOn.containsKey(kind)) {
                throw new InvalidDefinitionException("survey profile " + survey.id(),
                        Violation.of("alsoOn", kind, "must name each kind of channel once, other "
                                + "than the profile's own (" + sendOn + "); for two channels of one kind, "
                                + "build a profile for each with channelId"));
            }
            alsoOn.put(kind, route);
            return this;
        }

        /**
         * @return one profile on this builder's channel and route, then one per {@link #alsoOn}
         *     channel, in that order: give them all to {@link SurveyEngine.Builder#profiles}
         * @throws dev.csatkit.InvalidDefinitionException naming every broken rule of each profile,
         *     and when this builder's route follows every interaction, which would leave the other
         *     channels none
         */
        public List<SurveyProfile> buildAll() {
            if (!alsoOn.isEmpty() && route.equals(Route.ANY)) {
                throw new InvalidDefinitionException("survey profile " + survey.id(),
                        Violation.of("route", "Route.ANY", "must be narrowed when the survey also "
                                + "goes on " + alsoOn.keySet() + ": the first profile routed takes the interaction, "
                                + "so the others would get none; give route(...) such as Route.media(...)"));
            }
            List<SurveyProfile> all = new ArrayList<>(1 + alsoOn.size());
            all.add(one());
            ChannelKind own = sendOn;
            Route ownRoute = route;
            @Nullable String ownChannelId = channelId;
            @Nullable QuietHours ownQuiet = quietHours;
            boolean ownInbound = inboundOnly;
            try {
                for (Map.Entry<ChannelKind, Route> e : alsoOn.entrySet()) {
                    sendOn = e.getKey();
                    route = e.getValue();
                    channelId = null;
                    if (!quietHoursSet) {
                        quietHours = sendOn == ChannelKind.SMS ? QuietHours.SMS_DEFAULT : null;
                    }
                    if (!inboundOnlySet) {
                        inboundOnly = sendOn == ChannelKind.VOICE_DTMF;
                    }
                    all.add(one());
                }
            } finally {
                sendOn = own;
                route = ownRoute;
                channelId = ownChannelId;
                quietHours = ownQuiet;
                inboundOnly = ownInbound;
            }
            return List.copyOf(all);
        }

        /**
         * @return the profile
         * @throws dev.csatkit.InvalidDefinitionException naming every broken rule, and when
         *     {@link #alsoOn} was called: such a builder makes several profiles, with {@link #buildAll()}
         */
        public SurveyProfile build() {
            if (!alsoOn.isEmpty()) {
                throw new InvalidDefinitionException("survey profile " + survey.id(),
                        Violation.of("alsoOn", alsoOn.keySet(), "makes one profile per channel: "
                                + "call buildAll() instead of build()"));
            }
            return one();
        }

        private SurveyProfile one() {
            RatingScale scale = survey.scale();
            int threshold = lowScoreThreshold != null ? lowScoreThreshold
                    : scale.dissatisfiedValues().isEmpty() ? scale.min() : scale.dissatisfiedValues().last();
            Duration window = answerWindow != null ? answerWindow : switch (sendOn) {
                case EMAIL -> Duration.ofDays(7);
                case VOICE_DTMF -> Duration.ofMinutes(5);
                case SMS, CHAT -> Duration.ofHours(24);
            };
            return new SurveyProfile(survey, sendOn, Optional.ofNullable(channelId), route, disabledMedia,
                    disabledEntryPoints, inboundOnly, includeVirtualAgents, surveyWithoutAgent, surveyAutoResolved,
                    minHandleTime, eligibility, sampling, samplingUnit,
                    Optional.ofNullable(quietHours), Optional.ofNullable(frequencyCap), delay, window, commentWindow,
                    Optional.ofNullable(reminderAfter), maxInvalidReplies, maxNoInputs, countLateReplies, possibleOptOut, threshold,
                    releaseCapOnFailure, retry, Optional.ofNullable(moodScale), placeholders, brand,
                    Optional.ofNullable(sendingRules));
        }
    }
}
