package dev.csatkit.engine;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.reply.KeypadParser;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the engine derives once per profile: its channel, parsers and fixed texts. */
record ProfileRuntime(SurveyProfile profile, Channel channel, ReplyParser parser, @Nullable KeypadParser keypad,
        String cappedDetail, Optional<String> surveyId) {

    static ProfileRuntime of(SurveyProfile p, Channel channel) {
        RatingScale scale = p.survey().scale();
        return new ProfileRuntime(p, channel, ReplyParser.forScale(scale),
                p.sendOn() == ChannelKind.VOICE_DTMF ? KeypadParser.forScale(scale, p.survey().keypadAnswerWindow())
                        : null,
                p.frequencyCap().map(cap -> "the contact was surveyed within the cap window of " + cap.window()
                        + (cap.scope() == FrequencyCap.Scope.PER_SURVEY ? " for survey " + p.id()
                        : " across surveys")).orElse("the contact was surveyed within the engine's cap window"
                        + " across surveys"),
                Optional.of(p.id()));
    }
}
