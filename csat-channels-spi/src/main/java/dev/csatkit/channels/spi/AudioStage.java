package dev.csatkit.channels.spi;

/**
 * One piece of audio in a keypad survey.
 *
 * @param phase when it plays
 * @param audio what plays: a reference the IVR platform understands, such as the URI of a
 *     recording or text for speech synthesis; 1–2048 characters
 */
public record AudioStage(Phase phase, String audio) {

    /**
     * @throws IllegalArgumentException when the phase is missing or the audio blank
     */
    public AudioStage {
        Require.present("phase", phase);
        Require.personalText("audio", audio, 2048);
    }

    /** The moments of a call at which a keypad survey plays audio. */
    public enum Phase {
        /**
         * Tells the caller a survey follows. Meant for before the conversation, where the host's
         * phone system plays it when the call is routed; a plan sent after the call starts with
         * it only when the host did not play it then.
         */
        ANNOUNCEMENT,
        /** After the agent hangs up: asks for the rating and explains the keys. */
        PROMPT,
        /** After a rating was keyed: thanks the caller. */
        THANKS
    }
}
