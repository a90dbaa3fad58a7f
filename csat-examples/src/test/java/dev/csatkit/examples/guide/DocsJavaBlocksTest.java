package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.guide.DocBlocks.Block;
import java.io.IOException;
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
 * (and the JDK's usual ones) by wildcard imports, as the pages name types without their imports,
 * and the names a page's prose introduces but its code does not declare: {@link #GIVEN}, per page.
 * A diagnostic is reported at the page's own line.
 */
class DocsJavaBlocksTest {

    private static final Pattern CLASS_BLOCK =
            Pattern.compile("(?m)^(?:public |final |abstract )*(?:class|interface|record|enum) (\\w+)");
    private static final Pattern EXPORTS = Pattern.compile("(?m)^\\s*exports ([\\w.]+);");

    /**
     * What each page's blocks use without declaring, because the page's prose says what it is: the
     * host's own engine, survey definitions, channels and the classes a reader writes. Members of
     * a class the fragments' class extends, and top-level stand-ins for the reader's own classes.
     */
    static final Map<String, String> GIVEN = Map.of(
            "docs/channels.md", """
                    class Given {
                        ChannelContext context;
                        byte[] sharedSecret;
                        LinkTokens linkTokens;
                        String text;
                        Channel channel;

                        /** The reader's adapter: "MySmsChannel". */
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
            "docs/contact-centre-features.md", """
                    class Given {
                        SurveyEngine engine;
                        SurveyDefinition afterCall;
                        SurveyDefinition afterChat;
                        SurveyDefinition afterPurchase;
                        Instant acknowledgedAt;
                        Interaction call;
                        RatingScale scale;
                        List<SurveyResponse> responses;
                        Instant from;
                        Instant to;
                        Writer writer;
                    }
                    """,
            "docs/email-and-rating-page.md", """
                    class Given {
                        SurveyDefinition survey;
                        ChannelContext context;
                        LinkTokens linkTokens;
                        SurveyEngine engine;
                        CustomerTemplates templates;
                        Map<String, String> italianTexts;
                    }
                    """,
            "docs/engine.md", """
                    class Given {
                        Clock clock;
                        Channel smsChannel;
                        Channel ivrChannel;
                        SurveyDefinition afterCallSms;
                        SurveyDefinition keypadSurvey;
                        Instant acknowledgedAt;
                        Interaction interaction;
                        InboundReply inboundReply;
                        ReportSpec spec;
                        void review(SurveyEvent.LowScore low) {
                        }
                        static DataSource freshDatabase() {
                            throw new UnsupportedOperationException();
                        }

                        /** The reader's store: "MyStore". */
                        static class MyStore extends ForwardingSurveyStore {
                            MyStore(DataSource database) {
                                super(new InMemorySurveyStore());
                            }
                        }
                    }
                    """,
            "docs/postgresql.md", """
                    class Given {
                        String secret;
                    }
                    """,
            "docs/reading-replies.md", """
                    class Given {
                        Instant promptEnded = Instant.parse("2026-03-02T10:00:00Z");
                        Instant pressedAt = promptEnded.plusSeconds(3);
                        /** What the block hands to the host, for the test that runs it. */
                        final List<String> calls = new ArrayList<>();
                        void store(int value, Optional<String> comment) {
                            calls.add("store(" + value + ", " + comment + ")");
                        }
                        void stopMessaging(List<String> words, boolean certain) {
                            calls.add("stopMessaging(" + words + ", " + certain + ")");
                        }
                        void askAgain(InvalidReason reason, String detail) {
                            calls.add("askAgain(" + reason + ", " + detail + ")");
                        }
                    }
                    """,
            "docs/reports-and-formulas.md", """
                    class Given {
                        List<SurveyResponse> responses;
                        Reader reader;
                        ZoneId zone;
                        ReportSpec spec;
                        void log(String message) {
                        }
                    }
                    """,
            "docs/security.md", """
                    class Given {
                        String newKey;
                        String oldKey;
                        Clock clock;
                        Instant expiresAt;
                    }
                    """,
            "docs/several-questions.md", """
                    class Given {
                        MessageSet english;
                        MessageSet french;
                        SurveyEngine engine;
                        SurveyDefinition survey;
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
            run.invoke(block);
            Field calls = fragments.getSuperclass().getDeclaredField("calls");
            calls.setAccessible(true);
            // The page: store(r.value(), r.comment());   // 5, Optional["great service, thanks"]
            assertThat(calls.get(block)).asString().isEqualTo("[store(5, Optional[great service, thanks])]");
        }
    }

    static String packageOf(String page) {
        return "docs." + page.substring("docs/".length(), page.length() - ".md".length()).replace('-', '_');
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
                // Imports a fragment shows first are the page's own: they go to the file's header.
                String text = b.text();
                int skipped = 0;
                while (text.startsWith("import ")) {
                    pageImports.append(text, 0, text.indexOf('\n') + 1);
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
            String top = header + pageImports.toString() + "class Fragments extends Given {\n";
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
