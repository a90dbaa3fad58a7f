package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.guide.DocBlocks.Block;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import dev.csatkit.survey.SurveyJson;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data blocks of the docs/ pages (JSON documents) are what the code reads. */
class DocDataBlocksTest {

    @Test
    void everyJsonBlockIsOneThisTestReads() throws IOException {
        List<Block> json = DocBlocks.all().stream().filter(b -> b.kind().equals("json")).toList();
        assertThat(json).as("the pages show JSON documents").isNotEmpty();
        for (Block b : json) {
            assertThat(b).as("%s: a JSON block the test does not read; add it to %s", b.where(),
                    getClass().getSimpleName()).matches(x -> x.page().equals("docs/several-questions.md"));
        }
    }

    @Test
    void theSurveyWithTwoQuestionsOfThePageReadsAsSuch() throws IOException {
        Block block = DocBlocks.of("docs/several-questions.md").stream().filter(b -> b.kind().equals("json"))
                .findFirst().orElseThrow();
        SurveyDefinition survey = SurveyJson.fromJson(block.text());
        assertThat(survey.id()).isEqualTo("after-chat");
        assertThat(survey.questions()).extracting(Question::id).containsExactly("csat", "effort");
        Question effort = survey.question("effort").orElseThrow();
        assertThat(effort.skippable()).isTrue();
        assertThat(SurveyJson.fromJson(SurveyJson.toJson(survey))).as("written back, it reads the same")
                .isEqualTo(survey);
    }
}
