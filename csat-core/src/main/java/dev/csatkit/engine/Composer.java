package dev.csatkit.engine;

import dev.csatkit.CsatException;
import dev.csatkit.channel.CustomerTemplates;
import dev.csatkit.channel.SurveyRenderer;
import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.internal.engine.EngineTexts;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.MessageTemplate;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.QuestionMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Composes every message the engine sends, from the survey's definition and stored values. */
final class Composer {

    private final @Nullable EmailLinks emailLinks;
    private final CustomerTemplates templates;

    Composer(@Nullable EmailLinks emailLinks, CustomerTemplates templates) {
        this.emailLinks = emailLinks;
        this.templates = templates;
    }

    MessageContent prompt(ProfileRuntime rt, OpenSurvey s, Instant now) {
        SurveyProfile p = rt.profile();
        // Past the primary question, the question being asked (asked again after help or a missed key).
        if (s.question() >= 1 && s.question() < rt.questions() && p.sendOn() != ChannelKind.EMAIL) {
            return question(rt, s, s.question()).orElseThrow(() -> new CsatException("survey " + p.id()
                    + " has no messages in " + s.locale()));
        }
        Instant expires = now.plus(p.answerWindow());
        MessageContent content = SurveyRenderer.render(p.survey(), p.sendOn(), rt.channel().capabilities(), s.locale(),
                        s.values(), v -> emailLink(s, v, expires), templates, p.brand())
                .orElseThrow(() -> new CsatException("survey " + p.id() + " has no messages in " + s.locale()));
        if (content instanceof MessageContent.Keypad keypad && s.values().containsKey(DecisionRules.NOTICE_PLAYED)) {
            // The caller heard the notice when the call was routed: not a second time after it.
            return new MessageContent.Keypad(keypad.stages().stream()
                    .filter(st -> st.phase() != AudioStage.Phase.ANNOUNCEMENT).toList(), keypad.keyMap(),
                    keypad.answerWindow());
        }
        return content;
    }

    /** A further question of the survey, as its channel asks it. */
    private static Optional<MessageContent> question(ProfileRuntime rt, OpenSurvey s, int index) {
        SurveyProfile p = rt.profile();
        return SurveyRenderer.renderQuestion(p.survey(), index, p.sendOn(), rt.channel().capabilities(), s.locale(),
                s.values());
    }

    /**
     * The message asking a question, while that question is still the one being asked: a survey
     * that ended, or whose question was already answered, is not asked it any more.
     */
    private static Optional<MessageContent> nextQuestion(ProfileRuntime rt, OpenSurvey s, OutboxMessage m) {
        String key = m.key();
        int at = key.lastIndexOf(SurveyMachine.QUESTION_KEY);
        int index;
        try {
            index = Integer.parseInt(key.substring(at + SurveyMachine.QUESTION_KEY.length()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return s.state().isFinal() || s.question() != index ? Optional.empty() : question(rt, s, index);
    }

    private String emailLink(OpenSurvey s, int value, Instant expires) {
        if (emailLinks == null) {
            throw new CsatException("email surveys need EmailLinks on the engine");
        }
        return emailLinks.link(s.id(), s.contactId(), value, expires, s.surveyId(), s.locale());
    }

    /**
     * A side message's content, or empty when the channel has no such message (the keypad has
     * no text confirmations; email is answered through its link page).
     */
    Optional<MessageContent> side(ProfileRuntime rt, OpenSurvey s, OutboxMessage m, Instant now) {
        return m.purpose() == OutboxMessage.Purpose.QUESTION ? nextQuestion(rt, s, m) : side(rt, s, m.purpose(), now);
    }

    /**
     * A side message's content by its purpose, or empty when the channel has no such message (the
     * keypad has no text confirmations; email is answered through its link page).
     */
    Optional<MessageContent> side(ProfileRuntime rt, OpenSurvey s, OutboxMessage.Purpose purpose, Instant now) {
        MessageSet m = messages(rt, s);
        return switch (purpose) {
            case QUESTION -> question(rt, s, s.question());
            case CONFIRMATION -> text(rt, s, m.confirmation());
            case FOLLOW_UP -> m.followUp().flatMap(t -> text(rt, s, t));
            case THANK_YOU -> text(rt, s, m.thankYou());
            case INVALID_REPLY -> invalidReply(rt, s, m);
            case REMINDER -> Optional.of(reminder(rt, s, now, false));
            case HELP -> Optional.of(reminder(rt, s, now, true));
            case KEYPAD_REPEAT, KEYPAD_NO_INPUT -> Optional.of(reprompt(rt, s, now, false));
            case KEYPAD_NO_MATCH -> Optional.of(reprompt(rt, s, now, true));
            case OPT_OUT_CONFIRMATION -> optedOut(rt.profile().sendOn(), s.locale());
            case OPT_OUT_QUESTION -> fixedText(rt.profile().sendOn(), EngineTexts.optOutQuestion(s.locale()));
        };
    }

    /** The opt-out confirmation on text channels that can carry one. */
    static Optional<MessageContent> optedOut(ChannelKind kind, java.util.Locale locale) {
        return fixedText(kind, EngineTexts.optedOut(locale));
    }

    private static Optional<MessageContent> fixedText(ChannelKind kind, String text) {
        return switch (kind) {
            case SMS -> Optional.of(new MessageContent.Sms(text));
            case CHAT -> Optional.of(new MessageContent.Chat(text, List.of()));
            case EMAIL, VOICE_DTMF -> Optional.empty();
        };
    }

    private Optional<MessageContent> text(ProfileRuntime rt, OpenSurvey s, MessageTemplate template) {
        return wrap(rt, render(rt, s, template));
    }

    private static Optional<MessageContent> wrap(ProfileRuntime rt, String text) {
        return switch (rt.profile().sendOn()) {
            case SMS -> Optional.of(new MessageContent.Sms(text));
            case CHAT -> Optional.of(new MessageContent.Chat(text, List.of()));
            case EMAIL -> Optional.of(new MessageContent.Email(rt.profile().survey().name(), text, Optional.empty()));
            case VOICE_DTMF -> Optional.empty();
        };
    }

    /** The answer to an unreadable reply: the question's own, else the survey's, on the question's scale. */
    private Optional<MessageContent> invalidReply(ProfileRuntime rt, OpenSurvey s, MessageSet m) {
        return wrap(rt, invalidText(rt, s, m));
    }

    private static String invalidText(ProfileRuntime rt, OpenSurvey s, MessageSet m) {
        int asking = rt.asking(s);
        if (asking == 0) {
            return render(rt, s, m.invalidReply());
        }
        SurveyDefinition survey = rt.profile().survey();
        Question q = survey.questions().get(asking);
        Locale locale = survey.resolve(s.locale()).orElseThrow().locale();
        MessageTemplate template = q.messagesIn(locale).flatMap(QuestionMessages::invalidReply)
                .orElse(m.invalidReply());
        return template.render(SurveyRenderer.questionValues(survey, q, locale, s.values()));
    }

    /** The reminder, or for a help request the question again with how to stop. */
    private MessageContent reminder(ProfileRuntime rt, OpenSurvey s, Instant now, boolean help) {
        MessageContent prompt = prompt(rt, s, now);
        MessageSet m = messages(rt, s);
        if (help || m.reminder().isEmpty()) {
            return prompt; // the prompt already carries the opt-out instructions
        }
        String text = render(rt, s, m.reminder().get());
        if (prompt instanceof MessageContent.Sms) {
            return new MessageContent.Sms(m.optOutInstructions().map(t -> text + "\n" + render(rt, s, t)).orElse(text));
        }
        if (prompt instanceof MessageContent.Chat chat) {
            return new MessageContent.Chat(text, chat.buttons());
        }
        if (prompt instanceof MessageContent.Email email) {
            return new MessageContent.Email(email.subject(), text + "\n\n" + email.plainText(), email.html());
        }
        return prompt;
    }

    /** The keypad question again, after a no-match with the invalid-reply notice first. */
    private MessageContent reprompt(ProfileRuntime rt, OpenSurvey s, Instant now, boolean notice) {
        MessageContent.Keypad keypad = (MessageContent.Keypad) prompt(rt, s, now);
        List<AudioStage> stages = new ArrayList<>();
        if (notice) {
            stages.add(new AudioStage(AudioStage.Phase.ANNOUNCEMENT, invalidText(rt, s, messages(rt, s))));
        }
        keypad.stages().stream().filter(st -> st.phase() != AudioStage.Phase.ANNOUNCEMENT).forEach(stages::add);
        return new MessageContent.Keypad(stages, keypad.keyMap(), keypad.answerWindow());
    }

    static MessageSet messages(ProfileRuntime rt, OpenSurvey s) {
        return rt.profile().survey().resolve(s.locale()).orElseThrow().messages();
    }

    private static String render(ProfileRuntime rt, OpenSurvey s, MessageTemplate template) {
        return template.render(SurveyRenderer.placeholderValues(rt.profile().survey(), s.locale(), s.values()));
    }
}
