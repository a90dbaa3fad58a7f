package dev.csatkit.channels.email;

import dev.csatkit.channels.tck.ProviderFault;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay on the loopback between the email channel and the SMTP server. Normally it relays;
 * told to, it plays one connection as a failing SMTP server instead: {@code 451} or {@code 550}
 * to {@code RCPT TO}, or silence.
 */
final class SmtpFaultSwitch implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicReference<ProviderFault> nextFault = new AtomicReference<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    SmtpFaultSwitch(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "smtp-switch");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void failNextConnection(ProviderFault fault) {
        nextFault.set(fault);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                ProviderFault fault = nextFault.getAndSet(null);
                Thread t = new Thread(() -> serve(client, fault), "smtp-switch-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client, ProviderFault fault) {
        try {
            if (fault == null) {
                relay(client);
            } else if (fault != ProviderFault.HANG) {
                refuse(client, fault == ProviderFault.TRANSIENT
                        ? "451 4.3.0 Mailbox temporarily unavailable, try again later"
                        : "550 5.1.1 Recipient address rejected: user unknown");
            }
            // HANG: keep the connection open and say nothing until closed.
        } catch (IOException e) {
            // The client gave up; nothing to do.
        }
    }

    private void relay(Socket client) throws IOException {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(upstream);
        Thread back = new Thread(() -> copy(upstream, client), "smtp-switch-back");
        back.setDaemon(true);
        back.start();
        copy(client, upstream);
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side closed.
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    private static void refuse(Socket client, String rcptReply) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII);
        out.print("220 fault.example ESMTP\r\n");
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            String reply = switch (verb) {
                case "RCPT" -> rcptReply;
                case "QUIT" -> "221 bye";
                default -> "250 ok";
            };
            out.print(reply + "\r\n");
            out.flush();
            if (verb.equals("QUIT")) {
                client.close();
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
