package dev.csatkit.examples.engine;

import static dev.csatkit.examples.engine.EndToEnd.CLOCK;
import static dev.csatkit.examples.engine.EndToEnd.COMPANY;
import static dev.csatkit.examples.engine.EndToEnd.await;
import static dev.csatkit.examples.engine.EndToEnd.firstOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyEvent;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.channels.support.HttpEndpoint;
import dev.csatkit.channels.webhook.WebhookChatChannel;
import dev.csatkit.channels.webhook.WebhookSignature;
import dev.csatkit.scale.RatingScales;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chat survey through the real webhook adapter: the engine posts the survey with its buttons to
 * a chat platform on 127.0.0.1, the platform posts the customer's button tap to the adapter's
 * signed webhook, and the rating reaches the engine.
 */
class ChatSurveyEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SECRET = "chat-webhook-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final String USER = "user-42";

    private final BlockingQueue<JsonNode> posted = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CompletableFuture<SurveyEvent.Rated> rated = new CompletableFuture<>();
    private final CompletableFuture<SurveyEvent.Commented> commented = new CompletableFuture<>();
    private HttpEndpoint platform;
    private WebhookChatChannel chat;
    private SurveyEngine engine;

    @BeforeEach
    void wire() throws Exception {
        platform = HttpEndpoint.builder().route("/send", java.util.Set.of("POST"), request -> {
            posted.add(JSON.readTree(request.bodyText()));
            return HttpEndpoint.Response.json(200, "{\"id\":\"msg-" + ids.incrementAndGet() + "\"}");
        }).start();
        EndToEnd.LateListener inbound = new EndToEnd.LateListener();
        chat = WebhookChatChannel.builder(ChannelContext.builder("chat").clock(CLOCK).inbound(inbound).build(),
                platform.uri("/send")).maxButtons(5).secret(SECRET).start();
        engine = SurveyEngine.builder().clock(CLOCK).channel(chat)
                .profile(SurveyProfile.builder(EndToEnd.survey("chat-after", ChannelKind.CHAT, RatingScales.fivePoint()),
                        ChannelKind.CHAT).placeholders(COMPANY).build())
                .listener(firstOf(SurveyEvent.Rated.class, rated))
                .listener(firstOf(SurveyEvent.Commented.class, commented))
                .build();
        inbound.forwardTo(engine.inboundListener());
    }

    @AfterEach
    void stop() {
        chat.close();
        platform.close();
    }

    @Test
    void aButtonTapPostedToTheWebhookRatesTheSurveyAndTheTypedCommentFollows() throws Exception {
        Contact jane = Contact.builder("crm-4711").chat(USER).build();
        Decision.Scheduled decision = (Decision.Scheduled) engine.decide(EndToEnd.resolved("chat-3001", jane, Medium.CHAT));
        assertThat(engine.dispatchDue().sent()).isEqualTo(1);

        JsonNode survey = next();
        assertThat(survey.get("to").asText()).isEqualTo(USER);
        assertThat(survey.get("text").asText()).startsWith("How satisfied are you with the help you got from Acme?");
        assertThat(survey.at("/correlation/surveyKey").asText()).isEqualTo(decision.surveyKey());
        List<String> payloads = new ArrayList<>();
        survey.get("buttons").forEach(b -> payloads.add(b.get("payload").asText()));
        assertThat(payloads).containsExactlyInAnyOrder("1", "2", "3", "4", "5");

        ObjectNode tap = JSON.createObjectNode().put("id", "evt-1").put("from", USER).put("to", "acme-bot")
                .put("payload", "4");
        assertThat(postWebhook(tap).statusCode()).isEqualTo(200);
        assertThat(await(rated).value()).isEqualTo(4);
        EndToEnd.assertRated(engine, decision.surveyKey(), 4, "chat");
        assertThat(List.of(next().get("text").asText(), next().get("text").asText()))
                .as("the confirmation and the follow-up question, back on the platform")
                .containsExactlyInAnyOrder("Thank you, we have recorded your rating.",
                        "What is the main reason for your rating? Reply with a few words.");

        assertThat(postWebhook(tap).statusCode()).as("the platform delivers the tap again").isEqualTo(200);
        assertThat(engine.history(decision.surveyKey())).as("a redelivered tap counts once").hasSize(1);

        ObjectNode typed = JSON.createObjectNode().put("id", "evt-2").put("from", USER).put("to", "acme-bot")
                .put("text", "Alice sorted it out in minutes");
        assertThat(postWebhook(typed).statusCode()).isEqualTo(200);
        assertThat(await(commented).comment()).isEqualTo("Alice sorted it out in minutes");
        assertThat(next().get("text").asText()).isEqualTo("Thank you for your feedback!");
        assertThat(EndToEnd.assertRated(engine, decision.surveyKey(), 4, "chat").comment())
                .contains("Alice sorted it out in minutes");
    }

    private JsonNode next() throws InterruptedException {
        return EndToEnd.next(posted, "a message posted to the chat platform");
    }

    private HttpResponse<String> postWebhook(ObjectNode event) throws Exception {
        String body = event.toString();
        String signature = WebhookSignature.sign(SECRET, CLOCK.instant(), body.getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(chat.webhookUri())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookChatChannel.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
