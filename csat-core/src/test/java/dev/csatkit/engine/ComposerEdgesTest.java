package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.AudioStage.Phase;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the engine says again: a keypad survey's prompts after a missed or wrong key, and a reminder. */
class ComposerEdgesTest {

    static final String PHONE = "+46701234567";

    final TestClock clock = new TestClock(T0);

    static List<Phase> phases(MessageContent c) {
        return ((MessageContent.Keypad) c).stages().stream().map(AudioStage::phase).toList();
    }

    @Test
    void aKeypadPromptIsPlayedAgainWithoutItsAnnouncementAndAWrongKeyIsNamedFirst() {
        ScriptedChannel ivr = EngineFixture.keypad();
        MessageSet defaults = DefaultMessages.forChannel(ChannelKind.VOICE_DTMF, Locale.ENGLISH).orElseThrow();
        SurveyDefinition withNotice = SurveyDefinition.builder("ivr").name("Keypad survey")
                .scale(RatingScales.keypadNine()).channels(ChannelKind.VOICE_DTMF).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, MessageSet.builder().prompt(defaults.prompt().source())
                        .confirmation(defaults.confirmation().source()).invalidReply(defaults.invalidReply().source())
                        .thankYou(defaults.thankYou().source()).optOutInstructions("Reply STOP to opt out.")
                        .keypad(dev.csatkit.survey.KeypadAudio.builder().notice(
                                dev.csatkit.survey.AudioStage.Speech.of("This call may be followed by a survey."))
                                .build()).build())
                .build();
        SurveyProfile p = SurveyProfile.builder(withNotice, ChannelKind.VOICE_DTMF)
                .placeholders(EngineFixture.company()).build();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(ivr).profile(p).build();
        e.decide(call("c1", contact("k1", PHONE)).build());
        e.dispatchDue();
        MessageContent first = ivr.delivered.get(0).content();
        assertThat(phases(first)).startsWith(Phase.ANNOUNCEMENT);
        List<AudioStage> rest = ((MessageContent.Keypad) first).stages().stream()
                .filter(st -> st.phase() != Phase.ANNOUNCEMENT).toList();

        e.receive(EngineFixture.keys(ivr, PHONE, "", clock.instant()));
        e.dispatchDue();
        assertThat(ivr.delivered).hasSize(2);
        assertThat(((MessageContent.Keypad) ivr.delivered.get(1).content()).stages()).isEqualTo(rest);

        e.receive(EngineFixture.keys(ivr, PHONE, "0", clock.instant()));
        e.dispatchDue();
        assertThat(ivr.delivered).hasSize(3);
        List<AudioStage> again = ((MessageContent.Keypad) ivr.delivered.get(2).content()).stages();
        assertThat(again.get(0).phase()).isEqualTo(Phase.ANNOUNCEMENT);
        assertThat(again.get(0).audio()).isNotEqualTo(((MessageContent.Keypad) first).stages().get(0).audio());
        assertThat(again.subList(1, again.size())).isEqualTo(rest);
    }

    static SurveyDefinition withReminder() {
        MessageSet en = DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow();
        return SurveyDefinition.builder("after-call").name("After-call survey")
                .scale(RatingScales.fivePoint()).channels(ChannelKind.SMS, ChannelKind.CHAT, ChannelKind.EMAIL)
                .defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, MessageSet.builder().prompt(en.prompt().source())
                        .confirmation("Thanks.").invalidReply("Please reply with a number from 1 to 5.")
                        .thankYou("Thank you.").reminder("Still there? We would love your rating.")
                        .optOutInstructions("Reply STOP to opt out.").build())
                .build();
    }

    @Test
    void aTextReminderCarriesTheOptOutInstructions() {
        ScriptedChannel sms = EngineFixture.sms();
        SurveyProfile p = SurveyProfile.builder(withReminder(), ChannelKind.SMS).acknowledgeSendingRules("ops", T0)
                .placeholders(EngineFixture.company()).noQuietHours().reminderAfter(Duration.ofHours(2)).build();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).profile(p).build();
        e.decide(call("c1", contact("k1", PHONE)).build());
        e.dispatchDue();
        clock.advance(Duration.ofHours(3));
        assertThat(e.dispatchDue().reminded()).isEqualTo(1);
        assertThat(sms.texts()).hasSize(2);
        assertThat(sms.texts().get(1)).isEqualTo("Still there? We would love your rating.\nReply STOP to opt out.");
    }

    @Test
    void aChatReminderKeepsTheButtonsAndAnEmailOneComesBeforeThePrompt() {
        ScriptedChannel chat = EngineFixture.chat();
        ScriptedChannel mail = EngineFixture.email();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(chat).channel(mail)
                .emailLinks((key, to, value, expires) -> "https://example.com/r?s=" + key + "&v=" + value)
                .profile(SurveyProfile.builder(withReminder(), ChannelKind.CHAT).route(Route.media(Medium.CHAT))
                        .placeholders(EngineFixture.company()).noFrequencyCap().reminderAfter(Duration.ofHours(2))
                        .build())
                .profile(SurveyProfile.builder(withReminder(), ChannelKind.EMAIL).route(Route.media(Medium.TICKET))
                        .placeholders(EngineFixture.company()).noFrequencyCap().reminderAfter(Duration.ofHours(2))
                        .build())
                .build();
        e.decide(Interaction.builder("chat-1", contact("k1", PHONE), Medium.CHAT).agent(EngineFixture.alice()).build());
        e.decide(Interaction.builder("ticket-1", contact("k1", PHONE), Medium.TICKET).agent(EngineFixture.alice())
                .build());
        e.dispatchDue();
        clock.advance(Duration.ofHours(3));
        assertThat(e.dispatchDue().reminded()).isEqualTo(2);
        MessageContent.Chat firstChat = (MessageContent.Chat) chat.delivered.get(0).content();
        MessageContent.Chat chatReminder = (MessageContent.Chat) chat.delivered.get(1).content();
        assertThat(chatReminder.text()).isEqualTo("Still there? We would love your rating.");
        assertThat(chatReminder.buttons()).isEqualTo(firstChat.buttons()).hasSize(5);
        MessageContent.Email firstMail = (MessageContent.Email) mail.delivered.get(0).content();
        MessageContent.Email mailReminder = (MessageContent.Email) mail.delivered.get(1).content();
        assertThat(mailReminder.subject()).isEqualTo(firstMail.subject());
        assertThat(mailReminder.plainText())
                .isEqualTo("Still there? We would love your rating.\n\n" + firstMail.plainText());
        assertThat(mailReminder.html()).isEqualTo(firstMail.html());
    }

    @Test
    void aSurveyPromptedPastItsPrimaryQuestionIsAskedTheQuestionItIsAt() {
        SurveyProfile p = SurveyProfile.builder(SeveralQuestionsEngineTest.survey("after-call",
                        SeveralQuestionsEngineTest.speed(true)), ChannelKind.SMS)
                .acknowledgeSendingRules("ops", T0).placeholders(EngineFixture.company()).build();
        ProfileRuntime rt = ProfileRuntime.of(p, EngineFixture.sms());
        Composer composer = new Composer(null, dev.csatkit.channel.CustomerTemplates.defaults());
        dev.csatkit.store.OpenSurvey.Builder s = dev.csatkit.store.OpenSurvey.builder("s-1", "after-call", "c-1", T0)
                .contactId("k1").channel(ChannelKind.SMS, "sms", PHONE).locale(Locale.ENGLISH)
                .values(EngineFixture.company());
        assertThat(((MessageContent.Sms) composer.prompt(rt, s.question(1).build(), T0)).text()).contains("How fast was our answer");
        assertThat(((MessageContent.Sms) composer.prompt(rt, s.question(2).build(), T0)).text()).doesNotContain("How fast");
        assertThat(((MessageContent.Sms) composer.prompt(rt, s.question(0).build(), T0)).text()).doesNotContain("How fast");
    }
}
