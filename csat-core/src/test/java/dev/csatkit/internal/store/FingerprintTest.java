package dev.csatkit.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    // Expected values from a reference MurmurHash3 x64-128 (seed 0) over the UTF-16LE bytes.
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a                                  | 96a698500b4e98bd | b278c9bfc754677d
            ab                                 | 1f5b190c434a0e61 | 934ef3c7cc3c2b1a
            abcd                               | 548cfc581a584f48 | 076f42dc4bbe30df
            abcde                              | ef8464c206cb30ec | cc827c3e934dfa4b
            abcdefg                            | a0c7451959a72be9 | a2e258a1ac2474a2
            abcdefgh                           | 2803a5bc696daeb2 | a2b1eb7540d6d1fa
            abcdefghi                          | 1ac6acfe7367072e | ceacd682c36f564a
            interaction-000123456              | ed15405e66c5d2db | 5da4eac2c2aa5ff1
            Ünïcødé ключ 键 😀 mixed            | 87301f98936fabae | 1ba27bf83199b370
            0123456789abcdef0123456789abcdefX  | ed5e0e1902b0a479 | 84a11c5617995fe6
            """)
    void matchesTheReferenceHash(String key, String hi, String lo) {
        assertThat(Fingerprint.of(key)).isEqualTo(new Fingerprint(Long.parseUnsignedLong(hi, 16),
                Long.parseUnsignedLong(lo, 16)));
    }

    @Test
    void keysWithNulCharactersMatchTheReferenceHash() {
        assertThat(Fingerprint.of("*\u0000contact-0001234"))
                .isEqualTo(new Fingerprint(0x78ca192d66b0e58aL, 0x41fb56d0d84d13e2L));
        assertThat(Fingerprint.of("survey-7\u0000EMAIL:ann@example.com"))
                .isEqualTo(new Fingerprint(0x8e714e82bc60519cL, 0xeeef4992e0cc291bL));
    }

    @Test
    void theEmptyKeyAvoidsTheEmptySlotMarker() {
        // The reference hash of "" is (0, 0), which marks an empty slot in the table.
        assertThat(Fingerprint.of("")).isEqualTo(new Fingerprint(0, 1));
    }

    @Test
    void similarKeysGetDistinctFingerprints() {
        Set<Fingerprint> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            seen.add(Fingerprint.of("*\u0000contact-" + i));
            seen.add(Fingerprint.of("interaction-" + i));
        }
        assertThat(seen).hasSize(400_000);
    }

    @Test
    void onlyTheAllZeroHashIsMoved() {
        // A key found by search whose reference hash has two halves without a common set bit
        // (0x08146c488e08c0c3 & 0x672b009670561334 == 0): it is not (0, 0), so it keeps its hash.
        assertThat(Fingerprint.of("k47306009")).isEqualTo(new Fingerprint(0x08146c488e08c0c3L, 0x672b009670561334L));
    }
}
