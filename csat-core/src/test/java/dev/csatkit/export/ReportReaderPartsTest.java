package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.ReportSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report reader's header and segment numbering on their own, with the numbers they hand out pinned. */
class ReportReaderPartsTest {

    @Test
    void aHeaderFindsItsColumnsWhateverTheirCaseOrderAndPadding() {
        ResponseHeader h = ResponseHeader.of(List.of("\uFEFFScore", " sent_at ", "", "extra", "SURVEY_ID",
                "interaction_id"));
        assertThat(h.cells()).isEqualTo(6);
        assertThat(h.cellOf(ResponseRows.SCORE)).isZero();
        assertThat(h.cellOf(ResponseRows.SENT_AT)).isEqualTo(1);
        assertThat(h.cellOf(ResponseRows.SURVEY_ID)).isEqualTo(4);
        assertThat(h.cellOf(ResponseRows.INTERACTION_ID)).isEqualTo(5);
        assertThat(h.cellOf(ResponseRows.AGENT)).isEqualTo(-1);
        // One slot per known column, the keys column last.
        assertThat(h).hasToString("ResponseHeader[cells=6, index=[5, 4, -1, -1, -1, -1, -1, -1, 1, -1, 0, -1, -1, -1,"
                + " -1, -1, -1, -1, -1]]");
        ResponseHeader same = ResponseHeader.of(List.of("score", "sent_at", "", "extra", "survey_id", "interaction_id"));
        assertThat(h).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(h).isNotEqualTo(ResponseHeader.of(List.of("score", "sent_at", "", "survey_id", "interaction_id")));
        assertThat(h).isNotEqualTo(ResponseHeader.of(List.of("score", "sent_at", "", "extra", "survey_id",
                "interaction_id", "")));
        assertThat(h).isNotEqualTo("ResponseHeader");
    }

    @Test
    void aHeaderNamesEveryColumnItLacksAndEveryOneNamedTwice() {
        assertThatThrownBy(() -> ResponseHeader.of(List.of("survey_id", "Survey_Id", "agent", "agent")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("names column survey_id twice (columns 1 and 2); each column must be named once")
                .hasMessageContaining("names column agent twice (columns 3 and 4)")
                .hasMessageContaining("has no column interaction_id")
                .hasMessageContaining("has no column sent_at")
                .hasMessageContaining("has no column score")
                .message().doesNotContain("has no column survey_id");
        assertThat(ResponseHeader.empty()).hasMessageContaining(
                "the file is empty; the first row must name the columns, such as interaction_id,survey_id,sent_at,score");
    }

    @Test
    void oneDimensionNumbersSegmentsByValue() {
        SegmentSpace space = new SegmentSpace(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).build());
        assertThat(space.valueIsSegment()).isTrue();
        assertThat(space.single()).isFalse();
        assertThat(space.valueId("ann")).isZero();
        assertThat(space.valueId("bob")).isEqualTo(1);
        assertThat(space.valueId("ann")).isZero();
        assertThat(space.segmentId(new int[] {1}, 99)).isEqualTo(1);
        assertThat(space.size()).isEqualTo(2);
        assertThat(space.values(1)).containsExactly("bob");
        assertThat(space.period(1)).isZero();
    }

    @Test
    void noDimensionIsOneSegment() {
        SegmentSpace space = new SegmentSpace(ReportSpec.builder(RatingScales.fivePoint()).build());
        assertThat(space.single()).isTrue();
        assertThat(space.valueIsSegment()).isFalse();
        assertThat(space.size()).isEqualTo(1);
        assertThat(space.segmentId(new int[0], 0)).isZero();
        assertThat(space.values(0)).isEmpty();
    }

    @Test
    void severalDimensionsAndPeriodsNumberEachCombinationOnce() {
        SegmentSpace space = new SegmentSpace(ReportSpec.builder(RatingScales.fivePoint())
                .by(Dimension.AGENT, Dimension.TEAM).period(Period.DAY).build());
        assertThat(space.single()).isFalse();
        assertThat(space.valueIsSegment()).isFalse();
        assertThat(space.size()).isZero();
        int ann = space.valueId("ann");
        int blue = space.valueId("blue");
        assertThat(space.segmentId(new int[] {ann, blue}, 7)).isZero();
        assertThat(space.segmentId(new int[] {blue, ann}, 7)).isEqualTo(1);
        assertThat(space.segmentId(new int[] {ann, blue}, 8)).isEqualTo(2);
        assertThat(space.segmentId(new int[] {ann, blue}, 7)).isZero();
        assertThat(space.size()).isEqualTo(3);
        assertThat(space.values(1)).containsExactly("blue", "ann");
        assertThat(space.period(2)).isEqualTo(8);
    }

    @Test
    void withoutAPeriodThePeriodGivenIsIgnored() {
        SegmentSpace space = new SegmentSpace(ReportSpec.builder(RatingScales.fivePoint())
                .by(Dimension.AGENT, Dimension.TEAM).build());
        assertThat(space.segmentId(new int[] {0, 1}, 7)).isZero();
        assertThat(space.segmentId(new int[] {0, 1}, 8)).isZero();
        assertThat(space.period(0)).isZero();
        assertThat(space.questionSegmentId("effort", new int[] {0, 1}, 5)).isZero();
        assertThat(space.questionSegmentId("effort", new int[] {0, 1}, 6)).isZero();
        assertThat(space.questionPeriod(0)).isZero();
    }

    @Test
    void furtherQuestionsAreNumberedApart() {
        SegmentSpace space = new SegmentSpace(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT)
                .period(Period.DAY).build());
        int ann = space.valueId("ann");
        int bob = space.valueId("bob");
        assertThat(space.segmentId(new int[] {ann}, 3)).isZero();
        assertThat(space.questionSegmentId("effort", new int[] {ann}, 3)).isZero();
        assertThat(space.questionSegmentId("effort", new int[] {bob}, 3)).isEqualTo(1);
        assertThat(space.questionSegmentId("ease", new int[] {ann}, 3)).isEqualTo(2);
        assertThat(space.questionSegmentId("effort", new int[] {ann}, 4)).isEqualTo(3);
        assertThat(space.questionSegmentId("effort", new int[] {bob}, 3)).isEqualTo(1);
        assertThat(space.questionSegments()).isEqualTo(4);
        assertThat(space.question(2)).isEqualTo("ease");
        assertThat(space.questionValues(1)).containsExactly("bob");
        assertThat(space.questionPeriod(3)).isEqualTo(4);
        assertThat(space.size()).isEqualTo(1);
    }

    @Test
    void aSegmentKeyNamesItsValuesNumbersAndPeriod() {
        assertThat(new SegmentSpace.Key(new int[] {3, 0}, 7)).hasToString("[3, 0]@7");
        assertThat(new SegmentSpace.Key(new int[0], 0)).hasToString("[]@0");
    }
}
