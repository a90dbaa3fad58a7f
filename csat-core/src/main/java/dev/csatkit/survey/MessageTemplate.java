package dev.csatkit.survey;

import dev.csatkit.CsatException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message with named placeholders: {@code "Thanks for talking to {agent.name}!"}.
 *
 * <p>Syntax: a placeholder is a name in braces, made of lowercase letters, digits and
 * {@code _}, in dot-separated parts that each start with a letter ({@code {agent.name}},
 * {@code {ticket.id}}). {@code {{} and {@code }}} stand for literal braces. Anything else with
 * a brace (an unclosed {@code {}, a lone {@code }}, an empty or malformed name) is rejected
 * when the template is created, with the place (1-based character) of the offending brace.
 *
 * <p>A template only checks its own syntax; which names are allowed is decided by the
 * {@link SurveyDefinition} that uses it (see {@link Placeholders}).
 */
public final class MessageTemplate {

    /** The longest template source, in characters. */
    public static final int MAX_LENGTH = 4096;

    private final String source;
    // Alternating literal text and placeholder names; names are marked by the parallel flags.
    private final List<String> parts;
    private final boolean[] isName;
    private final Set<String> placeholders;

    private MessageTemplate(String source, List<String> parts, boolean[] isName) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.isName = isName;
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            if (isName[i]) {
                names.add(parts.get(i));
            }
        }
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /**
     * Parses a template.
     *
     * @param source the template text
     * @return the template
     * @throws InvalidDefinitionException when the text is too long or a brace is unbalanced or
     *     encloses something that is not a placeholder name
     */
    public static MessageTemplate of(String source) {
        Objects.requireNonNull(source, "source");
        if (source.length() > MAX_LENGTH) {
            throw invalid(source, "must be at most " + MAX_LENGTH + " characters, was " + source.length());
        }
        List<String> parts = new ArrayList<>();
        List<Boolean> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{') {
                if (i + 1 < source.length() && source.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                    continue;
                }
                int close = source.indexOf('}', i + 1);
                int nextOpen = source.indexOf('{', i + 1);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                    throw invalid(source, "unclosed '{' at character " + (i + 1) + " (write '{{' for a literal brace)");
                }
                String name = source.substring(i + 1, close);
                if (!Placeholders.isWellFormed(name)) {
                    throw invalid(source, name.isEmpty()
                            ? "empty placeholder '{}' at character " + (i + 1)
                            : "'{" + name + "}' at character " + (i + 1) + " is not a placeholder name: use lowercase letters,"
                                    + " digits and '_' in dot-separated parts, such as {agent.name}");
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    names.add(false);
                    literal.setLength(0);
                }
                parts.add(name);
                names.add(true);
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < source.length() && source.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                    continue;
                }
                throw invalid(source, "unmatched '}' at character " + (i + 1) + " (write '}}' for a literal brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
            names.add(false);
        }
        boolean[] flags = new boolean[names.size()];
        for (int k = 0; k < flags.length; k++) {
            flags[k] = names.get(k);
        }
        return new MessageTemplate(source, parts, flags);
    }

    private static InvalidDefinitionException invalid(String source, String rule) {
        return new InvalidDefinitionException("message template", Violation.of("", source, rule));
    }

    /** @return the template text exactly as given */
    public String source() {
        return source;
    }

    /** @return the placeholder names used, in order of first use */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** @return whether the template text is blank */
    public boolean isBlank() {
        return source.isBlank();
    }

    /**
     * Fills the placeholders in.
     *
     * @param values a value for every placeholder the template uses
     * @return the finished text
     * @throws CsatException naming the first placeholder that has no value
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (isName[i]) {
                String value = values.get(part);
                if (value == null) {
                    throw new CsatException("No value for placeholder {" + part + "} in message template "
                            + Violation.display(source) + "; given: " + values.keySet());
                }
                out.append(value);
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MessageTemplate other && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** @return the template source */
    @Override
    public String toString() {
        return source;
    }
}
