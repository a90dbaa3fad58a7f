package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README shows exactly the code this test runs. */
class FirstSurveyTest {

    static String region(Path source, String tag) throws IOException {
        String text = Files.readString(source);
        int start = text.indexOf("// tag::" + tag + "[]");
        int end = text.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag %s in %s", tag, source).isNotNegative();
        String body = text.substring(text.indexOf('\n', start) + 1, text.lastIndexOf('\n', end) + 1);
        int indent = Arrays.stream(body.split("\n")).filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return Arrays.stream(body.split("\n")).map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                .collect(Collectors.joining("\n"));
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root with README.md").isNotNull();
        return dir;
    }

    @Test
    void runsAndRendersTheFrenchPrompt() {
        assertThat(FirstSurvey.run()).isEqualTo("Êtes-vous satisfait de l'aide reçue de Acme ? Répondez par un nombre"
                + " de 1 (Très insatisfait) à 5 (Très satisfait).");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        Path root = root();
        String code = region(root.resolve("csat-examples/src/main/java/dev/csatkit/examples/guide/FirstSurvey.java"),
                "first-survey");
        assertThat(Files.readString(root.resolve("README.md"))).contains("```java\n" + code + "\n```");
    }
}
