package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.ReplyOutcome;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Segment;
import dev.csatkit.store.SurveyState;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The embedding guide runs as the README tells it, and the README shows exactly its code. */
class EmbeddingGuideTest {

    /** A Monday, 10:00 in London: outside quiet hours, so the survey goes out at once. */
    private static final Instant MORNING = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aCallIsSurveyedRatedAndReported() throws IOException {
        StringWriter console = new StringWriter();
        EmbeddingGuide.Result r = EmbeddingGuide.run(Clock.fixed(MORNING, ZoneOffset.UTC), console);

        assertThat(r.decision()).isInstanceOfSatisfying(Decision.Scheduled.class, s -> {
            assertThat(s.channel()).isEqualTo(ChannelKind.SMS);
            assertThat(s.channelId()).isEqualTo("sms");
            assertThat(s.sendAt()).isEqualTo(MORNING);
        });
        String key = ((Decision.Scheduled) r.decision()).surveyKey();

        JsonNode prompt = new ObjectMapper().readTree(console.toString().lines().findFirst().orElseThrow());
        assertThat(prompt.get("to").asText()).isEqualTo("+447700900123");
        assertThat(prompt.get("from").asText()).isEqualTo("+15550100");
        assertThat(prompt.get("text").asText()).isEqualTo("How satisfied are you with the help you got from Acme?"
                + " Reply with a number from 1 (Very dissatisfied) to 5 (Very satisfied).\nReply STOP to opt out.");

        assertThat(r.outcome()).isEqualTo(new ReplyOutcome.Rated(key, 5, false));
        assertThat(r.survey().state()).isEqualTo(SurveyState.RATED);
        assertThat(r.survey().comment()).contains("quick and friendly");

        assertThat(r.report().overall().responses()).isEqualTo(1);
        assertThat(r.report().overall().csat()).hasValue(100.0);
        assertThat(r.report().segments()).singleElement().satisfies((Segment s) -> {
            assertThat(s.key().get(Dimension.AGENT)).isEqualTo("agent-7");
            assertThat(s.tally().csat()).hasValue(100.0);
        });
    }

    @Test
    void theReadmeShowsEachStepExactly() throws IOException {
        ReadmeSnippets.assertReadmeShows(ReadmeSnippets.guideSource(ReadmeSnippets.root(), EmbeddingGuide.class),
                "embedding-define", "embedding-wire", "embedding-report", "embedding-replies", "embedding-read");
    }
}
