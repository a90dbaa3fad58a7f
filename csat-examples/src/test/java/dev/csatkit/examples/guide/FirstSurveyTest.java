package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The survey definitions page shows exactly the code this test runs. */
class FirstSurveyTest {

    @Test
    void runsAndRendersTheFrenchPrompt() {
        assertThat(FirstSurvey.run()).isEqualTo("Êtes-vous satisfait de l'aide reçue de Acme ? Répondez par un nombre"
                + " de 1 (Très insatisfait) à 5 (Très satisfait).");
    }

    @Test
    void thePageShowsExactlyThisCode() throws IOException {
        ReadmeSnippets.assertPageShows("docs/surveys-and-scales.md",
                ReadmeSnippets.guideSource(ReadmeSnippets.root(), FirstSurvey.class), "first-survey");
    }
}
