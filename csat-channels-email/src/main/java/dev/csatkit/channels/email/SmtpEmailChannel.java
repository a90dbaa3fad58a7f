package dev.csatkit.channels.email;

import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.support.BaseChannel;
import dev.csatkit.channels.support.Masking;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Email over SMTP with Jakarta Mail: a {@code multipart/alternative} message with a UTF-8 plain
 * text part and, when present, a UTF-8 HTML part.
 *
 * <p>Idempotency: the {@code Message-ID} is derived from the idempotency key (so receiving
 * systems that drop repeated ids drop ours too) and the key travels in
 * {@value #IDEMPOTENCY_HEADER}; correlation ids travel in {@code X-Csat-<name>} headers.
 *
 * <p>Errors: a 4xx SMTP reply or a connection failure is {@code RetryLater}; a 5xx reply or a
 * malformed address is {@code FailedPermanently}. Connection, read and write timeouts are the
 * channel's send timeout. Reasons carry the server's reply with every address masked.
 */
public final class SmtpEmailChannel extends BaseChannel {

    /** The header that carries the idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "X-Csat-Idempotency-Key";

    private final Session session;
    private final InternetAddress from;

    /**
     * Creates the channel; nothing is sent until {@link #send}.
     *
     * @param context the channel's context
     * @param host the SMTP server
     * @param port its port
     * @param from the sender address, such as {@code Support <surveys@example.com>}
     * @throws IllegalArgumentException when {@code from} is not an email address
     */
    public SmtpEmailChannel(ChannelContext context, String host, int port, String from) {
        super(context, ChannelKind.EMAIL, ChannelCapabilities.email());
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("from = \"" + Masking.address(from) + "\": must be an email address");
        }
        String timeout = String.valueOf(context.sendTimeout().toMillis());
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        p.put("mail.mime.allowutf8", "false");
        this.session = Session.getInstance(p);
    }

    /** @return the sender address */
    public String from() {
        return from.getAddress();
    }

    @Override
    protected DeliveryResult deliver(OutboundMessage message) {
        MessageContent.Email email = (MessageContent.Email) message.content();
        String messageId = "<" + sha256Hex(message.idempotencyKey()).substring(0, 32) + "." + id() + "@csatkit>";
        try {
            MimeMessage mime = new FixedIdMessage(session, messageId);
            mime.setFrom(from);
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient(), true));
            mime.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(Date.from(context.clock().instant()));
            mime.setHeader(IDEMPOTENCY_HEADER, message.idempotencyKey());
            for (var e : message.correlationIds().entrySet()) {
                mime.setHeader("X-Csat-" + e.getKey(), e.getValue());
            }
            if (email.html().isPresent()) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(email.plainText(), StandardCharsets.UTF_8.name(), "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(email.html().get(), StandardCharsets.UTF_8.name(), "html");
                mime.setContent(new MimeMultipart("alternative", text, html));
            } else {
                mime.setText(email.plainText(), StandardCharsets.UTF_8.name(), "plain");
            }
            Transport.send(mime);
            return DeliveryResult.accepted(messageId);
        } catch (AddressException e) {
            return DeliveryResult.failedPermanently("malformed address: " + Masking.text(e.getMessage()));
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    private static DeliveryResult classify(MessagingException e) {
        int code = replyCode(e);
        String reason = Masking.text(code > 0 ? "SMTP " + code + ": " + e.getMessage() : e.getMessage());
        if (code >= 500) {
            return DeliveryResult.failedPermanently(reason);
        }
        return DeliveryResult.retryLater(code >= 400 ? reason : "SMTP connection failed: " + reason);
    }

    private static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
        }
        return -1;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Keeps the Message-ID the channel chose instead of the one Jakarta Mail would make up. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
