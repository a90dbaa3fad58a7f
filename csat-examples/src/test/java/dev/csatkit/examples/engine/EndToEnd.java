package dev.csatkit.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundListener;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.HangUp;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyEvent;
import dev.csatkit.engine.SurveyListener;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.SurveyState;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** What the engine's end-to-end tests share: time, the survey, the interaction and ways to wait. */
final class EndToEnd {

    /** A Monday, 10:00 UTC. */
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    /** One clock for the engine, the adapters and the link tokens. */
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Generous: these waits end as soon as the thing happens. */
    static final long WAIT_SECONDS = 10;
    static final Map<String, String> COMPANY = Map.of("company", "Acme");
    static final Agent ALICE = Agent.human("agent-7", "Alice", "Billing");

    private EndToEnd() {
    }

    /** A survey sent on one kind of channel, in the shipped English wording. */
    static SurveyDefinition survey(String id, ChannelKind kind, RatingScale scale) {
        return SurveyDefinition.builder(id).name("After your contact").scale(scale).channels(kind)
                .defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(kind, Locale.ENGLISH).orElseThrow())
                .build();
    }

    /** An interaction Alice resolved, ended just now, that the caller did not hang up on. */
    static Interaction resolved(String id, Contact contact, Medium medium) {
        return Interaction.builder(id, contact, medium).agent(ALICE).entryPoint("support")
                .between(NOW.minus(Duration.ofMinutes(6)), NOW).hangUp(HangUp.AGENT).build();
    }

    /**
     * Stands in for the engine while the adapters are built: a channel takes its listener when it
     * is created, and the engine takes its channels when it is built.
     */
    static final class LateListener implements InboundListener {
        private final AtomicReference<InboundListener> target = new AtomicReference<>();

        void forwardTo(InboundListener listener) {
            target.set(listener);
        }

        @Override
        public void onReply(InboundReply reply) {
            InboundListener t = target.get();
            if (t == null) {
                throw new IllegalStateException("a reply arrived before the engine was built");
            }
            t.onReply(reply);
        }
    }

    /** Completes a future with the first event of a type. */
    static <E extends SurveyEvent> SurveyListener firstOf(Class<E> type, CompletableFuture<E> future) {
        return event -> {
            if (type.isInstance(event)) {
                future.complete(type.cast(event));
            }
        };
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next item, failing when none comes in time. */
    static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(item).as("%s within %d s", what, WAIT_SECONDS).isNotNull();
        return item;
    }

    /**
     * Checks that the survey is rated and that its response, the engine's only one, carries the
     * rating on the channel and credits the agent.
     *
     * @return the response, for further checks
     */
    static SurveyResponse assertRated(SurveyEngine engine, String surveyKey, int value, String channel) {
        OpenSurvey survey = engine.survey(surveyKey).orElseThrow();
        assertThat(survey.state()).isEqualTo(SurveyState.RATED);
        assertThat(survey.rating()).hasValue(value);
        assertThat(engine.responses()).hasSize(1);
        SurveyResponse response = engine.responses().get(0);
        assertThat(response.interactionId()).isEqualTo(survey.interactionId());
        assertThat(response.score()).hasValue(value);
        assertThat(response.channel()).contains(channel);
        assertThat(response.agent()).contains(ALICE.id());
        return response;
    }
}
