package dev.csatkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.SkipReason;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.CallerSentiment;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.SurveyState;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default week, run once and looked at from every side. */
class HelpdeskSimulationTest {

    private static SimulationResult week;
    private static final List<Long> progress = new ArrayList<>();

    @BeforeAll
    static void runTheDefaultWeek() {
        week = HelpdeskSimulation.run(DemoSettings.DEFAULT, progress::add);
    }

    @Test
    void everyInteractionIsReportedAndDecidedOnce() {
        assertThat(week.totalInteractions()).isEqualTo(5_000);
        assertThat(progress).hasSize(5_000).endsWith(5_000L);
        assertThat(week.totalScheduled() + week.totalSkipped())
                .as("one decision per interaction and per replay")
                .isEqualTo(week.totalInteractions() + week.replayed());
        assertThat(week.replayed()).isPositive();
    }

    @Test
    void theRulesThatSayNoAreAllAtWork() {
        assertThat(week.skipped()).containsKeys(SkipReason.FREQUENCY_CAPPED, SkipReason.NOT_SAMPLED,
                SkipReason.TOO_SHORT, SkipReason.AGENT_TYPE, SkipReason.OPTED_OUT, SkipReason.CONTACT_HUNG_UP,
                SkipReason.NOT_RESOLVED, SkipReason.NOT_INBOUND, SkipReason.NO_ADDRESS, SkipReason.INVALID_ADDRESS,
                SkipReason.NO_LANGUAGE, SkipReason.DUPLICATE);
        assertThat(week.skipExamples().get(SkipReason.INVALID_ADDRESS)).as("phone numbers are masked")
                .containsPattern("\\*\\*\\*\\d\\d").doesNotContainPattern("\\d{5}");
        assertThat(week.scheduled()).containsOnlyKeys(ChannelKind.values());
    }

    @Test
    void everySurveyEndsInExactlyOneFinalState() {
        assertThat(week.stillOpen()).isZero();
        long ended = week.finalStates().values().stream().mapToLong(Long::longValue).sum();
        assertThat(ended).isEqualTo(week.totalScheduled());
        assertThat(week.finalStates()).containsKeys(SurveyState.ANSWERED, SurveyState.EXPIRED,
                SurveyState.OPTED_OUT, SurveyState.FAILED);
        long sent = week.delivery().values().stream().mapToLong(SimulationResult.Delivery::sent).sum();
        long failed = week.delivery().values().stream().mapToLong(SimulationResult.Delivery::failed).sum();
        assertThat(sent + failed).as("each scheduled survey was sent or failed").isEqualTo(week.totalScheduled());
        assertThat(failed).isEqualTo(week.finalStates().get(SurveyState.FAILED));
        assertThat(week.responses()).as("one outcome per survey sent").hasSize((int) sent);
        assertThat(week.responses().stream().filter(SurveyResponse::isRating).count())
                .isEqualTo(week.finalStates().get(SurveyState.ANSWERED));
    }

    @Test
    void repliesComeInEveryStyleAndTheEngineReadsThemAsMeant() {
        Map<ChannelKind, Map<String, Long>> replies = week.replies();
        assertThat(replies.get(ChannelKind.VOICE_DTMF)).containsKeys("rated", "key not on the scale", "no key in time",
                "question replayed");
        assertThat(replies.get(ChannelKind.SMS)).containsKeys("rated", "comment", "unreadable", "opted out");
        assertThat(replies.get(ChannelKind.CHAT)).containsKeys("rated", "comment", "unreadable", "opted out", "late");
        // Every text the provider delivered twice is read once and recognised the second time,
        // on whichever text channel the seed put it.
        long duplicates = replies.get(ChannelKind.SMS).getOrDefault("duplicate", 0L)
                + replies.get(ChannelKind.CHAT).getOrDefault("duplicate", 0L);
        assertThat(duplicates).isPositive()
                .isEqualTo(week.customerActions().get("text: delivered twice by the provider"));
        assertThat(replies.get(ChannelKind.EMAIL)).containsOnlyKeys("rated");
        for (Phrasebook.Style style : Phrasebook.Style.values()) {
            String name = "text: " + style.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (style.readable() ? "" : " (refused)");
            assertThat(week.customerActions()).as(name).containsKey(name);
        }
        assertThat(week.customerActions()).containsKeys("chat: tapped a button",
                "email: clicked a rating link and confirmed", "email: every link opened by a mail scanner",
                "keypad: key after the 15 s window", "text: comment after the follow-up question",
                "text: STOP keyword", "text: HELP keyword", "reminder: answered after it");
        assertThat(week.responses()).anyMatch(r -> r.comment().isPresent() && r.isRating());
        assertThat(week.responses()).anyMatch(SurveyResponse::late);
        assertThat(week.responses()).anyMatch(SurveyResponse::invalid);
    }

    @Test
    void deliveryShowsRetriesAndTheReasonsOfFailures() {
        assertThat(week.delivery().get(ChannelKind.SMS).retried()).isPositive();
        assertThat(week.delivery().get(ChannelKind.CHAT).retried()).isPositive();
        assertThat(week.delivery().get(ChannelKind.EMAIL).failures()).containsKey("550 5.1.2 recipient domain not found");
        assertThat(week.delivery().get(ChannelKind.CHAT).messages()).containsKeys("prompt", "confirm", "followup",
                "reminder", "thanks");
    }

    @Test
    void theReportNamesTheAgentsWhoStandOut() throws Exception {
        StringWriter text = new StringWriter();
        DemoReport.of(week).print(text);
        assertThat(text.toString())
                .containsPattern("Agents significantly above the rest:\n(  .*\n)*  elin +\\+")
                .containsPattern("Agents significantly below the rest:\n(  .*\n)*  karl +-")
                .contains("Surveys closed:", "none left open")
                .contains("By channel", "By team", "By agent", "CSAT per day")
                .contains("Dissatisfied ratings:");
        // Twelve people and the chat bot; the voice assistant is never surveyed.
        assertThat(DemoReport.of(week).byAgent().segments()).hasSize(13);
    }

    @Test
    void combiningScalesKeepsEachRatingsPolarity() {
        List<SurveyResponse> combined = DemoReport.byPolarity(week);
        assertThat(combined).hasSameSizeAs(week.responses());
        for (int i = 0; i < combined.size(); i++) {
            SurveyResponse original = week.responses().get(i);
            SurveyResponse mapped = combined.get(i);
            if (original.score().isEmpty()) {
                assertThat(mapped).isEqualTo(original);
                continue;
            }
            int v = original.score().getAsInt();
            RatingScale scale = week.scales().get(original.surveyId());
            int expected = scale.isSatisfied(v) ? 3 : scale.isDissatisfied(v) ? 1 : 2;
            assertThat(mapped.score()).hasValue(expected);
            assertThat(mapped.interactionId()).isEqualTo(original.interactionId());
        }
    }

    private static String text() throws Exception {
        StringWriter text = new StringWriter();
        DemoReport.of(week).print(text);
        return text.toString();
    }

    @Test
    void theBillingLinesAgentsReadTheMoodBesideTheSmsSurvey() throws Exception {
        assertThat(week.moods()).extracting(MoodAssessment::surveyId).contains("after-call-keypad", "after-call-sms");
        assertThat(week.moods()).filteredOn(m -> m.surveyId().equals("after-call-sms"))
                .allSatisfy(m -> assertThat(m.value()).isBetween(1, 3));
        assertThat(text()).contains("""
                Beside the SMS survey, the billing line's agents read the caller's mood on three faces: 512 calls.
                The SMS CSAT of the callers they read each way:
                  mood       calls  surveys sent  ratings    CSAT
                  1 unhappy     78            43       20  45.0 %
                  2 neutral     79            40       17  58.8 %
                  3 happy      355           195      100  98.0 %
                """);
    }

    @Test
    void callerSentimentIsShownPerTeamAndPerRegion() throws Exception {
        CallerSentiment sentiment = DemoReport.of(week).callerSentiment();
        assertThat(sentiment.interactions()).hasSize(808)
                .allSatisfy(s -> assertThat(s.response().waitTime()).isPresent())
                .allSatisfy(s -> assertThat(s.response().region()).isPresent());
        assertThat(sentiment.by(Dimension.TEAM)).extracting(CallerSentiment.Group::value)
                .containsExactly("Billing", "Technical");
        assertThat(sentiment.by(Dimension.REGION)).extracting(CallerSentiment.Group::value)
                .containsExactly("americas", "asia", "europe", "uk");
        assertThat(text()).contains("""
                an input a call lacks is left out and the others weigh more. Overall 82.5
                  team       calls  sentiment
                  Billing      510       85.3
                  Technical    298       77.8
                  region    calls  sentiment
                  americas    152       82.3
                  asia         17       78.1
                  europe      388       81.3
                  uk          251       85.0
                """);
    }

    @Test
    void keypadCallsShowTheirKeysAWrongKeyAndNoKeyIncluded() throws Exception {
        assertThat(text()).contains("""
                Keypad surveys, with the keys as pressed: 488 calls, 344 rated, 8 ended on a key not on the scale,
                136 with no key pressed; one call of each:
                  interaction   score  invalid  keys
                  call-0000001      5    false  "5"      a rating
                """).containsPattern("  call-\\d{7}      -     true  \"0\"      a key not on the scale\n"
                + "  call-0000004      -     true  \\(none\\)   no key\n");
        SurveyResponse noKey = week.responses().stream().filter(r -> r.interactionId().equals("call-0000004"))
                .findFirst().orElseThrow();
        assertThat(noKey.score()).isEmpty();
        assertThat(noKey.invalid()).isTrue();
        assertThat(noKey.keys()).isEmpty();
    }

    @Test
    void theReviewQueueHoldsTheLowScoresAndOneIsResolvedWithItsRootCause() throws Exception {
        assertThat(week.reviews()).hasSize(102);
        assertThat(week.reviews()).filteredOn(r -> r.status() == ReviewStatus.OPEN).hasSize(101);
        LowScoreReview resolved = week.reviews().stream().filter(r -> r.status() == ReviewStatus.RESOLVED)
                .findFirst().orElseThrow();
        assertThat(resolved.reviewer()).hasValue(HelpdeskSimulation.REVIEWER);
        assertThat(resolved.notes().map(ReviewNotes::rootCause)).hasValue("the first answer did not solve the problem");
        assertThat(resolved.interactionId()).isEqualTo("call-0000087");
        assertThat(text()).contains("""
                Reviews of low scores (1-3 on the keypad, 1-2 on the 1-5 scales): 102 opened; open 101, resolved 1
                  call-0000087 (after-call-keypad, agent hana, score 3): taken by qa-lena and resolved,
                    root cause: the first answer did not solve the problem
                  The queue, oldest first:
                  opened at (UTC)      interaction   agent  score
                  2025-03-03 09:25:00  call-0000160  karl       2
                """);
    }
}
