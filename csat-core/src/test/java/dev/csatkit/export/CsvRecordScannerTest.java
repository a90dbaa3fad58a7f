package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record scanner's rarer branches, pinned one by one: where cells start and end, the lines a
 * record spans, where the next one starts, and when it asks for more bytes or gives up. The
 * property tests compare whole files with Jackson; these name the case that broke.
 */
class CsvRecordScannerTest {

    private final CsvRecordScanner scanner = new CsvRecordScanner();
    private byte[] bytes;

    private int scan(String text, boolean eof) {
        return scanFrom(text, 0, eof);
    }

    private int scanFrom(String text, int pos, boolean eof) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        bytes = Arrays.copyOf(utf8, utf8.length + CsvRecordScanner.PADDING);
        return scanner.scan(bytes, pos, utf8.length, eof);
    }

    private List<String> cells() {
        return scanner.texts(bytes);
    }

    /** @return each cell's start and end, as "start-end" */
    private List<String> bounds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scanner.count(); i++) {
            out.add(scanner.starts()[i] + "-" + scanner.ends()[i]);
        }
        return out;
    }

    @Test
    void noBytesLeftIsTheEndOnlyWhenTheInputEnds() {
        assertThat(scan("", true)).isEqualTo(CsvRecordScanner.END);
        assertThat(scan("", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scanFrom("a\n", 2, true)).isEqualTo(CsvRecordScanner.END);
        assertThat(scanFrom("a\n", 3, false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
    }

    @Test
    void plainCellsEndAtCommasInAndAcrossWords() {
        assertThat(scan("a,bb,,ccc,dddddddddd,e\nnext", false)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a", "bb", "", "ccc", "dddddddddd", "e");
        assertThat(bounds()).containsExactly("0-1", "2-4", "5-5", "6-9", "10-20", "21-22");
        assertThat(scanner.next()).isEqualTo(23);
        assertThat(scanner.lines()).isEqualTo(1);
        assertThat(scanner.escaped()).isFalse();
    }

    @Test
    void aRecordStartsWhereItIsAsked() {
        assertThat(scanFrom("a,b\ncc,d\n", 4, true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(bounds()).containsExactly("4-6", "7-8");
        assertThat(scanner.next()).isEqualTo(9);
    }

    @Test
    void eightCommasInOneWordAndManyCellsGrowTheArrays() {
        String row = ",".repeat(8) + "x".repeat(8) + ",".repeat(70);
        assertThat(scan(row + "\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.count()).isEqualTo(79);
        assertThat(bounds().subList(0, 10)).containsExactly("0-0", "1-1", "2-2", "3-3", "4-4", "5-5", "6-6", "7-7",
                "8-16", "17-17");
        assertThat(bounds().get(78)).isEqualTo("86-86");
        assertThat(scanner.next()).isEqualTo(87);
    }

    @Test
    void theLastRecordMayEndWithoutALineEndOnlyAtTheEndOfInput() {
        assertThat(scan("a,b", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("a,b", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a", "b");
        assertThat(scanner.next()).isEqualTo(3);
        assertThat(scanner.lines()).isZero();
    }

    @Test
    void everyLineEndEndsARecordAndCountsOneLine() {
        assertThat(scan("a\r\nb", false)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.next()).isEqualTo(3);
        assertThat(scanner.lines()).isEqualTo(1);
        assertThat(scan("a\rb", false)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.next()).isEqualTo(2);
        assertThat(scanner.lines()).isEqualTo(1);
        // A carriage return last in the bytes held may be the first half of \r\n.
        assertThat(scan("a\r", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("a\r", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.next()).isEqualTo(2);
        assertThat(scanner.lines()).isEqualTo(1);
    }

    @Test
    void aQuoteInsideAnUnquotedCellAndATabAreText() {
        assertThat(scan("a\"b,\tc\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a\"b", "\tc");
    }

    @Test
    void aQuotedCellIsReadInsideItsQuotes() {
        assertThat(scan("x,\"a,b\",y\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("x", "a,b", "y");
        assertThat(bounds()).containsExactly("0-1", "3-6", "8-9");
        assertThat(scanner.next()).isEqualTo(10);
        assertThat(scanner.lines()).isEqualTo(1);
        assertThat(scanner.escaped()).isFalse();
    }

    @Test
    void aLongQuotedCellIsScannedWordByWord() {
        String text = "0123456789abcdefghij,klmnopq";
        assertThat(scan("\"" + text + "\",z\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly(text, "z");
        assertThat(bounds()).containsExactly("1-29", "31-32");
    }

    @Test
    void doubledQuotesAreOneQuoteAndOnlyInTheirCell() {
        assertThat(scan("\"a\"\"b\",\"c\"\"\"\"\",\"d\",\"\"\"\"\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.escaped()).isTrue();
        assertThat(cells()).containsExactly("a\"b", "c\"\"", "d", "\"");
        // The bytes stay as the file has them; the text is what differs.
        assertThat(bounds()).containsExactly("1-5", "8-13", "16-17", "20-22");
        assertThat(scan("\"a\"\"b\"\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scan("\"\"\"\"\"\"\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("\"\"");
        // A new record forgets the last one's doubled quotes.
        assertThat(scan("\"a\"\"b\"\"\"\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scan("\"a\"\"b\",\"c\"\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a\"b", "c");
        assertThat(scan("\"a\",b\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.escaped()).isFalse();
    }

    @Test
    void manyCellsWithDoubledQuotesAreAllKnown() {
        StringBuilder row = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            row.append(i == 0 ? "" : ",").append("\"").append(i).append("\"\"\"");
            expected.add(i + "\"");
            row.append(",plain");
            expected.add("plain");
        }
        assertThat(scan(row + "\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).isEqualTo(expected);
    }

    @Test
    void manyCellsAfterAQuotedOneGrowTheArrays() {
        String row = "\"q\"" + ",v".repeat(80);
        assertThat(scan(row + "\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.count()).isEqualTo(81);
        assertThat(cells().get(80)).isEqualTo("v");
        assertThat(bounds().get(80)).isEqualTo("162-163");
        row = "\"q\"" + ",\"v\"".repeat(80);
        assertThat(scan(row + "\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.count()).isEqualTo(81);
        assertThat(bounds().get(80)).isEqualTo("321-322");
    }

    @Test
    void lineBreaksInsideQuotesCountAsLines() {
        assertThat(scan("\"a\nb\r\nc\rd\",e\nf", false)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a\nb\r\nc\rd", "e");
        assertThat(scanner.lines()).isEqualTo(4);
        assertThat(scanner.next()).isEqualTo(13);
        // A carriage return right before the end of what is held is one line once the input ends.
        assertThat(scan("\"a\r", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scan("\"a\r", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
    }

    @Test
    void aQuotedCellCutByTheEndOfTheBytesHeldAsksForMore() {
        assertThat(scan("\"abc", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("\"abcdefghijklmnop", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        // The closing quote may be the first of a doubled one.
        assertThat(scan("\"abc\"", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("\"abc\"  ", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("\"abc\",\"d", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("\"abc\",d", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
    }

    @Test
    void aQuotedCellLastInTheInputEndsTheRecord() {
        assertThat(scan("x,\"abc\"", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("x", "abc");
        assertThat(scanner.next()).isEqualTo(7);
        assertThat(scanner.lines()).isZero();
        assertThat(scan("\"abc\",d", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("abc", "d");
        assertThat(scanner.next()).isEqualTo(7);
        assertThat(scan("\"abc\",", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("abc", "");
    }

    @Test
    void blanksAfterAClosingQuoteAreSkipped() {
        assertThat(scan("\"a\" \t ,\"b\"  \r\nz", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a", "b");
        assertThat(scanner.next()).isEqualTo(14);
        assertThat(scanner.lines()).isEqualTo(1);
    }

    @Test
    void anUnquotedCellAfterAQuotedOneEndsAtItsLineEnd() {
        assertThat(scan("\"a\",bc\r\nz", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a", "bc");
        assertThat(bounds()).containsExactly("1-2", "4-6");
        assertThat(scanner.next()).isEqualTo(8);
        assertThat(scan("\"a\",b\"c\rz", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a", "b\"c");
        assertThat(scanner.next()).isEqualTo(8);
    }

    @Test
    void aQuoteLeftOpenBreaksTheCsv() {
        assertThat(scan("a,\"bc\nd,e\n", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).isEqualTo("Missing closing quote for value");
    }

    @Test
    void aCharacterAfterAClosingQuoteBreaksTheCsvAndIsNamed() {
        assertThat(scan("\"a\"b,c\n", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).isEqualTo("Unexpected character ('b' (code 98)): Expected column separator "
                + "character (',' (code 44)) or end-of-line");
        assertThat(scan("\"a\"é\n", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).startsWith("Unexpected character ('é' (code 233))");
        assertThat(scan("\"a\"\uD83D\uDE00\n", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).startsWith("Unexpected character ('\uD83D\uDE00' (code 128512))");
        assertThat(scan("\"a\"\u00e9", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).startsWith("Unexpected character ('é' (code 233))");
        // A sequence cut by the end of the bytes is named by what the decoder makes of it.
        bytes = new byte[] {'"', 'a', '"', (byte) 0xC3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(scanner.scan(bytes, 0, 4, true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).startsWith("Unexpected character ('\uFFFD' (code 65533))");
        assertThat(scan("\"a\"!", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).startsWith("Unexpected character ('!' (code 33))");
        assertThat(scan("\"a\"\u007f", true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).startsWith("Unexpected character ('\u007f' (code 127))");
    }

    @Test
    void aFreshScannerHasNoProblem() {
        assertThat(scanner.problem()).isEmpty();
    }

    @Test
    void aBlankRecordIsOneCellOfWhiteSpace() {
        scan(" \t \n", true);
        assertThat(scanner.blank(bytes)).isTrue();
        scan("\n", true);
        assertThat(scanner.blank(bytes)).isTrue();
        scan(" , \n", true);
        assertThat(scanner.blank(bytes)).isFalse();
        scan(" x \n", true);
        assertThat(scanner.blank(bytes)).isFalse();
    }
    @Test
    void aRecordEndingInAQuotedCellLeavesTheEntryAfterItsLastCellFree() {
        // The reader writes the empty cell standing for a missing column there, whatever the count.
        for (int n = 1; n <= 70; n++) {
            // Every cell quoted: the cells are all counted on the quoted path.
            assertThat(scan(String.join(",", java.util.Collections.nCopies(n, "\"q\"")) + "\n", true))
                    .as("%d cells", n).isEqualTo(CsvRecordScanner.FOUND);
            assertThat(scanner.count()).isEqualTo(n);
            assertThat(scanner.starts().length).as("%d cells", n).isGreaterThan(n);
            assertThat(scanner.ends().length).as("%d cells", n).isGreaterThan(n);
        }
    }

    @Test
    void aLineEndAfterAClosingQuoteEndsTheRecordThere() {
        assertThat(scan("\"a\"\nxyz", false)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.next()).isEqualTo(4);
        assertThat(scanner.lines()).isEqualTo(1);
        assertThat(scan("\"a\",b\nxyz", false)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.next()).isEqualTo(6);
        assertThat(scanner.lines()).isEqualTo(1);
        // A carriage return last in the bytes held may be the start of CR LF: more bytes decide.
        assertThat(scan("\"a\"\r", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("\"a\",b\r", false)).isEqualTo(CsvRecordScanner.INCOMPLETE);
        assertThat(scan("\"a\",b\r", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.next()).isEqualTo(6);
    }

    @Test
    void controlBytesAfterAClosingQuoteAreBlanksLikeSpaces() {
        assertThat(scan("\"a\"\u0000,\"b\" \n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(cells()).containsExactly("a", "b");
        assertThat(scanner.next()).isEqualTo(10);
    }

    @Test
    void theCharacterNamedAfterAClosingQuoteIsReadWhereverTheRecordStarts() {
        String record = "\"" + "a".repeat(20) + "\"x";
        assertThat(scanFrom("skip\n" + record, 5, true)).isEqualTo(CsvRecordScanner.BROKEN);
        assertThat(scanner.problem()).isEqualTo("Unexpected character ('x' (code 120)): Expected column separator "
                + "character (',' (code 44)) or end-of-line");
    }

    @Test
    void onlyTheCellsWithDoubledQuotesHaveThemMadeOne() {
        // An unquoted cell's quotes are text, doubled or not, even when another cell has doubled quotes.
        assertThat(scan("a\"\"b,\"c\"\"d\",e\"\"\n", true)).isEqualTo(CsvRecordScanner.FOUND);
        assertThat(scanner.escaped()).isTrue();
        assertThat(cells()).containsExactly("a\"\"b", "c\"d", "e\"\"");
    }
}
