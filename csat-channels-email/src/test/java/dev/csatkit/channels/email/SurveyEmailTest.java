package dev.csatkit.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channel.Brand;
import dev.csatkit.channel.CustomerTemplates;
import dev.csatkit.channel.LinkKey;
import dev.csatkit.channel.LinkKeyRing;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.LinkVerification;
import dev.csatkit.channel.SurveyRenderer;
import dev.csatkit.channel.UsedTokenStore;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.engine.EmailLinks;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The survey email in every shipped language on every preset scale, read as a mail client and a
 * screen reader would: small enough that no web mail clips it, in the right language, every
 * choice named and linking to its own value.
 */
class SurveyEmailTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    /** Gmail clips a message whose HTML passes about 102 KB. */
    private static final int MAX_BYTES = 100 * 1024;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LinkTokens tokens = new LinkTokens(
            LinkKeyRing.of(LinkKey.of("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))),
            UsedTokenStore.inMemory(clock), clock);
    private final EmailLinks links = EmailLinks.signed(tokens, URI.create("https://support.example.com/csat/r"));

    @Test
    void everyLanguageOnEveryPresetScale() {
        int checked = 0;
        int largest = 0;
        for (String scaleId : RatingScales.presetIds()) {
            RatingScale scale = RatingScales.preset(scaleId).orElseThrow();
            SurveyProfile profile = Surveys.profile("email-" + scaleId, scale, Surveys.TEAL);
            for (Locale locale : RatingScales.LABEL_LOCALES) {
                String key = "s" + scaleId.replace("-", "") + locale.getLanguage();
                MessageContent.Email email = render(profile, locale, key, profile.brand());
                String html = email.html().orElseThrow();
                int bytes = html.getBytes(StandardCharsets.UTF_8).length
                        + email.plainText().getBytes(StandardCharsets.UTF_8).length;
                largest = Math.max(largest, bytes);
                String what = scaleId + " in " + locale;
                assertThat(bytes).as("%s: size", what).isLessThan(MAX_BYTES);
                Document doc = Jsoup.parse(html);
                assertThat(doc.selectFirst("html").attr("lang")).as("%s: lang", what).isEqualTo(locale.toLanguageTag());
                assertThat(doc.select("script, iframe, form, link[rel=stylesheet]")).as("%s: no script", what).isEmpty();
                assertThat(doc.select("img")).as("%s: no image without a logo", what).isEmpty();
                assertThat(doc.title()).isEqualTo("After your ticket");
                checkChoices(doc, scale, locale, key, what);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(RatingScales.presetIds().size() * RatingScales.LABEL_LOCALES.size());
        assertThat(largest).as("the largest email").isLessThan(MAX_BYTES / 5);
    }

    /** One link per scale point, worst to best, each named for a screen reader and recording its own value. */
    private void checkChoices(Document doc, RatingScale scale, Locale locale, String key, String what) {
        List<Element> anchors = doc.select("a[href]");
        assertThat(anchors).as("%s: one link per point", what).hasSize(scale.size());
        boolean faces = scale.points().stream().allMatch(p -> p.emoji().isPresent());
        List<Integer> recorded = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            Element a = anchors.get(i);
            ScalePoint point = scale.points().get(i);
            String name = a.attr("aria-label");
            Element visible = a.clone();
            visible.select("[aria-hidden=true]").remove();
            String shown = visible.text().strip();
            assertThat(name).as("%s: accessible name of %s", what, point.value()).isNotBlank()
                    .isEqualTo(SurveyRenderer.choiceName(point, scale, locale, CustomerTemplates.defaults(), faces));
            assertThat(name).as("%s: the name says what is shown", what).contains(shown);
            assertThat(shown).as("%s: something to read besides an emoji", what).isNotBlank();
            Map<String, String> q = query(URI.create(a.attr("href")));
            assertThat(q).containsEntry("s", key).containsEntry("l", locale.toLanguageTag());
            LinkVerification v = tokens.open(q.get("t"), key);
            assertThat(v).as("%s: %s", what, name).isInstanceOf(LinkVerification.Valid.class);
            int value = ((LinkVerification.Valid) v).claims().value();
            assertThat(value).as("%s: the link named %s records it", what, name).isEqualTo(point.value());
            recorded.add(value);
        }
        assertThat(recorded).as("%s: every value once", what)
                .containsExactlyElementsOf(scale.points().stream().map(ScalePoint::value).toList());
    }

    private MessageContent.Email render(SurveyProfile profile, Locale locale, String key, Brand brand) {
        Instant expires = NOW.plus(Duration.ofDays(7));
        return (MessageContent.Email) SurveyRenderer.render(profile.survey(), ChannelKind.EMAIL,
                ChannelCapabilities.email(), locale, profile.placeholders(),
                v -> links.link(key, "contact-1", v, expires, profile.id(), locale), CustomerTemplates.defaults(),
                brand).orElseThrow();
    }

    @Test
    void theBrandAndLogoAreTheProfilesAndTheTextPartStaysWhole() {
        SurveyProfile profile = Surveys.profile("email-five", RatingScales.fivePoint(),
                Brand.of("#FFD400").withLogo(URI.create("https://cdn.example.com/acme.png")));
        MessageContent.Email email = render(profile, Locale.FRENCH, "sfive", profile.brand());
        Document doc = Jsoup.parse(email.html().orElseThrow());
        Element logo = doc.selectFirst("img");
        assertThat(logo.attr("src")).isEqualTo("https://cdn.example.com/acme.png");
        assertThat(logo.attr("alt")).isEqualTo(Surveys.COMPANY);
        assertThat(doc.html()).contains("#ffd400");
        assertThat(doc.text()).contains("Un clic suffit pour nous donner votre avis.")
                .contains("Vous recevez cet e-mail parce que vous avez récemment contacté Acme Support.");
        assertThat(email.plainText()).startsWith("Êtes-vous satisfait de l'aide reçue de Acme Support ?")
                .contains("5 - Très satisfait: https://support.example.com/csat/r?s=sfive&t=");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
