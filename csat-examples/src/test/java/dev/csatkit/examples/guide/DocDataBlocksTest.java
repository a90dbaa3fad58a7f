package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.guide.DocBlocks.Block;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import dev.csatkit.survey.SurveyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The data blocks of the docs/ pages (JSON documents, POM text) are what the code reads and the build publishes. */
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
    void everyCsatKitArtifactTheXmlBlocksNameIsInTheBom() throws IOException {
        String bom = Files.readString(ReadmeSnippets.root().resolve("csat-bom/pom.xml"));
        List<Block> xml = DocBlocks.all().stream().filter(b -> b.kind().equals("xml")).toList();
        assertThat(xml).as("the embedding and PostgreSQL pages show POM text").hasSizeGreaterThanOrEqualTo(2);
        List<String> missing = new ArrayList<>();
        for (Block b : xml) {
            Matcher m = Pattern.compile("<artifactId>(csat-[a-z-]+)</artifactId>").matcher(b.text());
            while (m.find()) {
                if (!m.group(1).equals("csat-bom") && !bom.contains("<artifactId>" + m.group(1) + "</artifactId>")) {
                    missing.add(b.where() + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).as("artifacts the pages name that csat-bom does not manage").isEmpty();
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
