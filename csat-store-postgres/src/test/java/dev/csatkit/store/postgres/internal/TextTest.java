package dev.csatkit.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stored form of text the server would refuse or confuse, worked out by hand. */
class TextTest {

    @Test
    void textWithoutNulOrLeadingMarkIsStoredAsItIs() {
        assertThat(Text.store("")).isEqualTo("");
        assertThat(Text.store("*\u0001x")).isEqualTo("*\u0001x");
        assertThat(Text.load("*\u0001x")).isEqualTo("*\u0001x");
    }

    @Test
    void aNulAtTheStartOrAloneIsEscaped() {
        // A NUL at index 0 still needs the escaped form; short strings too.
        assertThat(Text.store("\u0000")).isEqualTo("\u0001\u00010");
        assertThat(Text.store("\u0000ab")).isEqualTo("\u0001\u00010ab");
        assertThat(Text.store("\u0001")).isEqualTo("\u0001\u0001\u0001");
        assertThat(Text.store("*\u0000c")).isEqualTo("\u0001*\u00010c");
        for (String s : new String[] {"\u0000", "\u0000ab", "\u0001", "*\u0000c", "\u0001\u0000\u00010"}) {
            assertThat(Text.load(Text.store(s))).isEqualTo(s);
        }
    }

    @Test
    void aMarkLastInTextWrittenByHandIsReadAsItStands() {
        // Text not written by store (an operator's UPDATE) that ends in a lone mark is read, not refused.
        assertThat(Text.load("\u0001ab\u0001")).isEqualTo("ab\u0001");
        assertThat(Text.load("\u0001\u0001")).isEqualTo("\u0001");
    }
}
