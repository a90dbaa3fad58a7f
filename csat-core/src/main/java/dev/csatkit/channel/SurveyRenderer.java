package dev.csatkit.channel;

import dev.csatkit.CsatException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.ScalePoint;
import dev.csatkit.survey.KeypadAudio;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.MessageTemplate;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.QuestionMessages;
import dev.csatkit.survey.ResolvedMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Turns a survey definition into what one channel delivers: a survey × the channel's
 * capabilities × the contact's locale gives the {@link MessageContent}.
 *
 * <ul>
 *   <li><b>SMS</b>: the prompt, then the opt-out instructions on their own line; the text must fit
 *       the channel's segment limit (GSM-7 or UCS-2, counted exactly).</li>
 *   <li><b>Email</b>: the survey name as subject; a plain-text part with the prompt and one link
 *       per scale point; when the channel takes HTML, an HTML part from
 *       {@link CustomerTemplates#email()}: the brand, the prompt and a row of large choices, one
 *       per scale point, each linking to its own value.</li>
 *   <li><b>Chat</b>: the prompt, with one quick-reply button per scale point (label with emoji,
 *       payload the value as {@code ReplyParser.parseChoice} reads it) when the channel has
 *       enough buttons, else the prompt alone, which asks for a typed reply.</li>
 *   <li><b>Keypad</b>: the definition's audio stages (the text prompt and thank-you spoken where a
 *       stage is missing), the key map and the answer window.</li>
 * </ul>
 *
 * <p>The scale placeholders ({@code scale.min}, {@code scale.max} and their labels in the
 * message's language) and {@code survey.name} are filled in here; the host supplies the rest.
 */
public final class SurveyRenderer {

    private SurveyRenderer() {
    }

    /**
     * Renders the survey for a contact.
     *
     * @param survey the survey
     * @param kind the channel kind
     * @param capabilities what the channel can carry
     * @param locale the contact's locale
     * @param values the host's placeholder values ({@code company}, {@code agent.name}, …)
     * @param linkForValue for email: the link that records a scale value (a signed token URL)
     * @return the content, or empty when the survey skips contacts in that language
     * @throws CsatException when the survey is not for that channel kind, a placeholder has no
     *     value, or an SMS does not fit the channel's segments
     */
    public static Optional<MessageContent> render(SurveyDefinition survey, ChannelKind kind,
            ChannelCapabilities capabilities, Locale locale, Map<String, String> values,
            IntFunction<String> linkForValue) {
        return render(survey, kind, capabilities, locale, values, linkForValue, CustomerTemplates.defaults(),
                Brand.DEFAULT);
    }

    /**
     * Renders the survey for a contact, the email's HTML part with the host's templates and brand.
     *
     * @param survey the survey
     * @param kind the channel kind
     * @param capabilities what the channel can carry
     * @param locale the contact's locale
     * @param values the host's placeholder values ({@code company}, {@code agent.name}, …)
     * @param linkForValue for email: the link that records a scale value (a signed token URL)
     * @param templates the email template and the customer texts
     * @param brand the brand colour and logo of the email
     * @return the content, or empty when the survey skips contacts in that language
     * @throws CsatException when the survey is not for that channel kind, a placeholder has no
     *     value, or an SMS does not fit the channel's segments
     */
    public static Optional<MessageContent> render(SurveyDefinition survey, ChannelKind kind,
            ChannelCapabilities capabilities, Locale locale, Map<String, String> values,
            IntFunction<String> linkForValue, CustomerTemplates templates, Brand brand) {
        if (!survey.supports(kind)) {
            throw new CsatException("Survey " + survey.id() + " is not sent on " + kind + "; its channels are "
                    + survey.channels());
        }
        Optional<ResolvedMessages> resolved = survey.resolve(locale);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Locale used = resolved.get().locale();
        MessageSet messages = resolved.get().messages();
        Map<String, String> all = placeholderValues(survey, used, values);
        RatingScale scale = survey.scale();
        MessageContent content = switch (kind) {
            case SMS -> {
                String text = smsText(messages, all);
                SmsSegments.requireWithin("messages." + used.toLanguageTag() + ".prompt", text,
                        capabilities.maxSmsSegments());
                yield new MessageContent.Sms(text);
            }
            case EMAIL -> email(survey, messages, all, used, capabilities, linkForValue, templates, brand);
            case CHAT -> {
                List<QuickReply> buttons = new ArrayList<>();
                if (capabilities.maxButtons() >= scale.size()) {
                    for (ScalePoint p : scale.points()) {
                        buttons.add(new QuickReply(buttonLabel(p, used), Integer.toString(p.value())));
                    }
                }
                yield new MessageContent.Chat(messages.prompt().render(all), buttons);
            }
            case VOICE_DTMF -> keypad(survey, messages, all);
        };
        return Optional.of(content);
    }

    /**
     * Checks every language of an SMS survey against a channel's segment limit, before anything
     * is sent. Placeholders without a sample value count as their own name in braces.
     *
     * @param survey the survey
     * @param capabilities the SMS channel's capabilities
     * @param sampleValues typical placeholder values ({@code company}, {@code agent.name}, …)
     * @throws InvalidDefinitionException listing each language whose message is too long, with
     *     its segment count
     */
    public static void checkSms(SurveyDefinition survey, ChannelCapabilities capabilities,
            Map<String, String> sampleValues) {
        List<Violation> problems = new ArrayList<>();
        survey.messages().forEach((locale, messages) -> {
            Map<String, String> all = new HashMap<>();
            messages.templates().values().forEach(t -> t.placeholders().forEach(p -> all.put(p, "{" + p + "}")));
            all.putAll(placeholderValues(survey, locale, sampleValues));
            SmsSegments.check("messages." + locale.toLanguageTag() + ".prompt", smsText(messages, all),
                    capabilities.maxSmsSegments()).ifPresent(problems::add);
            // Each further question goes as a message of its own, with the opt-out instructions too.
            for (int i = 0; i < survey.moreQuestions().size(); i++) {
                Question q = survey.moreQuestions().get(i);
                QuestionMessages words = q.messagesIn(locale).orElseThrow();
                Map<String, String> values = new HashMap<>(all);
                words.templates().values().forEach(t -> t.placeholders().forEach(p -> values.putIfAbsent(p,
                        "{" + p + "}")));
                values.putAll(questionValues(survey, q, locale, sampleValues));
                SmsSegments.check("moreQuestions[" + i + "].messages." + locale.toLanguageTag() + ".prompt",
                        questionSms(words, messages, values), capabilities.maxSmsSegments()).ifPresent(problems::add);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException("survey definition for this SMS channel", problems);
        }
    }

    private static String smsText(MessageSet messages, Map<String, String> values) {
        String prompt = messages.prompt().render(values);
        return messages.optOutInstructions().map(t -> prompt + "\n" + t.render(values)).orElse(prompt);
    }

    /**
     * The values a message is rendered with: the host's, plus {@code survey.name} and the scale
     * placeholders ({@code scale.min}, {@code scale.max} and their labels in {@code locale}),
     * which the library fills in.
     *
     * @param survey the survey
     * @param locale the language of the message
     * @param host the host's placeholder values
     * @return every value, the library's taking precedence
     */
    public static Map<String, String> placeholderValues(SurveyDefinition survey, Locale locale,
            Map<String, String> host) {
        RatingScale scale = survey.scale();
        Map<String, String> all = new HashMap<>(host);
        all.put("survey.name", survey.name());
        all.put("scale.min", Integer.toString(scale.min()));
        all.put("scale.max", Integer.toString(scale.max()));
        all.put("scale.min.label", scale.first().displayLabel(locale));
        all.put("scale.max.label", scale.last().displayLabel(locale));
        return all;
    }

    private static String buttonLabel(ScalePoint p, Locale locale) {
        String label = p.displayLabel(locale);
        return p.emoji().map(e -> e + " " + label).orElse(label);
    }

    private static MessageContent email(SurveyDefinition survey, MessageSet messages, Map<String, String> values,
            Locale locale, ChannelCapabilities capabilities, IntFunction<String> linkForValue,
            CustomerTemplates templates, Brand brand) {
        if (!capabilities.links()) {
            throw new CsatException("An email survey needs a channel that carries links");
        }
        String prompt = messages.prompt().render(values);
        Map<ScalePoint, String> links = new LinkedHashMap<>();
        for (ScalePoint p : survey.scale().points()) {
            links.put(p, linkForValue.apply(p.value()));
        }
        // Best rating first in the text part, as people read down a list.
        List<ScalePoint> bestFirst = new ArrayList<>(survey.scale().points());
        java.util.Collections.reverse(bestFirst);
        StringBuilder text = new StringBuilder(prompt).append("\n\n");
        for (ScalePoint p : bestFirst) {
            text.append(p.value()).append(" - ").append(p.displayLabel(locale)).append(": ").append(links.get(p))
                    .append('\n');
        }
        Optional<String> optOut = messages.optOutInstructions().map(t -> t.render(values));
        optOut.ifPresent(t -> text.append('\n').append(t).append('\n'));
        Optional<String> html = Optional.empty();
        if (capabilities.html()) {
            html = Optional.of(emailHtml(survey, prompt, optOut, values, locale, links, templates, brand));
        }
        return new MessageContent.Email(survey.name(), text.toString(), html);
    }

    /** The email's HTML part: the template filled in with a row of choices, worst to best. */
    private static String emailHtml(SurveyDefinition survey, String prompt, Optional<String> optOut,
            Map<String, String> values, Locale locale, Map<ScalePoint, String> links, CustomerTemplates templates,
            Brand brand) {
        RatingScale scale = survey.scale();
        String company = values.getOrDefault("company", survey.name());
        boolean faces = scale.points().stream().allMatch(p -> p.emoji().isPresent());
        List<Map<String, Object>> choices = new ArrayList<>();
        links.forEach((p, link) -> {
            Map<String, Object> c = new HashMap<>();
            c.put("link", link);
            c.put("value", Integer.toString(p.value()));
            c.put("label", p.displayLabel(locale));
            p.emoji().ifPresent(e -> c.put("emoji", e));
            c.put("name", choiceName(p, scale, locale, templates, faces));
            choices.add(c);
        });
        Map<String, Object> m = new HashMap<>();
        m.put("lang", locale.toLanguageTag());
        m.put("subject", survey.name());
        m.put("preheader", templates.text(locale, "preheader", Map.of("company", company)));
        m.put("prompt", prompt);
        m.put("brand.name", company);
        m.put("brand.color", brand.color());
        m.put("brand.text", brand.textColor());
        brand.logo().ifPresent(u -> m.put("brand.logo", u.toString()));
        m.put("faces", faces);
        m.put("choices", choices);
        if (!faces) {
            m.put("ends", scale.first().value() + " = " + scale.first().displayLabel(locale) + " \u00b7 "
                    + scale.last().value() + " = " + scale.last().displayLabel(locale));
        }
        optOut.ifPresent(t -> m.put("optOut", t));
        m.put("footer", templates.text(locale, "footer", Map.of("company", company)));
        return templates.email().render(m);
    }

    /**
     * The accessible name of a choice: its label on a scale of faces, else the value out of the
     * highest value, with the label when the point has one ({@code "9 sur 9, Très satisfait"}).
     *
     * @param point the scale point
     * @param scale its scale
     * @param locale the reader's language
     * @param templates where the {@code choiceOutOf} text comes from
     * @param faces whether every point of the scale has an emoji, shown with its label
     * @return the name a screen reader reads for the choice
     */
    public static String choiceName(ScalePoint point, RatingScale scale, Locale locale, CustomerTemplates templates,
            boolean faces) {
        if (faces) {
            return point.displayLabel(locale);
        }
        String outOf = templates.text(locale, "choiceOutOf", Map.of("value", Integer.toString(point.value()),
                "max", Integer.toString(scale.max())));
        return point.label(locale).map(l -> outOf + ", " + l).orElse(outOf);
    }

    private static MessageContent keypad(SurveyDefinition survey, MessageSet messages, Map<String, String> values) {
        Optional<KeypadAudio> audio = messages.keypad();
        List<AudioStage> stages = new ArrayList<>();
        audio.flatMap(KeypadAudio::notice).ifPresent(s -> stages.add(stage(AudioStage.Phase.ANNOUNCEMENT, s, values)));
        stages.add(audio.flatMap(KeypadAudio::ratingPrompt).map(s -> stage(AudioStage.Phase.PROMPT, s, values))
                .orElseGet(() -> new AudioStage(AudioStage.Phase.PROMPT, messages.prompt().render(values))));
        if (survey.moreQuestions().isEmpty() && audio.map(KeypadAudio::thankYouPlayed).orElse(true)) {
            // With more questions to come, the thanks waits for the last of them.
            stages.add(audio.flatMap(KeypadAudio::thankYou).map(s -> stage(AudioStage.Phase.THANKS, s, values))
                    .orElseGet(() -> new AudioStage(AudioStage.Phase.THANKS, messages.thankYou().render(values))));
        }
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (ScalePoint p : survey.scale().points()) {
            keys.put(Integer.toString(p.value()), p.value());
        }
        return new MessageContent.Keypad(stages, keys, survey.keypadAnswerWindow());
    }

    private static AudioStage stage(AudioStage.Phase phase, dev.csatkit.survey.AudioStage source,
            Map<String, String> values) {
        if (source instanceof dev.csatkit.survey.AudioStage.Clip clip) {
            return new AudioStage(phase, clip.resource());
        }
        MessageTemplate text = ((dev.csatkit.survey.AudioStage.Speech) source).text();
        return new AudioStage(phase, text.render(values));
    }

    /**
     * Renders one of the survey's further questions for a contact, sent once the question before
     * it is answered: on SMS its prompt and the opt-out instructions; on chat its prompt with a
     * button per point of its own scale; on the keypad its prompt (its keypad prompt where it has one), its key map and
     * the answer window, followed by the survey's thank-you after the last question. Email asks
     * every question on its link page, so it has no message per question.
     *
     * @param survey the survey
     * @param index the question's position in {@link SurveyDefinition#questions()}, 1 or more
     * @param kind the channel kind
     * @param capabilities what the channel can carry
     * @param locale the contact's locale
     * @param values the host's placeholder values
     * @return the content, or empty on email or when the survey skips contacts in that language
     * @throws CsatException when the survey has no such question or is not for that channel kind,
     *     a placeholder has no value, or an SMS does not fit the channel's segments
     */
    public static Optional<MessageContent> renderQuestion(SurveyDefinition survey, int index, ChannelKind kind,
            ChannelCapabilities capabilities, Locale locale, Map<String, String> values) {
        if (!survey.supports(kind)) {
            throw new CsatException("Survey " + survey.id() + " is not sent on " + kind + "; its channels are "
                    + survey.channels());
        }
        if (index < 1 || index > survey.moreQuestions().size()) {
            throw new CsatException("Survey " + survey.id() + " has no question " + (index + 1) + "; it asks "
                    + survey.questions().size());
        }
        Optional<ResolvedMessages> resolved = survey.resolve(locale);
        if (resolved.isEmpty() || kind == ChannelKind.EMAIL) {
            return Optional.empty();
        }
        Locale used = resolved.get().locale();
        Question question = survey.moreQuestions().get(index - 1);
        QuestionMessages words = question.messagesIn(used).orElseThrow();
        Map<String, String> all = questionValues(survey, question, used, values);
        String prompt = words.prompt().render(all);
        RatingScale scale = question.scale();
        MessageContent content = switch (kind) {
            case SMS -> {
                // As the first question's, each question's text message says how to stop.
                String text = questionSms(words, resolved.get().messages(), all);
                SmsSegments.requireWithin("moreQuestions[" + (index - 1) + "].messages." + used.toLanguageTag()
                        + ".prompt", text, capabilities.maxSmsSegments());
                yield new MessageContent.Sms(text);
            }
            case CHAT -> {
                List<QuickReply> buttons = new ArrayList<>();
                if (capabilities.maxButtons() >= scale.size()) {
                    for (ScalePoint p : scale.points()) {
                        buttons.add(new QuickReply(buttonLabel(p, used), Integer.toString(p.value())));
                    }
                }
                yield new MessageContent.Chat(prompt, buttons);
            }
            case VOICE_DTMF -> {
                List<AudioStage> stages = new ArrayList<>();
                stages.add(words.keypadPrompt().map(st -> stage(AudioStage.Phase.PROMPT, st, all))
                        .orElseGet(() -> new AudioStage(AudioStage.Phase.PROMPT, prompt)));
                if (index == survey.moreQuestions().size()
                        && resolved.get().messages().keypad().map(KeypadAudio::thankYouPlayed).orElse(true)) {
                    MessageSet messages = resolved.get().messages();
                    Map<String, String> surveyValues = placeholderValues(survey, used, values);
                    stages.add(messages.keypad().flatMap(KeypadAudio::thankYou)
                            .map(st -> stage(AudioStage.Phase.THANKS, st, surveyValues))
                            .orElseGet(() -> new AudioStage(AudioStage.Phase.THANKS,
                                    messages.thankYou().render(surveyValues))));
                }
                Map<String, Integer> keys = new LinkedHashMap<>();
                for (ScalePoint p : scale.points()) {
                    keys.put(Integer.toString(p.value()), p.value());
                }
                yield new MessageContent.Keypad(stages, keys, survey.keypadAnswerWindow());
            }
            case EMAIL -> throw new IllegalStateException("email has no message per question");
        };
        return Optional.of(content);
    }

    /** A further question as a text message: its prompt, then the survey's opt-out instructions. */
    private static String questionSms(QuestionMessages words, MessageSet messages, Map<String, String> values) {
        String prompt = words.prompt().render(values);
        return messages.optOutInstructions().map(t -> prompt + "\n" + t.render(values)).orElse(prompt);
    }

    /**
     * The values a question's message is rendered with: as {@link #placeholderValues}, the scale
     * placeholders taken from the question's own scale.
     *
     * @param survey the survey
     * @param question one of its questions
     * @param locale the language of the message
     * @param host the host's placeholder values
     * @return every value, the library's taking precedence
     */
    public static Map<String, String> questionValues(SurveyDefinition survey, Question question, Locale locale,
            Map<String, String> host) {
        RatingScale scale = question.scale();
        Map<String, String> all = placeholderValues(survey, locale, host);
        all.put("scale.min", Integer.toString(scale.min()));
        all.put("scale.max", Integer.toString(scale.max()));
        all.put("scale.min.label", scale.first().displayLabel(locale));
        all.put("scale.max.label", scale.last().displayLabel(locale));
        return all;
    }
}
