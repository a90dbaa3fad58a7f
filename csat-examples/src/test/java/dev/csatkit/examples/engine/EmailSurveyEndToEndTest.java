package dev.csatkit.examples.engine;

import static dev.csatkit.examples.engine.EndToEnd.CLOCK;
import static dev.csatkit.examples.engine.EndToEnd.COMPANY;
import static dev.csatkit.examples.engine.EndToEnd.WAIT_SECONDS;
import static dev.csatkit.examples.engine.EndToEnd.await;
import static dev.csatkit.examples.engine.EndToEnd.firstOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.csatkit.channel.LinkKey;
import dev.csatkit.channel.LinkKeyRing;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.UsedTokenStore;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.EmailLinks;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyEvent;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.channels.email.EmailLinkEndpoint;
import dev.csatkit.channels.email.SmtpEmailChannel;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.store.SurveyState;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An email survey through the real adapters: the engine sends over SMTP to an in-process
 * GreenMail server, the customer follows a signed link from the received message to the
 * {@link EmailLinkEndpoint} over HTTP and confirms, and the rating reaches the engine.
 */
class EmailSurveyEndToEndTest {

    private static final String CUSTOMER = "jane@example.com";
    private static final Pattern RATING_LINK = Pattern.compile("(?m)^(\\d+) - [^:\\n]*: (\\S+)$");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">");

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();
    private final CompletableFuture<SurveyEvent.Rated> rated = new CompletableFuture<>();
    private SmtpEmailChannel mail;
    private EmailLinkEndpoint page;
    private SurveyEngine engine;

    @BeforeEach
    void wire() throws Exception {
        smtp.start();
        LinkTokens tokens = new LinkTokens(
                LinkKeyRing.of(LinkKey.of("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))),
                UsedTokenStore.inMemory(CLOCK), CLOCK);
        EndToEnd.LateListener inbound = new EndToEnd.LateListener();
        ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(inbound).build();
        mail = new SmtpEmailChannel(context, "127.0.0.1", smtp.getSmtp().getPort(), "Acme Support <surveys@example.com>");
        SurveyProfile profile = SurveyProfile.builder(
                EndToEnd.survey("ticket-email", ChannelKind.EMAIL, RatingScales.fivePoint()), ChannelKind.EMAIL)
                .placeholders(COMPANY).build();
        page = EmailLinkEndpoint.builder(context, tokens, mail.from()).profiles(List.of(profile)).start();
        engine = SurveyEngine.builder().clock(CLOCK).channel(mail)
                .emailLinks(EmailLinks.signed(tokens, page.uri()))
                .profile(profile)
                .listener(firstOf(SurveyEvent.Rated.class, rated))
                .build();
        inbound.forwardTo(engine.inboundListener());
    }

    @AfterEach
    void stop() {
        page.close();
        mail.close();
        smtp.stop();
    }

    @Test
    void aLinkFollowedAndConfirmedFromTheDeliveredEmailRatesTheSurvey() throws Exception {
        Contact jane = Contact.builder("crm-4711").email(CUSTOMER).build();
        Decision.Scheduled decision = (Decision.Scheduled) engine.decide(
                EndToEnd.resolved("ticket-9001", jane, Medium.TICKET));
        assertThat(engine.dispatchDue().sent()).isEqualTo(1);

        assertThat(smtp.waitForIncomingEmail(WAIT_SECONDS * 1000, 1)).as("the survey email arrived").isTrue();
        MimeMessage survey = smtp.getReceivedMessages()[0];
        assertThat(((InternetAddress) survey.getRecipients(Message.RecipientType.TO)[0]).getAddress()).isEqualTo(CUSTOMER);
        assertThat(survey.getHeader("X-Csat-surveyKey")).containsExactly(decision.surveyKey());
        Map<Integer, URI> links = ratingLinks(survey);
        assertThat(links).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(links.get(4)).hasHost("127.0.0.1").hasPort(page.uri().getPort()).hasPath(EmailLinkEndpoint.PATH);

        HttpResponse<String> confirmPage = get(links.get(4));
        assertThat(confirmPage.statusCode()).isEqualTo(200);
        assertThat(confirmPage.body()).contains("value=\"4\" checked>").containsOnlyOnce(" checked>");
        assertThat(engine.survey(decision.surveyKey()).orElseThrow().state())
                .as("following a link records nothing").isEqualTo(SurveyState.AWAITING_REPLY);

        assertThat(confirmPage.body()).contains("<textarea id=\"c\" name=\"c\"");
        Map<String, String> form = new LinkedHashMap<>(hiddenFields(confirmPage.body()));
        form.put("c", "Quick answer, thank you");
        HttpResponse<String> confirmed = postForm(links.get(4).resolve(EmailLinkEndpoint.PATH), form);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Thank you for your feedback!", "Your rating: 🙂 Satisfied");

        assertThat(await(rated).value()).isEqualTo(4);
        assertThat(EndToEnd.assertRated(engine, decision.surveyKey(), 4, "email").comment())
                .contains("Quick answer, thank you");
        assertThat(smtp.waitForIncomingEmail(WAIT_SECONDS * 1000, 2)).as("the confirmation arrived").isTrue();
        // The page asked for the comment, so no email invites a typed reply the channel cannot read.
        assertThat(Arrays.stream(smtp.getReceivedMessages()).skip(1).map(EmailSurveyEndToEndTest::text))
                .containsExactly("Thank you, we have recorded your rating.");
        assertThat(engine.survey(decision.surveyKey()).orElseThrow().followUpAsked()).isFalse();

        assertThat(postForm(page.uri(), hiddenFields(confirmPage.body())).statusCode())
                .as("the same confirm again").isEqualTo(409);
        assertThat(engine.history(decision.surveyKey())).hasSize(1);
    }

    /** The rating links of the received text part, by the value each records. */
    private static Map<Integer, URI> ratingLinks(MimeMessage message) throws Exception {
        String text = (String) ((Multipart) message.getContent()).getBodyPart(0).getContent();
        Map<Integer, URI> links = new LinkedHashMap<>();
        Matcher m = RATING_LINK.matcher(text.replace("\r\n", "\n"));
        while (m.find()) {
            links.put(Integer.parseInt(m.group(1)), URI.create(m.group(2)));
        }
        return links;
    }

    private static String text(MimeMessage message) {
        try {
            return ((String) message.getContent()).strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(URI uri, Map<String, String> fields) throws Exception {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
