package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channel.LinkVerification.Reason;
import dev.csatkit.channel.LinkVerification.Rejected;
import dev.csatkit.channel.LinkVerification.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class LinkTokenPropertiesTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    private final LinkTokens tokens = new LinkTokens(
            LinkKeyRing.of(LinkTokensTest.key("k2", 2), LinkTokensTest.key("k1", 1)),
            UsedTokenStore.inMemory(CLOCK), CLOCK);

    @Property(tries = 1000)
    void everySignedTokenOpensWithExactlyItsClaims(@ForAll("claims") LinkClaims claims) {
        String token = tokens.sign(claims);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokens.open(token, claims.surveyId())).isEqualTo(new Valid(claims, "k2"));
    }

    @Property(tries = 2000)
    void anyChangedCharacterIsRefused(@ForAll("claims") LinkClaims claims, @ForAll @IntRange(min = 0, max = 5000) int at,
            @ForAll @IntRange(min = 0, max = 64) int with) {
        String token = tokens.sign(claims);
        int i = at % token.length();
        char replacement = URL_SAFE.charAt(with % URL_SAFE.length());
        Assume.that(token.charAt(i) != replacement);
        String altered = token.substring(0, i) + replacement + token.substring(i + 1);
        LinkVerification v = tokens.open(altered, claims.surveyId());
        assertThat(v).isInstanceOf(Rejected.class);
        assertThat(((Rejected) v).reason()).isIn(Reason.MALFORMED, Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE);
    }

    @Property(tries = 1000)
    void truncatedOrExtendedTokensAreRefused(@ForAll("claims") LinkClaims claims, @ForAll @IntRange(min = 1, max = 40) int cut,
            @ForAll @StringLength(min = 1, max = 5) String extra) {
        String token = tokens.sign(claims);
        assertThat(tokens.open(token.substring(0, Math.max(0, token.length() - cut)), claims.surveyId()).isValid()).isFalse();
        assertThat(tokens.open(token + extra, claims.surveyId()).isValid()).isFalse();
    }

    @Property(tries = 1000)
    void verifyingIsTotal(@ForAll @StringLength(max = 300) String anything, @ForAll @StringLength(max = 20) String survey) {
        assertThat(tokens.open(anything, survey)).isInstanceOf(Rejected.class);
    }

    @Property(tries = 1000)
    void aTokenNeverRatesAnotherSurvey(@ForAll("claims") LinkClaims claims, @ForAll("ids") String otherSurvey) {
        Assume.that(!otherSurvey.equals(claims.surveyId()));
        assertThat(tokens.open(tokens.sign(claims), otherSurvey))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.WRONG_SURVEY));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.chars().range('a', 'z').map(String::valueOf),
                        Arbitraries.of("-", "é", "ж", "😀", "👍🏽", "中"))
                .list().ofMinSize(1).ofMaxSize(30).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<LinkClaims> claims() {
        Arbitrary<String> recipients = Arbitraries.oneOf(ids(),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30).map(s -> s + "@example.com"));
        return net.jqwik.api.Combinators.combine(ids(), recipients, Arbitraries.integers().between(-100, 100),
                Arbitraries.longs().between(1, Duration.ofDays(3650).toSeconds()))
                .as((s, r, v, secs) -> new LinkClaims(s, r, v, NOW.plusSeconds(secs)));
    }
}
