package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads tagged code regions and checks that a documentation page shows each one as a Java code block. */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /** The code between {@code // tag::<tag>[]} and {@code // end::<tag>[]}, without its common indent. */
    static String region(Path source, String tag) throws IOException {
        String text = Files.readString(source);
        int start = text.indexOf("// tag::" + tag + "[]");
        int end = text.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag %s in %s", tag, source).isNotNegative();
        assertThat(end).as("end of tag %s in %s", tag, source).isGreaterThan(start);
        String body = text.substring(text.indexOf('\n', start) + 1, text.lastIndexOf('\n', end) + 1);
        int indent = Arrays.stream(body.split("\n")).filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return Arrays.stream(body.split("\n")).map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                .collect(Collectors.joining("\n"));
    }

    /** The project root: the nearest directory up from here that holds README.md. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root with README.md, looked for from %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    /** The source file of a guide class, from the project root. */
    static Path guideSource(Path root, Class<?> guide) {
        return root.resolve("csat-examples/src/main/java/" + guide.getName().replace('.', '/') + ".java");
    }

    /**
     * Fails, naming every tag the page does not show exactly, each as a whole {@code ```java} block.
     *
     * @param page the page, from the project root ({@code README.md}, {@code docs/…})
     * @param source the file with the tagged regions
     * @param tags the tags, in the page's order
     */
    static void assertPageShows(String page, Path source, String... tags) throws IOException {
        Path file = root().resolve(page);
        String text = Files.readString(file);
        List<String> missing = new ArrayList<>();
        for (String tag : tags) {
            if (!text.contains("```java\n" + region(source, tag) + "\n```")) {
                missing.add(tag);
            }
        }
        assertThat(missing).as("%s must show each of these regions of %s exactly, as a ```java block;"
                + " copy them from the source", file, source.getFileName()).isEmpty();
    }
}
