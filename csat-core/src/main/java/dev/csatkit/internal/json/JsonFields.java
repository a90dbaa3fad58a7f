package dev.csatkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.csatkit.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads one JSON object field by field, reporting every type error, missing field and unknown
 * field with its JSON path ({@code $.messages.fr.prompt}).
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final Checks checks;
    private final Set<String> known = new TreeSet<>();

    private JsonFields(JsonNode node, String path, Checks checks) {
        this.node = node;
        this.path = path;
        this.checks = checks;
    }

    /** @return a reader for {@code node}, or empty (with a violation) when it is not an object */
    static Optional<JsonFields> of(JsonNode node, String path, Checks checks) {
        if (!checks.check(node.isObject(), path, describe(node), "must be a JSON object")) {
            return Optional.empty();
        }
        return Optional.of(new JsonFields(node, path, checks));
    }

    String path(String field) {
        return path + "." + field;
    }

    Optional<JsonNode> optional(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<JsonNode> required(String field) {
        Optional<JsonNode> value = optional(field);
        checks.check(value.isPresent(), path(field), null, "is required");
        return value;
    }

    Optional<String> text(String field, boolean required) {
        Optional<JsonNode> value = required ? required(field) : optional(field);
        return value.filter(v -> checks.check(v.isTextual(), path(field), describe(v), "must be a string"))
                .map(JsonNode::textValue);
    }

    Optional<Boolean> bool(String field, boolean required) {
        Optional<JsonNode> value = required ? required(field) : optional(field);
        return value.filter(v -> checks.check(v.isBoolean(), path(field), describe(v), "must be true or false"))
                .map(JsonNode::booleanValue);
    }

    Optional<Integer> integer(String field, boolean required) {
        Optional<JsonNode> value = required ? required(field) : optional(field);
        return value.filter(v -> checks.check(v.isIntegralNumber() && v.canConvertToInt(), path(field),
                describe(v), "must be a whole number")).map(JsonNode::intValue);
    }

    /** Reads an array, handing each element to {@code each} with its path. */
    Optional<List<JsonNode>> array(String field, boolean required, int maxSize) {
        Optional<JsonNode> value = required ? required(field) : optional(field);
        if (value.isEmpty() || !checks.check(value.get().isArray(), path(field), describe(value.get()),
                "must be a JSON array")) {
            return Optional.empty();
        }
        if (!checks.check(value.get().size() <= maxSize, path(field), value.get().size() + " elements",
                "must have at most " + maxSize + " elements")) {
            return Optional.empty();
        }
        List<JsonNode> elements = new ArrayList<>();
        value.get().forEach(elements::add);
        return Optional.of(elements);
    }

    Optional<List<String>> strings(String field, boolean required, int maxSize) {
        return array(field, required, maxSize).map(elements -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                JsonNode e = elements.get(i);
                if (checks.check(e.isTextual(), path(field) + "[" + i + "]", describe(e), "must be a string")) {
                    out.add(e.textValue());
                }
            }
            return out;
        });
    }

    /** Reads an object whose keys are data (locale tags), handing each entry to {@code each}. */
    void entries(String field, boolean required, int maxSize, Consumer<Map.Entry<String, JsonNode>> each) {
        Optional<JsonNode> value = required ? required(field) : optional(field);
        if (value.isEmpty() || !checks.check(value.get().isObject(), path(field), describe(value.get()),
                "must be a JSON object")) {
            return;
        }
        if (checks.check(value.get().size() <= maxSize, path(field), value.get().size() + " entries",
                "must have at most " + maxSize + " entries")) {
            value.get().properties().forEach(each);
        }
    }

    /** Reports every field that was never asked for. */
    void rejectUnknown() {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                checks.add(path(name), name, "unknown field; expected one of " + known);
            }
        });
    }

    /** A value for an error message: strings as themselves (quoted there), anything else as raw JSON. */
    static Object describe(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        String text = node.toString();
        return new RawJson(text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }

    /** Raw JSON shown unquoted in a violation. */
    private record RawJson(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
