package dev.csatkit.examples.engine;

import static dev.csatkit.examples.engine.EndToEnd.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.KeyPress;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.ReplyOutcome;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyEvent;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.examples.channels.IvrScript;
import dev.csatkit.examples.channels.ScriptedIvr;
import dev.csatkit.examples.channels.ScriptedIvrChannel;
import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A keypad survey through the scripted IVR adapter: the engine's call plan is played to a caller
 * whose keys are scripted, and the keys the adapter reports are read by the engine.
 *
 * <p>The scripted IVR reports a call's keys from inside {@code send}, before the channel has
 * answered {@link SurveyEngine#dispatchDue()}. One test hands those keys to the engine right
 * there, as a host wired straight to its platform would; the other queues them and hands them
 * over once the dispatch has returned, as a host that queues its platform's callbacks would.
 */
class KeypadSurveyEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "+447700900123";

    private final IvrScript script = new IvrScript();
    private final ScriptedIvr platform = new ScriptedIvr(script);
    private final BlockingQueue<InboundReply> replies = new LinkedBlockingQueue<>();
    private ScriptedIvrChannel ivr;
    private SurveyEngine engine;

    @BeforeEach
    void wire() {
        ivr = new ScriptedIvrChannel(ChannelContext.builder("ivr").clock(CLOCK).inbound(replies::add).build(),
                "+15550100", platform);
        engine = SurveyEngine.builder().clock(CLOCK).channel(ivr)
                .profile(SurveyProfile.builder(EndToEnd.survey("ivr-after", ChannelKind.VOICE_DTMF,
                        RatingScales.keypadNine()), ChannelKind.VOICE_DTMF).build())
                .build();
    }

    @AfterEach
    void stop() {
        ivr.close();
    }

    @Test
    void noKeyGetsTheQuestionAgainAndTheKeyPressedThenRatesTheSurvey() throws Exception {
        script.add(CALLER, IvrScript.Call.answer(List.of()))
                .add(CALLER, IvrScript.Call.answer(List.of(new KeyPress('8', Duration.ofMillis(1200)))));
        Contact caller = Contact.builder("crm-4711").phone(CALLER).build();
        Decision.Scheduled decision = (Decision.Scheduled) engine.decide(
                EndToEnd.resolved("call-5001", caller, Medium.VOICE));
        assertThat(engine.dispatchDue().sent()).isEqualTo(1);

        JsonNode plan = JSON.readTree(platform.answeredPlans().get(0));
        assertThat(plan.get("to").asText()).isEqualTo(CALLER);
        assertThat(plan.at("/stages/0/audio").asText()).startsWith("Please rate the service you received today.");
        List<String> keys = new ArrayList<>();
        plan.get("keys").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");

        ReplyOutcome silence = engine.receive(nextReply());
        assertThat(silence).isInstanceOfSatisfying(ReplyOutcome.Invalid.class, invalid -> {
            assertThat(invalid.kind()).isEqualTo(ReplyOutcome.InvalidKind.NO_INPUT);
            assertThat(invalid.surveyEnded()).isFalse();
        });

        InboundReply pressed = nextReply();
        assertThat(pressed.content()).isEqualTo(new ReplyContent.Keys(List.of(new KeyPress('8', Duration.ofMillis(1200)))));
        assertThat(engine.receive(pressed)).isEqualTo(new ReplyOutcome.Rated(decision.surveyKey(), 8, false));
        assertThat(platform.answeredPlans()).as("the first call and the question asked again").hasSize(2);
        EndToEnd.assertRated(engine, decision.surveyKey(), 8, "voice_dtmf");
    }

    @Test
    void keysPressedWhileTheSendIsInFlightRateTheSurvey() {
        EndToEnd.LateListener direct = new EndToEnd.LateListener();
        List<SurveyEvent> events = new CopyOnWriteArrayList<>();
        try (ScriptedIvrChannel wired = new ScriptedIvrChannel(
                ChannelContext.builder("ivr-direct").clock(CLOCK).inbound(direct).build(), "+15550100", platform)) {
            SurveyEngine straight = SurveyEngine.builder().clock(CLOCK).channel(wired).listener(events::add)
                    .profile(SurveyProfile.builder(EndToEnd.survey("ivr-direct", ChannelKind.VOICE_DTMF,
                            RatingScales.keypadNine()), ChannelKind.VOICE_DTMF).build())
                    .build();
            direct.forwardTo(straight.inboundListener());
            script.add(CALLER, IvrScript.Call.answer(List.of(new KeyPress('9', Duration.ofMillis(900)))));
            Decision.Scheduled decision = (Decision.Scheduled) straight.decide(
                    EndToEnd.resolved("call-5002", Contact.builder("crm-4712").phone(CALLER).build(), Medium.VOICE));

            SurveyEngine.DispatchSummary summary = straight.dispatchDue();

            assertThat(summary.sent()).as("the send the keys proved, counted once").isEqualTo(1);
            assertThat(summary.retrying() + summary.failed()).isZero();
            EndToEnd.assertRated(straight, decision.surveyKey(), 9, "voice_dtmf");
            assertThat(events).filteredOn(SurveyEvent.Sent.class::isInstance).hasSize(1);
            assertThat(events).filteredOn(SurveyEvent.Rated.class::isInstance).hasSize(1);
            assertThat(straight.survey(decision.surveyKey()).orElseThrow().sentAt()).isPresent();
        }
    }

    private InboundReply nextReply() throws InterruptedException {
        return EndToEnd.next(replies, "keys reported by the IVR");
    }
}
