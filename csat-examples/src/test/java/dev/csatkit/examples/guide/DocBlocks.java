package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The fenced code blocks of the documentation pages, read from the pages themselves. */
public final class DocBlocks {

    private DocBlocks() {
    }

    /**
     * One fenced block.
     *
     * @param page the page, from the project root ({@code docs/engine.md})
     * @param line the line of the opening fence, counted from 1
     * @param kind what follows the opening fence ({@code java}, {@code text}, or empty)
     * @param heading the nearest heading above the block
     * @param text the lines between the fences, each ending with a line break
     */
    public record Block(String page, int line, String kind, String heading, String text) {

        /** Where the block is, as an editor takes it: {@code docs/engine.md:9}. */
        public String where() {
            return page + ":" + line;
        }
    }

    /** Every page under docs/, by name. */
    public static List<String> pages() throws IOException {
        try (Stream<Path> files = Files.list(ReadmeSnippets.root().resolve("docs"))) {
            return files.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().toList();
        }
    }

    /** The fenced blocks of a page, in order. */
    public static List<Block> of(String page) throws IOException {
        List<String> lines = Files.readAllLines(ReadmeSnippets.root().resolve(page));
        List<Block> blocks = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                heading = line;
            } else if (line.startsWith("```")) {
                StringBuilder text = new StringBuilder();
                int open = i;
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                assertThat(i).as("%s:%d: the block is closed", page, open + 1).isLessThan(lines.size());
                blocks.add(new Block(page, open + 1, line.substring(3).strip(), heading, text.toString()));
            }
        }
        return blocks;
    }

    /** The blocks of every page under docs/. */
    public static List<Block> all() throws IOException {
        List<Block> all = new ArrayList<>();
        for (String page : pages()) {
            all.addAll(of(page));
        }
        return all;
    }
}
