package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.guide.DocBlocks.Block;
import java.io.IOException;
import java.time.Instant;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of every page under docs/ compiles, read from the page itself.
 *
 * <p>A block that declares a class is compiled as it stands. Any other block is a fragment: it
 * becomes the body of a method of a generated class. Both see every exported package of CSAT Kit
 * (and the JDK's usual ones) by wildcard imports, as the pages name types without their imports.
 * What a fragment uses and does not declare, the page states in the block's first lines:
 * {@code import} lines, and {@code // Given: Type name; void method(Type a)} lines, which become
 * fields and methods of the generated class (a host's method records its calls in {@link #CALLS},
 * so that a block can be run). The reader's own classes the pages call theirs to write are
 * {@link #GIVEN}. A diagnostic is reported at the page's own line.
 */
class DocsJavaBlocksTest {

    private static final Pattern CLASS_BLOCK =
            Pattern.compile("(?m)^(?:public |final |abstract )*(?:class|interface|record|enum) (\\w+)");
    /** The generated field where a host's method named in a {@code // Given:} line records each call. */
    static final String CALLS = "callsToTheHost";
    private static final Pattern GIVEN_LINE = Pattern.compile("// Given: (.*)");
    private static final Pattern METHOD = Pattern.compile("([\\w.<>\\[\\]?]+) (\\w+)\\((.*)\\)");
    private static final Pattern EXPORTS = Pattern.compile("(?m)^\\s*exports ([\\w.]+);");

    /**
     * The reader's own classes that the pages' class blocks use, which the pages say are the
     * reader's to write (an adapter, a stand-in for a provider, a store): stand-ins with the
     * members the blocks call, nested in the class the fragments extend. Everything else a block
     * uses it declares, or names in a {@code // Given:} line.
     */
    static final Map<String, String> GIVEN = Map.of(
            "docs/channels.md", """
                    class Given {
                        /** "MySmsChannel": the reader's adapter. */
                        static class MySmsChannel extends Stub {
                            MySmsChannel(ChannelContext context, String where) {
                            }
                        }

                        /** "LocalProvider is yours to write, a stand-in for your provider." */
                        abstract static class LocalProvider {
                            static LocalProvider start() {
                                throw new UnsupportedOperationException();
                            }
                            abstract String url();
                            abstract List<Delivery> received();
                            abstract void failNext(ProviderFault fault);
                            abstract void postWebhook(CustomerReply reply);
                        }

                        abstract static class Stub implements Channel {
                            public String id() {
                                throw new UnsupportedOperationException();
                            }
                            public ChannelKind kind() {
                                throw new UnsupportedOperationException();
                            }
                            public ChannelCapabilities capabilities() {
                                throw new UnsupportedOperationException();
                            }
                            public java.util.concurrent.CompletionStage<DeliveryResult> send(OutboundMessage m) {
                                throw new UnsupportedOperationException();
                            }
                        }
                    }
                    """,
            "docs/engine.md", """
                    class Given {
                        /** The reader's store test's own way to a clean database. */
                        static DataSource freshDatabase() {
                            throw new UnsupportedOperationException();
                        }

                        /** "MyStore": the reader's store. */
                        static class MyStore extends ForwardingSurveyStore {
                            MyStore(DataSource database) {
                                super(new InMemorySurveyStore());
                            }
                        }
                    }
                    """);

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String page : DocBlocks.pages()) {
            List<Block> java = DocBlocks.of(page).stream().filter(b -> b.kind().equals("java")).toList();
            if (!java.isEmpty()) {
                tests.add(DynamicTest.dynamicTest(page + " (" + java.size() + " java blocks)",
                        () -> assertThat(compile(page, java, dir.resolve(packageOf(page)))).isEmpty()));
            }
        }
        return tests.stream();
    }

    @Test
    void aBrokenBlockIsReportedAtItsLineOfThePage() throws IOException {
        Block broken = new Block("docs/broken.md", 40, "java", "## Broken", """
                SurveyDefinition survey = SurveyDefinition.builder("a")
                        .nme("b")
                        .build();
                """);
        assertThat(compile("docs/broken.md", List.of(broken), dir)).singleElement().asString()
                .startsWith("docs/broken.md:42: cannot find symbol");
    }

    @Test
    void theReadingRepliesBlockStoresTheRatingItsCommentShows() throws Exception {
        String page = "docs/reading-replies.md";
        List<Block> java = DocBlocks.of(page).stream().filter(b -> b.kind().equals("java")).toList();
        assertThat(java).as("one block, the parser's example").hasSize(1);
        assertThat(compile(page, java, dir)).isEmpty();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> fragments = loader.loadClass(packageOf(page) + ".Fragments");
            Constructor<?> create = fragments.getDeclaredConstructor();
            create.setAccessible(true);
            Object block = create.newInstance();
            Method run = Stream.of(fragments.getDeclaredMethods()).filter(m -> m.getName().startsWith("block"))
                    .findFirst().orElseThrow();
            run.setAccessible(true);
            // What the host has when the block runs: the prompt ended, and a key pressed 3 s later.
            set(block, "promptEnded", Instant.parse("2026-03-02T10:00:00Z"));
            set(block, "pressedAt", Instant.parse("2026-03-02T10:00:03Z"));
            run.invoke(block);
            Field calls = fragments.getDeclaredField(CALLS);
            calls.setAccessible(true);
            // The page: store(r.value(), r.comment());   // 5, Optional["great service, thanks"]
            assertThat(calls.get(block)).asString().isEqualTo("[store(5, Optional[great service, thanks])]");
        }
    }

    private static void set(Object block, String field, Object value) throws ReflectiveOperationException {
        Field f = block.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(block, value);
    }

    static String packageOf(String page) {
        return "docs." + page.substring("docs/".length(), page.length() - ".md".length()).replace('-', '_');
    }

    /**
     * A field or method of a {@code // Given:} line as a member of the generated class: a method
     * of the host records its call when it returns nothing, and throws otherwise.
     */
    static String member(String declaration) {
        Matcher m = METHOD.matcher(declaration);
        if (!m.matches()) {
            return declaration + ";";
        }
        if (!m.group(1).equals("void")) {
            return declaration + " { throw new UnsupportedOperationException(); }";
        }
        List<String> names = new ArrayList<>();
        for (String parameter : m.group(3).split(",(?![^<]*>)")) {
            if (!parameter.isBlank()) {
                names.add(parameter.strip().substring(parameter.strip().lastIndexOf(' ') + 1));
            }
        }
        return declaration + " { " + CALLS + ".add(\"" + m.group(2) + "(\" + "
                + (names.isEmpty() ? "\"\"" : String.join(" + \", \" + ", names)) + " + \")\"); }";
    }

    /** Every exported package of every CSAT Kit module, from the modules' own module-info.java. */
    static List<String> exportedPackages() throws IOException {
        List<String> packages = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ReadmeSnippets.root())) {
            for (Path info : modules.map(m -> m.resolve("src/main/java/module-info.java")).filter(Files::exists)
                    .sorted().toList()) {
                Matcher m = EXPORTS.matcher(Files.readString(info));
                while (m.find()) {
                    packages.add(m.group(1));
                }
            }
        }
        assertThat(packages).contains("dev.csatkit.engine", "dev.csatkit.channels.spi");
        return packages;
    }

    /**
     * Compiles a page's Java blocks and its givens; the diagnostics, each at its page line.
     *
     * @return the errors and warnings, empty when every block compiles cleanly
     */
    static List<String> compile(String page, List<Block> blocks, Path out) throws IOException {
        String pkg = packageOf(page);
        StringBuilder header = new StringBuilder("package " + pkg + ";\n");
        for (String p : exportedPackages()) {
            header.append("import ").append(p).append(".*;\n");
        }
        for (String p : List.of("java.io", "java.net", "java.nio.file", "java.time", "java.util", "javax.sql",
                "com.zaxxer.hikari")) {
            header.append("import ").append(p).append(".*;\n");
        }
        // java.time.Period would make Period ambiguous: the pages mean CSAT Kit's.
        header.append("import dev.csatkit.score.Period;\n");
        // What the givens declare static is seen by class blocks too (a helper of the reader's test).
        header.append("import static ").append(pkg).append(".Given.*;\n");
        int headerLines = (int) header.chars().filter(c -> c == '\n').count();

        Path src = out.resolve("src");
        Files.createDirectories(src);
        List<Path> sources = new ArrayList<>();
        // Generated line where each block starts, per file, to report diagnostics at the page's lines.
        Map<Path, List<int[]>> origins = new java.util.HashMap<>();
        StringBuilder fragments = new StringBuilder();
        StringBuilder pageImports = new StringBuilder();
        java.util.Set<String> givens = new java.util.LinkedHashSet<>();
        List<int[]> fragmentOrigins = new ArrayList<>();
        int fragmentLine = 1;
        boolean anyFragment = false;
        for (Block block : blocks) {
            Block b = block;
            if (b.text().startsWith("module ")) {
                continue; // a host's module-info.java: QuickstartTest compiles and runs it with the quickstart
            }
            Matcher c = CLASS_BLOCK.matcher(b.text());
            if (c.find()) {
                Path file = src.resolve(c.group(1) + ".java");
                Files.writeString(file, header + b.text());
                sources.add(file);
                origins.put(file, List.of(new int[] {headerLines + 1, b.line() + 1}));
            } else {
                anyFragment = true;
                // Imports and givens a fragment shows first are the page's own: they go to the class.
                String text = b.text();
                int skipped = 0;
                while (text.startsWith("import ") || text.startsWith("// Given: ") || text.startsWith("\n")) {
                    String line = text.substring(0, text.indexOf('\n'));
                    if (line.startsWith("import ")) {
                        pageImports.append(line).append('\n');
                    } else if (!line.isEmpty()) {
                        Matcher g = GIVEN_LINE.matcher(line);
                        assertThat(g.matches()).isTrue();
                        for (String declaration : g.group(1).split(";")) {
                            givens.add(member(declaration.strip()));
                        }
                    }
                    text = text.substring(text.indexOf('\n') + 1);
                    skipped++;
                }
                b = new Block(b.page(), b.line() + skipped, b.kind(), b.heading(), text);
                fragments.append("void block").append(b.line()).append("() throws Exception {\n");
                fragmentOrigins.add(new int[] {fragmentLine + 1, b.line() + 1});
                fragments.append(b.text()).append("}\n");
                fragmentLine += 2 + (int) b.text().chars().filter(ch -> ch == '\n').count();
            }
        }
        String given = GIVEN.getOrDefault(page, "class Given {\n}\n");
        Path givenFile = src.resolve("Given.java");
        Files.writeString(givenFile, header + given);
        sources.add(givenFile);
        if (anyFragment) {
            Path file = src.resolve("Fragments.java");
            String top = header.toString() + pageImports + "class Fragments extends Given {\n"
                    + "final List<String> " + CALLS + " = new ArrayList<>();\n" + String.join("\n", givens) + "\n";
            int topLines = (int) top.chars().filter(c -> c == '\n').count();
            Files.writeString(file, top + fragments.append("}\n"));
            sources.add(file);
            origins.put(file, fragmentOrigins.stream().map(o -> new int[] {o[0] + topLines, o[1]}).toList());
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-Xlint:all,-processing", "-Werror", "-proc:none",
                    "-classpath", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "-d", out.resolve("classes").toString());
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.NOTE) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT).lines().collect(Collectors.joining(" | "));
            Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
            List<int[]> starts = file == null ? null : origins.get(file);
            String where = page + " (" + (file == null ? "javac" : file.getFileName()) + ":" + d.getLineNumber() + ")";
            if (starts != null) {
                for (int[] s : starts) {
                    if (d.getLineNumber() >= s[0]) {
                        where = page + ":" + (s[1] + d.getLineNumber() - s[0]);
                    }
                }
            }
            problems.add(where + ": " + message);
        }
        return problems;
    }
}
