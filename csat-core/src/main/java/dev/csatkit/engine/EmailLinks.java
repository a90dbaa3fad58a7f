package dev.csatkit.engine;

import dev.csatkit.channel.LinkClaims;
import dev.csatkit.channel.LinkTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Makes the link behind each rating of an email survey. The page it points to verifies the token
 * and hands the confirmed rating back as a {@link dev.csatkit.channels.spi.ReplyContent.Link}
 * whose survey id is the survey's key.
 */
@FunctionalInterface
public interface EmailLinks {

    /**
     * @param surveyKey the survey's key ({@link dev.csatkit.store.OpenSurvey#id()})
     * @param recipient whom it goes to: the contact's id, which the engine passes rather than the
     *     email address because a signed token can be read by anyone who holds the link
     * @param value the scale value the link records
     * @param expiresAt when the link stops working (the end of the answer window)
     * @return the link
     */
    String link(String surveyKey, String recipient, int value, Instant expiresAt);

    /**
     * The link the engine asks for: as {@link #link(String, String, int, Instant)}, also told
     * which survey definition and language the email is in, so that the page can be shown in the
     * same language with the survey's own texts. By default they are left out.
     *
     * @param surveyKey the survey's key
     * @param recipient the contact's id
     * @param value the scale value the link records
     * @param expiresAt when the link stops working
     * @param surveyId the survey definition's id ({@link SurveyProfile#id()})
     * @param locale the contact's locale
     * @return the link
     */
    default String link(String surveyKey, String recipient, int value, Instant expiresAt, String surveyId,
            Locale locale) {
        return link(surveyKey, recipient, value, expiresAt);
    }

    /**
     * Links to a page at {@code page} carrying a token signed with {@code tokens}:
     * {@code page?s=<survey key>&t=<token>}, and, for the engine's links,
     * {@code &d=<survey definition id>&l=<language tag>}. The token covers the survey key, the
     * recipient, the value and the expiry; {@code d} and {@code l} only choose the page's texts
     * among those the page is configured with, so altering them changes nothing but how the page
     * reads.
     *
     * @param tokens the signer, with the host's keys
     * @param page the page's public address, such as {@code https://support.example.com/csat/r}
     * @return the link maker
     */
    static EmailLinks signed(LinkTokens tokens, URI page) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(page, "page");
        return new EmailLinks() {
            @Override
            public String link(String key, String recipient, int value, Instant expiresAt) {
                return page + "?s=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                        + "&t=" + tokens.sign(new LinkClaims(key, recipient, value, expiresAt));
            }

            @Override
            public String link(String key, String recipient, int value, Instant expiresAt, String surveyId,
                    Locale locale) {
                return link(key, recipient, value, expiresAt) + "&d=" + URLEncoder.encode(surveyId, StandardCharsets.UTF_8)
                        + "&l=" + URLEncoder.encode(locale.toLanguageTag(), StandardCharsets.UTF_8);
            }
        };
    }
}
