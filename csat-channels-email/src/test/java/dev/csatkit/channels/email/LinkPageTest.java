package dev.csatkit.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channel.LinkClaims;
import dev.csatkit.channel.LinkKey;
import dev.csatkit.channel.LinkKeyRing;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.UsedTokenStore;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link page over plain HTTP: its language, the value a customer changes to, its refusals
 * (one page apart from the message), and the policy that allows its own inline style and script
 * and nothing else.
 */
class LinkPageTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(7));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LinkKeyRing KEYS = LinkKeyRing.of(
            LinkKey.of("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private static final SurveyProfile FIVE = Surveys.profile("ticket-email", RatingScales.fivePoint(), Surveys.TEAL);
    private static final SurveyProfile THUMBS = Surveys.profile("chat-email", RatingScales.thumbs(), Surveys.TEAL);
    private static final Pattern H1 = Pattern.compile("<h1 id=\"reason\" data-reason=\"[A-Z_]+\">[^<]*</h1>");

    private final List<InboundReply> replies = new CopyOnWriteArrayList<>();
    private final UsedTokenStore used = UsedTokenStore.inMemory(CLOCK);
    private final LinkTokens tokens = new LinkTokens(KEYS, used, CLOCK);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private EmailLinkEndpoint page;

    @BeforeEach
    void start() throws Exception {
        ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(replies::add).build();
        page = EmailLinkEndpoint.builder(context, tokens, "surveys@example.com").profiles(List.of(FIVE, THUMBS)).start();
    }

    @AfterEach
    void stop() {
        page.close();
    }

    private String token(String key, int value) {
        return tokens.sign(new LinkClaims(key, "contact-" + key, value, EXPIRES));
    }

    private URI link(String key, String token, SurveyProfile profile, Locale locale) {
        return EmailLinkEndpoint.link(page.uri(), key, token, profile.id(), locale);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String query, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(page.uri() + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String key, String token, String... more) {
        StringBuilder f = new StringBuilder("s=" + key + "&t=" + token);
        for (int i = 0; i < more.length; i += 2) {
            f.append('&').append(more[i]).append('=').append(URLEncoder.encode(more[i + 1], StandardCharsets.UTF_8));
        }
        return f.toString();
    }

    @Test
    void everyRefusalIsTheSamePageInTheLinksLanguageApartFromItsMessage() throws Exception {
        String used = token("k-used", 4);
        assertThat(post("?d=ticket-email&l=fr", form("k-used", used)).statusCode()).isEqualTo(200);
        LinkTokens lastWeek = new LinkTokens(KEYS, this.used, Clock.fixed(NOW.minus(Duration.ofDays(8)), ZoneOffset.UTC));
        String expired = lastWeek.sign(new LinkClaims("k-old", "c", 4, NOW.minus(Duration.ofDays(1))));
        List<HttpResponse<String>> pages = List.of(
                get(link("k-used", used, FIVE, Locale.FRENCH)),
                get(link("k-old", expired, FIVE, Locale.FRENCH)),
                get(link("k-bad", "garbage", FIVE, Locale.FRENCH)),
                post("?d=ticket-email&l=fr", form("k-bad", used)),
                post("?d=ticket-email&l=fr", "s=%zz"));
        assertThat(pages).extracting(HttpResponse::statusCode).containsExactly(409, 410, 400, 400, 400);
        assertThat(pages).extracting(p -> Jsoup.parse(p.body()).selectFirst("h1").text()).containsExactly(
                "Merci, votre note a déjà été enregistrée.", "Cette enquête est close.", "Ce lien n'est pas valide.",
                "Ce lien n'est pas valide.", "Les données envoyées n'ont pas pu être lues.");
        List<String> apartFromTheMessage = new ArrayList<>();
        for (HttpResponse<String> p : pages) {
            assertThat(H1.matcher(p.body()).results().count()).as(p.body()).isOne();
            apartFromTheMessage.add(H1.matcher(p.body()).replaceAll("<h1>…</h1>"));
            assertThat(Jsoup.parse(p.body()).selectFirst("html").attr("lang")).isEqualTo("fr");
        }
        assertThat(apartFromTheMessage).containsOnly(apartFromTheMessage.get(0));
        assertThat(pages.get(3).body()).as("a forged post and a bad link alike").isEqualTo(pages.get(2).body());
        assertThat(replies).hasSize(1);
    }

    @Test
    void theCustomerMayChooseAnyPointOfTheScaleAndNothingElse() throws Exception {
        String t = token("k-change", 4);
        HttpResponse<String> off = post("?d=ticket-email&l=de", form("k-change", t, "v", "9"));
        assertThat(off.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(off.body()).selectFirst("h1").text()).isEqualTo("Die gesendeten Daten konnten nicht gelesen werden.");
        assertThat(post("?d=ticket-email&l=de", form("k-change", t, "v", "2x")).statusCode()).isEqualTo(400);
        // A page that does not know the survey takes only the link's own value.
        assertThat(post("?l=de", form("k-change", t, "v", "2")).statusCode()).isEqualTo(400);
        assertThat(replies).as("no refusal spent the link").isEmpty();

        HttpResponse<String> thanks = post("?d=ticket-email&l=de", form("k-change", t, "v", "2", "c", "Zu langsam"));
        assertThat(thanks.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(thanks.body());
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Vielen Dank für Ihr Feedback!");
        assertThat(doc.selectFirst("#chosen").text()).isEqualTo("Ihre Bewertung: 😞 Unzufrieden");
        assertThat(replies).singleElement().extracting(InboundReply::content)
                .isEqualTo(new ReplyContent.Link("k-change", 2, Optional.of("Zu langsam")));
        assertThat(post("?l=de", form("k-unknown", token("k-unknown", 3), "v", "3")).statusCode())
                .as("the link's own value, survey unknown").isEqualTo(200);
    }

    @Test
    void furtherQuestionsAreAskedOnThePageAndTheirAnswersGoWithTheRating() throws Exception {
        SurveyDefinition survey = SurveyDefinition.builder("two-questions").name("After your ticket")
                .scale(RatingScales.fivePoint()).channels(ChannelKind.EMAIL).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.EMAIL, Locale.ENGLISH).orElseThrow())
                .messages(Locale.FRENCH, DefaultMessages.forChannel(ChannelKind.EMAIL, Locale.FRENCH).orElseThrow())
                .question(Question.builder("effort").scale(RatingScales.fivePoint())
                        .prompt(Locale.ENGLISH, "How easy was it to get help?")
                        .prompt(Locale.FRENCH, "Était-il facile d'obtenir de l'aide ?").skippable(true).build())
                .build();
        SurveyProfile two = SurveyProfile.builder(survey, ChannelKind.EMAIL)
                .placeholders(Map.of("company", Surveys.COMPANY)).build();
        page.close();
        ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(replies::add).build();
        page = EmailLinkEndpoint.builder(context, tokens, "surveys@example.com").profiles(List.of(FIVE, two)).start();
        String t = token("k-two", 4);

        Document shown = Jsoup.parse(get(link("k-two", t, two, Locale.FRENCH)).body());
        assertThat(shown.select("fieldset legend").eachText()).hasSize(2).last()
                .isEqualTo("Était-il facile d'obtenir de l'aide ?");
        assertThat(shown.select("input[name=q.effort]").eachAttr("value")).containsExactly("1", "2", "3", "4", "5");
        assertThat(shown.select("input[name=q.effort][checked]")).as("nothing chosen for the customer").isEmpty();
        assertThat(shown.select("input[name=v][checked]").eachAttr("value")).containsExactly("4");
        assertThat(shown.select("fieldset").last().select("p.hint").eachText()).containsExactly("Facultatif");
        assertThat(shown.select("label[for=q-effort-2]")).hasSize(1);
        assertThat(Jsoup.parse(get(link("k-one", token("k-one", 4), FIVE, Locale.FRENCH)).body()).select("fieldset"))
                .as("a survey of one question asks one").hasSize(1);

        assertThat(post("?d=two-questions&l=fr", form("k-two", t, "v", "4", "q.effort", "2")).statusCode())
                .isEqualTo(200);
        assertThat(replies).singleElement().extracting(r -> ((ReplyContent.Link) r.content()).answers())
                .isEqualTo(Map.of("effort", 2));
    }

    @Test
    void eachFurtherQuestionHasItsOwnScaleIsOptionalOnlyWhenSkippableAndKeepsItsAnswerOnAnError() throws Exception {
        SurveyDefinition survey = SurveyDefinition.builder("three-questions").name("After your ticket")
                .scale(RatingScales.fivePoint()).channels(ChannelKind.EMAIL).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.EMAIL, Locale.ENGLISH).orElseThrow())
                .question(Question.builder("effort").scale(RatingScales.keypadNine())
                        .prompt(Locale.ENGLISH, "How easy was it to get help?").build())
                .question(Question.builder("mood").scale(RatingScales.threeFaces())
                        .prompt(Locale.ENGLISH, "How do you feel now?").skippable(true).build())
                .question(Question.builder("agent").scale(RatingScales.thumbs())
                        .prompt(Locale.ENGLISH, "Was {agent.name} kind to you?").skippable(true).build())
                .build();
        SurveyProfile three = SurveyProfile.builder(survey, ChannelKind.EMAIL)
                .placeholders(Map.of("company", Surveys.COMPANY)).build();
        page.close();
        ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(replies::add).build();
        page = EmailLinkEndpoint.builder(context, tokens, "surveys@example.com").profiles(List.of(three)).start();
        String t = token("k-three", 4);

        Document shown = Jsoup.parse(get(link("k-three", t, three, Locale.ENGLISH)).body());
        // The agent's name is a value of the survey's own send: the page cannot ask that question.
        assertThat(shown.select("fieldset legend").eachText()).containsExactly(
                "How satisfied are you with the help you got from Acme Support? Choose a rating from 1 (Very"
                        + " dissatisfied) to 5 (Very satisfied) below.", "How easy was it to get help?",
                "How do you feel now?");
        assertThat(shown.select("fieldset").get(1).select("p.hint")).as("not skippable").isEmpty();
        assertThat(shown.select("fieldset").get(1).selectFirst("ul").className()).isEqualTo("choices numbers");
        assertThat(shown.select("input[name=q.effort]")).hasSize(9);
        assertThat(shown.select("fieldset").get(2).select("p.hint").eachText()).containsExactly("Optional");
        assertThat(shown.select("fieldset").get(2).selectFirst("ul").className()).isEqualTo("choices faces");
        assertThat(shown.select("input[name=q.mood]").eachAttr("value")).containsExactly("1", "2", "3");

        String comment = "x".repeat(EmailLinkEndpoint.MAX_COMMENT_LENGTH + 1);
        HttpResponse<String> back = post("?d=three-questions&l=en",
                form("k-three", t, "v", "4", "q.effort", "2", "q.mood", "3", "c", comment));
        assertThat(back.statusCode()).isEqualTo(400);
        Document again = Jsoup.parse(back.body());
        assertThat(again.select("input[checked]").eachAttr("id")).containsExactlyInAnyOrder("v4", "q-effort-2",
                "q-mood-3");
        assertThat(replies).isEmpty();
    }

    @Test
    void aLinkThatNamesNoSurveyIsTheOnlySurveysOrNoSurveysAtAll() throws Exception {
        Document unnamed = Jsoup.parse(get(EmailLinkEndpoint.link(page.uri(), "k-plain", token("k-plain", 4))).body());
        assertThat(unnamed.selectFirst("form").attr("action")).as("two surveys: neither is chosen")
                .isEqualTo(page.uri().getPath() + "?l=en");
        assertThat(unnamed.select("input[name=v]").eachAttr("value")).containsExactly("4");
        assertThat(unnamed.selectFirst("legend").text()).as("no company to name, so no question naming one")
                .isEqualTo("Your rating");

        page.close();
        ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(replies::add).build();
        page = EmailLinkEndpoint.builder(context, tokens, "surveys@example.com").profiles(List.of(FIVE)).start();
        Document only = Jsoup.parse(get(EmailLinkEndpoint.link(page.uri(), "k-plain", token("k-plain", 4))).body());
        assertThat(only.selectFirst("form").attr("action")).isEqualTo(page.uri().getPath() + "?d=ticket-email&l=en");
        assertThat(only.select("input[name=v]").eachAttr("value")).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void aNumberScaleWithLabelsShowsItsEndsAndAFaceScaleDoesNot() throws Exception {
        SurveyProfile keypad = Surveys.profile("keypad-email", RatingScales.keypadNine(), Surveys.TEAL);
        page.close();
        ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(replies::add).build();
        page = EmailLinkEndpoint.builder(context, tokens, "surveys@example.com").profiles(List.of(keypad, FIVE)).start();
        Document numbers = Jsoup.parse(get(link("k-nine", token("k-nine", 7), keypad, Locale.ENGLISH)).body());
        assertThat(numbers.select("p.ends span").eachText()).containsExactly("1 \u2013 Very dissatisfied",
                "9 \u2013 Very satisfied");
        Document faces = Jsoup.parse(get(link("k-five", token("k-five", 4), FIVE, Locale.ENGLISH)).body());
        assertThat(faces.select("p.ends")).isEmpty();
    }

    @Test
    void aSurveyOnSeveralChannelsShowsItsEmailProfileWhateverTheOrderOfTheProfiles() throws Exception {
        SurveyDefinition.Builder b = SurveyDefinition.builder("any-channel").name("After your ticket")
                .scale(RatingScales.fivePoint()).channels(ChannelKind.CHAT, ChannelKind.EMAIL);
        DefaultMessages.allForChannel(ChannelKind.EMAIL).forEach(b::messages);
        SurveyDefinition survey = b.build();
        SurveyProfile byChat = SurveyProfile.builder(survey, ChannelKind.CHAT)
                .placeholders(Map.of("company", "Acme Chat")).build();
        SurveyProfile byEmail = SurveyProfile.builder(survey, ChannelKind.EMAIL)
                .placeholders(Map.of("company", Surveys.COMPANY)).build();
        for (List<SurveyProfile> order : List.of(List.of(byEmail, byChat), List.of(byChat, byEmail))) {
            page.close();
            ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(replies::add).build();
            page = EmailLinkEndpoint.builder(context, tokens, "surveys@example.com").profiles(order).start();
            Document shown = Jsoup.parse(get(link("k-any", token("k-any", 4), byEmail, Locale.ENGLISH)).body());
            assertThat(shown.selectFirst("header").text()).isEqualTo(Surveys.COMPANY);
        }
    }

    @Test
    void aCommentTooLongComesBackToBeShortenedAndSpendsNothing() throws Exception {
        String t = token("k-long", 5);
        String comment = "é".repeat(EmailLinkEndpoint.MAX_COMMENT_LENGTH + 1);
        HttpResponse<String> back = post("?d=ticket-email&l=es", form("k-long", t, "v", "1", "c", comment));
        assertThat(back.statusCode()).isEqualTo(400);
        Document doc = Jsoup.parse(back.body());
        assertThat(doc.selectFirst("#form-error").attr("data-reason")).isEqualTo("COMMENT_TOO_LONG");
        assertThat(doc.selectFirst("#form-error").text()).startsWith("Su comentario supera los 2.000 caracteres");
        assertThat(doc.selectFirst("textarea").text()).as("what was typed is kept").isEqualTo(comment);
        assertThat(doc.selectFirst("#v1").hasAttr("checked")).as("and what was chosen").isTrue();
        assertThat(doc.select("input[checked]")).hasSize(1);
        assertThat(replies).isEmpty();
        assertThat(post("?d=ticket-email&l=es", form("k-long", t, "v", "1", "c", "Corto")).statusCode()).isEqualTo(200);
    }

    @Test
    void theLanguageFollowsTheSurveyAndNothingInTheLinkReachesThePage() throws Exception {
        String t = token("k-lang", 2);
        Document ja = Jsoup.parse(get(link("k-lang", t, THUMBS, Locale.JAPANESE)).body());
        assertThat(ja.selectFirst("html").attr("lang")).as("the survey's default language").isEqualTo("en");
        assertThat(ja.select("input[name=v]")).hasSize(2);
        assertThat(ja.selectFirst("#v2").hasAttr("checked")).isTrue();
        Document caFr = Jsoup.parse(get(link("k-lang", t, THUMBS, Locale.CANADA_FRENCH)).body());
        assertThat(caFr.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(caFr.selectFirst("label[for=v2]").text()).startsWith("👍").endsWith("Bon");

        URI tampered = URI.create(page.uri() + "?s=k-lang&t=" + t + "&d=%3Cb%3Eowned&l="
                + URLEncoder.encode("\"><script>alert(1)</script>", StandardCharsets.UTF_8));
        HttpResponse<String> r = get(tampered);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("owned", "alert(1)");
        Document generic = Jsoup.parse(r.body());
        assertThat(generic.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(generic.select("input[name=v]")).as("the link's rating alone").hasSize(1);
    }

    @Test
    void eachPageAllowsItsOwnInlineStyleAndScriptAndNothingElse() throws Exception {
        for (HttpResponse<String> r : List.of(get(link("k-csp", token("k-csp", 3), FIVE, Locale.GERMAN)),
                get(URI.create(page.uri() + "/nowhere")))) {
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).startsWith("default-src 'none'").contains("form-action 'self'", "frame-ancestors 'none'",
                    "base-uri 'none'").doesNotContain("unsafe");
            Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(r.body());
            assertThat(style.find()).isTrue();
            assertThat(csp).contains("style-src " + sha256(style.group(1)));
            Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(r.body());
            if (script.find()) {
                assertThat(csp).contains("script-src " + sha256(script.group(1)));
            } else {
                assertThat(csp).doesNotContain("script-src");
            }
            assertThat(r.body()).doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=")
                    .doesNotContain("src=", "href=");
        }
    }

    private static String sha256(String s) throws Exception {
        return "'sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))) + "'";
    }
}
