package dev.csatkit.examples.guide;

import dev.csatkit.channel.SenderPool;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.ReplyOutcome;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.examples.channels.ConsoleSmsChannel;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The README's five-minute embedding guide: define a survey, wire a channel into a
 * {@link SurveyEngine}, report a finished call, send the survey, pass the customer's reply in and
 * read the CSAT report.
 */
public final class EmbeddingGuide {

    private EmbeddingGuide() {
    }

    /**
     * What the walkthrough produced.
     *
     * @param decision the engine's decision on the call
     * @param outcome what the engine made of the customer's reply
     * @param survey the survey as the engine holds it after the reply
     * @param report the report over every response
     */
    public record Result(Decision decision, ReplyOutcome outcome, OpenSurvey survey, Report report) {
        /** Checks that nothing is missing. */
        public Result {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * Runs the walkthrough.
     *
     * @param clock the time every step reads; surveys wait for the end of quiet hours (21:00–08:00
     *     in the contact's zone), so pass a daytime clock to see the survey go out at once
     * @param console where the console SMS adapter writes the messages it sends
     * @return what each step produced
     */
    public static Result run(Clock clock, Writer console) {
        // tag::embedding-define[]
        SurveyDefinition survey = SurveyDefinition.builder("after-call")
                .name("After your call")
                .scale(RatingScales.fivePoint())          // 1-5; 4 and 5 count as satisfied
                .channels(ChannelKind.SMS)
                .defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH,                 // shipped wording, in eight languages
                        DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow())
                .build();
        // end::embedding-define[]

        // tag::embedding-wire[]
        ConsoleSmsChannel sms = new ConsoleSmsChannel(
                ChannelContext.builder("sms").clock(clock).build(),  // "sms": the id replies carry
                3,                                                   // at most 3 segments a message
                SenderPool.builder().defaultSender("+15550100").build(),
                console);                                            // a Writer stands in for the carrier

        SurveyEngine engine = SurveyEngine.builder()
                .clock(clock)
                .channel(sms)
                .profile(SurveyProfile.builder(survey, ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@acme.example", clock.instant())  // may lawfully text them
                        .placeholders(Map.of("company", "Acme"))   // fills {company} in the messages
                        .build())     // defaults: no delay, quiet hours 21-08, one survey per contact a day
                .build();             // checks every profile, e.g. that each SMS fits 3 segments
        // end::embedding-wire[]
        try {
            // tag::embedding-report[]
            Contact jane = Contact.builder("crm-4711")        // your CRM's id; caps count per contact
                    .phone("+447700900123")
                    .zone(ZoneId.of("Europe/London"))         // quiet hours are the contact's
                    .build();
            Interaction call = Interaction.builder("call-1001", jane, Medium.VOICE)  // one survey per id
                    .agent(Agent.human("agent-7", "Alice", "Billing"))              // gets the credit
                    .between(clock.instant().minus(Duration.ofMinutes(6)), clock.instant())
                    .build();

            Decision decision = engine.decide(call);   // Scheduled, or Skipped with reason and detail
            engine.dispatchDue();                      // sends what is due; or engine.start(period)
            // end::embedding-report[]

            // tag::embedding-replies[]
            ReplyOutcome outcome = engine.receive(new InboundReply(
                    "sms", "+447700900123", "+15550100",     // channel id, from, to
                    new ReplyContent.Text("5 quick and friendly"),
                    "provider-msg-1",                         // the provider's id: redelivery counts once
                    clock.instant()));
            // Rated[surveyKey=…, value=5, replaced=false], with "quick and friendly" as the comment
            // end::embedding-replies[]

            // tag::embedding-read[]
            ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).build();
            Report report = Report.of(spec, engine.responses());
            System.out.println("CSAT " + report.overall().csat().orElseThrow()
                    + " from " + report.overall().responses() + " rating(s)");   // CSAT 100.0 from 1 rating(s)
            // end::embedding-read[]

            OpenSurvey scheduled = engine.surveyFor(call.id()).orElseThrow(() ->
                    new IllegalStateException("call " + call.id() + " got no survey: " + decision));
            return new Result(decision, outcome, scheduled, report);
        } finally {
            sms.close();
        }
    }
}
