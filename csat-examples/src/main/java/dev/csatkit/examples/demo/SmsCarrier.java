package dev.csatkit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The carrier behind {@link dev.csatkit.examples.channels.ConsoleSmsChannel}: the channel writes
 * each message as a JSON line to this writer, and the carrier delivers it to the customer's
 * handset, here a map the simulated customers read. Now and then the link to the carrier drops
 * on a survey's first attempt, which the channel reports as "retry later", so the engine's retry
 * with the same idempotency key can be seen to work.
 */
final class SmsCarrier extends Writer {

    /**
     * One delivered text message.
     *
     * @param from the sending number
     * @param to the customer's number
     * @param text the text
     * @param segments how many SMS segments it took
     */
    record Sms(String from, String to, String text, int segments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder pending = new StringBuilder();
    private final Map<String, Sms> byKey = new ConcurrentHashMap<>();
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();
    private final int dropOneIn;

    /**
     * @param dropOneIn the link drops on the first attempt of about one survey in this many
     */
    SmsCarrier(int dropOneIn) {
        this.dropOneIn = dropOneIn;
    }

    @Override
    public synchronized void write(char[] chars, int off, int len) {
        pending.append(chars, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        int end;
        while ((end = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, end);
            pending.delete(0, end + 1);
            JsonNode m = JSON.readTree(line);
            String key = m.path("idempotencyKey").asText();
            // Decided by the key, not by arrival order, so that every run drops the same sends.
            if (key.endsWith(":prompt") && Math.floorMod(key.hashCode(), dropOneIn) == 0 && dropped.add(key)) {
                pending.setLength(0);
                throw new IOException("connection to the SMS carrier was reset");
            }
            byKey.put(key, new Sms(m.path("from").asText(), m.path("to").asText(), m.path("text").asText(),
                    m.path("segments").asInt()));
        }
    }

    @Override
    public void close() {
        // The carrier outlives the channel.
    }

    /**
     * @param idempotencyKey the key a message was sent with, such as {@code <survey>:followup}
     * @return the message, if it reached the customer
     */
    Optional<Sms> delivered(String idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }
}
