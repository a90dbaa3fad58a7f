package dev.csatkit.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.csatkit.channel.LinkClaims;
import dev.csatkit.channel.LinkKey;
import dev.csatkit.channel.LinkKeyRing;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.UsedTokenStore;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.tck.ChannelContractTest;
import dev.csatkit.channels.tck.CustomerReply;
import dev.csatkit.channels.tck.Delivery;
import dev.csatkit.channels.tck.ProviderFault;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmtpEmailChannelTest extends ChannelContractTest {

    private static final String SURVEY = "tck-survey";
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(7));

    private final GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    private final LinkKeyRing keys = LinkKeyRing.of(LinkKey.of("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private final UsedTokenStore used = UsedTokenStore.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SmtpFaultSwitch smtp;
    private SmtpEmailChannel email;
    private LinkTokens tokens;
    private EmailLinkEndpoint landing;

    /**
     * A real SMTP conversation with an in-process server: on a machine busy with other builds,
     * eight at once can take longer than the kit's default second.
     */
    @Override
    protected Duration sendTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    protected Channel createChannel(ChannelContext context) throws Exception {
        greenMail.start();
        smtp = new SmtpFaultSwitch(greenMail.getSmtp().getPort());
        email = new SmtpEmailChannel(context, "127.0.0.1", smtp.port(), "CSAT Kit <surveys@example.com>");
        tokens = new LinkTokens(keys, used, context.clock());
        landing = EmailLinkEndpoint.builder(context, tokens, email.from()).start();
        return email;
    }

    @AfterEach
    void stopServers() throws Exception {
        landing.close();
        smtp.close();
        greenMail.stop();
    }

    @Override
    protected List<Delivery> deliveries() throws Exception {
        List<Delivery> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            String key = m.getHeader(SmtpEmailChannel.IDEMPOTENCY_HEADER)[0];
            String plain;
            Optional<String> html = Optional.empty();
            if (m.getContent() instanceof Multipart parts) {
                plain = (String) parts.getBodyPart(0).getContent();
                html = Optional.of(lf((String) parts.getBodyPart(1).getContent()));
            } else {
                plain = (String) m.getContent();
            }
            out.add(new Delivery(to, key, new MessageContent.Email(m.getSubject(), lf(plain), html)));
        }
        return out;
    }

    /** SMTP carries line breaks as CRLF; the kit's texts use LF. */
    private static String lf(String s) {
        return s.replace("\r\n", "\n");
    }

    @Override
    protected OutboundMessage arrangeFault(ProviderFault fault, OutboundMessage message) {
        smtp.failNextConnection(fault);
        return message;
    }

    @Override
    protected void replyFromCustomer(CustomerReply reply) throws Exception {
        ReplyContent.Link link = (ReplyContent.Link) reply.content();
        String token = tokens.sign(new LinkClaims(link.surveyId(), reply.from(), link.value(), EXPIRES));
        follow(landing.link(link.surveyId(), token));
        confirm(link.surveyId(), token);
    }

    private HttpResponse<String> follow(URI link) throws Exception {
        return http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> confirm(String survey, String token) throws Exception {
        return confirm(landing, survey, token);
    }

    private HttpResponse<String> confirm(EmailLinkEndpoint page, String survey, String token) throws Exception {
        return post(page, "s=" + java.net.URLEncoder.encode(survey, StandardCharsets.UTF_8) + "&t=" + token);
    }

    private HttpResponse<String> post(EmailLinkEndpoint page, String form) throws Exception {
        return post(page, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(EmailLinkEndpoint page, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(page.uri()).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }


    // ---- links, end to end ------------------------------------------------------------------

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    /** Sends a survey email whose links carry signed tokens, and returns the links as received. */
    private List<URI> sendSurveyWithLinks(String recipient, String contactId) throws Exception {
        StringBuilder html = new StringBuilder("<p>How did we do?</p>");
        StringBuilder text = new StringBuilder("How did we do?\n");
        for (int value = 1; value <= 5; value++) {
            URI link = landing.link(SURVEY, tokens.sign(new LinkClaims(SURVEY, contactId, value, EXPIRES)));
            html.append("<a href=\"").append(link).append("\">").append(value).append("</a> ");
            text.append(value).append(": ").append(link).append('\n');
        }
        DeliveryResult r = email.send(OutboundMessage.of(recipient, "links-" + contactId,
                new MessageContent.Email("How did we do?", text.toString(), Optional.of(html.toString()))))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(DeliveryResult.Accepted.class);
        MessageContent.Email received = (MessageContent.Email) deliveries().stream()
                .filter(d -> d.recipient().equals(recipient)).findFirst().orElseThrow().content();
        List<URI> links = new ArrayList<>();
        Matcher m = HREF.matcher(received.html().orElseThrow());
        while (m.find()) {
            links.add(URI.create(m.group(1)));
        }
        assertThat(links).hasSize(5);
        return links;
    }

    private static String token(URI link) {
        return link.getRawQuery().replaceAll(".*[?&]?t=([^&]+).*", "$1");
    }

    @Test
    void openingALinkPreselectsAndOnlyTheConfirmRecords() throws Exception {
        List<InboundReply> replies = new CopyOnWriteArrayList<>();
        ChannelContext ctx = ChannelContext.builder("email").clock(Clock.fixed(NOW, ZoneOffset.UTC)).inbound(replies::add).build();
        landing.close();
        landing = EmailLinkEndpoint.builder(ctx, tokens, "surveys@example.com").start();
        List<URI> links = sendSurveyWithLinks("jane@example.com", "contact-42");
        for (URI link : links) { // a mail scanner follows every link
            assertThat(follow(link).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> page = follow(links.get(3));
        assertThat(page.body()).contains("value=\"4\" checked>").containsOnlyOnce(" checked>")
                .contains("method=\"post\"");
        assertThat(replies).as("opening links records nothing").isEmpty();

        assertThat(confirm(SURVEY, token(links.get(3))).statusCode()).isEqualTo(200);
        assertThat(replies).singleElement().isEqualTo(new InboundReply("email", "contact-42", "surveys@example.com",
                new ReplyContent.Link(SURVEY, 4), LinkTokens.ballotId(new LinkClaims(SURVEY, "contact-42", 4, EXPIRES)), NOW));

        HttpResponse<String> again = confirm(SURVEY, token(links.get(3)));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("data-reason=\"ALREADY_USED\"");
        assertThat(confirm(SURVEY, token(links.get(4))).statusCode()).as("another link of the same message").isEqualTo(409);
        assertThat(follow(links.get(0)).statusCode()).isEqualTo(409);
        assertThat(replies).hasSize(1);
    }

    @Test
    void theFormsAnswersToFurtherQuestionsGoWithTheRating() throws Exception {
        List<InboundReply> replies = new CopyOnWriteArrayList<>();
        ChannelContext ctx = ChannelContext.builder("email").clock(Clock.fixed(NOW, ZoneOffset.UTC)).inbound(replies::add).build();
        landing.close();
        landing = EmailLinkEndpoint.builder(ctx, tokens, "surveys@example.com").start();
        String token = tokens.sign(new LinkClaims(SURVEY, "contact-42", 5, EXPIRES));
        assertThat(post(landing, "s=" + SURVEY + "&t=" + token + "&c=Fast&q.effort=3&q.speed=10&q.Bad=1&q.nps=x"
                + "&q.=2").statusCode()).isEqualTo(200);
        assertThat(replies).singleElement().satisfies(r -> assertThat(((ReplyContent.Link) r.content()).answers())
                .isEqualTo(java.util.Map.of("effort", 3, "speed", 10)));
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("q.q" + i, Integer.toString(i));
        }
        assertThat(EmailLinkEndpoint.answers(many)).hasSize(ReplyContent.Link.MAX_ANSWERS);
    }

    @Test
    void forgedAlteredWrongSurveyAndExpiredLinksAreRefused() throws Exception {
        List<URI> links = sendSurveyWithLinks("sam@example.com", "contact-7");
        String good = token(links.get(1));
        String altered = good.substring(0, 5) + (good.charAt(5) == 'A' ? 'B' : 'A') + good.substring(6);
        assertThat(confirm(SURVEY, altered).statusCode()).isEqualTo(400);
        LinkTokens forger = new LinkTokens(LinkKeyRing.of(LinkKey.of("k1", new byte[32])), used, Clock.fixed(NOW, ZoneOffset.UTC));
        HttpResponse<String> forged = confirm(SURVEY, forger.sign(new LinkClaims(SURVEY, "contact-7", 5, EXPIRES)));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("data-reason=\"INVALID\"");
        HttpResponse<String> wrongSurvey = confirm("another-survey", good);
        assertThat(wrongSurvey.statusCode()).isEqualTo(400);
        assertThat(wrongSurvey.body()).isEqualTo(forged.body());
        assertThat(follow(URI.create(landing.uri() + "?s=" + SURVEY + "&t=garbage")).statusCode()).isEqualTo(400);

        ChannelContext later = ChannelContext.builder("email").build();
        try (EmailLinkEndpoint afterExpiry = EmailLinkEndpoint.builder(later,
                new LinkTokens(keys, used, Clock.fixed(EXPIRES, ZoneOffset.UTC)), "surveys@example.com").start()) {
            HttpResponse<String> expired = confirm(afterExpiry, SURVEY, good);
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("data-reason=\"EXPIRED\"");
        }
        assertThat(confirm(SURVEY, good).statusCode()).as("none of the refusals used the ballot").isEqualTo(200);
    }

    @Test
    void idempotencyAndCorrelationTravelInHeaders() throws Exception {
        OutboundMessage m = new OutboundMessage("kim@example.com", Optional.empty(), "hdr-1",
                Map.of("surveyId", "s-9", "interactionId", "call-77"), new MessageContent.Email("Rate us", "1-5", Optional.empty()));
        DeliveryResult r = email.send(m).toCompletableFuture().get(5, TimeUnit.SECONDS);
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo(((DeliveryResult.Accepted) r).providerMessageId());
        assertThat(received.getHeader("X-Csat-surveyId")).containsExactly("s-9");
        assertThat(received.getHeader("X-Csat-interactionId")).containsExactly("call-77");
        assertThat(Arrays.asList(received.getFrom())).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("surveys@example.com");
    }

    @Test
    void aMalformedAddressFailsPermanently() throws Exception {
        DeliveryResult r = email.send(OutboundMessage.of("not an address", "bad-1",
                new MessageContent.Email("Rate us", "1-5", Optional.empty()))).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(DeliveryResult.FailedPermanently.class);
    }

    // ---- the link page as a hostile client sees it ------------------------------------------

    /** A token in the wire format naming any key id. */
    private static String withKeyId(String keyId) {
        byte[] k = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] s = SURVEY.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 1 + k.length + 2 + s.length + 2 + 1 + 4 + 8);
        b.put((byte) 1).put((byte) k.length).put(k).putShort((short) s.length).put(s).putShort((short) 1)
                .put((byte) 'c').putInt(5).putLong(EXPIRES.getEpochSecond());
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(b.array()) + "." + b64.encodeToString(new byte[32]);
    }

    @Test
    void everyBadTokenGetsTheSamePage() throws Exception {
        String good = tokens.sign(new LinkClaims(SURVEY, "contact-3", 4, EXPIRES));
        LinkTokens otherRing = new LinkTokens(LinkKeyRing.of(LinkKey.of("k2", new byte[32])), used, Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> bad = List.of("garbage", withKeyId("k1\nINFO forged"),
                otherRing.sign(new LinkClaims(SURVEY, "contact-3", 4, EXPIRES)),                   // unknown key
                good.substring(0, 8) + (good.charAt(8) == 'A' ? 'B' : 'A') + good.substring(9)); // bad signature
        List<HttpResponse<String>> pages = new ArrayList<>();
        for (String token : bad) {
            pages.add(follow(landing.link(SURVEY, token)));
            pages.add(confirm(SURVEY, token));
        }
        pages.add(follow(landing.link("another-survey", good)));
        pages.add(confirm("another-survey", good));
        assertThat(pages).extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat(pages).extracting(HttpResponse::body).containsOnly(pages.get(0).body());
        assertThat(pages.get(0).body()).contains("data-reason=\"INVALID\"", "This link is not valid.");
        assertThat(confirm(SURVEY, good).statusCode()).as("none of them used the ballot").isEqualTo(200);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        String good = tokens.sign(new LinkClaims(SURVEY, "contact-4", 4, EXPIRES));
        List<HttpResponse<String>> pages = List.of(follow(landing.link(SURVEY, good)),
                follow(landing.link(SURVEY, "garbage")), post(landing, "c=%zz"),
                follow(URI.create(landing.uri() + "x")), confirm(SURVEY, good), confirm(SURVEY, good));
        assertThat(pages).extracting(HttpResponse::statusCode).containsExactly(200, 400, 400, 404, 200, 409);
        for (HttpResponse<String> page : pages) {
            assertThat(page.headers().firstValue("Cache-Control")).as("%s", page).contains("no-store");
            assertThat(page.headers().firstValue("X-Frame-Options")).as("%s", page).contains("DENY");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as("%s", page)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as("%s", page).contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as("%s", page).contains("no-referrer");
            assertThat(page.headers().firstValue("Content-Type")).as("%s", page).contains("text/html; charset=utf-8");
        }
    }

    @Test
    void whatThePageCannotReadIsAnsweredNotDropped() throws Exception {
        String good = tokens.sign(new LinkClaims(SURVEY, "contact-5", 4, EXPIRES));
        HttpResponse<String> badEncoding = post(landing, "s=" + SURVEY + "&t=" + good + "&c=%zz");
        assertThat(badEncoding.statusCode()).isEqualTo(400);
        assertThat(badEncoding.body()).contains("data-reason=\"REQUEST\"");
        assertThat(post(landing, "s=" + SURVEY + "&t=" + good + "&c=%FF%FE").statusCode()).as("not UTF-8").isEqualTo(400);
        byte[] huge = ("s=" + SURVEY + "&t=" + good + "&c=" + "x".repeat(70_000)).getBytes(StandardCharsets.US_ASCII);
        assertThat(post(landing, "application/x-www-form-urlencoded", huge).statusCode()).isEqualTo(413);
        assertThat(post(landing, "text/plain", ("s=" + SURVEY + "&t=" + good).getBytes(StandardCharsets.US_ASCII))
                .statusCode()).isEqualTo(415);
        assertThat(follow(URI.create(landing.uri() + "/x?s=" + SURVEY + "&t=" + good)).statusCode()).isEqualTo(404);
        assertThat(follow(URI.create(landing.uri().toString().replace("/csat/r", "/csat/rate") + "?t=" + good))
                .statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(landing.uri()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(confirm(SURVEY, good).statusCode()).as("none of them used the ballot").isEqualTo(200);
    }

    @Test
    void nothingFromTheRequestCanForgeALogLine() throws Exception {
        String good = tokens.sign(new LinkClaims(SURVEY, "contact-6", 4, EXPIRES));
        follow(landing.link(SURVEY, withKeyId("k1\nFORGED-BY-KEY-ID rating recorded")));
        follow(landing.link(SURVEY + "\nFORGED-BY-SURVEY rating recorded\u001B[2J", good));
        confirm(SURVEY + "\r\nFORGED-BY-FORM rating recorded", good);
        List<String> lines = Files.readAllLines(Path.of("target/tests.log"), StandardCharsets.UTF_8);
        assertThat(lines).noneMatch(l -> l.startsWith("FORGED")).noneMatch(l -> l.contains("\u001B"));
        assertThat(lines).anyMatch(l -> l.contains("link refused: WRONG_SURVEY") && l.contains("\\nFORGED-BY-SURVEY"));
    }
}
