package dev.csatkit.examples.engine;

import static dev.csatkit.examples.engine.EndToEnd.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.KeyPress;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.ReplyOutcome;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.examples.channels.IvrScript;
import dev.csatkit.examples.channels.ScriptedIvr;
import dev.csatkit.examples.channels.ScriptedIvrChannel;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.survey.AudioStage;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.KeypadAudio;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.SurveyDefinition;
import dev.csatkit.survey.SurveyJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The keys a caller pressed, kept through the engine (Ringostat records the wrong key and leaves
 * the score empty when nothing was pressed), and keypad audio whose every stage can be left out,
 * the thank-you included: through the scripted IVR adapter.
 */
class KeypadKeysEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "+447700900123";

    private final IvrScript script = new IvrScript();
    private final ScriptedIvr platform = new ScriptedIvr(script);
    private final BlockingQueue<InboundReply> replies = new LinkedBlockingQueue<>();
    private ScriptedIvrChannel ivr;
    private SurveyEngine engine;

    /** A survey whose first miss of either kind ends it, so each call is one scripted answer. */
    private void wire(SurveyDefinition survey, int misses) {
        ivr = new ScriptedIvrChannel(ChannelContext.builder("ivr").clock(CLOCK).inbound(replies::add).build(),
                "+15550100", platform);
        engine = SurveyEngine.builder().clock(CLOCK).channel(ivr)
                .profile(SurveyProfile.builder(survey, ChannelKind.VOICE_DTMF).maxInvalidReplies(misses)
                        .maxNoInputs(misses).build())
                .build();
    }

    private void wire(int misses) {
        wire(EndToEnd.survey("ivr-after", ChannelKind.VOICE_DTMF, RatingScales.keypadNine()), misses);
    }

    @AfterEach
    void stop() {
        if (ivr != null) {
            ivr.close();
        }
    }

    private String call(String interaction, List<IvrScript.Call> calls) throws Exception {
        for (IvrScript.Call c : calls) {
            script.add(CALLER, c);
        }
        Decision.Scheduled decision = (Decision.Scheduled) engine.decide(
                EndToEnd.resolved(interaction, Contact.builder("crm-" + interaction).phone(CALLER).build(),
                        Medium.VOICE));
        assertThat(engine.dispatchDue().sent()).isEqualTo(1);
        for (int i = 0; i < calls.size(); i++) {
            engine.receive(EndToEnd.next(replies, "keys reported by the IVR"));
        }
        return decision.surveyKey();
    }

    private SurveyResponse response(String surveyKey) {
        String interaction = engine.survey(surveyKey).orElseThrow().interactionId();
        return engine.responses().stream().filter(r -> r.interactionId().equals(interaction)).findFirst().orElseThrow();
    }

    private static IvrScript.Call keys(char... pressed) {
        List<KeyPress> presses = new ArrayList<>();
        for (char c : pressed) {
            presses.add(new KeyPress(c, Duration.ofMillis(800 + 100L * presses.size())));
        }
        return IvrScript.Call.answer(presses);
    }

    private static MessageSet withAudio(KeypadAudio audio) {
        MessageSet m = DefaultMessages.forChannel(ChannelKind.VOICE_DTMF, Locale.ENGLISH).orElseThrow();
        return new MessageSet(m.prompt(), m.confirmation(), m.invalidReply(), m.followUp(), m.thankYou(),
                m.optOutInstructions(), m.reminder(), Optional.of(audio));
    }

    @Test
    void aWrongKeyIsKeptWithAnEmptyScore() throws Exception {
        wire(0);
        String key = call("call-6001", List.of(keys('0')));

        SurveyResponse r = response(key);
        assertThat(r.keys()).contains("0");
        assertThat(r.score()).isEmpty();
        assertThat(r.invalid()).isTrue();
        assertThat(engine.history(key)).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(ReplyRecord.Kind.INVALID);
            assertThat(h.keys()).contains("0");
        });
    }

    @Test
    void noKeyLeavesTheScoreAndTheKeysEmpty() throws Exception {
        wire(0);
        String key = call("call-6002", List.of(IvrScript.Call.answer(List.of())));

        SurveyResponse r = response(key);
        assertThat(r.keys()).isEmpty();
        assertThat(r.score()).isEmpty();
        assertThat(engine.history(key)).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(ReplyRecord.Kind.NO_INPUT);
            assertThat(h.keys()).isEmpty();
        });
    }

    @Test
    void aRatingKeepsItsKeysAndSilenceAfterAWrongKeyKeepsTheWrongKey() throws Exception {
        wire(2);
        String rated = call("call-6003", List.of(keys('0'), keys('7')));
        assertThat(response(rated).keys()).contains("7");
        assertThat(response(rated).score()).isEqualTo(OptionalInt.of(7));
        assertThat(engine.history(rated)).extracting(ReplyRecord::keys)
                .containsExactly(Optional.of("0"), Optional.of("7"));

        String silent = call("call-6004", List.of(keys('0'), IvrScript.Call.answer(List.of()),
                IvrScript.Call.answer(List.of()), IvrScript.Call.answer(List.of())));
        assertThat(engine.history(silent)).extracting(ReplyRecord::kind).containsExactly(ReplyRecord.Kind.INVALID,
                ReplyRecord.Kind.NO_INPUT, ReplyRecord.Kind.NO_INPUT, ReplyRecord.Kind.NO_INPUT);
        SurveyResponse r = response(silent);
        assertThat(r.keys()).as("what was pressed, though nothing was pressed since").contains("0");
        assertThat(r.score()).isEmpty();
    }

    @Test
    void theThankYouCanBeSwitchedOff() throws Exception {
        MessageSet words = withAudio(KeypadAudio.builder().withoutThankYou().build());
        wire(SurveyDefinition.builder("ivr-quiet").name("After your contact").scale(RatingScales.keypadNine())
                .channels(ChannelKind.VOICE_DTMF).defaultLocale(Locale.ENGLISH).messages(Locale.ENGLISH, words)
                .build(), 2);
        String key = call("call-6005", List.of(keys('9')));
        assertThat(response(key).score()).isEqualTo(OptionalInt.of(9));
        JsonNode plan = JSON.readTree(platform.answeredPlans().get(0));
        List<String> phases = new ArrayList<>();
        plan.get("stages").forEach(s -> phases.add(s.get("phase").asText()));
        assertThat(phases).containsExactly("PROMPT");
    }

    @Test
    void byDefaultTheThankYouIsPlayed() throws Exception {
        wire(2);
        call("call-6006", List.of(keys('9')));
        JsonNode plan = JSON.readTree(platform.answeredPlans().get(0));
        List<String> phases = new ArrayList<>();
        plan.get("stages").forEach(s -> phases.add(s.get("phase").asText()));
        assertThat(phases).containsExactly("PROMPT", "THANKS");
    }

    @Test
    void theSwitchedOffThankYouReadsAndWritesInJson() throws Exception {
        KeypadAudio quiet = KeypadAudio.builder().notice(AudioStage.Speech.of("This call may be followed by a survey."))
                .withoutThankYou().build();
        assertThat(quiet.thankYouPlayed()).isFalse();
        MessageSet words = withAudio(quiet);
        SurveyDefinition survey = SurveyDefinition.builder("ivr-quiet").name("After your contact")
                .scale(RatingScales.keypadNine()).channels(ChannelKind.VOICE_DTMF).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, words).build();
        String json = SurveyJson.toJson(survey);
        assertThat(JSON.readTree(json).at("/messages/en/keypad/thankYou").isBoolean()).isTrue();
        assertThat(JSON.readTree(json).at("/messages/en/keypad/thankYou").booleanValue()).isFalse();
        assertThat(SurveyJson.fromJson(json)).isEqualTo(survey);
        assertThatThrownBy(() -> new KeypadAudio(Optional.empty(), Optional.empty(),
                Optional.of(AudioStage.Speech.of("Thanks")), false)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("thankYou").hasMessageContaining("must be empty when the thank-you is switched off");
    }
}
