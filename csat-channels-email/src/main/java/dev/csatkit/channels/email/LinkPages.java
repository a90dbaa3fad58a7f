package dev.csatkit.channels.email;

import dev.csatkit.channel.Brand;
import dev.csatkit.channel.CustomerTemplates;
import dev.csatkit.channel.SurveyRenderer;
import dev.csatkit.channels.support.HttpEndpoint.Response;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.ScalePoint;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.MessageTemplate;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.QuestionMessages;
import dev.csatkit.survey.ResolvedMessages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the page template in for the rating, thank-you and error pages, and gives each response
 * the Content-Security-Policy that allows exactly its own inline style and script.
 */
final class LinkPages {

    private static final Pattern INLINE = Pattern.compile("<(style|script)(\\s[^>]*)?>(.*?)</\\1\\s*>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final CustomerTemplates templates;

    LinkPages(CustomerTemplates templates) {
        this.templates = templates;
    }

    /**
     * Who the page speaks for and in which language: from the survey the link names, when the
     * endpoint knows it, else the language alone.
     *
     * @param locale the language of the page's texts
     * @param profile the survey's profile, when known
     * @param messages the survey's messages in that language, when known
     */
    record View(Locale locale, Optional<SurveyProfile> profile, Optional<MessageSet> messages) {

        static View of(Optional<SurveyProfile> profile, Locale requested) {
            if (profile.isPresent()) {
                Optional<ResolvedMessages> r = profile.get().survey().resolve(requested);
                if (r.isPresent()) {
                    return new View(r.get().locale(), profile, Optional.of(r.get().messages()));
                }
            }
            return new View(requested, profile, Optional.empty());
        }

        String company() {
            return profile.map(p -> p.placeholders().getOrDefault("company", p.survey().name())).orElse("");
        }

        Brand brand() {
            return profile.map(SurveyProfile::brand).orElse(Brand.DEFAULT);
        }
    }

    /**
     * A rating the page shows: the value chosen, the answers to further questions and the comment
     * given so far.
     */
    record Form(String survey, String token, String action, int chosen, Map<String, Integer> answers,
            String comment, Optional<String> error) {
    }

    Response rating(View v, Form form, int status) {
        Map<String, Object> m = base(v, text(v, "ratingHeading"));
        m.put("rating", true);
        m.put("heading", text(v, "ratingHeading"));
        form.error().ifPresent(e -> {
            m.put("formError", e);
            m.put("formError.reason", "COMMENT_TOO_LONG");
        });
        m.put("form.action", form.action());
        m.put("survey", form.survey());
        m.put("token", form.token());
        // A survey the page does not know (its profile removed while its emails are out) has no
        // company to name: the question would read "…the help you got from ?".
        m.put("prompt", message(v, s -> Optional.of(s.prompt()))
                .orElseGet(() -> text(v, v.company().isEmpty() ? "ratingHeading" : "ratingQuestion")));
        m.put("hint", text(v, "changeHint"));
        Optional<RatingScale> scale = v.profile().map(p -> p.survey().scale());
        boolean faces = scale.map(s -> s.points().stream().allMatch(p -> p.emoji().isPresent())).orElse(false);
        m.put("choices.kind", faces ? "faces" : "numbers");
        List<Map<String, Object>> choices = new ArrayList<>();
        if (scale.isPresent() && scale.get().contains(form.chosen())) {
            for (ScalePoint p : scale.get().points()) {
                choices.add(choice(v, p, scale.get(), faces, p.value() == form.chosen()));
            }
            if (!faces && scale.get().first().label(v.locale()).isPresent()) {
                m.put("ends", true);
                m.put("ends.min", scale.get().min() + " \u2013 " + scale.get().first().displayLabel(v.locale()));
                m.put("ends.max", scale.get().max() + " \u2013 " + scale.get().last().displayLabel(v.locale()));
            }
        } else {
            // The survey is not known here: the rating stands as the link gave it.
            Map<String, Object> only = new HashMap<>();
            only.put("id", "v" + form.chosen());
            only.put("value", Integer.toString(form.chosen()));
            only.put("label", Integer.toString(form.chosen()));
            only.put("name", Integer.toString(form.chosen()));
            only.put("checked", true);
            choices.add(only);
        }
        m.put("choices", choices);
        m.put("questions", questions(v, form));
        m.put("comment.label", message(v, MessageSet::followUp).orElseGet(() -> text(v, "commentLabel")));
        String max = NumberFormat.getIntegerInstance(v.locale()).format(EmailLinkEndpoint.MAX_COMMENT_LENGTH);
        m.put("comment.hint", text(v, "commentHint", Map.of("max", max)));
        m.put("comment.max", Integer.toString(EmailLinkEndpoint.MAX_COMMENT_LENGTH));
        m.put("comment.text", form.comment());
        m.put("count.format", text(v, "charsLeft"));
        m.put("submit", text(v, "submit"));
        return respond(status, m);
    }

    /**
     * The survey's further questions, all on the one page: each with its own scale, nothing
     * chosen until the customer chooses (the link carries the first question's rating only).
     * A question whose wording needs a value only the survey's own send had is left out, as the
     * page could not ask it in the survey's words.
     */
    private List<Map<String, Object>> questions(View v, Form form) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (v.profile().isEmpty()) {
            return out;
        }
        SurveyProfile p = v.profile().get();
        for (Question q : p.survey().moreQuestions()) {
            // The question's own scale fills {scale.min} and the like in its wording.
            Map<String, String> values = SurveyRenderer.questionValues(p.survey(), q, v.locale(), p.placeholders());
            Optional<MessageTemplate> prompt = q.messagesIn(v.locale()).map(QuestionMessages::prompt)
                    .filter(t -> values.keySet().containsAll(t.placeholders()));
            if (prompt.isEmpty()) {
                continue;
            }
            RatingScale scale = q.scale();
            boolean faces = scale.points().stream().allMatch(x -> x.emoji().isPresent());
            Integer given = form.answers().get(q.id());
            List<Map<String, Object>> choices = new ArrayList<>();
            for (ScalePoint point : scale.points()) {
                Map<String, Object> c = choice(v, point, scale, faces, given != null && given == point.value());
                c.put("id", "q-" + q.id() + "-" + point.value());
                choices.add(c);
            }
            Map<String, Object> question = new HashMap<>();
            question.put("question.prompt", prompt.get().render(values));
            question.put("question.field", "q." + q.id());
            question.put("question.kind", faces ? "faces" : "numbers");
            question.put("question.choices", choices);
            if (q.skippable()) {
                question.put("question.optional", text(v, "optional"));
            }
            out.add(question);
        }
        return out;
    }

    private Map<String, Object> choice(View v, ScalePoint p, RatingScale scale, boolean faces, boolean checked) {
        Map<String, Object> c = new HashMap<>();
        c.put("id", "v" + p.value());
        c.put("value", Integer.toString(p.value()));
        c.put("label", faces ? p.displayLabel(v.locale()) : Integer.toString(p.value()));
        p.emoji().ifPresent(e -> c.put("emoji", e));
        c.put("name", SurveyRenderer.choiceName(p, scale, v.locale(), templates, faces));
        c.put("numbered", !faces);
        c.put("checked", checked);
        return c;
    }

    Response thanks(View v, int value, boolean commented) {
        Map<String, Object> m = base(v, text(v, "surveyTitle"));
        m.put("thanks", true);
        m.put("message", message(v, s -> Optional.of(s.thankYou())).orElseGet(() -> text(v, "thanks")));
        String rating = v.profile().flatMap(p -> p.survey().scale().point(value).map(point -> {
            RatingScale scale = p.survey().scale();
            boolean faces = scale.points().stream().allMatch(x -> x.emoji().isPresent());
            String name = SurveyRenderer.choiceName(point, scale, v.locale(), templates, faces);
            return point.emoji().map(e -> e + " " + name).orElse(name);
        })).orElse(Integer.toString(value));
        m.put("chosen", text(v, "yourRating", Map.of("rating", rating)));
        m.put("chosen.value", Integer.toString(value));
        if (commented) {
            m.put("commentReceived", text(v, "commentReceived"));
        }
        return respond(200, m);
    }

    /** Every error page: the same page but for its message and reason code. */
    Response error(View v, int status, String reason, String textKey) {
        Map<String, Object> m = base(v, text(v, "surveyTitle"));
        m.put("error", true);
        m.put("reason", reason);
        m.put("message", text(v, textKey, Map.of("max",
                NumberFormat.getIntegerInstance(v.locale()).format(EmailLinkEndpoint.MAX_COMMENT_LENGTH))));
        return respond(status, m);
    }

    String commentTooLong(View v) {
        return text(v, "errorCommentTooLong", Map.of("max",
                NumberFormat.getIntegerInstance(v.locale()).format(EmailLinkEndpoint.MAX_COMMENT_LENGTH)));
    }

    private Map<String, Object> base(View v, String title) {
        Map<String, Object> m = new HashMap<>();
        String company = v.company();
        m.put("lang", v.locale().toLanguageTag());
        m.put("title", company.isEmpty() ? title : title + " \u2013 " + company);
        m.put("brand.name", company.isEmpty() ? text(v, "surveyTitle") : company);
        m.put("brand.color", v.brand().color());
        m.put("brand.text", v.brand().textColor());
        return m;
    }

    private String text(View v, String key) {
        return text(v, key, Map.of());
    }

    private String text(View v, String key, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("company", v.company());
        return templates.text(v.locale(), key, all);
    }

    /**
     * A survey message with the values the page has (the profile's, the scale's); empty when the
     * survey is not known or the message needs a value only the survey's own send had, such as
     * {@code agent.name}.
     */
    private static Optional<String> message(View v,
            java.util.function.Function<MessageSet, Optional<MessageTemplate>> which) {
        if (v.profile().isEmpty() || v.messages().isEmpty()) {
            return Optional.empty();
        }
        Optional<MessageTemplate> found = which.apply(v.messages().get());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MessageTemplate t = found.get();
        SurveyProfile p = v.profile().get();
        Map<String, String> values = SurveyRenderer.placeholderValues(p.survey(), v.locale(), p.placeholders());
        return values.keySet().containsAll(t.placeholders()) ? Optional.of(t.render(values)) : Optional.empty();
    }

    private Response respond(int status, Map<String, Object> model) {
        String html = templates.page().render(model);
        return Response.html(status, html).withHeader("Content-Security-Policy", policy(html));
    }

    /**
     * Nothing but this page's own inline style and script, by hash: no attribute styles, no
     * other script, nothing loaded, the form posting only back here.
     */
    static String policy(String html) {
        Set<String> styles = new LinkedHashSet<>();
        Set<String> scripts = new LinkedHashSet<>();
        Matcher m = INLINE.matcher(html);
        while (m.find()) {
            String attributes = m.group(2) == null ? "" : m.group(2);
            if (m.group(1).equalsIgnoreCase("style")) {
                styles.add(hash(m.group(3)));
            } else if (!attributes.toLowerCase(Locale.ROOT).contains("src")) {
                scripts.add(hash(m.group(3)));
            }
        }
        StringBuilder p = new StringBuilder("default-src 'none'");
        if (!styles.isEmpty()) {
            p.append("; style-src ").append(String.join(" ", styles));
        }
        if (!scripts.isEmpty()) {
            p.append("; script-src ").append(String.join(" ", scripts));
        }
        return p.append("; form-action 'self'; frame-ancestors 'none'; base-uri 'none'").toString();
    }

    private static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
