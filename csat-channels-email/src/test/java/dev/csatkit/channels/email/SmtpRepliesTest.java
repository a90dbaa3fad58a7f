package dev.csatkit.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.ChannelProvider;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import jakarta.mail.internet.MailDateFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the channel classifies an SMTP server's answer, against a scripted SMTP server on the
 * loopback that answers one command with a chosen reply: 4xx is tried again later, 5xx is final,
 * whichever command it answers, and a server that cannot be spoken to is tried again later.
 * Also the provider's settings and the message's date.
 */
class SmtpRepliesTest {

    private static final Instant SENT = Instant.parse("2026-03-02T09:15:30Z");

    /** One connection at a time; answers {@code verb} with {@code reply} and every other command with success. */
    private static final class ScriptedSmtp implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        final CompletableFuture<String> data = new CompletableFuture<>();
        final String verb;
        final String reply;

        ScriptedSmtp(String verb, String reply) throws IOException {
            this.verb = verb;
            this.reply = reply;
            Thread t = new Thread(this::serve, "scripted-smtp");
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
                out.print((verb.equals("HELO") ? reply : "220 scripted.example ESMTP") + "\r\n");
                out.flush();
                StringBuilder body = new StringBuilder();
                boolean inData = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (inData) {
                        if (!line.equals(".")) {
                            body.append(line).append('\n');
                            continue;
                        }
                        inData = false;
                        data.complete(body.toString());
                        out.print((verb.equals("BODY") ? reply : "250 2.0.0 queued") + "\r\n");
                    } else {
                        String v = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                        if (v.equals(verb)) {
                            out.print(reply + "\r\n");
                        } else if (v.equals("DATA")) {
                            inData = true;
                            out.print("354 go on\r\n");
                        } else if (v.equals("QUIT")) {
                            out.print("221 bye\r\n");
                            out.flush();
                            return;
                        } else {
                            out.print("250 ok\r\n");
                        }
                    }
                    out.flush();
                }
            } catch (IOException e) {
                data.completeExceptionally(e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private SmtpEmailChannel channel;

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.close();
        }
    }

    private DeliveryResult send(int port) throws Exception {
        channel = new SmtpEmailChannel(ChannelContext.builder("mail").clock(Clock.fixed(SENT, ZoneOffset.UTC))
                .sendTimeout(Duration.ofSeconds(5)).build(), "127.0.0.1", port, "surveys@example.com");
        OutboundMessage m = OutboundMessage.of("jane.doe@example.com", "survey-1:prompt",
                new MessageContent.Email("How did we do?", "Rate us 1-5", Optional.empty()));
        return channel.send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private DeliveryResult answer(String verb, String reply) throws Exception {
        try (ScriptedSmtp smtp = new ScriptedSmtp(verb, reply)) {
            return send(smtp.server.getLocalPort());
        }
    }

    @Test
    void aRecipientRefusedFrom500OnIsFinalAndBelowIsTriedAgain() throws Exception {
        assertThat(answer("RCPT", "500 5.0.0 no")).isInstanceOfSatisfying(DeliveryResult.FailedPermanently.class,
                f -> assertThat(f.reason()).startsWith("SMTP 500: ").doesNotContain("jane.doe"));
        assertThat(answer("RCPT", "599 5.9.9 no")).isInstanceOf(DeliveryResult.FailedPermanently.class);
        assertThat(answer("RCPT", "499 4.9.9 later")).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.reason()).startsWith("SMTP 499: ").doesNotContain("jane.doe"));
        assertThat(answer("RCPT", "400 4.0.0 later")).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.reason()).startsWith("SMTP 400: "));
    }

    @Test
    void aRefusedSenderOrBodyIsClassifiedByItsCodeAsARecipientIs() throws Exception {
        assertThat(answer("MAIL", "550 5.7.1 sender blocked")).isInstanceOfSatisfying(
                DeliveryResult.FailedPermanently.class, f -> assertThat(f.reason()).startsWith("SMTP 550: "));
        assertThat(answer("MAIL", "452 4.3.1 full")).isInstanceOfSatisfying(
                DeliveryResult.RetryLater.class, r -> assertThat(r.reason()).startsWith("SMTP 452: "));
        assertThat(answer("BODY", "554 5.6.0 content refused")).isInstanceOfSatisfying(
                DeliveryResult.FailedPermanently.class, f -> assertThat(f.reason()).startsWith("SMTP 554: "));
        assertThat(answer("BODY", "451 4.3.0 later")).isInstanceOfSatisfying(
                DeliveryResult.RetryLater.class, r -> assertThat(r.reason()).startsWith("SMTP 451: "));
    }

    @Test
    void aServerThatWillNotSpeakIsTriedAgainLater() throws Exception {
        assertThat(answer("HELO", "554 5.3.2 not now")).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.reason()).startsWith("SMTP connection failed: "));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThat(send(closedPort)).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.reason()).startsWith("SMTP connection failed: "));
    }

    @Test
    void theMessageCarriesTheClocksTimeAndAnIdOfItsKey() throws Exception {
        try (ScriptedSmtp smtp = new ScriptedSmtp("NONE", "")) {
            DeliveryResult r = send(smtp.server.getLocalPort());
            String data = smtp.data.get(10, TimeUnit.SECONDS);
            assertThat(data).contains("X-Csat-Idempotency-Key: survey-1:prompt");
            String date = data.lines().filter(l -> l.startsWith("Date: ")).findFirst().orElseThrow().substring(6);
            // Written in the JVM's time zone: compared as an instant.
            assertThat(new MailDateFormat().parse(date).toInstant()).isEqualTo(SENT);
            assertThat(r).isInstanceOfSatisfying(DeliveryResult.Accepted.class,
                    a -> assertThat(data).contains("Message-ID: " + a.providerMessageId()));
        }
    }

    @Test
    void theProviderTakesPortsFrom1To65535AndDefaultsTo25() {
        ChannelProvider provider = ServiceLoader.load(ChannelProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("smtp-email")).findFirst().orElseThrow();
        assertThat(provider.kind()).isEqualTo(ChannelKind.EMAIL);
        for (String port : new String[] {"1", "65535", " 587 "}) {
            Channel c = provider.create(context(Map.of("smtp.port", port)));
            assertThat(c.kind()).isEqualTo(ChannelKind.EMAIL);
            ((SmtpEmailChannel) c).close();
        }
        Channel byDefault = provider.create(context(Map.of()));
        assertThat(((SmtpEmailChannel) byDefault).from()).isEqualTo("surveys@example.com");
        ((SmtpEmailChannel) byDefault).close();
        for (String port : new String[] {"0", "65536", "123456", "-1", "2a"}) {
            assertThatThrownBy(() -> provider.create(context(Map.of("smtp.port", port)))).as(port)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("settings.smtp.port = \"" + port + "\": must be a port number from 1 to 65535");
        }
    }

    private static ChannelContext context(Map<String, String> extra) {
        ChannelContext.Builder b = ChannelContext.builder("mail").setting("smtp.host", "127.0.0.1")
                .setting("from", "surveys@example.com");
        extra.forEach(b::setting);
        return b.build();
    }
}
