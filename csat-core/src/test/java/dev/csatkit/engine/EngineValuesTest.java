package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.engine.EngineTexts;
import dev.csatkit.policy.Sampling;
import dev.csatkit.store.ReviewStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine's small values: each rule and each default pinned on both sides of its edge. */
class EngineValuesTest {

    static final Contact JANE = Contact.builder("k1").phone("+447700900123").build();

    static Interaction.Builder call(String id) {
        return Interaction.builder(id, JANE, Medium.VOICE);
    }

    @Nested
    class Retries {

        static RetryPolicy policy(int attempts) {
            return new RetryPolicy(attempts, Duration.ofMinutes(1), Duration.ofHours(1), 2, 0);
        }

        @Test
        void attemptsRunFromOneToTwenty() {
            assertThat(policy(1).maxAttempts()).isEqualTo(1);
            assertThat(policy(20).maxAttempts()).isEqualTo(20);
            assertThatThrownBy(() -> policy(0)).isInstanceOf(InvalidConfigurationException.class)
                    .satisfies(e -> assertThat(fields(e)).containsExactly("retry.maxAttempts"));
            assertThatThrownBy(() -> policy(21)).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("must be between 1 and 20");
        }

        @Test
        void backoffsMustBePositiveAndTheMaximumNoShorter() {
            assertThatThrownBy(() -> new RetryPolicy(5, Duration.ZERO, Duration.ofHours(1), 2, 0))
                    .satisfies(e -> assertThat(fields(e)).containsExactly("retry.initialBackoff"));
            assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(-1), Duration.ofHours(1), 2, 0))
                    .satisfies(e -> assertThat(fields(e)).containsExactly("retry.initialBackoff"));
            assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofMinutes(2), Duration.ofMinutes(1), 2, 0))
                    .satisfies(e -> assertThat(fields(e)).containsExactly("retry.maxBackoff"));
            RetryPolicy equal = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1), 1, 0);
            assertThat(equal.maxBackoff()).isEqualTo(Duration.ofMillis(1));
            assertThat(equal.backoff(4, "k")).isEqualTo(Duration.ofMillis(1));
        }

        @Test
        void theMultiplierRunsFromOneToTenAndTheJitterFromZeroToOne() {
            assertThat(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofHours(1), 1, 0).multiplier()).isEqualTo(1);
            assertThat(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofHours(1), 10, 1).jitter()).isEqualTo(1);
            for (double bad : new double[] {0.99, 10.01, Double.NaN}) {
                assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofHours(1), bad, 0))
                        .satisfies(e -> assertThat(fields(e)).containsExactly("retry.multiplier"));
            }
            for (double bad : new double[] {-0.01, 1.01, Double.NaN}) {
                assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofHours(1), 2, bad))
                        .satisfies(e -> assertThat(fields(e)).containsExactly("retry.jitter"));
            }
        }

        @Test
        void everyBrokenRuleIsNamedAtOnce() {
            assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ofSeconds(-1), 0.5, 2))
                    .satisfies(e -> assertThat(fields(e)).containsExactly("retry.maxAttempts",
                            "retry.initialBackoff", "retry.maxBackoff", "retry.multiplier", "retry.jitter"));
        }

        @Test
        void withoutJitterTheBackoffDoublesUpToTheMaximum() {
            RetryPolicy p = policy(20);
            assertThat(p.backoff(0, "k")).isEqualTo(Duration.ofMinutes(1));
            assertThat(p.backoff(1, "k")).isEqualTo(Duration.ofMinutes(1));
            assertThat(p.backoff(2, "k")).isEqualTo(Duration.ofMinutes(2));
            assertThat(p.backoff(3, "k")).isEqualTo(Duration.ofMinutes(4));
            assertThat(p.backoff(6, "k")).isEqualTo(Duration.ofMinutes(32));
            assertThat(p.backoff(7, "k")).isEqualTo(Duration.ofHours(1));
            assertThat(p.backoff(20, "k")).isEqualTo(Duration.ofHours(1));
        }

        @Test
        void theJitterSpreadsTheWaitByTheSeedsDraw() {
            RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofHours(1), 3, 0.5);
            for (String seed : new String[] {"a", "b", "survey-17", "zz"}) {
                double u = Sampling.bucket(seed, "2") / 1_000_000.0;
                long expected = (long) (30_000 * (0.5 + u));
                assertThat(p.backoff(2, seed)).isEqualTo(Duration.ofMillis(expected));
            }
            // Reproducible, and each attempt draws again.
            assertThat(p.backoff(2, "a")).isEqualTo(p.backoff(2, "a"));
            // Never above the maximum, even when the jitter would take it there.
            RetryPolicy capped = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 1);
            for (String seed : new String[] {"a", "b", "c", "d", "e", "f"}) {
                assertThat(capped.backoff(1, seed)).isLessThanOrEqualTo(Duration.ofSeconds(10));
            }
        }

        @Test
        void theDefaultIsFiveAttemptsFromAMinuteToAnHour() {
            assertThat(RetryPolicy.DEFAULT).isEqualTo(
                    new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofHours(1), 2, 0.2));
        }
    }

    static java.util.List<String> fields(Throwable e) {
        if (e instanceof InvalidConfigurationException c) {
            return c.violations().stream().map(Violation::field).toList();
        }
        return ((InvalidDefinitionException) e).violations().stream().map(Violation::field).toList();
    }

    @Nested
    class Routes {

        @Test
        void anEmptyRouteTakesEverything() {
            assertThat(Route.ANY.matches(Medium.CHAT, Optional.empty(), Optional.empty())).isTrue();
            assertThat(Route.ANY.matches(Medium.VOICE, Optional.of("+15550100"), Optional.of("Acme"))).isTrue();
        }

        @Test
        void eachSetThatIsGivenMustHoldTheInteractionsValue() {
            Route r = Route.media(Medium.VOICE, Medium.SMS).entryPoints("+15550100", "+15550101").brands("Acme");
            assertThat(r.media()).containsExactlyInAnyOrder(Medium.VOICE, Medium.SMS);
            assertThat(r.entryPoints()).containsExactlyInAnyOrder("+15550100", "+15550101");
            assertThat(r.brands()).containsExactly("Acme");
            assertThat(r.matches(Medium.SMS, Optional.of("+15550101"), Optional.of("Acme"))).isTrue();
            assertThat(r.matches(Medium.EMAIL, Optional.of("+15550101"), Optional.of("Acme"))).isFalse();
            assertThat(r.matches(Medium.SMS, Optional.of("+15550102"), Optional.of("Acme"))).isFalse();
            assertThat(r.matches(Medium.SMS, Optional.empty(), Optional.of("Acme"))).isFalse();
            assertThat(r.matches(Medium.SMS, Optional.of("+15550101"), Optional.of("Other"))).isFalse();
            assertThat(r.matches(Medium.SMS, Optional.of("+15550101"), Optional.empty())).isFalse();
        }

        @Test
        void anInteractionIsMatchedOnItsMediumEntryPointAndBrand() {
            Route r = Route.media(Medium.VOICE).entryPoints("+15550100").brands("Acme");
            assertThat(r.matches(call("c1").entryPoint("+15550100").brand("Acme").build())).isTrue();
            assertThat(r.matches(call("c1").entryPoint("+15550100").brand("Other").build())).isFalse();
            assertThat(r.matches(call("c1").entryPoint("+15550199").brand("Acme").build())).isFalse();
            assertThat(Route.media(Medium.VOICE).brands("Acme").matches(call("c1").brand("Acme").build())).isTrue();
        }

        @Test
        void noPartOfARouteIsNull() {
            assertThatThrownBy(() -> Route.media(Medium.VOICE, (Medium) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Route.ANY.brands("a", (String) null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Calls {

        @Test
        void aRoutedCallKeepsItsPartsAndShowsNumbersMasked() {
            RoutedCall c = RoutedCall.of(Locale.FRENCH).entryPoint("+18005550100").brand("Acme");
            assertThat(c.entryPoint()).contains("+18005550100");
            assertThat(c.brand()).contains("Acme");
            assertThat(c.locale()).isEqualTo(Locale.FRENCH);
            assertThat(c.toString()).isEqualTo("RoutedCall[entryPoint=+1***00, brand=Acme, locale=fr]");
            assertThat(RoutedCall.of(Locale.ENGLISH).toString()).isEqualTo("RoutedCall[locale=en]");
            assertThat(RoutedCall.of(Locale.ENGLISH).entryPoint()).isEmpty();
            assertThat(RoutedCall.of(Locale.ENGLISH).brand()).isEmpty();
        }

        @Test
        void aRoutedCallsTextMustBeOneLine() {
            assertThatThrownBy(() -> RoutedCall.of(Locale.ENGLISH).entryPoint("+1800\n"))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .satisfies(e -> assertThat(fields(e)).containsExactly("entryPoint"));
            assertThatThrownBy(() -> RoutedCall.of(Locale.ENGLISH).brand(" "))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .satisfies(e -> assertThat(fields(e)).containsExactly("brand"));
        }

        @Test
        void aRequestNamesItsSurveyTimeAndCap() {
            Interaction i = call("c1").build();
            SurveyRequest r = SurveyRequest.of(i, "after-call");
            assertThat(r.sendAt()).isEmpty();
            assertThat(r.overrideFrequencyCap()).isFalse();
            Instant at = Instant.parse("2026-03-02T12:00:00Z");
            SurveyRequest later = r.at(at).overridingFrequencyCap();
            assertThat(later.sendAt()).contains(at);
            assertThat(later.overrideFrequencyCap()).isTrue();
            assertThat(later.interaction()).isSameAs(i);
            assertThat(later.profileId()).isEqualTo("after-call");
            assertThat(r.overridingFrequencyCap().at(at).overrideFrequencyCap()).isTrue();
        }

        @Test
        void aRefusedReviewNamesItsSurveyAndStatus() {
            ReviewRefusedException e = new ReviewRefusedException("s1", Optional.of(ReviewStatus.RESOLVED), "no");
            assertThat(e.surveyKey()).isEqualTo("s1");
            assertThat(e.status()).contains(ReviewStatus.RESOLVED);
            assertThat(e.getMessage()).isEqualTo("no");
            assertThat(new ReviewRefusedException("s2", Optional.empty(), "none").status()).isEmpty();
        }
    }

    @Nested
    class Contacts {

        @Test
        void theRegionIsTheStrippedAttributeWhenNotBlank() {
            assertThat(Contact.builder("k1").region("  EMEA ").build().region()).contains("EMEA");
            assertThat(Contact.builder("k1").region("").build().region()).isEmpty();
            assertThat(Contact.builder("k1").region("  ").build().region()).isEmpty();
            assertThat(Contact.builder("k1").build().region()).isEmpty();
        }

        @Test
        void theBuilderDefaultsToEnglishInUtcAndKeepsWhatItIsGiven() {
            Contact c = Contact.builder("k1").build();
            assertThat(c.locale()).isEqualTo(Locale.ENGLISH);
            assertThat(c.zone()).isEqualTo(java.time.ZoneOffset.UTC);
            assertThat(c.addresses()).isEmpty();
            assertThat(c.attributes()).isEmpty();
            Contact full = Contact.builder("k2").phone("+447700900123").email("jane@example.com").chat("U1")
                    .address(ChannelKind.EMAIL, "j@example.com").locale(Locale.GERMAN)
                    .zone(ZoneId.of("Europe/Berlin")).attribute("vip", "yes").build();
            assertThat(full.address(ChannelKind.SMS)).contains("+447700900123");
            assertThat(full.address(ChannelKind.VOICE_DTMF)).contains("+447700900123");
            assertThat(full.address(ChannelKind.EMAIL)).contains("j@example.com");
            assertThat(full.address(ChannelKind.CHAT)).contains("U1");
            assertThat(full.locale()).isEqualTo(Locale.GERMAN);
            assertThat(full.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(full.attributes()).containsExactlyEntriesOf(java.util.Map.of("vip", "yes"));
        }

        @Test
        void aContactIsShownWithAddressesMaskedAndValuesHidden() {
            Contact c = Contact.builder("k1").phone("+447700900123").attribute("name", "Jane").build();
            assertThat(c.toString()).isEqualTo("Contact[id=k1, addresses={SMS=+44***23, VOICE_DTMF=+44***23},"
                    + " locale=en, zone=Z, attributes={name=«masked»}]");
        }

        @Test
        void theAddressesAndAttributesCannotBeChangedAfterwards() {
            Contact c = Contact.builder("k1").phone("+447700900123").attribute("vip", "yes").build();
            assertThatThrownBy(() -> c.addresses().put(ChannelKind.CHAT, "x"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.attributes().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void anAgentIsShownWithItsNameHiddenAndAddressesMasked() {
            Agent a = Agent.human("a-1", "Alice", "Blue").withAddress("+447700900123");
            assertThat(a.toString()).isEqualTo("Agent[id=a-1, name=«masked», team=Blue, kind=HUMAN,"
                    + " addresses=[+44***23]]");
            Agent bot = Agent.virtual("bot", "Robo");
            assertThat(bot.kind()).isEqualTo(AgentKind.VIRTUAL);
            assertThat(bot.team()).isEmpty();
            assertThat(bot.name()).contains("Robo");
            assertThat(bot.addresses()).isEmpty();
        }
    }

    @Nested
    class Interactions {

        @Test
        void theHandleTimeDefaultsToTheDurationBetweenStartAndEnd() {
            Instant start = Instant.parse("2026-03-02T09:54:00Z");
            Interaction i = call("c1").between(start, start.plusSeconds(360)).build();
            assertThat(i.handleTime()).isEqualTo(Duration.ofMinutes(6));
            assertThat(call("c1").between(start, start.plusSeconds(360)).handleTime(Duration.ofMinutes(2)).build()
                    .handleTime()).isEqualTo(Duration.ofMinutes(2));
            assertThat(call("c1").build().handleTime()).isEqualTo(Duration.ZERO);
        }

        @Test
        void anEndBeforeTheStartIsTheOneBrokenRule() {
            Instant start = Instant.parse("2026-03-02T09:54:00Z");
            assertThatThrownBy(() -> call("c1").between(start, start.minusSeconds(1)).build())
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("Invalid interaction: endedAt = 2026-03-02T09:53:59Z: "
                            + "must not be before startedAt 2026-03-02T09:54:00Z");
        }

        @Test
        void negativeTimesAndCountsAreRefusedAndZeroTaken() {
            assertThatThrownBy(() -> call("c1").handleTime(Duration.ofSeconds(-1)).build())
                    .satisfies(e -> assertThat(fields(e)).containsExactly("handleTime"));
            assertThatThrownBy(() -> call("c1").waitTime(Duration.ofSeconds(-1)).build())
                    .satisfies(e -> assertThat(fields(e)).containsExactly("waitTime"));
            assertThatThrownBy(() -> call("c1").openTickets(-1).build())
                    .satisfies(e -> assertThat(fields(e)).containsExactly("openTickets"));
            Interaction zero = call("c1").handleTime(Duration.ZERO).waitTime(Duration.ZERO).openTickets(0).build();
            assertThat(zero.waitTime()).contains(Duration.ZERO);
            assertThat(zero.openTickets()).hasValue(0);
        }

        @Test
        void theBuilderDefaultsAndWhatItIsGiven() {
            Interaction plain = call("c1").build();
            assertThat(plain.direction()).isEqualTo(Direction.INBOUND);
            assertThat(plain.ending()).isEqualTo(Ending.RESOLVED);
            assertThat(plain.hangUp()).isEqualTo(HangUp.UNKNOWN);
            assertThat(plain.agent()).isEmpty();
            assertThat(plain.entryPoint()).isEmpty();
            assertThat(plain.brand()).isEmpty();
            assertThat(plain.caseType()).isEmpty();
            assertThat(plain.suppressed()).isEmpty();
            assertThat(plain.waitTime()).isEmpty();
            assertThat(plain.openTickets()).isEmpty();
            assertThat(plain.tags()).isEmpty();
            assertThat(plain.noticePlayed()).isFalse();
            assertThat(plain.startedAt()).isEqualTo(Instant.EPOCH);
            assertThat(plain.endedAt()).isEqualTo(Instant.EPOCH);
            Interaction full = call("c2").direction(Direction.OUTBOUND).ending(Ending.ABANDONED).hangUp(HangUp.AGENT)
                    .suppressSurvey("spam").noticePlayedBeforeCall().build();
            assertThat(full.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(full.ending()).isEqualTo(Ending.ABANDONED);
            assertThat(full.hangUp()).isEqualTo(HangUp.AGENT);
            assertThat(full.suppressed()).contains("spam");
            assertThat(full.noticePlayed()).isTrue();
        }

        @Test
        void anInteractionIsShownWithItsEntryPointMasked() {
            Interaction i = call("c1").agent(Agent.human("a-1", "Alice", "Blue")).entryPoint("+18005550100")
                    .brand("Acme").caseType("billing").tag("vip").tag("angry").waitTime(Duration.ofSeconds(30))
                    .openTickets(2).build();
            assertThat(i.toString()).isEqualTo("Interaction[id=c1, contact=" + JANE + ", medium=VOICE,"
                    + " direction=INBOUND, entryPoint=+1***00, brand=Acme, agent="
                    + i.agent().orElseThrow() + ", startedAt=1970-01-01T00:00:00Z, endedAt=1970-01-01T00:00:00Z,"
                    + " handleTime=PT0S, ending=RESOLVED, hangUp=UNKNOWN, caseType=billing,"
                    + " tags=[angry, vip], waitTime=PT30S, openTickets=2, noticePlayed=false]");
            assertThat(call("c2").build().toString()).doesNotContain("openTickets").endsWith(", noticePlayed=false]");
        }

        @Test
        void theTagsCannotBeChangedAfterwards() {
            Interaction i = call("c1").tag("vip").build();
            assertThatThrownBy(() -> i.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Texts {

        @Test
        void theOptOutTextsAreInTheContactsLanguageOrEnglish() {
            assertThat(EngineTexts.optedOut(Locale.FRENCH)).isEqualTo("Vous ne recevrez plus nos enquêtes.");
            assertThat(EngineTexts.optedOut(Locale.JAPANESE)).isEqualTo("You will not receive any more surveys from us.");
            assertThat(EngineTexts.optOutQuestion(Locale.GERMANY)).startsWith("Möchten Sie keine Nachrichten mehr");
            assertThat(EngineTexts.optOutQuestion(Locale.CHINESE)).isEqualTo("Did you want to stop our messages? "
                    + "Reply STOP to stop them, or reply with your rating.");
        }

        @Test
        void aSurveyKeyIsSFollowedByTwentySixBase32CharactersOfTheIdsSha256() {
            // Worked out apart from the engine: the first 130 bits of SHA-256, five bits a character.
            assertThat(EngineTexts.surveyKey("call-1")).isEqualTo("slv4whrhuohquf5nheikksztpwf");
            assertThat(EngineTexts.surveyKey("")).isEqualTo("s4oymiquy7qobjgx36tejs35zeq");
            assertThat(EngineTexts.surveyKey("x")).isEqualTo("sfvyrmqvxe2yeialcpsu7xlbs6x");
        }

        @Test
        void anAcknowledgementIsShownWithItsAuthorMasked() {
            Instant at = Instant.parse("2026-03-02T10:00:00Z");
            SendingRulesAcknowledgement a = SendingRulesAcknowledgement.of("ops@example.com", at);
            assertThat(a.notice()).isEqualTo("csat-sms-sending-rules/1");
            assertThat(a.toString()).isEqualTo("SendingRulesAcknowledgement[by=o***@e***.com, at=2026-03-02T10:00:00Z,"
                    + " notice=csat-sms-sending-rules/1]");
            assertThatThrownBy(() -> SendingRulesAcknowledgement.of(" ", at))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .satisfies(e -> assertThat(fields(e)).containsExactly("by"));
            assertThatThrownBy(() -> new SendingRulesAcknowledgement("ops", at, "v\n1"))
                    .satisfies(e -> assertThat(fields(e)).containsExactly("notice"));
        }

        @Test
        void contactKeysAreAKeyedHashOfTheId() {
            ContactKeys keys = ContactKeys.withSecret("0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            // Worked out apart from the engine: the first ten bytes of HMAC-SHA256, in hex.
            assertThat(keys.keyOf("k1")).isEqualTo("ck-40928fdcc399b4bd35c2");
            assertThat(ContactKeys.DEFAULT.keyOf("k1")).isEqualTo("ck-12a23ddf614d1f11f53b");
            assertThat(ContactKeys.withSecret(new byte[16]).keyOf("k1")).startsWith("ck-").hasSize(23)
                    .isNotEqualTo("ck-40928fdcc399b4bd35c2");
            assertThat(keys.toString()).isEqualTo("ContactKeys[secret=(hidden)]");
            assertThatThrownBy(() -> ContactKeys.withSecret(new byte[15]))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("must be at least 16 bytes");
        }
    }

    @Test
    void aSignedEmailLinkCarriesTheKeyTheTokenAndOnRequestTheSurveyAndLanguage() {
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), java.time.ZoneOffset.UTC);
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 7);
        dev.csatkit.channel.LinkTokens tokens = new dev.csatkit.channel.LinkTokens(
                dev.csatkit.channel.LinkKeyRing.of(dev.csatkit.channel.LinkKey.of("k1", secret)),
                dev.csatkit.channel.UsedTokenStore.inMemory(clock), clock);
        EmailLinks links = EmailLinks.signed(tokens, java.net.URI.create("https://survey.example.com/r"));
        Instant expires = Instant.parse("2026-03-09T10:00:00Z");
        String link = links.link("s 1", "jane@example.com", 4, expires);
        assertThat(link).startsWith("https://survey.example.com/r?s=s+1&t=");
        String token = link.substring(link.indexOf("&t=") + 3);
        assertThat(tokens.open(token, "s 1")).isEqualTo(new dev.csatkit.channel.LinkVerification.Valid(
                new dev.csatkit.channel.LinkClaims("s 1", "jane@example.com", 4, expires), "k1"));
        assertThat(links.link("s 1", "jane@example.com", 4, expires, "after call", Locale.CANADA_FRENCH))
                .isEqualTo(link + "&d=after+call&l=fr-CA");
        // A host's own links need only the four values.
        EmailLinks own = (key, recipient, value, until) -> key + "/" + value;
        assertThat(own.link("s1", "j@example.com", 5, expires, "after-call", Locale.ENGLISH)).isEqualTo("s1/5");
    }

    @Test
    void aCallNoticeNeedsEveryPart() {
        assertThatThrownBy(() -> new CallNotice(null, "ivr", Locale.ENGLISH, null, true))
                .isInstanceOf(NullPointerException.class);
        assertThat(Set.of(PossibleOptOut.values())).hasSize(2);
    }
}
