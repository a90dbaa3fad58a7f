package dev.csatkit.survey;

import java.util.Locale;
import java.util.Optional;

/**
 * The audio formats a keypad survey can play.
 */
public enum AudioFormat {
    /** MPEG-1/2 Layer III, with or without an ID3 tag. */
    MP3("mp3"),
    /** RIFF/WAVE. */
    WAV("wav");

    private final String extension;

    AudioFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file extension, without the dot */
    public String extension() {
        return extension;
    }

    /**
     * @param resource a file name, path or URI
     * @return the format its extension names, or empty
     */
    public static Optional<AudioFormat> fromResource(String resource) {
        int query = indexOfAny(resource, '?', '#');
        String path = query < 0 ? resource : resource.substring(0, query);
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = path.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (AudioFormat f : values()) {
            if (f.extension.equals(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Recognises a format from the first bytes of a file.
     *
     * @param bytes the file's content
     * @return the format, or empty when the bytes are neither MP3 nor WAV
     */
    public static Optional<AudioFormat> sniff(byte[] bytes) {
        if (bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) {
            return Optional.of(WAV);
        }
        if (bytes.length >= 3 && ascii(bytes, 0, "ID3")) {
            return Optional.of(MP3);
        }
        // An MPEG audio frame starts with 11 set sync bits.
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0) {
            return Optional.of(MP3);
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] bytes, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
