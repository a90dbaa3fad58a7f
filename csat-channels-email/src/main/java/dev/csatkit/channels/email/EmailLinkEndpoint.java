package dev.csatkit.channels.email;

import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.LinkVerification;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.support.HttpEndpoint;
import dev.csatkit.channels.support.HttpEndpoint.Request;
import dev.csatkit.channels.support.HttpEndpoint.Response;
import dev.csatkit.channels.support.Masking;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound side of the email channel: the page an email link leads to, in two steps.
 *
 * <ul>
 *   <li>{@code GET /csat/r?s=<survey>&t=<token>} (a click, or a mail scanner) checks the token
 *       with {@link LinkTokens#open} and shows the rating pre-selected with a confirm button and
 *       a box for an optional comment; nothing is recorded;</li>
 *   <li>{@code POST /csat/r} with {@code s}, {@code t} and the optional comment {@code c} (the
 *       confirm button), as {@code application/x-www-form-urlencoded}, calls
 *       {@link LinkTokens#submit}; on success the rating and the comment go to the channel's
 *       inbound listener as one {@link ReplyContent.Link}, with the ballot id as provider message
 *       id.</li>
 * </ul>
 *
 * <p>The comment box takes the place of the follow-up question other channels send: an email
 * survey is answered on this page, never by a typed reply. So are a survey's further questions:
 * the form may send each as {@code q.<question id>} with the chosen value, and they go with the
 * rating in {@link ReplyContent.Link#answers()}.
 *
 * <p>Every bad token — malformed, signed with an unknown key, forged or altered, or for another
 * survey — gets the same 400 page, so that the page tells a prober nothing about the key ring.
 * A genuine token that was already used gets 409, an expired one 410. A request the page cannot
 * read (a bad form encoding, a body over 64 KiB, another path or method) gets a short page with
 * its status (400, 413, 404, 405, 415), never a dropped connection. The page runs on
 * {@link HttpEndpoint}, with its timeouts, connection limit and security headers; the token is in
 * the URL, so {@code Referrer-Policy: no-referrer} keeps it from leaving with a click.
 */
public final class EmailLinkEndpoint implements AutoCloseable {

    /** The path served. */
    public static final String PATH = "/csat/r";

    /** The longest comment the page takes, in characters. */
    public static final int MAX_COMMENT_LENGTH = 2000;

    /** What every refused bad token is shown as, whatever the reason. */
    public static final String INVALID = "INVALID";

    private static final Logger LOG = LoggerFactory.getLogger(EmailLinkEndpoint.class);

    private final ChannelContext context;
    private final LinkTokens tokens;
    private final String channelAddress;
    private final HttpEndpoint http;

    private EmailLinkEndpoint(Builder b) throws IOException {
        this.context = b.context;
        this.tokens = b.tokens;
        this.channelAddress = b.channelAddress;
        this.http = b.http.name("email-link").route(PATH, Set.of("GET", "POST"), this::handle)
                .errorPage(EmailLinkEndpoint::errorPage).start();
    }

    /**
     * Starts configuring the page.
     *
     * @param context the email channel's context: its id, clock and inbound listener
     * @param tokens the token checker, with the host's keys and used-token store
     * @param channelAddress the channel's sending address, the recipient of every reply
     * @return a builder that binds 127.0.0.1 on any free port with {@link HttpEndpoint}'s defaults
     */
    public static Builder builder(ChannelContext context, LinkTokens tokens, String channelAddress) {
        return new Builder(context, tokens, channelAddress);
    }

    /** Configures and starts an {@link EmailLinkEndpoint}. */
    public static final class Builder {
        private final ChannelContext context;
        private final LinkTokens tokens;
        private final String channelAddress;
        private final HttpEndpoint.Builder http = HttpEndpoint.builder();

        private Builder(ChannelContext context, LinkTokens tokens, String channelAddress) {
            this.context = Objects.requireNonNull(context, "context");
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.channelAddress = Objects.requireNonNull(channelAddress, "channelAddress");
        }

        /** @param host the address to bind @param port the port, 0 for any free one @return this builder */
        public Builder bind(String host, int port) {
            http.bind(host, port);
            return this;
        }

        /** @param value the time a request has to arrive whole @return this builder */
        public Builder readTimeout(Duration value) {
            http.readTimeout(value);
            return this;
        }

        /** @param value the time a response has to be taken @return this builder */
        public Builder writeTimeout(Duration value) {
            http.writeTimeout(value);
            return this;
        }

        /** @param value the most connections open at once @return this builder */
        public Builder maxConnections(int value) {
            http.maxConnections(value);
            return this;
        }

        /** @param value the number of threads answering requests @return this builder */
        public Builder workers(int value) {
            http.workers(value);
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @return the running page
         * @throws IOException when the port cannot be bound
         * @throws IllegalArgumentException naming a setting out of range
         */
        public EmailLinkEndpoint start() throws IOException {
            return new EmailLinkEndpoint(this);
        }
    }

    /**
     * @param surveyId the survey
     * @param token a signed token
     * @return the link to put in the email, on this endpoint
     */
    public URI link(String surveyId, String token) {
        return link(http.uri(PATH), surveyId, token);
    }

    /**
     * @param page the page's public URL, such as {@code https://support.example.com/csat/r}
     * @param surveyId the survey
     * @param token a signed token
     * @return the link to put in the email
     */
    public static URI link(URI page, String surveyId, String token) {
        return URI.create(page + "?s=" + URLEncoder.encode(surveyId, StandardCharsets.UTF_8) + "&t="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** @return the page's URL */
    public URI uri() {
        return http.uri(PATH);
    }

    private Response handle(Request request) {
        if ("GET".equals(request.method())) {
            Map<String, String> q = request.query();
            String survey = q.getOrDefault("s", "");
            String token = q.get("t");
            LinkVerification v = tokens.open(token, survey);
            if (v instanceof LinkVerification.Valid valid) {
                return Response.html(200, page("Confirm your rating",
                        "<p>You chose <strong id=\"value\">" + valid.claims().value() + "</strong>.</p>"
                        + "<form method=\"post\" action=\"" + PATH + "\">"
                        + "<input type=\"hidden\" name=\"s\" value=\"" + escape(survey) + "\">"
                        + "<input type=\"hidden\" name=\"t\" value=\"" + escape(Objects.requireNonNull(token)) + "\">"
                        + "<p><label for=\"c\">Anything you would like to add? (optional)</label><br>"
                        + "<textarea id=\"c\" name=\"c\" rows=\"4\" cols=\"50\" maxlength=\""
                        + MAX_COMMENT_LENGTH + "\"></textarea></p>"
                        + "<button type=\"submit\">Send my rating</button></form>"));
            }
            return refuse((LinkVerification.Rejected) v);
        }
        if (!request.mediaType().map("application/x-www-form-urlencoded"::equals).orElse(false)) {
            throw new HttpEndpoint.Refused(415, "the form must be sent as application/x-www-form-urlencoded");
        }
        Map<String, String> form = HttpEndpoint.form(request.bodyText());
        // Browsers send a textarea's line breaks as CRLF but count each as one character.
        String comment = form.getOrDefault("c", "").replace("\r\n", "\n");
        if (comment.codePointCount(0, comment.length()) > MAX_COMMENT_LENGTH) {
            // Checked before the token is spent, so the customer can shorten it and send again.
            return Response.html(400, page("Survey", "<p id=\"reason\" data-reason=\"COMMENT_TOO_LONG\">"
                    + "Your comment is longer than " + MAX_COMMENT_LENGTH + " characters; please shorten it.</p>"));
        }
        LinkVerification v = tokens.submit(form.get("t"), form.getOrDefault("s", ""));
        if (v instanceof LinkVerification.Valid valid) {
            context.inbound().onReply(new InboundReply(context.channelId(), valid.claims().recipient(),
                    channelAddress, new ReplyContent.Link(valid.claims().surveyId(), valid.claims().value(),
                    Optional.of(comment), answers(form)),
                    LinkTokens.ballotId(valid.claims()), context.clock().instant()));
            return Response.html(200, page("Thank you", "<p>Your rating was recorded.</p>"));
        }
        return refuse((LinkVerification.Rejected) v);
    }

    /**
     * The answers to a survey's further questions in a submitted form: each field
     * {@code q.<question id>} whose value is a whole number, at most
     * {@link ReplyContent.Link#MAX_ANSWERS}. Anything else is left out; the engine keeps only the
     * questions the survey asks, on their scales.
     */
    static Map<String, Integer> answers(Map<String, String> form) {
        Map<String, Integer> answers = new TreeMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("q.") && QUESTION_ID.matcher(name.substring(2)).matches()
                    && ANSWER.matcher(value).matches() && answers.size() < ReplyContent.Link.MAX_ANSWERS) {
                answers.put(name.substring(2), Integer.parseInt(value));
            }
        });
        return answers;
    }

    private static final Pattern QUESTION_ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern ANSWER = Pattern.compile("-?[0-9]{1,4}");

    private Response refuse(LinkVerification.Rejected r) {
        LOG.info("{}: link refused: {} ({})", context.channelId(), r.reason(), Masking.text(r.detail()));
        return switch (r.reason()) {
            case ALREADY_USED -> Response.html(409, page("Survey", "<p id=\"reason\" data-reason=\"ALREADY_USED\">"
                    + "Thank you, your rating was already recorded.</p>"));
            case EXPIRED -> Response.html(410, page("Survey", "<p id=\"reason\" data-reason=\"EXPIRED\">"
                    + "This survey has closed.</p>"));
            case MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, WRONG_SURVEY -> invalid();
        };
    }

    /** The one page every bad token gets: nothing on it tells one reason from another. */
    private static Response invalid() {
        return Response.html(400, page("Survey", "<p id=\"reason\" data-reason=\"" + INVALID + "\">"
                + "This link is not valid.</p>"));
    }

    private static Response errorPage(int status, String reason) {
        String text = switch (status) {
            case 404 -> "There is no page here.";
            case 405 -> "This page cannot be used that way.";
            case 413 -> "What was sent is too large.";
            case 415, 400, 411, 431 -> "What was sent could not be read.";
            case 408 -> "The request took too long.";
            case 503 -> "The page is busy; please try again in a moment.";
            default -> "The page could not be shown.";
        };
        return Response.html(status, page("Survey", "<p id=\"reason\" data-reason=\"REQUEST\">" + text + "</p>"));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + title + "</title></head><body>" + body + "</body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
    }

    /** Stops the page. */
    @Override
    public void close() {
        http.close();
    }
}
