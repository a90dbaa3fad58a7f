package dev.csatkit.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.CsatException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Locales;
import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import dev.csatkit.survey.AudioStage;
import dev.csatkit.survey.KeypadAudio;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.MissingLanguage;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.QuestionMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes survey definitions as JSON with Jackson's tree model: no reflection, so the
 * survey package needs no {@code opens}, and every error carries its JSON path.
 */
public final class SurveyCodec {

    /** The largest JSON document accepted, in characters. */
    public static final int MAX_JSON_LENGTH = 1_000_000;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SurveyCodec() {
    }

    /** Writes a definition; presets are written by id, custom scales in full. */
    public static String write(SurveyDefinition d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", d.id());
        root.put("name", d.name());
        if (RatingScales.isPreset(d.scale())) {
            root.put("scale", d.scale().id());
        } else {
            root.set("scale", writeScale(d.scale()));
        }
        ArrayNode channels = root.putArray("channels");
        d.channels().forEach(c -> channels.add(c.name()));
        root.put("defaultLocale", d.defaultLocale().toLanguageTag());
        root.put("onMissingLanguage", d.onMissingLanguage().name());
        root.put("keypadAnswerWindow", d.keypadAnswerWindow().toString());
        ArrayNode custom = root.putArray("customPlaceholders");
        d.customPlaceholders().forEach(custom::add);
        ObjectNode messages = root.putObject("messages");
        d.messages().forEach((locale, set) -> messages.set(locale.toLanguageTag(), writeMessages(set)));
        if (!d.moreQuestions().isEmpty()) {
            // Left out for a one-question survey: its JSON stays what it was before questions.
            ArrayNode more = root.putArray("moreQuestions");
            d.moreQuestions().forEach(q -> more.add(writeQuestion(q)));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new CsatException("Survey definition " + d.id() + " could not be written as JSON", e);
        }
    }

    private static ObjectNode writeScale(RatingScale scale) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", scale.id());
        ArrayNode points = node.putArray("points");
        for (ScalePoint p : scale.points()) {
            ObjectNode point = points.addObject();
            point.put("value", p.value());
            point.put("polarity", p.polarity().name());
            if (!p.labels().isEmpty()) {
                ObjectNode labels = point.putObject("labels");
                p.labels().forEach((locale, label) -> labels.put(locale.toLanguageTag(), label));
            }
            p.emoji().ifPresent(e -> point.put("emoji", e));
        }
        ArrayNode satisfied = node.putArray("satisfied");
        scale.satisfiedValues().forEach(satisfied::add);
        ArrayNode dissatisfied = node.putArray("dissatisfied");
        scale.dissatisfiedValues().forEach(dissatisfied::add);
        return node;
    }

    private static ObjectNode writeQuestion(Question q) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", q.id());
        if (RatingScales.isPreset(q.scale())) {
            node.put("scale", q.scale().id());
        } else {
            node.set("scale", writeScale(q.scale()));
        }
        node.put("skippable", q.skippable());
        ObjectNode messages = node.putObject("messages");
        q.messages().forEach((locale, m) -> {
            ObjectNode words = messages.putObject(locale.toLanguageTag());
            words.put("prompt", m.prompt().source());
            m.invalidReply().ifPresent(t -> words.put("invalidReply", t.source()));
            m.keypadPrompt().ifPresent(stage -> words.set("keypadPrompt", writeStage(stage)));
        });
        return node;
    }

    private static ObjectNode writeStage(AudioStage audio) {
        ObjectNode s = MAPPER.createObjectNode();
        if (audio instanceof AudioStage.Clip clip) {
            s.put("audio", clip.resource());
        } else if (audio instanceof AudioStage.Speech speech) {
            s.put("speech", speech.text().source());
        }
        return s;
    }

    private static ObjectNode writeMessages(MessageSet set) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("prompt", set.prompt().source());
        node.put("confirmation", set.confirmation().source());
        node.put("invalidReply", set.invalidReply().source());
        set.followUp().ifPresent(t -> node.put("followUp", t.source()));
        node.put("thankYou", set.thankYou().source());
        set.optOutInstructions().ifPresent(t -> node.put("optOutInstructions", t.source()));
        set.reminder().ifPresent(t -> node.put("reminder", t.source()));
        set.keypad().ifPresent(k -> {
            ObjectNode keypad = node.putObject("keypad");
            k.stages().forEach((stage, audio) -> keypad.set(stage, writeStage(audio)));
            if (!k.thankYouPlayed()) {
                keypad.put("thankYou", false);
            }
        });
        return node;
    }

    /** Reads a definition, reporting every problem with its JSON path. */
    public static SurveyDefinition read(String json) {
        Checks checks = Checks.of("survey definition JSON");
        if (json.length() > MAX_JSON_LENGTH) {
            checks.add("$", json.length() + " characters", "must be at most " + MAX_JSON_LENGTH + " characters");
            checks.throwIfAny();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException("survey definition JSON", Violation.of("$", json,
                    "is not valid JSON: " + e.getOriginalMessage() + locationOf(e)));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidDefinitionException("survey definition JSON", Violation.of("$", json, "is empty"));
        }
        Optional<JsonFields> fields = JsonFields.of(root, "$", checks);
        if (fields.isEmpty()) {
            checks.throwIfAny();
        }
        JsonFields f = fields.get();
        Optional<String> id = f.text("id", true);
        Optional<String> name = f.text("name", true);
        Optional<RatingScale> scale = f.required("scale").flatMap(n -> readScale(n, f.path("scale"), checks));
        Set<ChannelKind> channels = EnumSet.noneOf(ChannelKind.class);
        f.strings("channels", true, ChannelKind.values().length * 4).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                enumValue(ChannelKind.class, list.get(i), f.path("channels") + "[" + i + "]", checks)
                        .ifPresent(channels::add);
            }
        });
        Optional<Locale> defaultLocale = f.text("defaultLocale", true)
                .flatMap(tag -> locale(tag, f.path("defaultLocale"), checks));
        MissingLanguage onMissing = f.text("onMissingLanguage", false)
                .flatMap(v -> enumValue(MissingLanguage.class, v, f.path("onMissingLanguage"), checks))
                .orElse(MissingLanguage.USE_DEFAULT);
        Duration window = f.text("keypadAnswerWindow", false)
                .flatMap(text -> duration(text, f.path("keypadAnswerWindow"), checks))
                .orElse(SurveyDefinition.DEFAULT_KEYPAD_ANSWER_WINDOW);
        List<String> custom = f.strings("customPlaceholders", false, SurveyDefinition.MAX_CUSTOM_PLACEHOLDERS * 2)
                .orElse(List.of());
        Map<Locale, MessageSet> messages = new LinkedHashMap<>();
        f.entries("messages", true, SurveyDefinition.MAX_LOCALES * 2, entry -> {
            String path = f.path("messages") + "." + entry.getKey();
            Optional<Locale> locale = locale(entry.getKey(), path, checks);
            Optional<MessageSet> set = readMessages(entry.getValue(), path, checks);
            if (locale.isPresent() && set.isPresent()) {
                checks.check(messages.put(locale.get(), set.get()) == null, path, entry.getKey(),
                        "names the same locale as another key");
            }
        });
        List<Question> more = new ArrayList<>();
        f.array("moreQuestions", false, SurveyDefinition.MAX_QUESTIONS * 2).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                readQuestion(list.get(i), f.path("moreQuestions") + "[" + i + "]", checks).ifPresent(more::add);
            }
        });
        f.rejectUnknown();
        checks.throwIfAny();

        Optional<SurveyDefinition> definition = build(checks, "$", () -> new SurveyDefinition(id.orElseThrow(),
                name.orElseThrow(), scale.orElseThrow(), channels, defaultLocale.orElseThrow(), messages,
                new TreeSet<>(custom), onMissing, window, more));
        checks.throwIfAny();
        return definition.orElseThrow();
    }

    private static Optional<Question> readQuestion(JsonNode node, String path, Checks checks) {
        return JsonFields.of(node, path, checks).flatMap(f -> {
            Optional<String> id = f.text("id", true);
            Optional<RatingScale> scale = f.required("scale").flatMap(n -> readScale(n, f.path("scale"), checks));
            boolean skippable = f.bool("skippable", false).orElse(false);
            Map<Locale, QuestionMessages> messages = new LinkedHashMap<>();
            boolean[] ok = {true};
            f.entries("messages", true, SurveyDefinition.MAX_LOCALES * 2, entry -> {
                String at = f.path("messages") + "." + entry.getKey();
                Optional<Locale> locale = locale(entry.getKey(), at, checks);
                Optional<QuestionMessages> words = readQuestionMessages(entry.getValue(), at, checks);
                ok[0] &= locale.isPresent() && words.isPresent();
                if (locale.isPresent() && words.isPresent()) {
                    checks.check(messages.put(locale.get(), words.get()) == null, at, entry.getKey(),
                            "names the same locale as another key");
                }
            });
            f.rejectUnknown();
            if (id.isEmpty() || scale.isEmpty() || !ok[0]) {
                return Optional.empty();
            }
            return build(checks, path, () -> new Question(id.get(), scale.get(), messages, skippable));
        });
    }

    private static Optional<QuestionMessages> readQuestionMessages(JsonNode node, String path, Checks checks) {
        return JsonFields.of(node, path, checks).flatMap(f -> {
            Optional<String> prompt = f.text("prompt", true);
            Optional<String> invalid = f.text("invalidReply", false);
            boolean[] ok = {true};
            Optional<AudioStage> keypad = f.optional("keypadPrompt").flatMap(k -> {
                Optional<AudioStage> stage = readStage(k, f.path("keypadPrompt"), checks);
                ok[0] = stage.isPresent();
                return stage;
            });
            f.rejectUnknown();
            if (prompt.isEmpty() || !ok[0]) {
                return Optional.empty();
            }
            return build(checks, path, () -> {
                QuestionMessages m = QuestionMessages.of(prompt.get());
                if (invalid.isPresent()) {
                    m = m.withInvalidReply(invalid.get());
                }
                return keypad.isPresent() ? m.withKeypadPrompt(keypad.get()) : m;
            });
        });
    }

    private static Optional<RatingScale> readScale(JsonNode node, String path, Checks checks) {
        if (node.isTextual()) {
            Optional<RatingScale> preset = RatingScales.preset(node.textValue());
            checks.check(preset.isPresent(), path, node.textValue(),
                    "must be a preset id " + RatingScales.presetIds() + " or a scale object");
            return preset;
        }
        return JsonFields.of(node, path, checks).flatMap(f -> {
            Optional<String> id = f.text("id", true);
            List<ScalePoint> points = new ArrayList<>();
            boolean[] pointsOk = {true};
            f.array("points", true, RatingScale.MAX_POINTS * 2).ifPresent(list -> {
                for (int i = 0; i < list.size(); i++) {
                    Optional<ScalePoint> p = readPoint(list.get(i), f.path("points") + "[" + i + "]", checks);
                    p.ifPresent(points::add);
                    pointsOk[0] &= p.isPresent();
                }
            });
            Optional<int[]> satisfied = f.array("satisfied", false, RatingScale.MAX_POINTS * 2)
                    .flatMap(list -> ints(list, f.path("satisfied"), checks));
            Optional<int[]> dissatisfied = f.array("dissatisfied", false, RatingScale.MAX_POINTS * 2)
                    .flatMap(list -> ints(list, f.path("dissatisfied"), checks));
            f.rejectUnknown();
            if (id.isEmpty() || !pointsOk[0]) {
                return Optional.empty();
            }
            return build(checks, path, () -> {
                RatingScale.Builder b = RatingScale.builder(id.get()).points(points);
                satisfied.ifPresent(b::satisfied);
                dissatisfied.ifPresent(b::dissatisfied);
                return b.build();
            });
        });
    }

    private static Optional<ScalePoint> readPoint(JsonNode node, String path, Checks checks) {
        return JsonFields.of(node, path, checks).flatMap(f -> {
            Optional<Integer> value = f.integer("value", true);
            Optional<Polarity> polarity = f.text("polarity", true)
                    .flatMap(p -> enumValue(Polarity.class, p, f.path("polarity"), checks));
            Map<Locale, String> labels = new LinkedHashMap<>();
            f.entries("labels", false, SurveyDefinition.MAX_LOCALES * 2, entry -> {
                String labelPath = f.path("labels") + "." + entry.getKey();
                Optional<Locale> locale = locale(entry.getKey(), labelPath, checks);
                boolean text = checks.check(entry.getValue().isTextual(), labelPath,
                        JsonFields.describe(entry.getValue()), "must be a string");
                if (locale.isPresent() && text) {
                    labels.put(locale.get(), entry.getValue().textValue());
                }
            });
            Optional<String> emoji = f.text("emoji", false);
            f.rejectUnknown();
            if (value.isEmpty() || polarity.isEmpty()) {
                return Optional.empty();
            }
            return build(checks, path, () -> new ScalePoint(value.get(), polarity.get(), labels, emoji));
        });
    }

    private static Optional<MessageSet> readMessages(JsonNode node, String path, Checks checks) {
        return JsonFields.of(node, path, checks).flatMap(f -> {
            MessageSet.Builder b = MessageSet.builder();
            f.text("prompt", false).ifPresent(b::prompt);
            f.text("confirmation", false).ifPresent(b::confirmation);
            f.text("invalidReply", false).ifPresent(b::invalidReply);
            f.text("followUp", false).ifPresent(b::followUp);
            f.text("thankYou", false).ifPresent(b::thankYou);
            f.text("optOutInstructions", false).ifPresent(b::optOutInstructions);
            f.text("reminder", false).ifPresent(b::reminder);
            boolean[] keypadOk = {true};
            f.optional("keypad").ifPresent(k -> {
                Optional<KeypadAudio> audio = readKeypad(k, f.path("keypad"), checks);
                audio.ifPresent(b::keypad);
                keypadOk[0] = audio.isPresent();
            });
            f.rejectUnknown();
            // The builder reports missing required messages and template errors, relative to path.
            return keypadOk[0] ? build(checks, path, b::build) : Optional.empty();
        });
    }

    private static Optional<KeypadAudio> readKeypad(JsonNode node, String path, Checks checks) {
        return JsonFields.of(node, path, checks).flatMap(f -> {
            KeypadAudio.Builder b = KeypadAudio.builder();
            boolean ok = true;
            for (String stage : List.of("notice", "ratingPrompt", "thankYou")) {
                Optional<JsonNode> stageNode = f.optional(stage);
                if (stageNode.isEmpty()) {
                    continue;
                }
                if (stage.equals("thankYou") && stageNode.get().isBoolean()) {
                    // false switches the thank-you off; true is the default, the message set's text.
                    if (!stageNode.get().booleanValue()) {
                        b.withoutThankYou();
                    }
                    continue;
                }
                Optional<AudioStage> audio = readStage(stageNode.get(), f.path(stage), checks);
                ok &= audio.isPresent();
                audio.ifPresent(a -> {
                    switch (stage) {
                        case "notice" -> b.notice(a);
                        case "ratingPrompt" -> b.ratingPrompt(a);
                        default -> b.thankYou(a);
                    }
                });
            }
            f.rejectUnknown();
            return ok ? build(checks, path, b::build) : Optional.empty();
        });
    }

    private static Optional<AudioStage> readStage(JsonNode node, String path, Checks checks) {
        return JsonFields.of(node, path, checks).flatMap(f -> {
            Optional<String> audio = f.text("audio", false);
            Optional<String> speech = f.text("speech", false);
            f.rejectUnknown();
            if (!checks.check(audio.isPresent() != speech.isPresent(), path, JsonFields.describe(node),
                    "must have exactly one of \"audio\" (an .mp3 or .wav file) and \"speech\" (text)")) {
                return Optional.empty();
            }
            return build(checks, path, () -> audio.isPresent()
                    ? AudioStage.Clip.of(audio.get()) : AudioStage.Speech.of(speech.get()));
        });
    }

    private static Optional<int[]> ints(List<JsonNode> list, String path, Checks checks) {
        int[] out = new int[list.size()];
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (checks.check(e.isIntegralNumber() && e.canConvertToInt(), path + "[" + i + "]",
                    JsonFields.describe(e), "must be a whole number")) {
                out[i] = e.intValue();
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    private static Optional<Duration> duration(String text, String path, Checks checks) {
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            checks.add(path, text, "must be an ISO-8601 duration such as PT15S");
            return Optional.empty();
        }
    }

    private static Optional<Locale> locale(String tag, String path, Checks checks) {
        Optional<Locale> locale = Locales.parse(tag);
        checks.check(locale.isPresent(), path, tag, "must be a BCP 47 language tag such as en, fr-CA or sv");
        return locale;
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String value, String path,
            Checks checks) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return Optional.of(e);
            }
        }
        checks.add(path, value, "must be one of " + Arrays.toString(type.getEnumConstants()));
        return Optional.empty();
    }

    /** Runs a domain constructor; its violations are recorded under {@code path}. */
    private static <T> Optional<T> build(Checks checks, String path, Supplier<T> constructor) {
        List<@Nullable T> result = new ArrayList<>(1);
        checks.nested(path, () -> result.add(constructor.get()));
        return result.isEmpty() ? Optional.empty() : Optional.ofNullable(result.get(0));
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
