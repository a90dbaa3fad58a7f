package dev.csatkit.engine;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.reply.KeypadParser;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.ResolvedMessages;
import java.util.ArrayList;
import java.util.List;
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
        Decision.Skipped capped, Optional<String> surveyId, Map<Locale, Optional<Locale>> languages,
        List<ReplyParser> parsers, List<KeypadParser> keypads) {

    /** Locales remembered per profile; contacts rarely bring more, and any beyond are resolved each time. */
    private static final int MAX_LANGUAGES = 512;

    static ProfileRuntime of(SurveyProfile p, Channel channel) {
        RatingScale scale = p.survey().scale();
        String cappedDetail = p.frequencyCap().map(cap -> "the contact was surveyed within the cap window of "
                + cap.window() + (cap.scope() == FrequencyCap.Scope.PER_SURVEY ? " for survey " + p.id()
                : " across surveys")).orElse("the contact was surveyed within the engine's cap window across surveys");
        Optional<String> surveyId = Optional.of(p.id());
        boolean keypad = p.sendOn() == ChannelKind.VOICE_DTMF;
        List<ReplyParser> parsers = new ArrayList<>();
        List<KeypadParser> keypads = new ArrayList<>();
        for (Question q : p.survey().questions()) {
            parsers.add(ReplyParser.forScale(q.scale()));
            if (keypad) {
                keypads.add(KeypadParser.forScale(q.scale(), p.survey().keypadAnswerWindow()));
            }
        }
        return new ProfileRuntime(p, channel, parsers.get(0), keypad ? keypads.get(0) : null,
                new Decision.Skipped(SkipReason.FREQUENCY_CAPPED, cappedDetail, surveyId), surveyId,
                new ConcurrentHashMap<>(), List.copyOf(parsers), List.copyOf(keypads));
    }

    /** @return how many questions the survey asks */
    int questions() {
        return parsers.size();
    }

    /**
     * @param s a survey of this profile
     * @return the position of the question a rating answers now: the one being asked, or the
     *     last once every one was asked
     */
    int asking(OpenSurvey s) {
        return Math.min(s.question(), parsers.size() - 1);
    }

    /** @return the parser of the question a rating to {@code s} answers now */
    ReplyParser parser(OpenSurvey s) {
        return parsers.get(asking(s));
    }

    /** @return the keypad parser of the question a key to {@code s} answers now, on a keypad survey */
    @Nullable KeypadParser keypad(OpenSurvey s) {
        return keypads.isEmpty() ? null : keypads.get(asking(s));
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
