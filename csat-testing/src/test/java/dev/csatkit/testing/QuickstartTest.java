package dev.csatkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, taken from README.md itself: it compiles as it stands, against what a
 * host depending on csat-core and csat-testing gets and nothing more, and prints what the README
 * says it prints, on the class path and on the module path (with the module-info.java of
 * docs/embedding.md).
 */
class QuickstartTest {

    private static final Pattern JAVA = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TEXT = Pattern.compile("```text\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** The project root: the nearest directory up from here that holds README.md. */
    static Path root() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("README.md"))) {
            d = d.getParent();
        }
        assertThat(d).as("the project root, with README.md").isNotNull();
        return d;
    }

    /** The text of a section: from its heading to the next heading of its level or above. */
    static String section(Path file, String heading) throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as("%s has the section %s", file.getFileName(), heading).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = text.indexOf("\n" + level, start + heading.length() + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    static String block(Pattern kind, String section, String what) {
        Matcher m = kind.matcher(section);
        assertThat(m.find()).as("a code block with %s", what).isTrue();
        return m.group(1);
    }

    /** The run-time class path of a host with csat-core and csat-testing, as Maven resolved it. */
    static List<String> hostPath() throws IOException {
        String file = System.getProperty("csat.host.classpath");
        assertThat(file).as("system property csat.host.classpath, set by the module's POM").isNotNull();
        List<String> path = new ArrayList<>(List.of(Files.readString(Path.of(file)).strip().split(File.pathSeparator)));
        path.add(0, System.getProperty("csat.testing.classes"));
        return path;
    }

    record Ran(int code, String out, String err) {
    }

    static Ran java(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out.txt").toFile()).redirectError(workDir.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the quickstart ends within a minute").isTrue();
        return new Ran(p.exitValue(), Files.readString(workDir.resolve("out.txt")),
                Files.readString(workDir.resolve("err.txt")));
    }

    static void compile(List<String> options, List<Path> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(options);
        // As pasted, with every warning an error: a quickstart must not greet its reader with one.
        args.addAll(List.of("-Xlint:all", "-Werror"));
        sources.forEach(s -> args.add(s.toString()));
        int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(code).as("javac says:%n%s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void theReadmeQuickstartCompilesAndPrintsWhatTheReadmeSaysOnTheClassPath() throws Exception {
        String section = section(root().resolve("README.md"), "## Embed it in five minutes");
        String code = block(JAVA, section, "the quickstart class");
        String expected = block(TEXT, section, "what the quickstart prints");
        Path source = dir.resolve("src/com/example/Quickstart.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, code);
        Path classes = dir.resolve("classes");
        String classPath = String.join(File.pathSeparator, hostPath());

        compile(List.of("--release", "17", "-classpath", classPath, "-d", classes.toString()), List.of(source));
        Ran run = java(dir, "-cp", classes + File.pathSeparator + classPath, "com.example.Quickstart");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expected);
        assertThat(run.err()).as("standard error holds only SLF4J's notice, as docs/embedding.md shows it")
                .isEqualTo(block(TEXT, section(root().resolve("docs/embedding.md"),
                        "## Logging: \"No SLF4J providers were found\""), "SLF4J's notice"));
    }

    @Test
    void theReadmeQuickstartRunsOnTheModulePath() throws Exception {
        String section = section(root().resolve("README.md"), "## Embed it in five minutes");
        String code = block(JAVA, section, "the quickstart class");
        String expected = block(TEXT, section, "what the quickstart prints");
        String moduleInfo = block(JAVA, section(root().resolve("docs/embedding.md"), "## On the module path"),
                "the host's module-info.java");
        Path src = dir.resolve("src");
        Path source = src.resolve("com/example/Quickstart.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, code);
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Path classes = dir.resolve("mods/com.example");
        String modulePath = String.join(File.pathSeparator, hostPath());

        compile(List.of("--release", "17", "--module-path", modulePath, "-d", classes.toString()),
                List.of(src.resolve("module-info.java"), source));
        Ran run = java(dir, "--module-path", classes + File.pathSeparator + modulePath, "--module",
                "com.example/com.example.Quickstart");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expected);
        assertThat(run.err()).as("no module resolved as an automatic one from its file name")
                .doesNotContain("automatic module", "Exception");
    }

    @Test
    void theHostPomInTheDocsUsesTheBuildsPluginVersions() throws IOException {
        String pom = block(Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL),
                section(root().resolve("docs/embedding.md"), "## The host POM"), "the host POM");
        String parent = Files.readString(root().resolve("pom.xml"));
        for (String plugin : List.of("compiler-plugin", "surefire-plugin")) {
            Matcher m = Pattern.compile("<" + plugin + ".version>([^<]+)<").matcher(parent);
            assertThat(m.find()).isTrue();
            assertThat(pom).as("the host POM names maven-%s %s", plugin, m.group(1))
                    .contains("<artifactId>maven-" + plugin + "</artifactId>\n        <version>" + m.group(1) + "</version>");
        }
        assertThat(pom).contains("<artifactId>csat-bom</artifactId>", "<artifactId>csat-core</artifactId>",
                "<artifactId>csat-testing</artifactId>", "<scope>import</scope>");
        assertThat(pom.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
}
