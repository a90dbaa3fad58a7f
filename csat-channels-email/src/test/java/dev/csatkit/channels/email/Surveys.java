package dev.csatkit.channels.email;

import dev.csatkit.channel.Brand;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.util.Map;

/** Email surveys as a host sets them up: the shipped messages in every language, any preset scale. */
final class Surveys {

    static final String COMPANY = "Acme Support";
    static final Brand TEAL = Brand.of("#0f766e");

    private Surveys() {
    }

    static SurveyDefinition definition(String id, RatingScale scale) {
        SurveyDefinition.Builder b = SurveyDefinition.builder(id).name("After your ticket").scale(scale)
                .channels(ChannelKind.EMAIL);
        DefaultMessages.allForChannel(ChannelKind.EMAIL).forEach(b::messages);
        return b.build();
    }

    static SurveyProfile profile(String id, RatingScale scale, Brand brand) {
        return SurveyProfile.builder(definition(id, scale), ChannelKind.EMAIL).placeholders(Map.of("company", COMPANY))
                .brand(brand).build();
    }
}
