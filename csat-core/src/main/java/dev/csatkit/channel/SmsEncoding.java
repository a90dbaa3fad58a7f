package dev.csatkit.channel;

/**
 * The two encodings an SMS is sent in. A text goes as GSM-7 when every character is in the GSM
 * 03.38 alphabet or its extension table, and as UCS-2 otherwise; one character outside the
 * alphabet (an emoji, a Cyrillic letter, a curly quote) switches the whole message.
 */
public enum SmsEncoding {
    /** 7-bit GSM: 160 septets in a single message, 153 per segment of a longer one. */
    GSM_7(160, 153),
    /** 16-bit UCS-2 (UTF-16 on the wire): 70 code units alone, 67 per segment of a longer one. */
    UCS_2(70, 67);

    private final int single;
    private final int perSegment;

    SmsEncoding(int single, int perSegment) {
        this.single = single;
        this.perSegment = perSegment;
    }

    /** @return the units a message can hold when it fits in one SMS */
    public int singleCapacity() {
        return single;
    }

    /** @return the units each segment of a concatenated SMS holds (the rest is its header) */
    public int segmentCapacity() {
        return perSegment;
    }
}
