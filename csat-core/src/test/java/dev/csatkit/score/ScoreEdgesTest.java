package dev.csatkit.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The ends of every range in scoring, and the equality and merging that reports rely on. */
class ScoreEdgesTest {

    @Test
    void anIntervalHoldsBothItsEndsAndNothingOutside() {
        Interval i = new Interval(40, 60);
        assertThat(i.contains(40)).isTrue();
        assertThat(i.contains(60)).isTrue();
        assertThat(i.contains(50)).isTrue();
        assertThat(i.contains(39.999)).isFalse();
        assertThat(i.contains(60.001)).isFalse();
        assertThat(i.width()).isEqualTo(20.0);
        assertThat(new Interval(0, 0).contains(0)).isTrue();
        assertThat(new Interval(100, 100).width()).isZero();
        assertThatThrownBy(() -> new Interval(50.5, 50)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: interval = \"[50.5, 50.0]\": ends must satisfy 0 <= low <= high <= 100");
        assertThatThrownBy(() -> new Interval(-0.1, 50)).isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> new Interval(0, 100.1)).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void bandThresholdsMayTouchEveryEndOfTheirRange() {
        assertThat(new Bands(0, 0)).isEqualTo(new Bands(0, 0));
        assertThat(new Bands(100, 100).goodFrom()).isEqualTo(100);
        assertThat(new Bands(70, 70).fairFrom()).isEqualTo(70);
        assertThatThrownBy(() -> new Bands(100.5, 50)).hasMessage(
                "Invalid configuration: bands.goodFrom = 100.5: must be between 0 and 100");
        assertThatThrownBy(() -> new Bands(-0.5, -1)).hasMessage("Invalid configuration (2 problems):\n"
                + "  - bands.goodFrom = -0.5: must be between 0 and 100\n"
                + "  - bands.fairFrom = -1.0: must be between 0 and 100");
        assertThatThrownBy(() -> new Bands(60, 60.5)).hasMessage(
                "Invalid configuration: bands.fairFrom = 60.5: must not be above goodFrom 60.0");
    }

    @Test
    void talliesAreEqualOnlyWhenEveryCountIs() {
        RatingScale five = RatingScales.fivePoint();
        Tally base = Tally.builder(five).addRating(5).addUnanswered(1).addInvalid(1).addLate(1).build();
        assertThat(base).isEqualTo(Tally.builder(five).addLate(1).addInvalid(1).addUnanswered(1).addRating(5).build());
        assertThat(base).hasSameHashCodeAs(
                Tally.builder(five).addLate(1).addInvalid(1).addUnanswered(1).addRating(5).build());
        assertThat(base).isNotEqualTo(Tally.builder(five).addRating(4).addUnanswered(1).addInvalid(1).addLate(1)
                .build());
        assertThat(base).isNotEqualTo(Tally.builder(five).addRating(5).addUnanswered(2).addInvalid(1).addLate(1)
                .build());
        assertThat(base).isNotEqualTo(Tally.builder(five).addRating(5).addUnanswered(1).addInvalid(2).addLate(1)
                .build());
        assertThat(base).isNotEqualTo(Tally.builder(five).addRating(5).addUnanswered(1).addInvalid(1).addLate(2)
                .build());
        assertThat(Tally.empty(RatingScales.fivePoint())).isNotEqualTo(Tally.empty(RatingScales.keypadNine()));
        assertThat(base).isNotEqualTo("a tally");
        assertThat(base.toString()).isNotEmpty();
    }

    @Test
    void aTallyIsEmptyOnlyWhenNothingAtAllWasCounted() {
        RatingScale five = RatingScales.fivePoint();
        assertThat(Tally.empty(five).isEmpty()).isTrue();
        assertThat(Tally.empty(five).hasData()).isFalse();
        assertThat(Tally.builder(five).addUnanswered(1).build().isEmpty()).isFalse();
        assertThat(Tally.builder(five).addUnanswered(1).build().hasData()).isFalse();
        assertThat(Tally.builder(five).addRating(3).build().isEmpty()).isFalse();
        assertThat(Tally.builder(five).addRating(3).build().hasData()).isTrue();
    }

    @Test
    void aRatingOutsideTheScaleOrInOneOfItsGapsIsRefused() {
        // A scale with gaps and a first value above zero: 2, 4, 6.
        RatingScale gaps = RatingScale.builder("even").point(ScalePoint.of(2, Polarity.NEGATIVE))
                .point(ScalePoint.of(4, Polarity.NEUTRAL)).point(ScalePoint.of(6, Polarity.POSITIVE)).build();
        Tally t = Tally.builder(gaps).addRating(2).addRating(4).addRating(6).addRating(6).build();
        assertThat(t.distribution()).containsExactly(java.util.Map.entry(2, 1L), java.util.Map.entry(4, 1L),
                java.util.Map.entry(6, 2L));
        // A scale below zero counts from its own minimum.
        RatingScale signed = RatingScale.builder("signed").numeric(-2, 2).build();
        assertThat(Tally.builder(signed).addRating(-2).addRating(2).addRating(2).build().distribution())
                .containsEntry(-2, 1L).containsEntry(2, 2L).containsEntry(0, 0L);
        for (int outside : new int[] {0, 1, 3, 5, 7}) {
            assertThatThrownBy(() -> Tally.builder(gaps).addRating(outside)).as("rating %d", outside)
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Invalid survey response: score = " + outside + ": must be a value of scale even, 2 to 6");
        }
    }

    @Test
    void mergedAccumulatorsGiveTheReportOfAllTheirResponsesWhateverTheDimensions() {
        List<SurveyResponse> all = new ArrayList<>();
        String[] agents = {"ann", "bob", "cy"};
        String[] teams = {"blue", "red"};
        for (int i = 0; i < 60; i++) {
            all.add(SurveyResponse.builder("i" + i, "post-call", Responses.T0).agent(agents[i % 3])
                    .team(teams[i % 2]).channel(i % 5 == 0 ? "chat" : "sms")
                    .rating(1 + i % 5, Responses.T0.plusSeconds(60 + i)).build());
        }
        for (ReportSpec spec : List.of(
                ReportSpec.builder(RatingScales.fivePoint()).build(),
                ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).minimumSample(5).lowScores(2).build(),
                ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.TEAM).minimumSample(5)
                        .build(),
                ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.TEAM, Dimension.CHANNEL)
                        .period(Period.DAY).build())) {
            Report whole = Report.of(spec, all);
            Report merged = Report.accumulator(spec).addAll(all.subList(0, 25))
                    .merge(Report.accumulator(spec).addAll(all.subList(25, 60))).build();
            assertThat(merged).as(spec.toString()).isEqualTo(whole);
            assertThat(merged.segments()).as(spec.toString()).hasSameSizeAs(whole.segments());
        }
        Report byTwo = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.TEAM)
                .build(), all);
        assertThat(byTwo.segments()).hasSize(6);
        assertThat(byTwo.segments()).extracting(s -> s.tally().sent()).containsOnly(10L);
    }

    @Test
    void everyTextOfAResponseIsCheckedWhateverFieldItIsIn() {
        String tooLong = "x".repeat(SurveyResponse.MAX_TEXT_LENGTH + 1);
        String longest = "y".repeat(SurveyResponse.MAX_TEXT_LENGTH);
        for (String field : List.of("channel", "agent", "team", "entryPoint", "caseType")) {
            assertThatThrownBy(() -> response(field, tooLong)).as(field)
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageStartingWith("Invalid survey response: " + field + " = \"")
                    .hasMessageEndingWith("must be at most 256 characters");
            assertThat(response(field, longest).toString()).as(field).isNotEmpty();
        }
        String longestComment = "z".repeat(SurveyResponse.MAX_COMMENT_LENGTH);
        assertThat(SurveyResponse.builder("c", "s", Responses.T0).rating(3, Responses.T0).comment(longestComment)
                .build().comment()).hasValue(longestComment);
    }

    @Test
    void aSegmentIsComparedFromExactlyTheMinimumSampleOnBothSides() {
        List<SurveyResponse> all = new ArrayList<>(Responses.ratings("ann", 5, 5));
        all.addAll(Responses.ratings("bob", 1, 5));
        all.addAll(Responses.ratings("cy", 3, 4));
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).minimumSample(5)
                .build(), all);
        Segment ann = report.segments().get(0);
        assertThat(ann.key().toString()).isEqualTo("agent=ann");
        assertThat(ann.vsRest()).isInstanceOf(VsRest.Compared.class);
        assertThat(report.segments().get(2).key().get(Dimension.AGENT)).isEqualTo("cy");
        assertThat(report.segments().get(2).vsRest()).isEqualTo(new VsRest.TooFewResponses(4, 10, 5));
        Report overall = Report.of(ReportSpec.builder(RatingScales.fivePoint()).build(), all);
        assertThat(overall.overall().sent()).isEqualTo(14);
    }

    @Test
    void lowScoresTiedOnEveryTimeAndIdAreOrderedByScoreNotByItsText() {
        // Same ids and times, scores 9 and 10 on a 2–12 scale: as text "10" sorts before "9".
        RatingScale twelve = RatingScale.builder("twelve").numeric(2, 12).build();
        SurveyResponse nine = SurveyResponse.builder("c", "nps", Responses.T0).rating(9, Responses.T0).build();
        SurveyResponse ten = SurveyResponse.builder("c", "nps", Responses.T0).rating(10, Responses.T0).build();
        Report report = Report.of(ReportSpec.builder(twelve).lowScores(10).build(),
                List.of(nine, ten));
        assertThat(report.lowScores()).containsExactly(ten, nine);
        assertThat(Report.of(ReportSpec.builder(twelve).lowScores(10).build(), List.of(ten, nine))
                .lowScores()).containsExactly(ten, nine);
    }

    private static SurveyResponse response(String field, String value) {
        Optional<String> v = Optional.of(value);
        Optional<String> none = Optional.empty();
        return new SurveyResponse("c", "s", field.equals("channel") ? v : none, field.equals("agent") ? v : none,
                field.equals("team") ? v : none, field.equals("entryPoint") ? v : none, Optional.empty(),
                field.equals("caseType") ? v : none, Responses.T0, Optional.empty(), OptionalInt.empty(),
                Optional.empty(), false, false);
    }
}
