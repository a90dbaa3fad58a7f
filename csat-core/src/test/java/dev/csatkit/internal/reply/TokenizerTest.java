package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tokens of literal replies, each written out by hand: kind, span, text or value, digits, and
 * a caret where white space came before. The properties compare the tokenizer with the parser's
 * results only in bulk; these pin each branch.
 */
class TokenizerTest {

    static String tokens(String s) {
        return tokens(s, 0, s.length());
    }

    static String tokens(String s, int from, int to) {
        return Tokenizer.tokenize(s, from, to).stream()
                .map(t -> t + (t.is(Token.Kind.NUMBER) ? " d" + t.digits : "") + (t.spaceBefore ? " ^" : ""))
                .collect(Collectors.joining(" | "));
    }

    @Test
    void wordsKeepInnerApostrophesOnly() {
        assertThat(tokens("it's 5")).isEqualTo("WORD[0,4) its | NUMBER[5,6)=5 d1 ^");
        assertThat(tokens("a'")).isEqualTo("WORD[0,1) a | PUNCT[1,2) '");
        assertThat(tokens("'a")).isEqualTo("PUNCT[0,1) ' | WORD[1,2) a");
        assertThat(tokens("it'5")).isEqualTo("WORD[0,2) it | PUNCT[2,3) ' | NUMBER[3,4)=5 d1");
        assertThat(tokens("a ' b")).isEqualTo("WORD[0,1) a | PUNCT[2,3) ' ^ | WORD[4,5) b ^");
    }

    @Test
    void whiteSpaceSeparatesAndIsNoted() {
        assertThat(tokens("a b")).isEqualTo("WORD[0,1) a | WORD[2,3) b ^");
        assertThat(tokens("a\u00A0b")).isEqualTo("WORD[0,1) a | WORD[2,3) b ^");
        assertThat(tokens("5 5")).isEqualTo("NUMBER[0,1)=5 d1 | NUMBER[2,3)=5 d1 ^");
        assertThat(tokens("ab")).isEqualTo("WORD[0,2) ab");
        assertThat(tokens("55")).isEqualTo("NUMBER[0,2)=55 d2");
        assertThat(tokens("a5")).isEqualTo("WORD[0,1) a | NUMBER[1,2)=5 d1");
    }

    @Test
    void numbersOfAnyScriptAndLargeOnesAreCapped() {
        assertThat(tokens("١٢")).isEqualTo("NUMBER[0,2)=12 d2");
        assertThat(tokens("12345678")).as("kept exactly up to the cap, then only counted")
                .isEqualTo("NUMBER[0,8)=1234567 d8");
        assertThat(tokens("1000000")).isEqualTo("NUMBER[0,7)=1000000 d7");
        assertThat(Tokenizer.tokenize("1000000", 0, 7).get(0).overflow()).isFalse();
        assertThat(Tokenizer.tokenize("10000001", 0, 8).get(0).overflow()).isTrue();
        assertThat(Tokenizer.tokenize("10000001", 0, 8).get(0).value).isEqualTo(10_000_001);
    }

    @Test
    void circledSuperscriptAndKeycapNumbersAreNumbers() {
        assertThat(tokens("⑤⑩")).isEqualTo("NUMBER[0,1)=5 d1 | NUMBER[1,2)=10 d2");
        assertThat(tokens("⁵x")).isEqualTo("NUMBER[0,1)=5 d1 | WORD[1,2) x");
        assertThat(tokens("²")).isEqualTo("NUMBER[0,1)=2 d1");
        assertThat(tokens("5\uFE0F\u20E3")).as("keycap five").isEqualTo("NUMBER[0,3)=5 d1");
        assertThat(tokens("½")).as("a fraction is no number").isEqualTo("SYMBOL[0,1) ½");
        assertThat(tokens("⑳")).isEqualTo("NUMBER[0,1)=20 d2");
        assertThat(tokens("⓪⑨")).as("the ends of the digits").isEqualTo("NUMBER[0,1)=0 d1 | NUMBER[1,2)=9 d1");
        assertThat(tokens("௰")).as("Tamil ten is no decimal digit").isEqualTo("SYMBOL[0,1) ௰");
        assertThat(tokens("㊿")).as("fifty in a circle").isEqualTo("NUMBER[0,1)=50 d2");
        assertThat(tokens("Ⅻ")).as("a Roman numeral is a letter number, read as a symbol").isEqualTo("SYMBOL[0,1) Ⅻ");
    }

    @Test
    void punctuationIsCanonical() {
        assertThat(tokens("4,5.6:7%8+9=1")).isEqualTo("NUMBER[0,1)=4 d1 | PUNCT[1,2) , | NUMBER[2,3)=5 d1 | PUNCT[3,4) . "
                + "| NUMBER[4,5)=6 d1 | PUNCT[5,6) : | NUMBER[6,7)=7 d1 | PUNCT[7,8) % | NUMBER[8,9)=8 d1 "
                + "| PUNCT[9,10) + | NUMBER[10,11)=9 d1 | PUNCT[11,12) = | NUMBER[12,13)=1 d1");
        assertThat(tokens("⁄∕＋＝−")).isEqualTo("PUNCT[0,1) / | PUNCT[1,2) / | PUNCT[2,3) + | PUNCT[3,4) = | PUNCT[4,5) -");
        assertThat(tokens("／：，．％")).isEqualTo("PUNCT[0,1) / | PUNCT[1,2) : | PUNCT[2,3) , | PUNCT[3,4) . | PUNCT[4,5) %");
        assertThat(tokens("﹕、﹐٬")).isEqualTo("PUNCT[0,1) : | PUNCT[1,2) , | PUNCT[2,3) , | PUNCT[3,4) ,");
        assertThat(tokens("٫·。﹒")).isEqualTo("PUNCT[0,1) . | PUNCT[1,2) . | PUNCT[2,3) . | PUNCT[3,4) .");
        assertThat(tokens("٪﹪‰")).isEqualTo("PUNCT[0,1) % | PUNCT[1,2) % | PUNCT[2,3) %");
        assertThat(tokens("a-b–c")).isEqualTo("WORD[0,1) a | PUNCT[1,2) - | WORD[2,3) b | PUNCT[3,4) - | WORD[4,5) c");
        assertThat(tokens("$¬±×")).as("Latin-1 operators and currency").isEqualTo("PUNCT[0,1) $ | PUNCT[1,2) ¬ | PUNCT[2,3) ± | PUNCT[3,4) ×");
        assertThat(tokens("(!)")).isEqualTo("PUNCT[0,1) ( | PUNCT[1,2) ! | PUNCT[2,3) )");
        assertThat(tokens("«»")).isEqualTo("PUNCT[0,1) « | PUNCT[1,2) »");
        assertThat(tokens("_")).isEqualTo("PUNCT[0,1) _");
        assertThat(tokens("—")).as("a dash of its own script").isEqualTo("PUNCT[0,1) -");
        assertThat(tokens("※")).isEqualTo("PUNCT[0,1) ※");
    }

    @Test
    void symbolsBeyondLatinOneStaySymbols() {
        assertThat(tokens("€")).isEqualTo("SYMBOL[0,1) €");
        assertThat(tokens("∑")).isEqualTo("SYMBOL[0,1) ∑");
        assertThat(tokens("˘")).as("a modifier symbol").isEqualTo("SYMBOL[0,1) ˘");
        assertThat(tokens("¨")).as("a Latin-1 modifier symbol").isEqualTo("PUNCT[0,1) ¨");
        assertThat(tokens("¢")).as("a Latin-1 currency symbol").isEqualTo("PUNCT[0,1) ¢");
    }

    @Test
    void emojiKeepTheirJoinsModifiersAndFlagPairs() {
        assertThat(tokens("👍🏽")).isEqualTo("SYMBOL[0,4) 👍");
        assertThat(tokens("👨\u200D👩\u200D👧")).isEqualTo("SYMBOL[0,8) 👨👩👧");
        assertThat(tokens("😀😀")).as("no join, two symbols").isEqualTo("SYMBOL[0,2) 😀 | SYMBOL[2,4) 😀");
        assertThat(tokens("😀\u200D😀")).isEqualTo("SYMBOL[0,5) 😀😀");
        assertThat(tokens("😀 \u200D😀")).as("a joiner after a space joins nothing")
                .isEqualTo("SYMBOL[0,2) 😀 | SYMBOL[4,6) 😀 ^");
        assertThat(tokens("a\u200D😀\u200D😀")).as("a joiner after a word joins nothing")
                .isEqualTo("WORD[0,2) a | SYMBOL[2,7) 😀😀");
        assertThat(tokens("🇫🇷")).isEqualTo("SYMBOL[0,4) 🇫🇷");
        assertThat(tokens("🇫🇷🇩🇪")).as("a flag is one pair").isEqualTo("SYMBOL[0,4) 🇫🇷 | SYMBOL[4,8) 🇩🇪");
        assertThat(tokens("😀🇫")).isEqualTo("SYMBOL[0,2) 😀 | SYMBOL[2,4) 🇫");
        assertThat(tokens("🇫😀")).isEqualTo("SYMBOL[0,2) 🇫 | SYMBOL[2,4) 😀");
        // Z and A are the last and the first regional indicators.
        assertThat(tokens("🇿🇦")).as("the flag of South Africa").isEqualTo("SYMBOL[0,4) 🇿🇦");
        assertThat(tokens("🇦🇿")).as("the flag of Azerbaijan").isEqualTo("SYMBOL[0,4) 🇦🇿");
    }

    @Test
    void lettersOfEveryCaseAndOfScriptsWithoutCaseMakeWords() {
        assertThat(tokens("谢谢")).as("other letters").isEqualTo("WORD[0,2) 谢谢");
        assertThat(tokens("شكرا")).isEqualTo("WORD[0,4) شكرا");
        assertThat(tokens("ǅx")).as("a title-case letter").isEqualTo("WORD[0,2) dzx");
        assertThat(tokens("ʰa")).as("a modifier letter").isEqualTo("WORD[0,2) ha");
    }

    @Test
    void invisibleCharactersBelongToTheTokenBefore() {
        assertThat(tokens("x\u200Dy")).isEqualTo("WORD[0,3) xy");
        assertThat(tokens("\u200D5")).isEqualTo("NUMBER[1,2)=5 d1");
        assertThat(tokens("5\u200D")).isEqualTo("NUMBER[0,2)=5 d1");
        assertThat(tokens("5 \u200D")).isEqualTo("NUMBER[0,1)=5 d1");
    }

    @Test
    void controlsPrivateUseAndLoneSurrogatesAreOther() {
        assertThat(tokens("\u0001")).isEqualTo("OTHER[0,1) ");
        assertThat(tokens("\uE000")).isEqualTo("OTHER[0,1) ");
        assertThat(tokens("a\uD83D")).isEqualTo("WORD[0,1) a | OTHER[1,2) ");
    }

    @Test
    void anEndInsideASurrogatePairReadsTheHalfAlone() {
        assertThat(tokens("😀", 0, 1)).isEqualTo("OTHER[0,1) ");
        assertThat(tokens("😀", 0, 2)).isEqualTo("SYMBOL[0,2) 😀");
        assertThat(tokens("x😀y", 1, 3)).isEqualTo("SYMBOL[1,3) 😀");
    }

    @Test
    void wordsLongerThanAnyTableAreNotFolded() {
        String forty = "A".repeat(Tokenizer.MAX_WORD);
        assertThat(tokens(forty)).isEqualTo("WORD[0,40) " + "a".repeat(40));
        assertThat(tokens(forty + "A")).isEqualTo("WORD[0,41) ");
    }

    @Test
    void apostropheOfAnotherFormJoinsAWord() {
        assertThat(tokens("don’t")).isEqualTo("WORD[0,5) dont");
        List<Token> tokens = Tokenizer.tokenize("don’t", 0, 5);
        assertThat(tokens).hasSize(1);
    }
}
