package dev.csatkit.examples.guide;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.ResolvedMessages;
import dev.csatkit.survey.SurveyDefinition;
import dev.csatkit.survey.SurveyJson;
import java.util.Locale;
import java.util.Map;

/**
 * The first sample of the survey definitions page ({@code docs/surveys-and-scales.md}): a 5-point
 * SMS survey in two languages, stored as JSON and read back.
 */
public final class FirstSurvey {

    private FirstSurvey() {
    }

    /**
     * Builds the survey, round-trips it through JSON and renders the prompt for a contact.
     *
     * @return the prompt a French-Canadian contact receives
     */
    public static String run() {
        // tag::first-survey[]
        SurveyDefinition survey = SurveyDefinition.builder("post-call-sms")
                .name("After your call")
                .scale(RatingScales.fivePoint())                 // 1-5, CSAT = share of 4s and 5s
                .channels(ChannelKind.SMS)
                .defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, MessageSet.builder()
                        .prompt("Hi {contact.name}, how did {agent.name} do? Reply {scale.min} to {scale.max}.")
                        .confirmation("Thanks, your rating is saved.")
                        .invalidReply("Please reply with a number from {scale.min} to {scale.max}.")
                        .followUp("What is the main reason for your rating?")
                        .thankYou("Thank you for your feedback!")
                        .optOutInstructions("Reply STOP to opt out.")  // required for SMS surveys
                        .build())
                .messages(Locale.FRENCH, DefaultMessages.forChannel(ChannelKind.SMS, Locale.FRENCH).orElseThrow())
                .build();                                         // every rule checked here, all problems at once

        String json = SurveyJson.toJson(survey);                  // keep it in your database
        SurveyDefinition stored = SurveyJson.fromJson(json);      // errors name the JSON path: $.messages.fr.prompt
        assert stored.equals(survey);

        ResolvedMessages forContact = stored.resolve(Locale.CANADA_FRENCH).orElseThrow(); // fr-CA -> fr -> en
        String prompt = forContact.messages().prompt().render(Map.of(
                "company", "Acme", "scale.min", "1", "scale.max", "5",
                "scale.min.label", "Très insatisfait", "scale.max.label", "Très satisfait"));
        // end::first-survey[]
        if (!stored.equals(survey)) {
            throw new IllegalStateException("the survey did not survive JSON");
        }
        return prompt;
    }
}
