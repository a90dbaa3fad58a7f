package dev.csatkit.channel;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An HTML template with named slots, the form every page and email a customer sees is written
 * in. The syntax is a small, logic-less subset of Mustache:
 *
 * <ul>
 *   <li>{@code {{name}}} writes the slot's value, HTML-escaped ({@code & < > " '}); there is no
 *       way to write a value unescaped, so no text a customer or an administrator typed can
 *       become markup;</li>
 *   <li>{@code {{#name}}…{{/name}}} writes its content once for each item when the slot holds a
 *       list, once when it holds {@code true} or a non-empty text, and not at all otherwise;
 *       inside, the item's slots are looked up first, then the enclosing ones;</li>
 *   <li>{@code {{^name}}…{{/name}}} writes its content only when {@code {{#name}}} would not;</li>
 *   <li>{@code {{!…}}} is a comment.</li>
 * </ul>
 *
 * <p>Slot names are letters, digits, {@code _} and {@code .} ({@code brand.color}). A slot with
 * no value writes nothing. Templates are checked when parsed: an unclosed or mismatched section,
 * or a malformed tag, is reported with its line.
 */
public final class HtmlTemplate {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*");
    /** The longest template source, in characters. */
    public static final int MAX_SOURCE_LENGTH = 256 * 1024;

    private final String name;
    private final String source;
    private final List<Node> nodes;
    private final Set<String> slots;

    private sealed interface Node permits Text, Slot, Section {
    }

    private record Text(String text) implements Node {
    }

    private record Slot(String name) implements Node {
    }

    private record Section(String name, boolean inverted, List<Node> body) implements Node {
    }

    private HtmlTemplate(String name, String source, List<Node> nodes, Set<String> slots) {
        this.name = name;
        this.source = source;
        this.nodes = nodes;
        this.slots = slots;
    }

    /**
     * Parses a template.
     *
     * @param name what the template is, for error messages, such as {@code page}
     * @param source the template text
     * @return the template
     * @throws InvalidConfigurationException naming the template, the line and the broken rule
     */
    public static HtmlTemplate parse(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new InvalidConfigurationException(Violation.of("templates." + name, source.length() + " characters",
                    "must be at most " + MAX_SOURCE_LENGTH + " characters"));
        }
        Set<String> slots = new LinkedHashSet<>();
        List<List<Node>> stack = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<Boolean> inverted = new ArrayList<>();
        List<Integer> openedAt = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int tag = source.indexOf("{{", at);
            if (tag < 0) {
                current.add(new Text(source.substring(at)));
                break;
            }
            if (tag > at) {
                current.add(new Text(source.substring(at, tag)));
            }
            int end = source.indexOf("}}", tag + 2);
            if (end < 0) {
                throw broken(name, source, tag, source.substring(tag, Math.min(source.length(), tag + 20)),
                        "a tag opened with {{ must be closed with }}");
            }
            String inside = source.substring(tag + 2, end).strip();
            at = end + 2;
            if (inside.startsWith("!")) {
                continue;
            }
            char kind = inside.isEmpty() ? ' ' : inside.charAt(0);
            String slot = kind == '#' || kind == '^' || kind == '/' ? inside.substring(1).strip() : inside;
            if (!NAME.matcher(slot).matches()) {
                throw broken(name, source, tag, "{{" + inside + "}}",
                        "must be {{name}}, {{#name}}, {{^name}} or {{/name}} with a name of letters, digits, _ and .");
            }
            slots.add(slot);
            switch (kind) {
                case '#', '^' -> {
                    stack.add(current);
                    open.add(slot);
                    inverted.add(kind == '^');
                    openedAt.add(tag);
                    current = new ArrayList<>();
                }
                case '/' -> {
                    if (open.isEmpty() || !open.get(open.size() - 1).equals(slot)) {
                        throw broken(name, source, tag, "{{/" + slot + "}}", open.isEmpty()
                                ? "closes a section that was never opened"
                                : "must close the open section {{#" + open.get(open.size() - 1) + "}} first");
                    }
                    int last = open.size() - 1;
                    Section section = new Section(slot, inverted.remove(last), List.copyOf(current));
                    open.remove(last);
                    openedAt.remove(last);
                    current = stack.remove(last);
                    current.add(section);
                }
                default -> current.add(new Slot(slot));
            }
        }
        if (!open.isEmpty()) {
            int last = open.size() - 1;
            throw broken(name, source, openedAt.get(last), "{{#" + open.get(last) + "}}",
                    "is never closed with {{/" + open.get(last) + "}}");
        }
        return new HtmlTemplate(name, source, List.copyOf(current), Collections.unmodifiableSet(slots));
    }

    private static InvalidConfigurationException broken(String name, String source, int offset, String tag,
            String rule) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return new InvalidConfigurationException(Violation.of("templates." + name + " line " + line, tag, rule));
    }

    /** @return what the template is, such as {@code page} */
    public String name() {
        return name;
    }

    /** @return the template text as given */
    public String source() {
        return source;
    }

    /** @return every slot name the template uses, sections included, in order of first use */
    public Set<String> slots() {
        return slots;
    }

    /**
     * Fills the template in.
     *
     * @param values slot values: a {@link String} (written escaped), a {@link Boolean} (for
     *     sections), or a {@link List} of {@link Map}s (a section written once per item)
     * @return the HTML
     */
    public String render(Map<String, ?> values) {
        StringBuilder out = new StringBuilder(source.length() + 1024);
        List<Map<String, ?>> scopes = new ArrayList<>();
        scopes.add(values);
        write(nodes, scopes, out);
        return out.toString();
    }

    private static void write(List<Node> nodes, List<Map<String, ?>> scopes, StringBuilder out) {
        for (Node node : nodes) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Slot s) {
                Object v = lookup(scopes, s.name());
                if (v instanceof String || v instanceof Number) {
                    escape(v.toString(), out);
                }
            } else {
                Section section = (Section) node;
                Object v = lookup(scopes, section.name());
                boolean truthy = v instanceof Boolean b ? b
                        : v instanceof String str ? !str.isEmpty()
                        : v instanceof List<?> list ? !list.isEmpty()
                        : v != null;
                if (section.inverted()) {
                    if (!truthy) {
                        write(section.body(), scopes, out);
                    }
                } else if (truthy) {
                    if (v instanceof List<?> list) {
                        for (Object item : list) {
                            scopes.add(item instanceof Map<?, ?> m ? cast(m) : Map.of());
                            write(section.body(), scopes, out);
                            scopes.remove(scopes.size() - 1);
                        }
                    } else {
                        write(section.body(), scopes, out);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    private static @Nullable Object lookup(List<Map<String, ?>> scopes, String name) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Object v = scopes.get(i).get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * Escapes text for HTML content and quoted attribute values.
     *
     * @param s any text
     * @return the text with {@code & < > " '} as character references
     */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        escape(s, out);
        return out.toString();
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    /** @return the template's name and size */
    @Override
    public String toString() {
        return "HtmlTemplate[" + name + ", " + source.length() + " characters]";
    }
}
