package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.ChannelKind;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Contacts, agents and interactions take any string: each is either built or refused with an
 * {@link InvalidDefinitionException} that shows no personal value as it was given.
 */
class EngineValueProperties {

    /** Characters that break lines, reorder text or are not characters on their own. */
    static final char[] TRICKY = {'\n', '\r', '\t', '\u0000', '\u0007', '\u007F', '\u0085', '\u2028', '\u2029',
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F',
        '\u200D', '\u200C', '\u00AD', '\uFEFF', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', ' ', '@', '.', '+', '«', '»'};

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars(TRICKY).withCharRange('a', 'e').withCharRange('0', '9').ofMaxLength(20),
                Arbitraries.strings().withChars(TRICKY).withCharRange('a', 'z').ofMinLength(250).ofMaxLength(1_100),
                Arbitraries.of("😀", "👩\u200D👩\u200D👧", "+447700900123", "jane@example.com", "", " "));
    }

    /** Text only of characters every field takes: letters, digits, spaces, punctuation, emoji. */
    @Provide
    Arbitrary<String> cleanText() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars(' ', '-', '.', '@', '+', 'é', 'ж', '中', '\u200D', '\u200C', '\u200F')
                .ofMinLength(1).ofMaxLength(256).filter(s -> !s.isBlank())
                .flatMap(s -> Arbitraries.of(s, s + "😀"))
                .filter(s -> s.length() <= 256);
    }

    @Property(tries = 2_000)
    void aContactIsBuiltOrRefused(@ForAll("anyText") String id, @ForAll ChannelKind kind,
            @ForAll("anyText") String address, @ForAll("anyText") String key, @ForAll("anyText") String value) {
        refusal(() -> new Contact(id, Map.of(kind, address), Locale.ENGLISH, ZoneOffset.UTC, Map.of(key, value)))
                .ifPresent(EngineValueProperties::assertOneLinePerRule);
    }

    @Property(tries = 2_000)
    void anAgentIsBuiltOrRefused(@ForAll("anyText") String id, @ForAll("anyText") String name,
            @ForAll("anyText") String team, @ForAll("anyText") String address) {
        refusal(() -> new Agent(id, Optional.of(name), Optional.of(team), AgentKind.HUMAN, Set.of(address)))
                .ifPresent(EngineValueProperties::assertOneLinePerRule);
    }

    @Property(tries = 2_000)
    void anInteractionIsBuiltOrRefused(@ForAll("anyText") String id, @ForAll("anyText") String entryPoint,
            @ForAll("anyText") String brand, @ForAll("anyText") String caseType, @ForAll("anyText") String tag) {
        Contact jane = Contact.builder("k1").phone("+447700900123").build();
        refusal(() -> Interaction.builder(id, jane, Medium.CHAT).entryPoint(entryPoint).brand(brand)
                .caseType(caseType).tag(tag).build())
                .ifPresent(EngineValueProperties::assertOneLinePerRule);
    }

    @Property(tries = 2_000)
    void aRefusedContactNeverShowsAnAddressOrAnAttributeValue(@ForAll("anyText") String text,
            @ForAll ChannelKind kind) {
        // Marked at both ends, the value cannot hide inside a mask or the message's own words.
        String personal = "Zx" + text + "Qy";
        refusal(() -> Contact.builder("k1").address(kind, personal).build())
                .ifPresent(e -> assertShowsNothingOf(e, personal));
        refusal(() -> Contact.builder("k1").chat("U024BE7LH").attribute("name", personal).build())
                .ifPresent(e -> assertShowsNothingOf(e, personal));
    }

    @Property(tries = 2_000)
    void aRefusedAgentNeverShowsItsNameOrAddresses(@ForAll("anyText") String text) {
        String personal = "Zx" + text + "Qy";
        refusal(() -> Agent.human("a-1", personal, "Billing")).ifPresent(e -> assertShowsNothingOf(e, personal));
        refusal(() -> Agent.virtual("bot-1", "Bot").withAddress(personal))
                .ifPresent(e -> assertShowsNothingOf(e, personal));
    }

    @Property(tries = 1_000)
    void oneLineTextIsTakenEverywhere(@ForAll("cleanText") String text, @ForAll ChannelKind kind) {
        Contact contact = Contact.builder(text).address(kind, text).attribute(text, text).build();
        Agent agent = new Agent(text, Optional.of(text), Optional.of(text), AgentKind.HUMAN, Set.of(text));
        Interaction i = Interaction.builder(text, contact, Medium.EMAIL).entryPoint(text).brand(text)
                .caseType(text).tag(text).agent(agent).build();
        assertThat(i.id()).isEqualTo(text);
    }

    private static Optional<InvalidDefinitionException> refusal(Runnable build) {
        try {
            build.run();
            return Optional.empty();
        } catch (InvalidDefinitionException e) {
            return Optional.of(e);
        }
    }

    private static void assertShowsNothingOf(InvalidDefinitionException e, String personal) {
        assertThat(e.getMessage()).doesNotContain(personal);
        assertThat(e.violations()).extracting(Violation::value).noneMatch(v -> v.contains(personal));
        assertOneLinePerRule(e);
    }

    private static void assertOneLinePerRule(InvalidDefinitionException e) {
        assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.toString().codePoints()
                .noneMatch(c -> Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029
                        || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                        || Character.getType(c) == Character.SURROGATE)).as(v.toString()).isTrue());
    }
}
