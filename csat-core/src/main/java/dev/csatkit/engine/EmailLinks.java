package dev.csatkit.engine;

import dev.csatkit.channel.LinkClaims;
import dev.csatkit.channel.LinkTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
     * Links to a page at {@code page} carrying a token signed with {@code tokens}:
     * {@code page?s=<survey key>&t=<token>}.
     *
     * @param tokens the signer, with the host's keys
     * @param page the page's public address, such as {@code https://support.example.com/csat/r}
     * @return the link maker
     */
    static EmailLinks signed(LinkTokens tokens, URI page) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(page, "page");
        return (key, recipient, value, expiresAt) -> page + "?s=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&t=" + tokens.sign(new LinkClaims(key, recipient, value, expiresAt));
    }
}
