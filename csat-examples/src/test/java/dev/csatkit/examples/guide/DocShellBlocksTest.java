package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.guide.DocBlocks.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shell blocks of the docs/ pages name what the build has: scripts, benchmark classes, Maven
 * profiles and modules, and the jars the build makes (their names as the POMs give them). The
 * {@code csat} command lines are {@code DocCommandLinesTest}'s.
 */
class DocShellBlocksTest {

    private static final Pattern PATH = Pattern.compile("(?<![\\w/.-])(csat-[a-z-]+/[\\w./-]+)");
    private static final Pattern BENCHMARK = Pattern.compile("\\b([A-Z]\\w*Benchmark|dev\\.csatkit\\.benchmarks\\.\\w+)\\b");
    private static final Pattern PROFILE = Pattern.compile("(?<=\\s)-P(\\w[\\w-]*)");
    private static final Pattern MODULE = Pattern.compile("(?<=\\s)-pl ([\\w,-]+)");

    static List<Block> shellBlocks() throws IOException {
        return DocBlocks.all().stream().filter(b -> b.kind().equals("sh") || b.kind().equals("bash")).toList();
    }

    /** What a shell block names that the repository does not have; empty when it has it all. */
    static List<String> missing(Block b) throws IOException {
        Path root = ReadmeSnippets.root();
        List<String> missing = new ArrayList<>();
        String poms;
        try (Stream<Path> files = Files.walk(root, 2)) {
            StringBuilder all = new StringBuilder();
            for (Path pom : files.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                all.append(Files.readString(pom));
            }
            poms = all.toString();
        }
        Matcher m = PATH.matcher(b.text());
        while (m.find()) {
            String path = m.group(1);
            Matcher jar = Pattern.compile("(csat-[a-z-]+)/target/([\\w-]+)\\.jar").matcher(path);
            if (jar.matches()) {
                String pom = Files.readString(root.resolve(jar.group(1)).resolve("pom.xml"));
                if (!pom.contains("<finalName>" + jar.group(2) + "</finalName>")) {
                    missing.add(path + " (no <finalName>" + jar.group(2) + "</finalName> in " + jar.group(1) + ")");
                }
            } else if (!Files.exists(root.resolve(path))) {
                missing.add(path);
            }
        }
        m = BENCHMARK.matcher(b.text());
        while (m.find()) {
            String name = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
            if (!Files.exists(root.resolve("csat-benchmarks/src/main/java/dev/csatkit/benchmarks/" + name + ".java"))) {
                missing.add("benchmark " + m.group(1));
            }
        }
        m = PROFILE.matcher(b.text());
        while (m.find()) {
            if (!poms.contains("<id>" + m.group(1) + "</id>")) {
                missing.add("profile " + m.group(1));
            }
        }
        m = MODULE.matcher(b.text());
        while (m.find()) {
            for (String module : m.group(1).split(",")) {
                if (!poms.contains("<module>" + module + "</module>")) {
                    missing.add("module " + module);
                }
            }
        }
        return missing;
    }

    @Test
    void everyShellBlockNamesWhatTheBuildHas() throws IOException {
        List<Block> blocks = shellBlocks();
        assertThat(blocks).as("the performance and testing pages show shell commands").hasSizeGreaterThanOrEqualTo(6);
        List<String> wrong = new ArrayList<>();
        for (Block b : blocks) {
            missing(b).forEach(x -> wrong.add(b.where() + ": " + x));
        }
        assertThat(wrong).as("what the pages' shell blocks name and the repository lacks").isEmpty();
    }

    @Test
    void aNameTheBuildLacksIsFoundOut() throws IOException {
        Block wrong = new Block("docs/x.md", 1, "sh", "# X", """
                java -jar csat-benchmarks/target/bench.jar EngineDecidingBenchmark
                csat-benchmarks/report-vs-duckdb.bash
                mvn -B -Pmutations -pl csat-kore verify
                """);
        assertThat(missing(wrong)).containsExactly(
                "csat-benchmarks/target/bench.jar (no <finalName>bench</finalName> in csat-benchmarks)",
                "csat-benchmarks/report-vs-duckdb.bash", "benchmark EngineDecidingBenchmark", "profile mutations",
                "module csat-kore");
    }
}
