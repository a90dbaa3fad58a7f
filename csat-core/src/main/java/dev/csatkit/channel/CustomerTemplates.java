package dev.csatkit.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.internal.LocaleMap;
import dev.csatkit.internal.Locales;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything a customer sees, in one replaceable place: the survey email, the page its links
 * lead to (rating, thank-you and error pages share one layout), and the short texts of both in
 * the eight shipped languages.
 *
 * <p>Both templates are {@link HtmlTemplate}s with named slots, every slot HTML-escaped. The
 * defaults ship in the jar ({@link #defaultEmailSource()}, {@link #defaultPageSource()}); a host
 * restyles them by starting from a copy and passing its own:
 *
 * <pre>{@code
 * CustomerTemplates mine = CustomerTemplates.builder()
 *         .page(Files.readString(Path.of("templates/csat-page.html")))
 *         .texts(Locale.ITALIAN, italianTexts)
 *         .build();
 * SurveyEngine.builder()...customerTemplates(mine)...;           // the email
 * EmailLinkEndpoint.builder(...).templates(mine)...;              // the page
 * }</pre>
 *
 * <p>A template is checked when given: a slot name that is not one of {@link #EMAIL_SLOTS} or
 * {@link #PAGE_SLOTS} (usually a typo), a missing slot the page cannot work without
 * ({@link #REQUIRED_EMAIL_SLOTS}, {@link #REQUIRED_PAGE_SLOTS}), or, in the page, a
 * {@code style=""} or {@code on…=""} attribute, which the page's Content-Security-Policy would
 * block, is reported with every other problem at once.
 *
 * <p>Texts ({@link #TEXT_KEYS}) are looked up along the locale's fallback chain ({@code fr-CA},
 * then {@code fr}), then in English. A host adds a language, or rewords one, with
 * {@link Builder#texts}: every key, no other.
 */
public final class CustomerTemplates {

    /** The slots the email template may use. */
    public static final Set<String> EMAIL_SLOTS = Set.of("lang", "subject", "preheader", "prompt", "brand.name",
            "brand.color", "brand.text", "brand.logo", "choices", "link", "name", "value", "label", "emoji", "faces",
            "ends", "optOut", "footer");
    /** The slots the email template must use: a link per choice. */
    public static final Set<String> REQUIRED_EMAIL_SLOTS = Set.of("choices", "link");
    /** The slots the page template may use. */
    public static final Set<String> PAGE_SLOTS = Set.of("lang", "title", "brand.name", "brand.color", "brand.text",
            "rating", "thanks", "error", "heading", "formError", "formError.reason", "form.action", "survey", "token",
            "prompt", "hint", "choices", "choices.kind", "id", "value", "checked", "emoji", "label", "numbered", "name",
            "ends", "ends.min", "ends.max", "comment.label", "comment.hint", "comment.max", "comment.text",
            "count.format", "submit", "message", "chosen", "chosen.value", "commentReceived", "reason", "questions",
            "question.prompt", "question.field", "question.kind", "question.choices", "question.optional");
    /** The slots the page template must use: the three pages, and the form's fields. */
    public static final Set<String> REQUIRED_PAGE_SLOTS = Set.of("rating", "thanks", "error", "form.action", "survey",
            "token", "choices", "value", "message");
    /** The keys of the customer texts, each in every language. */
    public static final List<String> TEXT_KEYS = List.of("preheader", "footer", "choiceOutOf", "surveyTitle",
            "ratingHeading", "changeHint", "commentLabel", "commentHint", "charsLeft", "submit", "yourRating", "optional",
            "commentReceived", "errorExpired", "errorUsed", "errorInvalid", "errorCommentTooLong", "errorNotFound",
            "errorRequest", "errorBusy", "errorServer", "ratingQuestion", "thanks");
    /** The longest text, in characters. */
    public static final int MAX_TEXT_LENGTH = 500;

    private static final Pattern BLOCKED_ATTRIBUTE = Pattern.compile("\\s(style|on[a-z]+)\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("\\{\\{!.*?}}", Pattern.DOTALL);
    private static final String EMAIL_SOURCE = resource("email.html");
    private static final String PAGE_SOURCE = resource("page.html");
    private static final Map<Locale, Map<String, String>> SHIPPED_TEXTS = loadTexts();
    private static final CustomerTemplates DEFAULTS = new Builder().build();

    private final HtmlTemplate email;
    private final HtmlTemplate page;
    private final LocaleMap<Map<String, String>> texts;

    private CustomerTemplates(HtmlTemplate email, HtmlTemplate page, Map<Locale, Map<String, String>> texts) {
        this.email = email;
        this.page = page;
        this.texts = new LocaleMap<>(texts);
    }

    /** @return the shipped templates and texts */
    public static CustomerTemplates defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the shipped templates and texts */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these templates and texts */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.email = email;
        b.page = page;
        b.texts.clear();
        b.texts.putAll(texts);
        return b;
    }

    /** @return the shipped email template's text, to start a host's own from */
    public static String defaultEmailSource() {
        return EMAIL_SOURCE;
    }

    /** @return the shipped page template's text, to start a host's own from */
    public static String defaultPageSource() {
        return PAGE_SOURCE;
    }

    /** @return the email template */
    public HtmlTemplate email() {
        return email;
    }

    /** @return the page template: rating, thank-you and error pages */
    public HtmlTemplate page() {
        return page;
    }

    /** @return the languages the texts are in */
    public Set<Locale> textLocales() {
        return texts.keySet();
    }

    /**
     * A text in a language, with its {@code {name}} placeholders filled in.
     *
     * @param locale the reader's locale
     * @param key one of {@link #TEXT_KEYS}
     * @param values placeholder values, such as {@code company} or {@code max}
     * @return the text in that language, else in English
     * @throws IllegalArgumentException when the key is not one of {@link #TEXT_KEYS}
     */
    public String text(Locale locale, String key, Map<String, String> values) {
        if (!TEXT_KEYS.contains(key)) {
            throw new IllegalArgumentException("key = \"" + key + "\": must be one of " + TEXT_KEYS);
        }
        Locale found = Locales.usable(locale) ? texts.bestKey(locale) : null;
        Map<String, String> in = found != null ? texts.get(found) : texts.get(Locale.ENGLISH);
        String text = in != null ? in.get(key) : SHIPPED_TEXTS.get(Locale.ENGLISH).get(key);
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue());
        }
        return text;
    }

    /** Builds {@link CustomerTemplates}, starting from the shipped ones. */
    public static final class Builder {
        private HtmlTemplate email;
        private HtmlTemplate page;
        private final Map<Locale, Map<String, String>> texts = new LinkedHashMap<>(SHIPPED_TEXTS);
        private final List<Violation> problems = new ArrayList<>();

        private Builder() {
            this.email = HtmlTemplate.parse("email", EMAIL_SOURCE);
            this.page = HtmlTemplate.parse("page", PAGE_SOURCE);
        }

        /**
         * @param source the email template; see {@link #EMAIL_SLOTS}
         * @return this builder
         */
        public Builder email(String source) {
            this.email = parse("email", source);
            return this;
        }

        /**
         * @param source the page template; see {@link #PAGE_SLOTS}
         * @return this builder
         */
        public Builder page(String source) {
            this.page = parse("page", source);
            return this;
        }

        /**
         * Adds or replaces the texts of one language.
         *
         * @param locale the language
         * @param values a text for every one of {@link #TEXT_KEYS}, each 1–500 characters
         * @return this builder
         */
        public Builder texts(Locale locale, Map<String, String> values) {
            Objects.requireNonNull(locale, "locale");
            String field = "texts." + locale.toLanguageTag();
            if (!Locales.usable(locale)) {
                problems.add(Violation.of("texts", locale.toLanguageTag(), "locale must name a language"));
                return this;
            }
            Set<String> missing = new LinkedHashSet<>(TEXT_KEYS);
            missing.removeAll(values.keySet());
            if (!missing.isEmpty()) {
                problems.add(Violation.of(field, values.keySet().toString(), "is missing " + missing));
            }
            Set<String> unknown = new TreeSet<>(values.keySet());
            TEXT_KEYS.forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                problems.add(Violation.of(field, unknown.toString(), "are not text keys; the keys are " + TEXT_KEYS));
            }
            values.forEach((k, v) -> {
                if (v == null || v.isBlank() || v.length() > MAX_TEXT_LENGTH) {
                    problems.add(Violation.of(field + "." + k, v, "must be 1-" + MAX_TEXT_LENGTH + " characters, not blank"));
                }
            });
            texts.put(locale.stripExtensions(), Map.copyOf(values));
            return this;
        }

        private HtmlTemplate parse(String name, String source) {
            try {
                return HtmlTemplate.parse(name, source);
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.violations());
                return name.equals("email") ? email : page;
            }
        }

        /**
         * @return the templates
         * @throws InvalidConfigurationException naming every problem with the templates and texts
         */
        public CustomerTemplates build() {
            List<Violation> all = new ArrayList<>(problems);
            check(all, email, EMAIL_SLOTS, REQUIRED_EMAIL_SLOTS);
            check(all, page, PAGE_SLOTS, REQUIRED_PAGE_SLOTS);
            var m = BLOCKED_ATTRIBUTE.matcher(COMMENT.matcher(page.source()).replaceAll(""));
            if (m.find()) {
                all.add(Violation.of("templates.page", m.group().strip(), "attributes " + m.group(1)
                        + "=\"\" are blocked by the page's Content-Security-Policy; put styles in the <style> element"
                        + " and scripts in a <script> element"));
            }
            if (!all.isEmpty()) {
                throw new InvalidConfigurationException(all);
            }
            return new CustomerTemplates(email, page, texts);
        }

        private static void check(List<Violation> all, HtmlTemplate t, Set<String> allowed, Set<String> required) {
            Set<String> unknown = new TreeSet<>(t.slots());
            unknown.removeAll(allowed);
            if (!unknown.isEmpty()) {
                all.add(Violation.of("templates." + t.name(), unknown.toString(),
                        "are not slots of this template; its slots are " + new TreeSet<>(allowed)));
            }
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(t.slots());
            if (!missing.isEmpty()) {
                all.add(Violation.of("templates." + t.name(), missing.toString(), "must be used: the "
                        + t.name() + " cannot work without them"));
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = CustomerTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the CSAT Kit jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " cannot be read", e);
        }
    }

    private static Map<Locale, Map<String, String>> loadTexts() {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(resource("customer-texts.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("customer-texts.json cannot be read", e);
        }
        Map<Locale, Map<String, String>> all = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> lang : root.properties()) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (String key : TEXT_KEYS) {
                JsonNode v = lang.getValue().get(key);
                if (v == null) {
                    throw new IllegalStateException("customer-texts.json: " + lang.getKey() + " has no " + key);
                }
                texts.put(key, v.asText());
            }
            all.put(Locale.forLanguageTag(lang.getKey()), Map.copyOf(texts));
        }
        return all;
    }

    /** @return the template names and the text languages */
    @Override
    public String toString() {
        return "CustomerTemplates[email " + email.source().length() + " characters, page " + page.source().length()
                + " characters, texts " + texts.keySet().stream().map(Locale::toLanguageTag).toList() + "]";
    }
}
