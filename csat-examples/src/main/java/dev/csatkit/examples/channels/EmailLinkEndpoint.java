package dev.csatkit.examples.channels;

import com.sun.net.httpserver.HttpExchange;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.LinkVerification;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound side of the email channel: the page an email link leads to, in two steps.
 *
 * <ul>
 *   <li>{@code GET /csat/r?s=<survey>&t=<token>} (a click, or a mail scanner) checks the token
 *       with {@link LinkTokens#open} and shows the rating pre-selected with a confirm button;
 *       and a box for an optional comment; nothing is recorded;</li>
 *   <li>{@code POST /csat/r} with {@code s}, {@code t} and the optional comment {@code c} (the
 *       confirm button) calls {@link LinkTokens#submit}; on success the rating and the comment
 *       go to the channel's inbound listener as one {@link ReplyContent.Link}, with the ballot id
 *       as provider message id.</li>
 * </ul>
 *
 * <p>The comment box takes the place of the follow-up question other channels send: an email
 * survey is answered on this page, never by a typed reply.
 *
 * <p>Refusals answer 400 (malformed, unknown key, bad signature), 404 (another survey), 409
 * (already used) or 410 (expired), with a short page.
 */
public final class EmailLinkEndpoint implements AutoCloseable {

    /** The path served. */
    public static final String PATH = "/csat/r";

    /** The longest comment the page takes, in characters. */
    public static final int MAX_COMMENT_LENGTH = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(EmailLinkEndpoint.class);

    private final ChannelContext context;
    private final LinkTokens tokens;
    private final String channelAddress;
    private final HttpEndpoint http;

    /**
     * Starts the page.
     *
     * @param context the email channel's context: its id, clock and inbound listener
     * @param tokens the token checker, with the host's keys and used-token store
     * @param channelAddress the channel's sending address, the recipient of every reply
     * @param host the address to bind
     * @param port the port, 0 for any free port
     * @throws IOException when the port cannot be bound
     */
    public EmailLinkEndpoint(ChannelContext context, LinkTokens tokens, String channelAddress, String host, int port)
            throws IOException {
        this.context = Objects.requireNonNull(context, "context");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.channelAddress = Objects.requireNonNull(channelAddress, "channelAddress");
        this.http = new HttpEndpoint(host, port, PATH, this::handle);
    }

    /**
     * @param surveyId the survey
     * @param token a signed token
     * @return the link to put in the email, on this endpoint
     */
    public URI link(String surveyId, String token) {
        return link(http.uri(), surveyId, token);
    }

    /**
     * @param page the page's public URL, such as {@code https://support.example.com/csat/r}
     * @param surveyId the survey
     * @param token a signed token
     * @return the link to put in the email
     */
    public static URI link(URI page, String surveyId, String token) {
        return URI.create(page + "?s=" + URLEncoder.encode(surveyId, StandardCharsets.UTF_8) + "&t=" + token);
    }

    /** @return the page's URL */
    public URI uri() {
        return http.uri();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method)) {
            Map<String, String> q = HttpEndpoint.form(exchange.getRequestURI().getRawQuery());
            String survey = q.getOrDefault("s", "");
            LinkVerification v = tokens.open(q.get("t"), survey);
            if (v instanceof LinkVerification.Valid valid) {
                HttpEndpoint.respond(exchange, 200, "text/html", page("Confirm your rating",
                        "<p>You chose <strong id=\"value\">" + valid.claims().value() + "</strong>.</p>"
                        + "<form method=\"post\" action=\"" + PATH + "\">"
                        + "<input type=\"hidden\" name=\"s\" value=\"" + escape(survey) + "\">"
                        + "<input type=\"hidden\" name=\"t\" value=\"" + escape(q.get("t")) + "\">"
                        + "<p><label for=\"c\">Anything you would like to add? (optional)</label><br>"
                        + "<textarea id=\"c\" name=\"c\" rows=\"4\" cols=\"50\" maxlength=\""
                        + MAX_COMMENT_LENGTH + "\"></textarea></p>"
                        + "<button type=\"submit\">Send my rating</button></form>"));
            } else {
                refuse(exchange, (LinkVerification.Rejected) v);
            }
        } else if ("POST".equals(method)) {
            Map<String, String> form = HttpEndpoint.form(HttpEndpoint.body(exchange));
            // Browsers send a textarea's line breaks as CRLF but count each as one character.
            String comment = form.getOrDefault("c", "").replace("\r\n", "\n");
            if (comment.length() > MAX_COMMENT_LENGTH) {
                // Checked before the token is spent, so the customer can shorten it and send again.
                HttpEndpoint.respond(exchange, 400, "text/html", page("Survey", "<p id=\"reason\" "
                        + "data-reason=\"COMMENT_TOO_LONG\">Your comment is longer than " + MAX_COMMENT_LENGTH
                        + " characters; please shorten it.</p>"));
                return;
            }
            LinkVerification v = tokens.submit(form.get("t"), form.getOrDefault("s", ""));
            if (v instanceof LinkVerification.Valid valid) {
                context.inbound().onReply(new InboundReply(context.channelId(), valid.claims().recipient(),
                        channelAddress, new ReplyContent.Link(valid.claims().surveyId(), valid.claims().value(),
                        Optional.of(comment)),
                        LinkTokens.ballotId(valid.claims()), context.clock().instant()));
                HttpEndpoint.respond(exchange, 200, "text/html", page("Thank you", "<p>Your rating was recorded.</p>"));
            } else {
                refuse(exchange, (LinkVerification.Rejected) v);
            }
        } else {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            HttpEndpoint.respond(exchange, 405, "text/plain", "GET or POST");
        }
    }

    private void refuse(HttpExchange exchange, LinkVerification.Rejected r) throws IOException {
        LOG.info("{}: link refused: {} ({})", context.channelId(), r.reason(), r.detail());
        int status = switch (r.reason()) {
            case MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE -> 400;
            case WRONG_SURVEY -> 404;
            case ALREADY_USED -> 409;
            case EXPIRED -> 410;
        };
        String text = switch (r.reason()) {
            case ALREADY_USED -> "Thank you, your rating was already recorded.";
            case EXPIRED -> "This survey has closed.";
            default -> "This link is not valid.";
        };
        HttpEndpoint.respond(exchange, status, "text/html", page("Survey", "<p id=\"reason\" data-reason=\""
                + r.reason() + "\">" + text + "</p>"));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
                + body + "</body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Stops the page. */
    @Override
    public void close() {
        http.close();
    }
}
