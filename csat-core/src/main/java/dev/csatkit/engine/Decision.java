package dev.csatkit.engine;

import dev.csatkit.channels.spi.ChannelKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The engine's answer to a finished interaction: a survey is scheduled, or it is not and why. */
public sealed interface Decision permits Decision.Scheduled, Decision.Skipped {

    /** @return the survey definition the interaction was routed to, when one was */
    Optional<String> surveyId();

    /**
     * A survey will be sent.
     *
     * @param surveyKey the id of this survey ({@link dev.csatkit.store.OpenSurvey#id()})
     * @param survey the survey definition's id
     * @param channel the kind of channel it goes on
     * @param channelId the channel's id
     * @param sendAt when it will be sent, after the delay and quiet hours
     */
    record Scheduled(String surveyKey, String survey, ChannelKind channel, String channelId, Instant sendAt)
            implements Decision {
        /** Checks that nothing is missing. */
        public Scheduled {
            Objects.requireNonNull(surveyKey, "surveyKey");
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(sendAt, "sendAt");
        }

        @Override
        public Optional<String> surveyId() {
            return Optional.of(survey);
        }
    }

    /**
     * No survey: the first rule that said no.
     *
     * @param reason the rule
     * @param detail the reason in words, with the values that decided it
     * @param surveyId the survey definition the interaction was routed to, when one was
     */
    record Skipped(SkipReason reason, String detail, Optional<String> surveyId) implements Decision {
        /** Checks that nothing is missing. */
        public Skipped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(surveyId, "surveyId");
        }
    }
}
