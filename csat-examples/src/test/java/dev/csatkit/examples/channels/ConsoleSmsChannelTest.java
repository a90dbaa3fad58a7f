package dev.csatkit.examples.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channel.SenderPool;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.tck.ChannelContractTest;
import dev.csatkit.channels.tck.CustomerReply;
import dev.csatkit.channels.tck.Delivery;
import dev.csatkit.channels.tck.ProviderFault;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleSmsChannelTest extends ChannelContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The console: collects what is written, and fails or hangs once when told to. */
    static final class Console extends Writer {
        final StringBuilder text = new StringBuilder();
        final AtomicReference<ProviderFault> nextFault = new AtomicReference<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public synchronized void write(char[] buf, int off, int len) throws IOException {
            ProviderFault fault = nextFault.getAndSet(null);
            if (fault == ProviderFault.TRANSIENT) {
                throw new IOException("console unavailable");
            }
            if (fault == ProviderFault.HANG) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            text.append(buf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized List<JsonNode> lines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text.toString().split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }
    }

    private final Console console = new Console();
    private ConsoleSmsChannel sms;

    private static SenderPool pool() {
        return SenderPool.builder().defaultSender("+15550100").route("44", "+447700900123").build();
    }

    @Override
    protected Channel createChannel(ChannelContext context) {
        sms = new ConsoleSmsChannel(context, 2, pool(), console);
        return sms;
    }

    @AfterEach
    void releaseConsole() {
        console.release.countDown();
    }

    @Override
    protected List<Delivery> deliveries() throws IOException {
        List<Delivery> out = new ArrayList<>();
        for (JsonNode line : console.lines()) {
            out.add(new Delivery(line.get("to").asText(), line.get("idempotencyKey").asText(),
                    new MessageContent.Sms(line.get("text").asText())));
        }
        return out;
    }

    @Override
    protected OutboundMessage arrangeFault(ProviderFault fault, OutboundMessage message) {
        if (fault == ProviderFault.PERMANENT) {
            return message.withRecipient("+44 20 CALL ME"); // no carrier takes this address
        }
        console.nextFault.set(fault);
        return message;
    }

    @Override
    protected void replyFromCustomer(CustomerReply reply) throws IOException {
        String line = JSON.createObjectNode().put("id", reply.providerMessageId()).put("from", reply.from())
                .put("to", reply.to()).put("text", ((ReplyContent.Text) reply.content()).text()).toString();
        sms.readReplies(new StringReader(line + "\n"));
    }

    // ---- beyond the kit -------------------------------------------------------------------

    private DeliveryResult send(OutboundMessage m) throws Exception {
        return sms.send(m).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void theSenderIsChosenByTheRecipientsCountry() throws Exception {
        send(OutboundMessage.of("+44 20 7946 0958", "uk-1", new MessageContent.Sms("Rate us")));
        send(OutboundMessage.of("+33 6 12 34 56 78", "fr-1", new MessageContent.Sms("Notez-nous")));
        List<JsonNode> lines = console.lines();
        assertThat(lines).extracting(l -> l.get("to").asText() + " from " + l.get("from").asText())
                .containsExactly("+442079460958 from +447700900123", "+33612345678 from +15550100");
    }

    @Test
    void aTextOverTheSegmentLimitFailsPermanentlyWithItsCount() throws Exception {
        DeliveryResult r = send(OutboundMessage.of("+442079460958", "long-1", new MessageContent.Sms("ж".repeat(135))));
        assertThat(r).isEqualTo(DeliveryResult.failedPermanently(
                "the text needs 3 segments (UCS-2, 135 characters, 135 UTF-16 units); channel tck-channel allows 2"));
        assertThat(console.lines()).isEmpty();
        DeliveryResult fits = send(OutboundMessage.of("+442079460958", "long-2", new MessageContent.Sms("ж".repeat(134))));
        assertThat(fits).isInstanceOf(DeliveryResult.Accepted.class);
        assertThat(console.lines().get(0).get("segments").asInt()).isEqualTo(2);
        assertThat(console.lines().get(0).get("encoding").asText()).isEqualTo("UCS_2");
    }

    @Test
    void aMalformedRecipientIsRefusedWithoutShowingTheNumberInFull() throws Exception {
        DeliveryResult r = send(OutboundMessage.of("020 7946 0958", "bad-1", new MessageContent.Sms("Rate us")));
        assertThat(r).isInstanceOf(DeliveryResult.FailedPermanently.class);
        assertThat(((DeliveryResult.FailedPermanently) r).reason())
                .startsWith("Invalid phone number: recipient = \"***58\": must start with +")
                .doesNotContain("7946");
    }

    @Test
    void malformedInboundLinesAreSkippedAndTheRestRead() throws IOException {
        List<InboundReply> replies = new ArrayList<>();
        ConsoleSmsChannel channel = new ConsoleSmsChannel(ChannelContext.builder("sms-file")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).inbound(replies::add).build(), 1, pool(), console);
        String feed = "{\"id\":\"m1\",\"from\":\"+44 20 7946 0958\",\"to\":\"+447700900123\",\"text\":\"5 merci\"}\n"
                + "not json\n"
                + "\n"
                + "{\"id\":\"m2\",\"from\":\"07946 0958\",\"to\":\"+447700900123\",\"text\":\"4\"}\n"
                + "{\"id\":\"m3\",\"to\":\"+447700900123\",\"text\":\"4\"}\n"
                + "{\"id\":\"m4\",\"from\":\"+1 555 010 0199\",\"to\":\"+15550100\",\"text\":\"Отлично 👍\"}\n";
        assertThat(channel.readReplies(new StringReader(feed))).isEqualTo(2);
        assertThat(replies).extracting(InboundReply::providerMessageId).containsExactly("m1", "m4");
        assertThat(replies.get(1)).isEqualTo(new InboundReply("sms-file", "+15550100199", "+15550100",
                new ReplyContent.Text("Отлично 👍"), "m4", NOW));
        channel.close();
    }
}
