package dev.csatkit.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channel.CustomerTemplates;
import dev.csatkit.channel.LinkClaims;
import dev.csatkit.channel.LinkKey;
import dev.csatkit.channel.LinkKeyRing;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.SurveyRenderer;
import dev.csatkit.channel.UsedTokenStore;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.EmailLinks;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.scale.RatingScales;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The survey email and its link page as a customer meets them, in headless Chromium at a phone's
 * width (390 CSS pixels, touch) and a desktop's: French and Russian customers change their
 * rating, comment and send; an expired link; a mail scanner; a browser without JavaScript; the
 * email itself. axe-core checks each page for serious and critical accessibility violations,
 * and the console for anything the page's Content-Security-Policy blocked. Screenshots go to
 * {@code target/screenshots} for review.
 */
@BrowserTest
class LinkPageBrowserTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(7));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LinkKeyRing KEYS = LinkKeyRing.of(
            LinkKey.of("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private static final SurveyProfile FIVE = Surveys.profile("ticket-email", RatingScales.fivePoint(), Surveys.TEAL);
    private static final SurveyProfile ZERO_TEN = Surveys.profile("nps-email", RatingScales.zeroToTen(), Surveys.TEAL);

    private static final List<InboundReply> REPLIES = new CopyOnWriteArrayList<>();
    private static final UsedTokenStore USED = UsedTokenStore.inMemory(CLOCK);
    private static final LinkTokens TOKENS = new LinkTokens(KEYS, USED, CLOCK);
    private static Browser browser;
    private static EmailLinkEndpoint page;
    private static EmailLinks links;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        ChannelContext context = ChannelContext.builder("email").clock(CLOCK).inbound(REPLIES::add).build();
        page = EmailLinkEndpoint.builder(context, TOKENS, "surveys@example.com").profiles(List.of(FIVE, ZERO_TEN))
                .start();
        links = EmailLinks.signed(TOKENS, page.uri());
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (page != null) {
            page.close();
        }
    }

    @BeforeEach
    void fresh() {
        REPLIES.clear();
        browser.scripts(true).consoleProblems();
    }

    private static String link(SurveyProfile profile, String contact, int value, Locale locale) {
        return links.link("key-" + contact, contact, value, EXPIRES, profile.id(), locale);
    }

    /** Visible text with the spaces numbers are grouped by (narrow or not) as plain spaces. */
    private static String text(WebElement e) {
        return e.getText().replace('\u202f', ' ').replace('\u00a0', ' ').strip();
    }

    private static void assertAccessibleAndUnblocked(String what) {
        assertThat(browser.seriousAccessibilityViolations()).as("%s: axe-core, serious and critical", what).isEmpty();
        assertThat(browser.consoleProblems()).as("%s: nothing blocked or broken", what).isEmpty();
    }

    @Test
    void aFrenchCustomerOnAPhoneChangesTheRatingCommentsAndSends() {
        browser.phone().open(link(FIVE, "c-fr", 4, Locale.FRENCH));
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("fr");
        assertThat(text(browser.find("h1"))).isEqualTo("Votre note");
        assertThat(text(browser.find("header"))).isEqualTo(Surveys.COMPANY);
        assertThat(text(browser.find("legend"))).startsWith("Êtes-vous satisfait de l'aide reçue de Acme Support ?");
        assertThat(browser.find("#v4").isSelected()).as("the link's rating is selected").isTrue();
        assertThat(browser.all("input[name=v]")).hasSize(5).filteredOn(WebElement::isSelected).hasSize(1);
        assertThat(text(browser.find("label[for=c]"))).isEqualTo("Quelle est la raison principale de votre note ?");
        assertThat(text(browser.find("#count"))).isEqualTo("2 000 caractères restants");
        assertThat(browser.overflow()).as("nothing wider than the phone").isZero();
        for (WebElement target : browser.all(".choice label, button[type=submit], textarea")) {
            assertThat(browser.size(target)).as("touch target %s", target.getText())
                    .satisfies(wh -> assertThat(wh[0]).isGreaterThanOrEqualTo(44))
                    .satisfies(wh -> assertThat(wh[1]).isGreaterThanOrEqualTo(44));
        }
        browser.screenshot("rating-fr-phone");
        assertAccessibleAndUnblocked("rating page, fr, phone");

        browser.find("label[for=v2]").click();
        assertThat(browser.find("#v2").isSelected()).isTrue();
        assertThat(browser.find("#v4").isSelected()).isFalse();
        browser.find("#c").sendKeys("Le délai était trop long.");
        assertThat(text(browser.find("#count"))).isEqualTo("1 975 caractères restants");
        browser.screenshot("rating-fr-phone-changed");
        assertThat(REPLIES).as("nothing recorded before sending").isEmpty();

        browser.andWait(() -> browser.find("button[type=submit]").click());
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("fr");
        assertThat(text(browser.find("h1"))).isEqualTo("Merci pour votre avis !");
        assertThat(text(browser.find("#chosen"))).isEqualTo("Votre note : 😞 Insatisfait");
        assertThat(browser.find("main").getText()).contains("Nous avons bien reçu votre commentaire.");
        browser.screenshot("thanks-fr-phone");
        assertAccessibleAndUnblocked("thank-you page, fr, phone");
        assertThat(REPLIES).singleElement().satisfies(r -> {
            assertThat(r.sender()).isEqualTo("c-fr");
            assertThat(r.content()).isEqualTo(new ReplyContent.Link("key-c-fr", 2, Optional.of("Le délai était trop long.")));
        });
    }

    @Test
    void aRussianCustomerAtADesktopUsesTheKeyboardAlone() {
        browser.desktop().open(link(FIVE, "c-ru", 5, Locale.forLanguageTag("ru")));
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ru");
        assertThat(text(browser.find("h1"))).isEqualTo("Ваша оценка");
        browser.screenshot("rating-ru-desktop");
        assertAccessibleAndUnblocked("rating page, ru, desktop");

        browser.find("body").sendKeys(Keys.TAB);
        assertThat(active().getAttribute("id")).as("focus starts on the chosen rating").isEqualTo("v5");
        active().sendKeys(Keys.ARROW_LEFT);
        assertThat(browser.find("#v4").isSelected()).as("arrows move the rating").isTrue();
        active().sendKeys(Keys.TAB);
        assertThat(active().getAttribute("id")).as("then the comment").isEqualTo("c");
        active().sendKeys("Всё отлично, спасибо");
        active().sendKeys(Keys.TAB);
        assertThat(active().getTagName()).as("then the send button").isEqualTo("button");
        browser.andWait(() -> active().sendKeys(Keys.ENTER));

        assertThat(text(browser.find("h1"))).isEqualTo("Спасибо за ваш отзыв!");
        assertThat(text(browser.find("#chosen"))).isEqualTo("Ваша оценка: 🙂 Доволен");
        browser.screenshot("thanks-ru-desktop");
        assertThat(REPLIES).singleElement().extracting(InboundReply::content)
                .isEqualTo(new ReplyContent.Link("key-c-ru", 4, Optional.of("Всё отлично, спасибо")));
        browser.phone().open(link(FIVE, "c-ru-2", 1, Locale.forLanguageTag("ru")));
        assertThat(browser.overflow()).as("Russian labels fit a phone").isZero();
        browser.screenshot("rating-ru-phone");
    }

    private static WebElement active() {
        return browser.driver().switchTo().activeElement();
    }

    @Test
    void anExpiredLinkShowsTheFrenchErrorPage() {
        LinkTokens lastWeek = new LinkTokens(KEYS, USED, Clock.fixed(NOW.minus(Duration.ofDays(8)), ZoneOffset.UTC));
        String token = lastWeek.sign(new LinkClaims("key-old", "c-old", 5, NOW.minus(Duration.ofDays(1))));
        browser.phone().open(EmailLinkEndpoint.link(page.uri(), "key-old", token, FIVE.id(), Locale.FRENCH).toString());
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.find("#reason").getAttribute("data-reason")).isEqualTo("EXPIRED");
        assertThat(text(browser.find("h1"))).isEqualTo("Cette enquête est close.");
        assertThat(browser.all("form")).isEmpty();
        assertThat(browser.overflow()).isZero();
        browser.screenshot("error-expired-fr-phone");
        assertAccessibleAndUnblocked("error page, fr, phone");
        assertThat(REPLIES).isEmpty();
    }

    @Test
    void aMailScannerFollowingEveryLinkRecordsNothing() throws Exception {
        for (int v = 1; v <= 5; v++) {
            HttpResponse<String> scanned = http.send(HttpRequest.newBuilder(URI.create(link(FIVE, "c-scan", v,
                    Locale.GERMAN))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scanned.statusCode()).isEqualTo(200);
        }
        browser.phone().open(link(FIVE, "c-scan", 3, Locale.GERMAN));
        assertThat(REPLIES).as("opening links records nothing").isEmpty();
        browser.andWait(() -> browser.find("button[type=submit]").click());
        assertThat(text(browser.find("h1"))).as("the scanner spent no link").isEqualTo("Vielen Dank für Ihr Feedback!");
        assertThat(REPLIES).singleElement().extracting(InboundReply::content)
                .isEqualTo(new ReplyContent.Link("key-c-scan", 3, Optional.of("")));
    }

    @Test
    void withoutJavaScriptTheCustomerStillRatesAndSends() {
        browser.scripts(false).phone().open(link(FIVE, "c-nojs", 3, Locale.forLanguageTag("sv")));
        assertThat(browser.find("#count").isDisplayed()).as("the live count needs a script").isFalse();
        assertThat(text(browser.find("#c-hint"))).isEqualTo("Valfritt, högst 2 000 tecken.");
        browser.find("label[for=v5]").click();
        browser.find("#c").sendKeys("Snabbt och vänligt");
        browser.screenshot("rating-sv-phone-no-script");
        browser.andWait(() -> browser.find("button[type=submit]").click());
        assertThat(text(browser.find("h1"))).isEqualTo("Tack för din återkoppling!");
        assertThat(REPLIES).singleElement().extracting(InboundReply::content)
                .isEqualTo(new ReplyContent.Link("key-c-nojs", 5, Optional.of("Snabbt och vänligt")));
    }

    @Test
    void aZeroToTenScaleOnBothWidths() {
        browser.phone().open(link(ZERO_TEN, "c-nps", 8, Locale.forLanguageTag("es")));
        assertThat(browser.all("input[name=v]")).hasSize(11);
        assertThat(browser.find("#v8").isSelected()).isTrue();
        assertThat(browser.find("#v8").getAccessibleName()).isEqualTo("8 de 10");
        assertThat(browser.find("#v10").getAccessibleName()).isEqualTo("10 de 10, Muy satisfecho");
        assertThat(browser.overflow()).isZero();
        browser.screenshot("rating-zero-ten-es-phone");
        assertAccessibleAndUnblocked("rating page, 0-10, es, phone");
        browser.desktop().open(link(ZERO_TEN, "c-nps", 8, Locale.forLanguageTag("es")));
        browser.screenshot("rating-zero-ten-es-desktop");
        browser.open(link(FIVE, "c-fr-desk", 4, Locale.FRENCH));
        browser.screenshot("rating-fr-desktop");
    }

    @Test
    void theEmailOnAPhoneAndADesktop() throws Exception {
        for (Locale locale : List.of(Locale.FRENCH, Locale.forLanguageTag("uk"), Locale.forLanguageTag("pl"))) {
            SurveyProfile profile = locale.getLanguage().equals("pl") ? ZERO_TEN : FIVE;
            MessageContent.Email email = (MessageContent.Email) SurveyRenderer.render(profile.survey(),
                    ChannelKind.EMAIL, ChannelCapabilities.email(), locale, profile.placeholders(),
                    v -> link(profile, "c-mail", v, locale), CustomerTemplates.defaults(), profile.brand())
                    .orElseThrow();
            String name = "email-" + profile.survey().scale().id() + "-" + locale.getLanguage();
            Files.createDirectories(Browser.SHOTS);
            Path file = Browser.SHOTS.resolve(name + ".html").toAbsolutePath();
            Files.writeString(file, email.html().orElseThrow());
            browser.phone().open(file.toUri().toString());
            assertThat(browser.overflow()).as("%s: nothing wider than the phone", name).isZero();
            for (WebElement a : browser.all("a")) {
                assertThat(browser.size(a)[1]).as("%s: link %s", name, a.getAttribute("aria-label"))
                        .isGreaterThanOrEqualTo(44);
            }
            browser.screenshot(name + "-phone");
            assertThat(browser.seriousAccessibilityViolations()).as("%s: axe-core", name).isEmpty();
            browser.desktop().open(file.toUri().toString());
            browser.screenshot(name + "-desktop");
        }
        assertThat(REPLIES).isEmpty();
    }
}
