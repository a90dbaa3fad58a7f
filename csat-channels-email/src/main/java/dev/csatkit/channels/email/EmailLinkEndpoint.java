package dev.csatkit.channels.email;

import dev.csatkit.channel.CustomerTemplates;
import dev.csatkit.channel.LinkClaims;
import dev.csatkit.channel.LinkTokens;
import dev.csatkit.channel.LinkVerification;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.support.HttpEndpoint;
import dev.csatkit.channels.support.HttpEndpoint.Request;
import dev.csatkit.channels.support.HttpEndpoint.Response;
import dev.csatkit.channels.support.Masking;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.SurveyProfile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound side of the email channel: the page an email link leads to, in two steps.
 *
 * <ul>
 *   <li>{@code GET /csat/r?s=<survey>&t=<token>[&d=<survey id>&l=<language>]} (a click, or a
 *       mail scanner) checks the token with {@link LinkTokens#open} and shows the rating page:
 *       the whole scale with the link's rating selected and changeable, the survey's follow-up
 *       question above a box for an optional comment, and a send button; nothing is
 *       recorded;</li>
 *   <li>{@code POST /csat/r[?d=…&l=…]} with {@code s}, {@code t}, the chosen value {@code v} and
 *       the optional comment {@code c} (the send button), as
 *       {@code application/x-www-form-urlencoded}, calls {@link LinkTokens#submit}; on success the
 *       rating and the comment go to the channel's inbound listener as one
 *       {@link ReplyContent.Link}, with the ballot id as provider message id, and the thank-you
 *       page is shown.</li>
 * </ul>
 *
 * <p><b>Language and texts.</b> The link carries the survey definition's id ({@code d}) and the
 * contact's language ({@code l}), which {@link dev.csatkit.engine.EmailLinks#signed} adds; the
 * page takes the survey's scale, prompt, follow-up question, thank-you, company name and brand
 * from the {@linkplain Builder#profiles profiles it is given}, and its own texts from
 * {@link CustomerTemplates}. No store is read: a mail scanner's GET costs one signature check, and
 * a link whose survey has long left the store still gets its page in its language. Neither
 * {@code d} nor {@code l} is signed, and neither needs to be: they only choose among texts the
 * host configured, so altering them changes how the page reads for whoever altered them, never
 * what is recorded, and no text from the URL reaches the page. A value chosen on the page is
 * recorded only if it is on the survey's scale (else only the link's own value is), which is no
 * more than the other links of the same email allow.
 *
 * <p><b>Further questions.</b> The form may also send the answer to each of a survey's further
 * questions as {@code q.<question id>} with the chosen value; they go with the rating in
 * {@link ReplyContent.Link#answers()}, and the engine keeps those its survey asks, on their
 * scales. The page does not show the further questions yet.
 *
 * <p><b>Refusals.</b> Every bad token — malformed, signed with an unknown key, forged or altered,
 * or for another survey — gets the same 400 page, so that the page tells a prober nothing about
 * the key ring. A genuine token that was already used gets 409, an expired one 410. A request the
 * page cannot read (a bad form encoding, a value not on the scale, a body over 64 KiB, another
 * path or method) gets a short page with its status (400, 413, 404, 405, 415), never a dropped
 * connection. Every one of them is the same page in the link's language, apart from its message.
 *
 * <p><b>The page.</b> One template ({@link CustomerTemplates#page()}) for the rating, thank-you and
 * error pages; it works without JavaScript (a short script only adds a live character count).
 * Each response carries a Content-Security-Policy that allows its own inline style and script by
 * their SHA-256 hash and nothing else ({@code default-src 'none'}, {@code form-action 'self'},
 * {@code frame-ancestors 'none'}). The page runs on {@link HttpEndpoint}, with its timeouts,
 * connection limit and security headers; the token is in the URL, so
 * {@code Referrer-Policy: no-referrer} keeps it from leaving with a click.
 */
public final class EmailLinkEndpoint implements AutoCloseable {

    /** The path served. */
    public static final String PATH = "/csat/r";

    /** The longest comment the page takes, in characters. */
    public static final int MAX_COMMENT_LENGTH = 2000;

    /** What every refused bad token is shown as, whatever the reason. */
    public static final String INVALID = "INVALID";

    private static final Logger LOG = LoggerFactory.getLogger(EmailLinkEndpoint.class);

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,4}");

    private final ChannelContext context;
    private final LinkTokens tokens;
    private final String channelAddress;
    private final Map<String, SurveyProfile> profiles;
    private final Locale defaultLocale;
    private final LinkPages pages;
    private final HttpEndpoint http;

    private EmailLinkEndpoint(Builder b) throws IOException {
        this.context = b.context;
        this.tokens = b.tokens;
        this.channelAddress = b.channelAddress;
        this.profiles = Map.copyOf(b.profiles);
        this.defaultLocale = b.defaultLocale;
        this.pages = new LinkPages(b.templates);
        this.http = b.http.name("email-link").route(PATH, Set.of("GET", "POST"), this::handle)
                .errorPage(this::errorPage).start();
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
        private final Map<String, SurveyProfile> profiles = new LinkedHashMap<>();
        private CustomerTemplates templates = CustomerTemplates.defaults();
        private Locale defaultLocale = Locale.ENGLISH;

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
         * The surveys whose links lead here, so that the page shows each in its own language
         * with its scale, texts, company name and brand. A link for a survey the page does not
         * know still works: the page then shows the link's rating alone, with its own texts in
         * the link's language.
         *
         * @param values the engine's profiles (the email ones; others are harmless: of a survey that
         *     goes on several channels, its email profile is the one shown)
         * @return this builder
         */
        public Builder profiles(Collection<SurveyProfile> values) {
            for (SurveyProfile p : values) {
                Objects.requireNonNull(p, "profile");
                SurveyProfile known = profiles.get(p.id());
                if (known == null || (p.sendOn() == ChannelKind.EMAIL && known.sendOn() != ChannelKind.EMAIL)) {
                    profiles.put(p.id(), p);
                }
            }
            return this;
        }

        /**
         * @param value the page template and the customer texts; default
         *     {@link CustomerTemplates#defaults()}, give the same ones as the engine's
         * @return this builder
         */
        public Builder templates(CustomerTemplates value) {
            templates = Objects.requireNonNull(value, "templates");
            return this;
        }

        /**
         * @param value the language of pages for requests that name none (a mistyped address,
         *     a request the page cannot read); default English
         * @return this builder
         */
        public Builder defaultLocale(Locale value) {
            defaultLocale = Objects.requireNonNull(value, "defaultLocale");
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

    /**
     * @param page the page's public URL
     * @param surveyKey the survey's key
     * @param token a signed token
     * @param surveyId the survey definition's id, so the page shows that survey's texts
     * @param locale the contact's language, so the page speaks it
     * @return the link to put in the email, as {@link dev.csatkit.engine.EmailLinks#signed} makes it
     */
    public static URI link(URI page, String surveyKey, String token, String surveyId, Locale locale) {
        return URI.create(link(page, surveyKey, token) + "&d=" + URLEncoder.encode(surveyId, StandardCharsets.UTF_8)
                + "&l=" + URLEncoder.encode(locale.toLanguageTag(), StandardCharsets.UTF_8));
    }

    /** @return the page's URL */
    public URI uri() {
        return http.uri(PATH);
    }

    private Response handle(Request request) {
        LinkPages.View view = view(request.rawQuery());
        try {
            return "GET".equals(request.method()) ? open(request, view) : submit(request, view);
        } catch (HttpEndpoint.Refused e) {
            LOG.debug("{}: request refused with {}", context.channelId(), e.status());
            return pages.error(view, e.status(), "REQUEST", "errorRequest");
        }
    }

    private Response open(Request request, LinkPages.View view) {
        Map<String, String> q = request.query();
        String survey = q.getOrDefault("s", "");
        String token = q.get("t");
        LinkVerification v = tokens.open(token, survey);
        if (v instanceof LinkVerification.Valid valid) {
            return pages.rating(view, new LinkPages.Form(survey, Objects.requireNonNull(token), action(view),
                    valid.claims().value(), Map.of(), "", Optional.empty()), 200);
        }
        return refuse(view, (LinkVerification.Rejected) v);
    }

    private Response submit(Request request, LinkPages.View view) {
        if (!request.mediaType().map("application/x-www-form-urlencoded"::equals).orElse(false)) {
            throw new HttpEndpoint.Refused(415, "the form must be sent as application/x-www-form-urlencoded");
        }
        Map<String, String> form = HttpEndpoint.form(request.bodyText());
        String survey = form.getOrDefault("s", "");
        String token = form.get("t");
        LinkVerification opened = tokens.open(token, survey);
        if (opened instanceof LinkVerification.Rejected r) {
            return refuse(view, r);
        }
        LinkClaims claims = ((LinkVerification.Valid) opened).claims();
        int value = chosen(form.get("v"), claims, view);
        // Browsers send a textarea's line breaks as CRLF but count each as one character.
        String comment = form.getOrDefault("c", "").replace("\r\n", "\n");
        if (comment.codePointCount(0, comment.length()) > MAX_COMMENT_LENGTH) {
            // Checked before the token is spent, so the customer can shorten it and send again.
            return pages.rating(view, new LinkPages.Form(survey, Objects.requireNonNull(token), action(view), value,
                    answers(form), comment, Optional.of(pages.commentTooLong(view))), 400);
        }
        LinkVerification v = tokens.submit(token, survey);
        if (v instanceof LinkVerification.Valid valid) {
            context.inbound().onReply(new InboundReply(context.channelId(), valid.claims().recipient(),
                    channelAddress, new ReplyContent.Link(valid.claims().surveyId(), value, Optional.of(comment),
                    answers(form)),
                    LinkTokens.ballotId(valid.claims()), context.clock().instant()));
            return pages.thanks(view, value, !comment.isBlank());
        }
        return refuse(view, (LinkVerification.Rejected) v);
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

    /**
     * The value the customer chose: the link's own unless the form names another on the survey's
     * scale. Anything else is refused before the token is spent.
     */
    private static int chosen(@Nullable String v, LinkClaims claims, LinkPages.View view) {
        if (v == null) {
            return claims.value();
        }
        if (INTEGER.matcher(v).matches()) {
            int value = Integer.parseInt(v);
            boolean onScale = view.profile().map(p -> p.survey().scale().contains(value)).orElse(false);
            if (value == claims.value() || onScale) {
                return value;
            }
        }
        throw new HttpEndpoint.Refused(400, "the chosen value is not on the survey's scale");
    }

    /** Where the form posts: here, naming the same survey and language, so every answer speaks it. */
    private static String action(LinkPages.View view) {
        return view.profile().map(p -> PATH + "?d=" + URLEncoder.encode(p.id(), StandardCharsets.UTF_8) + "&l="
                + URLEncoder.encode(view.locale().toLanguageTag(), StandardCharsets.UTF_8))
                .orElseGet(() -> PATH + "?l=" + URLEncoder.encode(view.locale().toLanguageTag(), StandardCharsets.UTF_8));
    }

    /**
     * The survey and language the query names, else the endpoint's only survey and its default
     * language. A query that cannot be read names neither.
     */
    private LinkPages.View view(Map<String, String> query) {
        Optional<SurveyProfile> profile = Optional.ofNullable(query.get("d")).map(profiles::get);
        if (profile.isEmpty() && !query.containsKey("d") && profiles.size() == 1) {
            profile = Optional.of(profiles.values().iterator().next());
        }
        String tag = query.get("l");
        Locale requested = tag != null && LANGUAGE_TAG.matcher(tag).matches() ? Locale.forLanguageTag(tag)
                : profile.map(p -> p.survey().defaultLocale()).orElse(defaultLocale);
        return LinkPages.View.of(profile, requested);
    }

    private LinkPages.View view(String rawQuery) {
        try {
            return view(HttpEndpoint.form(rawQuery));
        } catch (HttpEndpoint.Refused e) {
            return view(Map.of());
        }
    }

    private Response refuse(LinkPages.View view, LinkVerification.Rejected r) {
        LOG.info("{}: link refused: {} ({})", context.channelId(), r.reason(), Masking.text(r.detail()));
        return switch (r.reason()) {
            case ALREADY_USED -> pages.error(view, 409, "ALREADY_USED", "errorUsed");
            case EXPIRED -> pages.error(view, 410, "EXPIRED", "errorExpired");
            // The one page every bad token gets: nothing on it tells one reason from another.
            case MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, WRONG_SURVEY -> pages.error(view, 400, INVALID, "errorInvalid");
        };
    }

    private Response errorPage(int status, String reason) {
        String key = switch (status) {
            case 404 -> "errorNotFound";
            case 408, 503 -> "errorBusy";
            case 400, 405, 411, 413, 415, 431 -> "errorRequest";
            default -> "errorServer";
        };
        return pages.error(view(Map.of()), status, "REQUEST", key);
    }

    /** Stops the page. */
    @Override
    public void close() {
        http.close();
    }
}
