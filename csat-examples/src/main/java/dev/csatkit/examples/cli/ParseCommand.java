package dev.csatkit.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code csat parse --scale ID [--locale TAG]}: reads one reply per line on standard input and
 * writes one JSON object per line, in input order:
 *
 * <pre>{"input": "5 great, thanks", "outcome": "RATING", "value": 5, "comment": "great, thanks"}</pre>
 *
 * <p>{@code outcome} is {@code RATING}, {@code COMMENT}, {@code OPT_OUT}, {@code OPT_IN},
 * {@code HELP} or {@code INVALID}; {@code value} comes with {@code RATING}, {@code reason} with
 * {@code INVALID}; {@code comment} is present only when there is one (a rating's comment, or
 * the text of a {@code COMMENT}). An {@code OPT_OUT} says whether it is {@code certain} or only
 * possible, the {@code keyword} it was read as and the customer's matched {@code words}:
 *
 * <pre>{"input": "stop, it was great, 5", "outcome": "OPT_OUT", "certain": false, "keyword": "STOP", "words": ["stop"]}</pre>
 *
 * <p>{@code "truncated": true} is added only when the reply was longer than
 * {@link ReplyParser#MAX_LENGTH} characters and only its start was read.
 */
final class ParseCommand implements Command {

    /** A line longer than this is cut while reading, so that no input exhausts memory. */
    static final int MAX_LINE = 1_000_000;

    /** Made when parse first runs: every other command starts without building a mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final ObjectWriter WRITER = MAPPER.writer(new SpacedPrinter());
    }

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public String usage() {
        return "parse --scale " + String.join("|", RatingScales.presetIds())
                + " [--locale fr]   read replies, one per line, and print each outcome as JSON";
    }

    @Override
    public String help() {
        return """
                usage: csat parse --scale %s [--locale en]

                Reads replies from standard input, one per line, as the survey engine reads them, and
                writes one JSON object per line, in order:
                  {"input": "5 great, thanks", "outcome": "RATING", "value": 5, "comment": "great, thanks"}
                outcome is RATING, COMMENT, OPT_OUT, OPT_IN, HELP or INVALID; value comes with RATING,
                reason with INVALID; an OPT_OUT says whether it is certain, the keyword it was read as
                and the customer's matched words; "truncated": true marks a reply over %d characters.

                  --scale ID     the scale replies answer (required); see csat scales
                  --locale TAG   the customer's language (default en): number words and labels are
                                 read in en, fr, sv, ru, uk, pl, de and es; in any other language,
                                 digits, emoji, stars and English words are read
                  -h, --help     this text
                """.formatted(String.join("|", RatingScales.presetIds()), ReplyParser.MAX_LENGTH);
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Optional<RatingScale> scale = Optional.empty();
        Locale locale = Locale.ENGLISH;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if ((option.equals("--scale") || option.equals("--locale")) && i + 1 >= args.size()) {
                return usageError(err, option + " needs a value");
            }
            if (option.equals("--scale")) {
                String id = args.get(++i);
                scale = RatingScales.preset(id);
                if (scale.isEmpty()) {
                    return usageError(err, "--scale " + id + ": must be one of "
                            + String.join(", ", RatingScales.presetIds()));
                }
            } else if (option.equals("--locale")) {
                String tag = args.get(++i);
                try {
                    locale = new Locale.Builder().setLanguageTag(tag).build();
                } catch (IllformedLocaleException e) {
                    return usageError(err, "--locale " + tag + ": is not a BCP 47 language tag");
                }
                if (locale.getLanguage().isEmpty()) {
                    return usageError(err, "--locale " + tag + ": must name a language");
                }
            } else {
                return usageError(err, "unknown option '" + option + "'");
            }
        }
        if (scale.isEmpty()) {
            return usageError(err, "--scale is required");
        }
        ReplyParser parser = ReplyParser.forScale(scale.get());
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = readLine(reader); line != null; line = readLine(reader)) {
                out.write(toJson(line, parser.parse(line, locale)).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                out.flush();
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("csat parse: cannot read standard input: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /**
     * One reply as a JSON object, fields in a fixed order.
     *
     * @param input the line read
     * @param reply its outcome
     * @return the JSON text, on one line
     */
    static String toJson(String input, ParsedReply reply) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("input", input);
        if (reply instanceof ParsedReply.Rating r) {
            node.put("outcome", "RATING");
            node.put("value", r.value());
            r.comment().ifPresent(c -> node.put("comment", c));
        } else if (reply instanceof ParsedReply.Comment c) {
            node.put("outcome", "COMMENT");
            node.put("comment", c.text());
        } else if (reply instanceof ParsedReply.OptOut o) {
            node.put("outcome", "OPT_OUT");
            node.put("certain", o.certain());
            node.put("keyword", o.keyword());
            o.words().forEach(node.putArray("words")::add);
        } else if (reply instanceof ParsedReply.OptIn) {
            node.put("outcome", "OPT_IN");
        } else if (reply instanceof ParsedReply.Help) {
            node.put("outcome", "HELP");
        } else if (reply instanceof ParsedReply.Invalid i) {
            node.put("outcome", "INVALID");
            node.put("reason", i.reason().name());
        }
        if (reply.truncated()) {
            node.put("truncated", true);
        }
        try {
            return Json.WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line without its end ({@code \n} or {@code \r\n}); {@code null} at the end of input. */
    private static String readLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() < MAX_LINE) {
                line.append((char) c);
            }
            c = reader.read();
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    private int usageError(PrintStream err, String message) {
        err.println("csat parse: " + message);
        err.println("usage: csat " + usage());
        return CsatCli.USAGE;
    }

    /** Writes {@code {"a": 1, "b": ["c", "d"]}}: one line, a space after each colon and comma. */
    private static final class SpacedPrinter extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        SpacedPrinter() {
            super("");
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
