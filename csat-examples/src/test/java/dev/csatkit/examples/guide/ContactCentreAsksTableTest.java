package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The table of docs/contact-centre-features.md saying where CSAT Kit does what each product asks:
 * every class, member and link it names must exist, so a rename cannot leave it pointing nowhere.
 */
class ContactCentreAsksTableTest {

    static final String PAGE = "docs/contact-centre-features.md";
    static final String SECTION = "## What each product asks, and where CSAT Kit does it";
    static final List<String> PACKAGES = List.of("dev.csatkit.engine", "dev.csatkit.survey", "dev.csatkit.scale",
            "dev.csatkit.score", "dev.csatkit.export", "dev.csatkit.store", "dev.csatkit.policy",
            "dev.csatkit.channel", "dev.csatkit.reply", "dev.csatkit.channels.spi", "dev.csatkit.examples.export",
            "java.util.function", "java.time");
    static final Set<String> PRODUCTS = Set.of("Talkdesk", "Sparkcentral", "Kundo", "Ringostat", "Electric");

    /** A class by its simple name (or a qualified one), then members: {@code SurveyProfile.Builder.delay}. */
    static final Pattern NAME = Pattern.compile(
            "\\b((?:dev\\.csatkit\\.[a-z.]+\\.)?[A-Z][a-z][A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)");
    static final Pattern CODE = Pattern.compile("`([^`]+)`");
    static final Pattern LINK = Pattern.compile("\\]\\(([^)#]*)(?:#([^)]*))?\\)");

    static List<String[]> rows() throws IOException {
        String page = Files.readString(ReadmeSnippets.root().resolve(PAGE));
        int from = page.indexOf(SECTION);
        assertThat(from).as("the section %s of %s", SECTION, PAGE).isNotNegative();
        int end = page.indexOf("\n## ", from + SECTION.length());
        List<String[]> rows = new ArrayList<>();
        for (String line : page.substring(from, end < 0 ? page.length() : end).split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| product ")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                assertThat(cells).as("a row of three cells: %s", line).hasSize(3);
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void everyRowNamesAProductAnAskAndWhereItIsDone() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThan(40);
        assertThat(rows).extracting(r -> r[0]).allMatch(PRODUCTS::contains);
        assertThat(rows.stream().map(r -> r[0]).collect(Collectors.toSet())).isEqualTo(PRODUCTS);
        assertThat(rows).allSatisfy(r -> assertThat(r[2]).as("where %s's ask \"%s\" is done", r[0], r[1])
                .containsAnyOf("`", "]("));
    }

    @Test
    void everyClassAndMemberItNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String[] row : rows()) {
            Matcher code = CODE.matcher(row[2]);
            while (code.find()) {
                Matcher name = NAME.matcher(code.group(1));
                while (name.find()) {
                    checked++;
                    String problem = resolve(name.group(1), name.group(2));
                    if (problem != null) {
                        missing.add(row[0] + " / " + row[1] + ": " + name.group() + ": " + problem);
                    }
                }
            }
        }
        assertThat(missing).as("names in the table that the code does not have").isEmpty();
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void everyLinkItHoldsLeadsToAPageAndASectionThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        Path docs = ReadmeSnippets.root().resolve("docs");
        for (String[] row : rows()) {
            Matcher link = LINK.matcher(row[2]);
            while (link.find()) {
                Path page = docs.resolve(link.group(1).isEmpty() ? "contact-centre-features.md" : link.group(1));
                String anchor = link.group(2);
                if (!Files.exists(page)) {
                    broken.add(link.group() + ": no page " + page.getFileName());
                } else if (anchor != null && !anchors(page).contains(anchor)) {
                    broken.add(link.group() + ": no section " + anchor + " in " + page.getFileName());
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /** @return null when the class and each member after it exist, else what is missing */
    static String resolve(String type, String members) {
        Optional<Class<?>> found = type.startsWith("dev.") ? load(type)
                : PACKAGES.stream().map(p -> load(p + "." + type)).flatMap(Optional::stream).findFirst();
        if (found.isEmpty()) {
            return "no class " + type + " in " + String.join(", ", PACKAGES);
        }
        Class<?> c = found.get();
        for (String member : members.isEmpty() ? new String[0] : members.substring(1).split("\\.")) {
            Optional<Class<?>> nested = Arrays.stream(c.getClasses()).filter(n -> n.getSimpleName().equals(member))
                    .findFirst();
            if (nested.isPresent()) {
                c = nested.get();
                continue;
            }
            boolean method = Arrays.stream(c.getMethods()).map(Method::getName).anyMatch(member::equals);
            boolean field = Arrays.stream(c.getFields()).map(Field::getName).anyMatch(member::equals);
            if (!method && !field) {
                return c.getSimpleName() + " has no public " + member;
            }
            break; // what a method returns is not followed
        }
        return null;
    }

    static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The anchors a Markdown renderer gives a page's headings. */
    static Set<String> anchors(Path page) throws IOException {
        return Files.readAllLines(page).stream().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
