package dev.csatkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.KeypadEntry;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Totality and round trips of the keypad parser, 10 000 tries each.
 */
class KeypadParserPropertiesTest {

    static final List<KeypadParser> PARSERS = parsers();

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyKeysGetAnOutcome(@ForAll("keypads") KeypadParser parser, @ForAll("keys") String keys) {
        KeypadReply outcome = parser.parse(keys);
        checkInvariants(parser, keys, outcome);
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void aHundredThousandKeysGetAnOutcome(@ForAll("keypads") KeypadParser parser, @ForAll("keys") String chunk) {
        String keys = (chunk.isEmpty() ? "#" : chunk).repeat(100_000 / Math.max(1, chunk.length()) + 1);
        checkInvariants(parser, keys, parser.parse(keys));
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyTimedPressesGetAnOutcome(@ForAll("keypads") KeypadParser parser, @ForAll("presses") List<KeyPress> presses) {
        KeypadReply outcome = parser.parse(presses);
        StringBuilder inTime = new StringBuilder();
        presses.stream().filter(p -> p.after().compareTo(parser.answerWindow()) <= 0).forEach(p -> inTime.append(p.key()));
        assertThat(outcome).isEqualTo(parser.parse(inTime.toString()));
        if (inTime.length() == 0) {
            assertThat(outcome).isEqualTo(new KeypadReply.NoInput(parser.answerWindow()));
        }
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyValueKeyedReadsBack(@ForAll("keypads") KeypadParser parser, @ForAll @IntRange(max = 10) int index,
            @ForAll boolean withHash, @ForAll @IntRange(min = -3000, max = 15000) int millis) {
        RatingScale scale = parser.scale();
        int value = scale.points().get(index % scale.size()).value();
        boolean hash = withHash || scale.keypadEntry() == KeypadEntry.DIGITS_THEN_HASH;
        String keys = value + (hash ? "#" : "");
        KeypadReply outcome = parser.parse(keys);
        assertThat(outcome).isInstanceOfSatisfying(KeypadReply.KeypadRating.class, r -> {
            assertThat(r.value()).isEqualTo(value);
            assertThat(keys).startsWith(r.keys());
        });
        List<KeyPress> presses = new ArrayList<>();
        for (char key : keys.toCharArray()) {
            presses.add(new KeyPress(key, Duration.ofMillis(Math.min(millis, parser.answerWindow().toMillis()))));
        }
        assertThat(parser.parse(presses)).isEqualTo(outcome);
    }

    static void checkInvariants(KeypadParser parser, String keys, KeypadReply outcome) {
        assertThat(outcome).isNotNull();
        if (outcome instanceof KeypadReply.KeypadRating r) {
            assertThat(parser.scale().contains(r.value())).isTrue();
            assertThat(keys).startsWith(r.keys());
        } else if (outcome instanceof KeypadReply.InvalidKey k) {
            assertThat(keys).startsWith(k.pressed()); // what was pressed, as pressed
            assertThat(k.pressed()).isNotEmpty();
            assertThat(k.detail()).isNotBlank();
        } else if (outcome instanceof KeypadReply.NoInput) {
            assertThat(keys).isEmpty();
        } else {
            assertThat(keys).contains("*");
        }
    }

    @Provide
    Arbitrary<KeypadParser> keypads() {
        return Arbitraries.of(PARSERS);
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> dtmf = Arbitraries.strings().withChars("0123456789*#ABCD").ofMaxLength(8);
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(4).map(s -> s + "#");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(20);
        return Arbitraries.oneOf(dtmf, digits, any);
    }

    @Provide
    Arbitrary<List<KeyPress>> presses() {
        Arbitrary<Character> key = Arbitraries.oneOf(Arbitraries.chars().with("0123456789*#ABCD".toCharArray()),
                Arbitraries.chars().all());
        Arbitrary<Duration> after = Arbitraries.oneOf(
                Arbitraries.longs().between(-5_000, 400_000).map(Duration::ofMillis),
                Arbitraries.longs().map(Duration::ofNanos),
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(15), Duration.ofMillis(15_001)));
        return Combinators.combine(key, after).as(KeyPress::new).list().ofMaxSize(12);
    }

    private static List<KeypadParser> parsers() {
        List<KeypadParser> parsers = new ArrayList<>();
        for (String id : RatingScales.presetIds()) {
            RatingScale scale = RatingScales.preset(id).orElseThrow();
            parsers.add(KeypadParser.forScale(scale));
            parsers.add(KeypadParser.forScale(scale, Duration.ofSeconds(3)));
        }
        for (int from : new int[] {0, 1, 5, 10, 42, 90}) {
            for (int size : new int[] {2, 5, 11}) {
                parsers.add(KeypadParser.forScale(RatingScale.builder("k" + from + "x" + size)
                        .numeric(from, from + size - 1).build()));
            }
        }
        return List.copyOf(parsers);
    }
}
