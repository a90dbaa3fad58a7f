package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.company;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision rules read directly, on the edges the engine's own tests pass by. */
class DecisionRulesEdgesTest {

    static SurveyProfile on(ChannelKind kind) {
        SurveyProfile.Builder b = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), kind)
                .placeholders(company());
        if (kind == ChannelKind.SMS) {
            b.acknowledgeSendingRules("ops@example.com", T0);
        }
        return b.build();
    }

    static Interaction mailed(String address) {
        return Interaction.builder("c1", Contact.builder("k1").email(address).build(), Medium.EMAIL).build();
    }

    @Test
    void anEmailNeedsALocalPartAndADomain() {
        SurveyProfile p = on(ChannelKind.EMAIL);
        assertThat(DecisionRules.reachable(p, mailed("jane@example.com"))).isNull();
        assertThat(DecisionRules.reachable(p, mailed("j@e"))).isNull();
        DecisionRules.Skip noLocal = DecisionRules.reachable(p, mailed("@example.com"));
        assertThat(noLocal).isEqualTo(new DecisionRules.Skip(SkipReason.INVALID_ADDRESS,
                "email @e*** has no local part and domain"));
        DecisionRules.Skip noDomain = DecisionRules.reachable(p, mailed("jane@"));
        assertThat(noDomain).isNotNull();
        assertThat(noDomain.reason()).isEqualTo(SkipReason.INVALID_ADDRESS);
        assertThat(DecisionRules.reachable(p, mailed("jane"))).isNotNull();
    }

    @Test
    void aMissingAddressNamesTheKindInLowerCase() {
        Interaction noMail = Interaction.builder("c1", Contact.builder("k1").phone("+46701234567").build(),
                Medium.EMAIL).build();
        assertThat(DecisionRules.reachable(on(ChannelKind.EMAIL), noMail)).isEqualTo(new DecisionRules.Skip(
                SkipReason.NO_ADDRESS, "the contact has no email address"));
        Interaction noPhone = Interaction.builder("c1", Contact.builder("k1").email("k1@example.com").build(),
                Medium.VOICE).build();
        assertThat(DecisionRules.reachable(on(ChannelKind.SMS), noPhone)).isEqualTo(new DecisionRules.Skip(
                SkipReason.NO_ADDRESS, "the contact has no sms address"));
    }

    @Test
    void theValuesOfAnInteractionWithAndWithoutAnAgent() {
        SurveyProfile p = on(ChannelKind.SMS);
        Contact jane = Contact.builder("k1").phone("+46701234567").attribute("name", "Jane").region("EMEA").build();
        Interaction worked = Interaction.builder("c1", jane, Medium.VOICE)
                .agent(new Agent("a-7", java.util.Optional.empty(), java.util.Optional.empty(), AgentKind.HUMAN,
                        java.util.Set.of()))
                .brand("Acme").waitTime(Duration.ofSeconds(95)).openTickets(3).build();
        Map<String, String> v = DecisionRules.values(p, worked);
        assertThat(v).containsEntry("company", "Acme")
                .containsEntry("agent.id", "a-7")
                .containsEntry("agent.name", "a-7")
                .containsEntry("team.name", "")
                .containsEntry("contact.name", "Jane")
                .containsEntry("interaction.id", "c1")
                .containsEntry("ticket.id", "c1")
                .containsEntry(DecisionRules.CONTACT_KEY, ContactKeys.DEFAULT.keyOf("k1"))
                .containsEntry(DecisionRules.REGION, "EMEA")
                .containsEntry(DecisionRules.BRAND, "Acme")
                .containsEntry(DecisionRules.WAIT_SECONDS, "95")
                .containsEntry(DecisionRules.OPEN_TICKETS, "3")
                .doesNotContainKey(DecisionRules.NOTICE_PLAYED);
        Map<String, String> named = DecisionRules.values(p, Interaction.builder("c2", jane, Medium.VOICE)
                .agent(Agent.human("a-1", "Alice", "Blue")).build());
        assertThat(named).containsEntry("agent.name", "Alice").containsEntry("team.name", "Blue")
                .containsEntry(DecisionRules.WAIT_SECONDS, "").containsEntry(DecisionRules.OPEN_TICKETS, "");
        Map<String, String> nobody = DecisionRules.values(p, Interaction.builder("c3",
                Contact.builder("k3").phone("+46701234567").build(), Medium.VOICE).build());
        assertThat(nobody).containsEntry("agent.id", "").containsEntry("agent.name", "")
                .containsEntry("contact.name", "").containsEntry(DecisionRules.REGION, "")
                .containsEntry(DecisionRules.BRAND, "");
    }

    @Test
    void aNoticePlayedCountsOnlyForAKeypadSurvey() {
        Contact jane = Contact.builder("k1").phone("+46701234567").build();
        Interaction played = Interaction.builder("c1", jane, Medium.VOICE).noticePlayedBeforeCall().build();
        assertThat(DecisionRules.values(on(ChannelKind.SMS), played)).doesNotContainKey(DecisionRules.NOTICE_PLAYED);
        SurveyProfile keypad = SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"), ChannelKind.VOICE_DTMF).build();
        assertThat(DecisionRules.values(keypad, played)).containsEntry(DecisionRules.NOTICE_PLAYED, "true");
        assertThat(DecisionRules.values(keypad, Interaction.builder("c2", jane, Medium.VOICE).build()))
                .doesNotContainKey(DecisionRules.NOTICE_PLAYED);
    }
}
