package dev.csatkit.examples.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.KeyPress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in IVR platform that runs call plans against an {@link IvrScript}: it plays the
 * plan's stages, opens the answer window and collects the scripted key presses, in virtual time
 * (nothing sleeps). Presses at or after the end of the window are not collected, as a real line
 * stops listening then; every press inside it is, {@code #}, {@code *} and keys outside the key
 * map included.
 *
 * <p>A call plan is JSON: {@code {"to","from","idempotencyKey","stages":[{"phase","audio"}],
 * "keys":{"1":1},"answerWindowMs"}}, the shape a hosted voice API takes.
 */
public final class ScriptedIvr implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IvrScript script;
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * What happened on a call.
     *
     * @param outcome the scripted outcome
     * @param callId the platform's id for the call
     * @param played the phases whose audio played, in order
     * @param presses the presses collected in the answer window
     */
    public record CallResult(IvrScript.Outcome outcome, String callId, List<AudioStage.Phase> played,
            List<KeyPress> presses) {
        /** Copies the lists. */
        public CallResult {
            played = List.copyOf(played);
            presses = List.copyOf(presses);
        }
    }

    /**
     * @param script what happens on each call
     */
    public ScriptedIvr(IvrScript script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    /**
     * Places a call. Blocks only for a {@link IvrScript.Outcome#STALL}ed call, until
     * {@link #close()}.
     *
     * @param plan the call plan, JSON
     * @return what happened
     * @throws IOException when the plan is not valid JSON
     * @throws InterruptedException when interrupted while stalled
     */
    public CallResult call(String plan) throws IOException, InterruptedException {
        JsonNode p = JSON.readTree(plan);
        IvrScript.Call call = script.next(p.path("to").asText());
        String callId = call.callId().orElseGet(() -> "call-" + UUID.randomUUID());
        if (call.outcome() == IvrScript.Outcome.STALL) {
            closed.await();
            throw new IOException("the IVR platform shut down before answering");
        }
        if (call.outcome() != IvrScript.Outcome.ANSWER) {
            return new CallResult(call.outcome(), callId, List.of(), List.of());
        }
        List<AudioStage.Phase> played = new ArrayList<>();
        for (JsonNode stage : p.path("stages")) {
            AudioStage.Phase phase = AudioStage.Phase.valueOf(stage.path("phase").asText());
            if (phase != AudioStage.Phase.THANKS) {
                played.add(phase);
            }
        }
        Duration window = Duration.ofMillis(p.path("answerWindowMs").asLong());
        List<KeyPress> collected = call.presses().stream().filter(k -> k.at().compareTo(window) < 0).toList();
        boolean thanks = false;
        for (JsonNode stage : p.path("stages")) {
            thanks |= "THANKS".equals(stage.path("phase").asText());
        }
        if (thanks && !collected.isEmpty()) {
            played.add(AudioStage.Phase.THANKS);
        }
        answered.add(plan);
        return new CallResult(IvrScript.Outcome.ANSWER, callId, played, collected);
    }

    /** @return the plans of the calls that were answered, in order: what reached a caller */
    public List<String> answeredPlans() {
        return List.copyOf(answered);
    }

    /** Releases stalled calls. */
    @Override
    public void close() {
        closed.countDown();
    }
}
