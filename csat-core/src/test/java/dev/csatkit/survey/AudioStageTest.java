package dev.csatkit.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AudioStageTest {

    static byte[] wav(int size) {
        byte[] b = new byte[size];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WAVE".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        return b;
    }

    static String rule(Runnable r) {
        try {
            r.run();
        } catch (InvalidDefinitionException e) {
            return e.violations().get(0).rule();
        }
        throw new AssertionError("expected a rejection");
    }

    @Test
    void formatComesFromTheExtension() {
        assertThat(AudioStage.Clip.of("prompts/Rate-Us.WAV").format()).isEqualTo(AudioFormat.WAV);
        assertThat(AudioStage.Clip.of("https://cdn.example.com/a.mp3?v=2").format()).isEqualTo(AudioFormat.MP3);
        assertThat(rule(() -> AudioStage.Clip.of("prompt.ogg"))).isEqualTo("must be an .mp3 or .wav file");
        assertThat(rule(() -> new AudioStage.Clip("a.wav", AudioFormat.MP3))).isEqualTo("must end in .mp3 for a MP3 clip");
        assertThat(rule(() -> new AudioStage.Clip(" ", AudioFormat.MP3))).isEqualTo("must not be blank");
        assertThat(rule(() -> new AudioStage.Clip("a\nb.mp3", AudioFormat.MP3)))
                .isEqualTo("must not contain control characters");
    }

    @Test
    void contentIsCheckedWhenBytesAreSupplied() {
        assertThat(AudioStage.Clip.of("ok.wav", wav(1000)).format()).isEqualTo(AudioFormat.WAV);
        byte[] id3 = {'I', 'D', '3', 4, 0, 0};
        assertThat(AudioStage.Clip.of("ok.mp3", id3).format()).isEqualTo(AudioFormat.MP3);
        byte[] frame = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0};
        assertThat(AudioStage.Clip.of("ok.mp3", frame).format()).isEqualTo(AudioFormat.MP3);

        assertThat(rule(() -> AudioStage.Clip.of("big.wav", wav((int) AudioStage.MAX_AUDIO_BYTES + 1))))
                .isEqualTo("must be at most 2097152 bytes (2 MiB), was 2097153");
        assertThat(AudioStage.Clip.of("max.wav", wav((int) AudioStage.MAX_AUDIO_BYTES)).resource()).isEqualTo("max.wav");
        assertThat(rule(() -> AudioStage.Clip.of("fake.mp3", wav(100))))
                .isEqualTo("content must be MP3 as its extension says, but it is WAV");
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(rule(() -> AudioStage.Clip.of("fake.wav", text)))
                .isEqualTo("content must be WAV as its extension says, but it is neither MP3 nor WAV");
        assertThat(rule(() -> AudioStage.Clip.of("empty.wav", new byte[0]))).isEqualTo("the file is empty");
        assertThat(AudioFormat.sniff(Arrays.copyOf(wav(12), 11))).isEmpty();
    }

    @Test
    void speechIsANonBlankTemplate() {
        AudioStage.Speech s = AudioStage.Speech.of("Thanks for calling {company}");
        assertThat(s.text().placeholders()).containsExactly("company");
        assertThat(rule(() -> AudioStage.Speech.of("  "))).isEqualTo("must not be blank");
        assertThat(rule(() -> AudioStage.Speech.of("x".repeat(1001)))).isEqualTo("must be at most 1000 characters");
        assertThatThrownBy(() -> AudioStage.Speech.of("Hi {"))
                .isInstanceOfSatisfying(InvalidDefinitionException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("speech"));
    }

    @Test
    void keypadAudioNeedsAtLeastOneStage() {
        assertThat(rule(() -> KeypadAudio.builder().build()))
                .isEqualTo("must have at least one of notice, ratingPrompt and thankYou, or the thank-you switched off");
        assertThat(KeypadAudio.builder().withoutThankYou().build().stages()).isEmpty();
        KeypadAudio audio = KeypadAudio.builder()
                .thankYou(AudioStage.Speech.of("Thank you"))
                .notice(AudioStage.Clip.of("notice.mp3"))
                .build();
        assertThat(audio.stages()).containsOnlyKeys("notice", "thankYou");
        assertThat(audio.stages().keySet()).containsExactly("notice", "thankYou");
    }
}
