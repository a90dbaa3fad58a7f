package dev.csatkit.examples.channels;

import dev.csatkit.channel.InvalidAddressException;
import dev.csatkit.channel.PhoneNumber;
import dev.csatkit.channels.spi.KeyPress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happens on the calls a {@link ScriptedIvr} places: per number, in order, one
 * scripted call each. A number with no call left is answered and nothing is pressed.
 *
 * <p>The text form has one call per line; {@code #} at the start of a line is a comment:
 *
 * <pre>
 * +44 20 7946 0901  answer  4@1.2 #@2.0          # keys and seconds from the window opening
 * +44 20 7946 0902  answer                       # answered, no input
 * +44 20 7946 0903  answer  *@0.3 A@0.9 9@16.0 id=call-17
 * +44 20 7946 0904  busy                         # retry later
 * +44 20 7946 0905  no-answer                    # retry later
 * +44 20 7946 0906  unreachable                  # fails permanently
 * +44 20 7946 0907  stall                        # the platform never answers
 * </pre>
 */
public final class IvrScript {

    /** What the platform does when a number is called. */
    public enum Outcome {
        /** The callee answers and presses the scripted keys. */
        ANSWER,
        /** The line is busy. */
        BUSY,
        /** Nobody picks up. */
        NO_ANSWER,
        /** The number does not exist or cannot be called. */
        UNREACHABLE,
        /** The platform never answers the request to call. */
        STALL
    }

    /**
     * One scripted call.
     *
     * @param outcome what happens
     * @param presses the keys pressed, timed from the opening of the answer window
     * @param callId the platform's id for the call, if the script fixes it
     */
    public record Call(Outcome outcome, List<KeyPress> presses, Optional<String> callId) {
        /** Copies the presses. */
        public Call {
            presses = List.copyOf(presses);
        }

        /**
         * @param presses the keys pressed
         * @return an answered call
         */
        public static Call answer(List<KeyPress> presses) {
            return new Call(Outcome.ANSWER, presses, Optional.empty());
        }
    }

    private static final Pattern PRESS = Pattern.compile("([0-9*#A-D])@(\\d+(?:\\.\\d{1,3})?)");

    private final Map<String, ConcurrentLinkedDeque<Call>> calls = new ConcurrentHashMap<>();

    /**
     * Adds a call for a number, after any already scripted for it.
     *
     * @param number the number called, in any form {@link PhoneNumber#parse} accepts
     * @param call what happens
     * @return this script
     */
    public IvrScript add(String number, Call call) {
        calls.computeIfAbsent(PhoneNumber.parse("number", number).e164(), n -> new ConcurrentLinkedDeque<>()).addLast(call);
        return this;
    }

    /**
     * Reads calls in the text form.
     *
     * @param in the script
     * @return this script
     * @throws IOException when the script cannot be read
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public IvrScript read(Reader in) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        int n = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            n++;
            String code = withoutComment(line.strip());
            if (code.isEmpty() || code.startsWith("#")) {
                continue;
            }
            try {
                parseLine(code);
            } catch (IllegalArgumentException | InvalidAddressException e) {
                throw new IllegalArgumentException("IVR script line " + n + ": " + e.getMessage(), e);
            }
        }
        return this;
    }

    // '#' is also a key: a comment starts at a '#' after a space that is not followed by '@'.
    private static String withoutComment(String line) {
        for (int i = line.indexOf(" #"); i >= 0; i = line.indexOf(" #", i + 1)) {
            if (!line.startsWith("#@", i + 1)) {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    private void parseLine(String code) {
        Matcher outcomeAt = Pattern.compile("\\s(answer|busy|no-answer|unreachable|stall)(\\s|$)").matcher(code);
        if (!outcomeAt.find()) {
            throw new IllegalArgumentException("expected a number and one of answer, busy, no-answer, unreachable, stall");
        }
        String number = code.substring(0, outcomeAt.start()).strip();
        Outcome outcome = Outcome.valueOf(outcomeAt.group(1).toUpperCase(Locale.ROOT).replace('-', '_'));
        List<KeyPress> presses = new ArrayList<>();
        Optional<String> id = Optional.empty();
        String rest = code.substring(outcomeAt.end(1)).strip();
        for (String word : rest.isEmpty() ? new String[0] : rest.split("\\s+")) {
            Matcher m = PRESS.matcher(word);
            if (word.startsWith("id=") && word.length() > 3) {
                id = Optional.of(word.substring(3));
            } else if (m.matches() && outcome == Outcome.ANSWER) {
                presses.add(new KeyPress(m.group(1).charAt(0),
                        Duration.ofMillis(Math.round(Double.parseDouble(m.group(2)) * 1000))));
            } else {
                throw new IllegalArgumentException("\"" + word + "\" is not a key press such as 4@1.2 (key 0-9, *, #"
                        + " or A-D, @, seconds), nor id=<call id>" + (outcome == Outcome.ANSWER ? "" : "; only an answered call has key presses"));
            }
        }
        add(number, new Call(outcome, presses, id));
    }

    /**
     * Takes the next call scripted for a number.
     *
     * @param e164 the number, in E.164
     * @return the call, or an answer without input when none is left
     */
    public Call next(String e164) {
        ConcurrentLinkedDeque<Call> queue = calls.get(e164);
        Call c = queue == null ? null : queue.pollFirst();
        return c != null ? c : Call.answer(List.of());
    }
}
