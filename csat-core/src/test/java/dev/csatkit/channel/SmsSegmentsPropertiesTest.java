package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class SmsSegmentsPropertiesTest {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    /**
     * A second, deliberately plain model: splits the text into the septet or UTF-16 unit groups
     * that cannot be separated, then deals them into segments and returns the segments.
     */
    static List<Integer> referenceSegments(String text) {
        List<Integer> widths = new ArrayList<>();
        boolean gsm = true;
        for (char c : text.toCharArray()) {
            if (GSM_BASIC.indexOf(c) >= 0) {
                widths.add(1);
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                widths.add(2);
            } else {
                gsm = false;
            }
        }
        if (!gsm) {
            widths.clear();
            text.codePoints().forEach(cp -> widths.add(Character.charCount(cp)));
        }
        int total = widths.stream().mapToInt(Integer::intValue).sum();
        int single = gsm ? 160 : 70;
        int perSegment = gsm ? 153 : 67;
        List<Integer> segments = new ArrayList<>();
        if (total == 0 && gsm) {
            return segments;
        }
        if (total <= single) {
            segments.add(total);
            return segments;
        }
        int current = 0;
        for (int w : widths) {
            if (current + w > perSegment) {
                segments.add(current);
                current = 0;
            }
            current += w;
        }
        segments.add(current);
        return segments;
    }

    @Property
    void countingIsTotal(@ForAll @StringLength(max = 700) String anyText) {
        SegmentCount c = SmsSegments.count(anyText);
        assertThat(c.characters()).isEqualTo(anyText.codePointCount(0, anyText.length()));
        assertThat(c.units()).isGreaterThanOrEqualTo(c.characters());
        assertThat(c.segments()).isBetween(anyText.isEmpty() ? 0 : 1, Math.max(1, c.units()));
    }

    @Property
    void agreesWithTheReferenceModel(@ForAll("smsLikeTexts") String text) {
        List<Integer> reference = referenceSegments(text);
        SegmentCount c = SmsSegments.count(text);
        assertThat(c.segments()).as("segments of %s", c).isEqualTo(reference.size());
        assertThat(c.units()).isEqualTo(reference.stream().mapToInt(Integer::intValue).sum());
    }

    @Property
    void withoutUnsplittablePairsItIsTheTextbookFormula(@ForAll("plainTexts") String text) {
        SegmentCount c = SmsSegments.count(text);
        int single = c.encoding().singleCapacity();
        int per = c.encoding().segmentCapacity();
        int expected = c.units() == 0 ? 0 : c.units() <= single ? 1 : (c.units() + per - 1) / per;
        assertThat(c.segments()).isEqualTo(expected);
    }

    @Property
    void everySegmentIsFullEnoughAndNoneOverflows(@ForAll("smsLikeTexts") String text) {
        SegmentCount c = SmsSegments.count(text);
        if (c.segments() > 1) {
            int per = c.encoding().segmentCapacity();
            assertThat(c.units()).isLessThanOrEqualTo(c.segments() * per);
            // At most one unit is lost per boundary, where a pair moved to the next segment.
            assertThat(c.units()).isGreaterThan((c.segments() - 1) * (per - 1));
        }
    }

    @Provide
    Arbitrary<String> smsLikeTexts() {
        Arbitrary<String> gsm = Arbitraries.strings().withChars((GSM_BASIC + GSM_EXTENSION).toCharArray())
                .ofMaxLength(700);
        Arbitrary<String> mixed = Arbitraries.strings()
                .withChars((GSM_BASIC + GSM_EXTENSION + "жЖ’é").toCharArray())
                .withCharRange('\uD83D', '\uD83D').withCharRange('\uDE00', '\uDE4F')
                .ofMaxLength(500);
        Arbitrary<String> emoji = Arbitraries.of("😀", "👍🏽", "🇫🇷", "€", "a", "ж", "{", " ")
                .list().ofMaxSize(300).map(l -> String.join("", l));
        return Arbitraries.oneOf(gsm, mixed, emoji, Arbitraries.strings().ofMaxLength(400));
    }

    @Provide
    Arbitrary<String> plainTexts() {
        Arbitrary<String> gsm = Arbitraries.strings().withChars(GSM_BASIC.toCharArray()).ofMaxLength(800);
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0400', '\u04FF').withChars(GSM_BASIC.toCharArray())
                .ofMaxLength(400);
        return Arbitraries.oneOf(gsm, bmp);
    }
}
