package dev.csatkit.score;

import static dev.csatkit.score.Responses.rating;
import static dev.csatkit.score.Responses.ratings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.scale.RatingScales;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    /** ann: 45 of 50 satisfied (90 %); bob: 60 of 100 (60 %); cy: 5 ratings, all satisfied. */
    private static List<SurveyResponse> team() {
        List<SurveyResponse> all = new ArrayList<>();
        all.addAll(ratings("ann", 5, 45));
        all.addAll(ratings("ann", 2, 5));
        all.addAll(ratings("bob", 4, 60));
        all.addAll(ratings("bob", 1, 40));
        all.addAll(ratings("cy", 5, 5));
        return all;
    }

    @Test
    void segmentsAreComparedWithTheRestOfTheirGroup() {
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).build(), team());
        assertThat(report.segments()).extracting(s -> s.key().get(Dimension.AGENT)).containsExactly("ann", "bob", "cy");
        Segment ann = report.segments().get(0);
        assertThat(ann.key().values()).containsExactly(Map.entry(Dimension.AGENT, "ann"));
        assertThat(ann.tally().csat()).hasValue(90.0);
        // rest = bob + cy = 65 of 105; pooled p = 110/155
        VsRest.Compared c = (VsRest.Compared) ann.vsRest();
        assertThat(c.diff()).isEqualTo(90.0 - 100.0 * 65 / 105, within(1e-9));
        assertThat(c.z()).isEqualTo(3.6023, within(1e-4));
        assertThat(c.significant()).isTrue();
        assertThat(ann.rank()).hasValue(1);
        Segment bob = report.segments().get(1);
        assertThat(((VsRest.Compared) bob.vsRest()).diff()).isEqualTo(60.0 - 100.0 * 50 / 55, within(1e-9));
        assertThat(bob.rank()).hasValue(2);
    }

    @Test
    void segmentsBelowTheMinimumSampleSaySoInsteadOfRanking() {
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).build(), team());
        Segment cy = report.segments().get(2);
        assertThat(cy.tally().csat()).hasValue(100.0);
        assertThat(cy.vsRest()).isEqualTo(new VsRest.TooFewResponses(5, 150, 30));
        assertThat(cy.rank()).isEmpty();
    }

    @Test
    void aSmallDifferenceIsNotSignificant() {
        List<SurveyResponse> all = new ArrayList<>();
        all.addAll(ratings("ann", 5, 41));
        all.addAll(ratings("ann", 1, 9));
        all.addAll(ratings("bob", 5, 39));
        all.addAll(ratings("bob", 1, 11));
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).build(), all);
        VsRest.Compared ann = (VsRest.Compared) report.segments().get(0).vsRest();
        assertThat(ann.diff()).isEqualTo(4.0, within(1e-9));
        assertThat(ann.significant()).isFalse();
    }

    @Test
    void tiedSegmentsShareARank() {
        List<SurveyResponse> all = new ArrayList<>();
        for (String agent : List.of("ann", "bob", "cy")) {
            all.addAll(ratings(agent, 5, agent.equals("cy") ? 10 : 20));
            all.addAll(ratings(agent, 1, 10));
        }
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).minimumSample(5)
                .build(), all);
        assertThat(report.segments()).extracting(s -> s.rank().getAsInt()).containsExactly(1, 1, 3);
    }

    @Test
    void groupsByEveryDimensionAndMissingValuesShowAsNone() {
        Instant t = Instant.parse("2025-03-14T09:00:00Z");
        SurveyResponse full = SurveyResponse.builder("i1", "post-call", t).agent("ann").team("blue").channel("sms")
                .entryPoint("+46 8 123 456").locale(Locale.forLanguageTag("sv-SE")).caseType("billing")
                .rating(4, t.plusSeconds(9)).build();
        SurveyResponse bare = SurveyResponse.builder("i2", "post-chat", t).rating(1, t.plusSeconds(9)).build();
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.TEAM, Dimension.CHANNEL,
                Dimension.ENTRY_POINT, Dimension.SURVEY, Dimension.LOCALE, Dimension.CASE_TYPE, Dimension.AGENT).build();
        Report report = Report.of(spec, List.of(full, bare));
        assertThat(report.segments()).extracting(s -> s.key().toString()).containsExactly(
                "team=(none), channel=(none), entry_point=(none), survey=post-chat, locale=(none), case_type=(none),"
                        + " agent=(none)",
                "team=blue, channel=sms, entry_point=+46 8 123 456, survey=post-call, locale=sv-SE,"
                        + " case_type=billing, agent=ann");
        assertThat(report.trend()).isEmpty();
    }

    @Test
    void periodsFollowTheCalendarOfTheZone() {
        // 23:30 UTC on Sunday 2025-03-30 is already Monday in Stockholm (UTC+2 after the clock change).
        Instant lateSunday = Instant.parse("2025-03-30T23:30:00Z");
        Instant saturday = Instant.parse("2025-03-29T12:00:00Z");
        List<SurveyResponse> all = List.of(
                SurveyResponse.builder("a", "s", lateSunday).rating(5, lateSunday.plusSeconds(60)).build(),
                SurveyResponse.builder("b", "s", saturday).rating(1, saturday.plusSeconds(60)).build(),
                SurveyResponse.builder("c", "s", saturday).build());
        Report weeks = Report.of(ReportSpec.builder(RatingScales.fivePoint()).period(Period.WEEK).zone(STOCKHOLM)
                .build(), all);
        assertThat(weeks.trend()).extracting(TrendPoint::period).containsExactly("2025-W13", "2025-W14");
        assertThat(weeks.trend().get(1).start()).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(weeks.trend().get(0).tally().responseRate()).hasValue(50.0);
        assertThat(weeks.trend().get(1).tally().csatInterval()).isPresent();
        Report utcWeeks = Report.of(ReportSpec.builder(RatingScales.fivePoint()).period(Period.WEEK).build(), all);
        assertThat(utcWeeks.trend()).extracting(TrendPoint::period).containsExactly("2025-W13");

        Report days = Report.of(ReportSpec.builder(RatingScales.fivePoint()).period(Period.DAY).zone(STOCKHOLM)
                .build(), all);
        assertThat(days.trend()).extracting(TrendPoint::period).containsExactly("2025-03-29", "2025-03-31");
        Report months = Report.of(ReportSpec.builder(RatingScales.fivePoint()).period(Period.MONTH).zone(STOCKHOLM)
                .build(), all);
        assertThat(months.trend()).extracting(TrendPoint::period).containsExactly("2025-03");
    }

    @Test
    void isoWeeksCrossTheNewYear() {
        assertThat(Period.WEEK.label(Period.WEEK.ordinalOfEpochDay(LocalDate.of(2024, 12, 30).toEpochDay())))
                .isEqualTo("2025-W01");
        assertThat(Period.WEEK.label(Period.WEEK.ordinalOfEpochDay(LocalDate.of(2021, 1, 3).toEpochDay())))
                .isEqualTo("2020-W53");
        assertThat(Period.MONTH.start(Period.MONTH.ordinalOfEpochDay(LocalDate.of(1969, 12, 31).toEpochDay())))
                .isEqualTo(LocalDate.of(1969, 12, 1));
        assertThat(Period.byKey("Week")).contains(Period.WEEK);
        assertThat(Period.byKey("year")).isEmpty();
    }

    @Test
    void withAPeriodTheRestIsTheSamePeriod() {
        Instant w1 = Instant.parse("2025-01-06T10:00:00Z");
        Instant w2 = Instant.parse("2025-01-13T10:00:00Z");
        List<SurveyResponse> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(SurveyResponse.builder("a" + i, "s", w1).agent("ann").rating(5, w1).build());
            all.add(SurveyResponse.builder("b" + i, "s", w1).agent("bob").rating(1, w1).build());
            all.add(SurveyResponse.builder("c" + i, "s", w2).agent("ann").rating(1, w2).build());
            all.add(SurveyResponse.builder("d" + i, "s", w2).agent("bob").rating(5, w2).build());
        }
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).period(Period.WEEK)
                .minimumSample(10).build(), all);
        assertThat(report.segments()).extracting(s -> s.key().toString()).containsExactly(
                "agent=ann, period=2025-W02", "agent=ann, period=2025-W03", "agent=bob, period=2025-W02",
                "agent=bob, period=2025-W03");
        // ann in week 2 is compared with bob in week 2 only: 100 vs 0
        assertThat(((VsRest.Compared) report.segments().get(0).vsRest()).diff()).isEqualTo(100.0);
        assertThat(report.segments().get(0).rank()).hasValue(1);
        assertThat(report.segments().get(1).rank()).hasValue(2);
    }

    @Test
    void theLowScoreListKeepsTheNewestWithCommentsAgentsAndInteractions() {
        List<SurveyResponse> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant at = Instant.parse("2025-03-14T09:00:00Z").plusSeconds(i * 60L);
            all.add(SurveyResponse.builder("call-" + i, "post-call", at).agent("ann")
                    .comment("waited " + i + " minutes").rating(i % 2 == 0 ? 1 : 2, at.plusSeconds(5)).build());
        }
        all.add(rating("happy", "bob", 5));
        all.add(rating("meh", "bob", 3));
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).lowScoreLimit(3).build(), all);
        assertThat(report.lowScores()).extracting(SurveyResponse::interactionId)
                .containsExactly("call-4", "call-3", "call-2");
        assertThat(report.lowScores().get(0).comment()).contains("waited 4 minutes");
        assertThat(report.lowScores().get(0).agent()).contains("ann");
        assertThat(report.lowScoresOmitted()).isEqualTo(2);
        assertThat(Report.of(ReportSpec.builder(RatingScales.fivePoint()).build(), all).lowScores()).isEmpty();
    }

    @Test
    void besideTheLowScoresThePraiseListKeepsTheNewestSatisfiedRatingsWithComments() {
        List<SurveyResponse> all = new ArrayList<>();
        Instant start = Instant.parse("2025-03-14T09:00:00Z");
        for (int i = 0; i < 6; i++) {
            Instant at = start.plusSeconds(i * 60L);
            all.add(SurveyResponse.builder("call-" + i, "post-call", at).agent(i % 2 == 0 ? "ann" : "bob")
                    .comment("thanks " + i).rating(i % 2 == 0 ? 5 : 4, at.plusSeconds(5)).build());
        }
        all.add(SurveyResponse.builder("newest-no-comment", "post-call", start.plusSeconds(3600)).agent("ann")
                .rating(5, start.plusSeconds(3605)).build());
        all.add(SurveyResponse.builder("neutral", "post-call", start.plusSeconds(3600)).agent("ann")
                .comment("it was fine").rating(3, start.plusSeconds(3605)).build());
        all.add(SurveyResponse.builder("angry", "post-call", start.plusSeconds(3600)).agent("bob")
                .comment("never again").rating(1, start.plusSeconds(3605)).build());

        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).praise(3).build();
        Report report = Report.of(spec, all);
        assertThat(report.praise()).as("satisfied (4 and 5) with a comment, newest first; no neutral, no bare rating")
                .extracting(SurveyResponse::interactionId).containsExactly("call-5", "call-4", "call-3");
        assertThat(report.praise().get(0).comment()).contains("thanks 5");
        assertThat(report.praiseOmitted()).isEqualTo(3);
        assertThat(report.lowScores()).extracting(SurveyResponse::interactionId).containsExactly("angry");

        // Merged accumulators keep the same list as one that saw everything.
        Report.Accumulator left = Report.accumulator(spec).addAll(all.subList(0, 4));
        Report merged = left.merge(Report.accumulator(spec).addAll(all.subList(4, all.size()))).build();
        assertThat(merged.praise()).isEqualTo(report.praise());
        assertThat(merged.praiseOmitted()).isEqualTo(3);

        assertThat(Report.of(ReportSpec.builder(RatingScales.fivePoint()).build(), all).praise())
                .as("no praise unless asked for").isEmpty();
        assertThatThrownBy(() -> ReportSpec.builder(RatingScales.fivePoint()).praise(-1).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("praiseLimit");
        assertThatThrownBy(() -> dev.csatkit.export.CsvReportReader.of(spec))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("ResponseCsvReader");
    }

    @Test
    void specsAreValidatedWithEveryRule() {
        assertThatThrownBy(() -> ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.AGENT,
                Dimension.PERIOD).minimumSample(0).lowScores(5).lowScoreLimit(0).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration (5 problems):\n"
                        + "  - dimensions = \"[AGENT, AGENT, PERIOD]\": each dimension may appear only once\n"
                        + "  - period = (missing): must be set (day, week or month) when grouping by period\n"
                        + "  - minimumSample = 0: must be at least 1\n"
                        + "  - lowScoreLimit = 0: must be at least 1\n"
                        + "  - lowScoreThreshold = 5: must be from 1 to 4 on scale five");
    }

    @Test
    void manySegmentsKeepTheirOwnCounts() {
        List<SurveyResponse> all = new ArrayList<>();
        for (int a = 0; a < 700; a++) {
            all.addAll(ratings("agent-" + a, 1 + a % 5, 1 + a % 3));
        }
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).build(), all);
        assertThat(report.segments()).hasSize(700);
        for (Segment s : report.segments()) {
            int a = Integer.parseInt(s.key().get(Dimension.AGENT).substring("agent-".length()));
            assertThat(s.tally().count(1 + a % 5)).isEqualTo(1 + a % 3);
            assertThat(s.tally().sent()).isEqualTo(1 + a % 3);
        }
        assertThat(report.overall().sent()).isEqualTo(all.size());
    }

    @Test
    void dimensionsAreFoundByTheirKeys() {
        assertThat(Dimension.byKey("entry-point")).contains(Dimension.ENTRY_POINT);
        assertThat(Dimension.byKey("case_type")).contains(Dimension.CASE_TYPE);
        assertThat(Dimension.byKey("mood")).isEmpty();
        assertThat(Dimension.ENTRY_POINT.key()).isEqualTo("entry_point");
    }
}
