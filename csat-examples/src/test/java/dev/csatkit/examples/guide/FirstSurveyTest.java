package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README shows exactly the code this test runs. */
class FirstSurveyTest {

    @Test
    void runsAndRendersTheFrenchPrompt() {
        assertThat(FirstSurvey.run()).isEqualTo("Êtes-vous satisfait de l'aide reçue de Acme ? Répondez par un nombre"
                + " de 1 (Très insatisfait) à 5 (Très satisfait).");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        ReadmeSnippets.assertReadmeShows(ReadmeSnippets.guideSource(ReadmeSnippets.root(), FirstSurvey.class),
                "first-survey");
    }
}
