package dev.csatkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.ReplyOutcome;
import dev.csatkit.engine.SendingRulesAcknowledgement;
import dev.csatkit.engine.SkipReason;
import dev.csatkit.engine.SurveyEvent;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.SurveyState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every value that holds personal data shows it masked in {@code toString}, as in a log line. */
class PersonalDataToStringTest {

    static final String PHONE = "+447700900123";
    static final String AGENT_PHONE = "+442079460958";
    static final String EMAIL = "jane.doe@example.com";
    static final String CUSTOMER = "Jane Doe";
    static final String AGENT = "Alice Smith";
    static final String COMMENT = "Bob was rude, ring me back on 07700 900456";
    static final String ENTRY = "+18005550199";
    static final Instant AT = Instant.parse("2026-05-04T10:15:30Z");

    static final Contact JANE = Contact.builder("k-1").phone(PHONE).email(EMAIL).attribute("name", CUSTOMER)
            .attribute("vip", "yes").zone(ZoneId.of("Europe/London")).build();
    static final Agent ALICE = Agent.human("a-1", AGENT, "Billing").withAddress(AGENT_PHONE);
    static final Interaction CALL = Interaction.builder("call-1", JANE, Medium.VOICE).agent(ALICE).entryPoint(ENTRY)
            .brand("Acme").caseType("billing").tag("vip").between(AT.minusSeconds(360), AT).build();
    static final OpenSurvey SURVEY = OpenSurvey.builder("sv-1", "csat", "call-1", AT)
            .contactId("k-1")
            .channel(ChannelKind.SMS, "sms-uk", PHONE)
            .locale(Locale.ENGLISH)
            .values(Map.of("agent.id", "a-1", "agent.name", AGENT, "contact.name", CUSTOMER, "company", "Acme"))
            .credit(Optional.of("a-1"), Optional.of("Billing"), Optional.of(ENTRY), Optional.of("billing"))
            .sendAt(AT)
            .sentAt(AT)
            .window(AT.plusSeconds(3600), AT.plusSeconds(7200))
            .rating(2, AT.plusSeconds(60))
            .comment(COMMENT)
            .state(SurveyState.RATED)
            .build();

    /** Everything that must not show, and every run of four digits from either phone number. */
    static List<String> secrets() {
        List<String> all = new ArrayList<>(List.of(PHONE, AGENT_PHONE, EMAIL, "jane", "example", CUSTOMER, "Jane",
                "Doe", AGENT, "Alice", "Smith", COMMENT, "rude", "900456", ENTRY, "5550199"));
        for (String phone : List.of(PHONE, AGENT_PHONE, ENTRY)) {
            String digits = phone.replaceAll("\\D", "");
            // The mask shows the first two and the last two digits: no four in a row.
            IntStream.rangeClosed(0, digits.length() - 4).mapToObj(i -> digits.substring(i, i + 4)).forEach(all::add);
        }
        return all;
    }

    static void assertMasked(Object value) {
        assertThat(value.toString()).as(value.getClass().getSimpleName()).doesNotContain(secrets());
    }

    @Test
    void theEngineModelShowsIdsAndMasks() {
        assertMasked(JANE);
        assertThat(JANE.toString()).contains("k-1", "+44***23", "j***@e***.com", "name=«masked»",
                "Europe/London");
        assertMasked(ALICE);
        assertThat(ALICE.toString()).contains("a-1", "Billing", "HUMAN", "name=«masked»", "+44***58");
        assertMasked(CALL);
        assertThat(CALL.toString()).contains("call-1", "VOICE", "Acme", "billing", "vip", "+1***99",
                AT.toString(), "PT6M", JANE.toString(), ALICE.toString());
    }

    @Test
    void storedSurveysAndRepliesShowNoAddressNameOrComment() {
        assertMasked(SURVEY);
        assertThat(SURVEY.toString()).contains("sv-1", "csat", "call-1", "k-1", "SMS", "sms-uk", "+44***23",
                "RATED", "rating=2", "comment=«masked»", "agent.name", AT.toString());
        OpenSurvey failed = SURVEY.toBuilder().end(SurveyState.FAILED, "554 " + PHONE + " unreachable", AT).build();
        assertMasked(failed);
        assertThat(failed.toString()).contains("FAILED", "554 +44***23 unreachable");
        ReplyRecord reply = new ReplyRecord("sv-1", AT, ReplyRecord.Kind.COMMENT, OptionalInt.of(2),
                Optional.of(COMMENT), true);
        assertMasked(reply);
        assertThat(reply.toString()).contains("sv-1", AT.toString(), "COMMENT", "2", "«masked»", "true");
        assertThat(new ReplyRecord("sv-1", AT, ReplyRecord.Kind.RATING, OptionalInt.of(4), Optional.empty(), true))
                .hasToString("ReplyRecord[surveyKey=sv-1, receivedAt=" + AT + ", kind=RATING, value=4, counted=true]");
    }

    @Test
    void surveyResponsesShowNoComment() {
        SurveyResponse r = SurveyResponse.builder("call-1", "csat", AT).channel(ChannelKind.SMS).agent("a-1")
                .team("Billing").entryPoint(ENTRY).locale(Locale.ENGLISH).caseType("billing")
                .rating(2, AT.plusSeconds(60)).comment(COMMENT).build();
        assertMasked(r);
        assertThat(r.toString()).contains("call-1", "csat", "sms", "a-1", "Billing", "score=2", "comment=«masked»",
                "+1***99");
    }

    @Test
    void everySurveyEventShowsNoAddressNameOrComment() {
        List<SurveyEvent> events = List.of(
                new SurveyEvent.Scheduled(SURVEY, AT),
                new SurveyEvent.Skipped("call-1", new Decision.Skipped(SkipReason.INVALID_ADDRESS,
                        "phone number " + PHONE + " is not in E.164 form", Optional.of("csat")), AT),
                new SurveyEvent.Sent(SURVEY, AT),
                new SurveyEvent.Failed(SURVEY, "the number " + PHONE + " cannot be reached", false, AT),
                new SurveyEvent.Reminded(SURVEY, AT),
                new SurveyEvent.Rated(SURVEY, 2, false, AT),
                new SurveyEvent.Commented(SURVEY, COMMENT, AT),
                new SurveyEvent.LowScore(SURVEY, 2, Optional.of(COMMENT), AT),
                new SurveyEvent.OptedOut("sms", PHONE, Optional.of(SURVEY), AT),
                new SurveyEvent.OptedOut("email", EMAIL, Optional.empty(), AT),
                new SurveyEvent.Expired(SURVEY, AT),
                new SurveyEvent.Answered(SURVEY, AT),
                new SurveyEvent.Deferred(SURVEY, AT.plusSeconds(3600), "quiet hours 21:00-08:00", AT),
                new SurveyEvent.ReplyHandled(Optional.of(SURVEY), "sms", new ReplyOutcome.Late(SURVEY.id(), false), AT),
                new SurveyEvent.LowScoreWithdrawn(SURVEY, 2, AT),
                new SurveyEvent.QuestionAnswered(SURVEY, "effort", 3, false, AT),
                new SurveyEvent.SendingRulesAcknowledged("csat", "sms-uk",
                        SendingRulesAcknowledgement.of(EMAIL, AT.minusSeconds(86_400)), AT),
                new SurveyEvent.ReviewChanged(LowScoreReview.open(SURVEY, 2, AT).toBuilder().next(AT)
                        .status(ReviewStatus.RESOLVED).reviewer(EMAIL, AT).resolvedAt(AT)
                        .notes(ReviewNotes.of(COMMENT, "rang " + CUSTOMER + " on " + PHONE, COMMENT)).build(),
                        Optional.of(ReviewStatus.IN_REVIEW), Optional.of(EMAIL), AT));
        assertThat(events.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("one of each kind of event")
                .containsExactlyInAnyOrder(SurveyEvent.class.getPermittedSubclasses());
        for (SurveyEvent e : events) {
            assertMasked(e);
            assertThat(e.toString()).startsWith(e.getClass().getSimpleName() + "[").contains(AT.toString());
        }
        assertThat(Stream.of(events.get(1), events.get(3)).map(Object::toString))
                .allSatisfy(s -> assertThat(s).contains("+44***23"));
        assertThat(events.get(6).toString()).contains("comment=«masked»", "sv-1");
        assertThat(events.get(9).toString()).contains("j***@e***.com", "email");
    }
}
