package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScales;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerTemplatesTest {

    @Test
    void everyShippedLanguageHasEveryTextAndTheDefaultsUseOnlyKnownSlots() {
        CustomerTemplates t = CustomerTemplates.defaults();
        assertThat(t.textLocales()).containsExactlyInAnyOrderElementsOf(RatingScales.LABEL_LOCALES);
        for (Locale l : RatingScales.LABEL_LOCALES) {
            for (String key : CustomerTemplates.TEXT_KEYS) {
                assertThat(t.text(l, key, Map.of())).as("%s %s", l, key).isNotBlank();
            }
        }
        assertThat(t.text(Locale.CANADA_FRENCH, "submit", Map.of())).isEqualTo("Envoyer ma note");
        assertThat(t.text(Locale.JAPANESE, "submit", Map.of())).as("else English").isEqualTo("Send my rating");
        assertThat(t.text(Locale.GERMAN, "commentHint", Map.of("max", "2000"))).isEqualTo("Optional, höchstens 2000 Zeichen.");
        assertThat(CustomerTemplates.EMAIL_SLOTS).containsAll(t.email().slots());
        assertThat(CustomerTemplates.PAGE_SLOTS).containsAll(t.page().slots());
    }

    @Test
    void aHostTemplateIsCheckedForTyposMissingSlotsAndWhatThePolicyBlocks() {
        String page = CustomerTemplates.defaultPageSource().replace("{{prompt}}", "{{promt}}")
                .replace("{{token}}", "").replace("<header>", "<header style=\"color:red\">");
        String email = "<p>{{#choices}}<a href=\"{{link}}\" onclick=\"x()\">{{value}}</a>{{/choices}}</p>";
        assertThatThrownBy(() -> CustomerTemplates.builder().page(page).email(email).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("templates.page = \"[promt]\": are not slots of this template")
                .hasMessageContaining("templates.page = \"[token]\": must be used")
                .hasMessageContaining("style=\"\" are blocked by the page's Content-Security-Policy")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations()).hasSize(3));
        // An email template may use script-like attributes: mail clients strip them, no policy applies.
        assertThat(CustomerTemplates.builder().email(email).build().email().source()).isEqualTo(email);
    }

    @Test
    void hostTextsMustCoverEveryKey() {
        Map<String, String> italian = new HashMap<>();
        CustomerTemplates.TEXT_KEYS.forEach(k -> italian.put(k, "it:" + k));
        CustomerTemplates withItalian = CustomerTemplates.builder().texts(Locale.ITALIAN, italian).build();
        assertThat(withItalian.text(Locale.forLanguageTag("it-CH"), "submit", Map.of())).isEqualTo("it:submit");
        italian.remove("submit");
        italian.put("sumbit", "x");
        assertThatThrownBy(() -> CustomerTemplates.builder().texts(Locale.ITALIAN, italian).build())
                .hasMessageContaining("texts.it").hasMessageContaining("is missing [submit]")
                .hasMessageContaining("[sumbit]\": are not text keys");
    }

    @Test
    void brandColourIsCheckedAndGetsTheTextThatReadsBestOnIt() {
        assertThat(Brand.DEFAULT.textColor()).isEqualTo("#ffffff");
        assertThat(Brand.DEFAULT.contrastWith("#ffffff")).isGreaterThan(4.5);
        assertThat(Brand.of("#FFD400").textColor()).as("yellow takes dark text").isEqualTo("#111827");
        assertThat(Brand.of("#FFD400").color()).isEqualTo("#ffd400");
        assertThatThrownBy(() -> Brand.of("red")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("color = \"red\": must be a colour written #rrggbb");
        assertThatThrownBy(() -> Brand.DEFAULT.withLogo(URI.create("http://example.com/logo.png")))
                .hasMessageContaining("must be an absolute https URL");
        assertThatThrownBy(() -> Brand.of("#123456\"><script>")).hasMessageContaining("#rrggbb");
    }
}
