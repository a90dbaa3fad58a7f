package dev.csatkit.engine;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.reply.KeypadParser;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.survey.ResolvedMessages;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the engine derives once per profile: its channel, parsers, fixed texts, the answer to a
 * capped decision (the hot path: one shared value), and the survey's language per contact
 * locale as contacts bring them.
 */
record ProfileRuntime(SurveyProfile profile, Channel channel, ReplyParser parser, @Nullable KeypadParser keypad,
        Decision.Skipped capped, Optional<String> surveyId, Map<Locale, Optional<Locale>> languages) {

    /** Locales remembered per profile; contacts rarely bring more, and any beyond are resolved each time. */
    private static final int MAX_LANGUAGES = 512;

    static ProfileRuntime of(SurveyProfile p, Channel channel) {
        RatingScale scale = p.survey().scale();
        String cappedDetail = p.frequencyCap().map(cap -> "the contact was surveyed within the cap window of "
                + cap.window() + (cap.scope() == FrequencyCap.Scope.PER_SURVEY ? " for survey " + p.id()
                : " across surveys")).orElse("the contact was surveyed within the engine's cap window across surveys");
        Optional<String> surveyId = Optional.of(p.id());
        return new ProfileRuntime(p, channel, ReplyParser.forScale(scale),
                p.sendOn() == ChannelKind.VOICE_DTMF ? KeypadParser.forScale(scale, p.survey().keypadAnswerWindow())
                        : null,
                new Decision.Skipped(SkipReason.FREQUENCY_CAPPED, cappedDetail, surveyId), surveyId,
                new ConcurrentHashMap<>());
    }

    /**
     * @param contactLocale a contact's locale
     * @return the locale of the messages the survey sends that contact, or empty when it skips them
     */
    Optional<Locale> language(Locale contactLocale) {
        Optional<Locale> known = languages.get(contactLocale);
        if (known != null) {
            return known;
        }
        Optional<Locale> resolved = profile.survey().resolve(contactLocale).map(ResolvedMessages::locale);
        if (languages.size() < MAX_LANGUAGES) {
            languages.putIfAbsent(contactLocale, resolved);
        }
        return resolved;
    }
}
