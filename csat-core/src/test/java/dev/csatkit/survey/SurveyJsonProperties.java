package dev.csatkit.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.scale.RatingScale;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class SurveyJsonProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Provide
    Arbitrary<SurveyDefinition> definitions() {
        return SurveyArbitraries.definition();
    }

    @Provide
    Arbitrary<RatingScale> scales() {
        return SurveyArbitraries.customScale();
    }

    @Property(tries = 500)
    void everyValidDefinitionRoundTripsThroughJson(@ForAll("definitions") SurveyDefinition definition) {
        String json = SurveyJson.toJson(definition);
        assertThat(SurveyJson.fromJson(json)).isEqualTo(definition);
        // Writing is deterministic, so a stored definition never churns.
        assertThat(SurveyJson.toJson(SurveyJson.fromJson(json))).isEqualTo(json);
    }

    @Property(tries = 500)
    void everyValidCustomScaleRoundTripsInsideADefinition(@ForAll("scales") RatingScale scale) {
        SurveyDefinition d = SurveyDefinitionTest.sms().channels(dev.csatkit.channels.spi.ChannelKind.CHAT)
                .scale(scale).build();
        assertThat(SurveyJson.fromJson(SurveyJson.toJson(d)).scale()).isEqualTo(scale);
    }

    /** One way of breaking a valid document, and the JSON path the error must name. */
    record Breakage(String path, Consumer<ObjectNode> apply) {
        @Override
        public String toString() {
            return path;
        }
    }

    @Provide
    Arbitrary<Breakage> breakages() {
        return Arbitraries.of(
                new Breakage("$.id", root -> root.put("id", "has space")),
                new Breakage("$.id", root -> root.remove("id")),
                new Breakage("$.name", root -> root.put("name", "Rate us!")),
                new Breakage("$.name", root -> root.put("name", "")),
                new Breakage("$.name", root -> root.put("name", 42)),
                new Breakage("$.channels", root -> root.putArray("channels")),
                new Breakage("$.channels[0]", root -> root.putArray("channels").add("PIGEON")),
                new Breakage("$.defaultLocale", root -> root.put("defaultLocale", "!!")),
                new Breakage("$.messages", root -> root.put("defaultLocale", "nl")),
                new Breakage("$.onMissingLanguage", root -> root.put("onMissingLanguage", "GUESS")),
                new Breakage("$.keypadAnswerWindow", root -> root.put("keypadAnswerWindow", "PT2M")),
                new Breakage("$.customPlaceholders", root -> root.putArray("customPlaceholders").add("Bad Name")),
                new Breakage("$.extra", root -> root.put("extra", true)),
                new Breakage("$.scale", root -> root.put("scale", "nine")),
                new Breakage("$.scale.points", root -> root.putObject("scale").put("id", "x").putArray("points")),
                new Breakage("$.messages", root -> root.putObject("messages")),
                new Breakage("$.messages.en.prompt", root -> firstMessages(root).put("prompt", "Rate {us")),
                new Breakage("$.messages.en.thankYou", root -> firstMessages(root).remove("thankYou")),
                new Breakage("$.messages.en.reminder", root -> firstMessages(root).put("reminder", "Hi {nobody.knows}")),
                new Breakage("$.messages.en.confirmation", root -> firstMessages(root).put("confirmation", " ")),
                new Breakage("$.messages.en.keypad", root -> firstMessages(root).putObject("keypad")),
                new Breakage("$.messages.en.bogus", root -> firstMessages(root).put("bogus", "x")),
                new Breakage("$.moreQuestions", root -> root.put("moreQuestions", "effort")),
                new Breakage("$.moreQuestions[0].id", root -> question(root, "Effort", "five")),
                new Breakage("$.moreQuestions[0].id", root -> question(root, "csat", "five")),
                new Breakage("$.moreQuestions[0].scale", root -> question(root, "effort", "nine")),
                new Breakage("$.moreQuestions[0].messages.en.prompt", root -> ((ObjectNode) question(root, "effort",
                        "five").get("messages").get("en")).put("prompt", "Rate {us")),
                new Breakage("$.moreQuestions[0].skippable", root -> question(root, "effort", "five")
                        .put("skippable", "sometimes")),
                new Breakage("$.moreQuestions[0].bogus", root -> question(root, "effort", "five").put("bogus", 1)));
    }

    /** Replaces the further questions with one, asked in English only, as the breakages leave the survey. */
    private static ObjectNode question(ObjectNode root, String id, String scale) {
        ObjectNode q = root.putArray("moreQuestions").addObject();
        q.put("id", id).put("scale", scale).putObject("messages").putObject("en").put("prompt", "How easy was it?");
        return q;
    }

    /** Moves the default locale's messages under "en" so that breakages have a stable path. */
    private static ObjectNode firstMessages(ObjectNode root) {
        return (ObjectNode) root.get("messages").get("en");
    }

    @Property(tries = 1000)
    void everyBrokenDocumentIsRejectedNamingTheField(@ForAll("definitions") SurveyDefinition definition,
            @ForAll("breakages") Breakage breakage) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(SurveyJson.toJson(definition));
        ObjectNode messages = (ObjectNode) root.get("messages");
        JsonNode defaults = messages.get(root.get("defaultLocale").asText());
        messages.removeAll();
        messages.set("en", defaults);
        root.put("defaultLocale", "en");
        breakage.apply().accept(root);

        Throwable thrown = catchThrowable(() -> SurveyJson.fromJson(MAPPER.writeValueAsString(root)));
        assertThat(thrown).isInstanceOf(InvalidDefinitionException.class);
        List<String> fields = ((InvalidDefinitionException) thrown).violations().stream().map(Violation::field).toList();
        assertThat(fields).as(thrown.getMessage()).anyMatch(f -> f.startsWith(breakage.path()));
        assertThat(thrown.getMessage()).contains(breakage.path());
    }

    @Property(tries = 2000)
    void anyTextIsEitherADefinitionOrATypedError(@ForAll @StringLength(max = 300) String text) {
        Throwable thrown = catchThrowable(() -> SurveyJson.fromJson(text));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidDefinitionException.class);
            assertThat(((InvalidDefinitionException) thrown).violations()).isNotEmpty();
        }
    }

    @Property(tries = 300)
    void anyJsonShapedTextIsEitherADefinitionOrATypedError(@ForAll("definitions") SurveyDefinition definition,
            @ForAll("cuts") int cut) {
        String json = SurveyJson.toJson(definition);
        String damaged = json.substring(0, Math.min(cut, json.length()));
        Throwable thrown = catchThrowable(() -> SurveyJson.fromJson(damaged));
        if (damaged.length() < json.length()) {
            assertThat(thrown).isInstanceOf(InvalidDefinitionException.class);
        }
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 4000);
    }
}
