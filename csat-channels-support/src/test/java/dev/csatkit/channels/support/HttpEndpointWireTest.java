package dev.csatkit.channels.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's reading and writing of HTTP/1.1 on real sockets, at the edges of each rule: the
 * head at its byte and header-count limits, bodies larger than the first buffer, requests sent
 * back to back on one connection, keep-alive by protocol version, {@code Expect: 100-continue},
 * the connection limit, and closing.
 */
class HttpEndpointWireTest {

    private final List<Socket> sockets = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private HttpEndpoint http;

    private HttpEndpoint start(HttpEndpoint.Builder b) throws IOException {
        http = b.route("/echo", Set.of("GET", "POST"), r -> HttpEndpoint.Response.text(200,
                        r.method() + " [" + r.rawQuery() + "] " + r.bodyText()))
                .route("/block", Set.of("GET"), r -> {
                    blocked.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return HttpEndpoint.Response.text(200, "released");
                })
                .start();
        return http;
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        for (Socket s : sockets) {
            s.close();
        }
        if (http != null) {
            http.close();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", http.port()), 2000);
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one whole response: its head, then as many body bytes as its Content-Length says. */
    private static Answer answer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the head: " + head);
            }
            head.write(c);
            matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(h.substring(0, h.indexOf("\r\n")), h.toLowerCase().contains("\r\nconnection: close\r\n"),
                body);
    }

    private record Answer(String status, boolean closes, String body) {
    }

    private static String post(String target, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + target + " HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "Content-Length: "
                + bytes.length + "\r\n\r\n" + body;
    }

    @Test
    void theHandlerGetsTheBodyAndQueryAsSent() throws IOException {
        start(HttpEndpoint.builder());
        Socket s = connect();
        send(s, post("/echo?a=1&b=%C3%A9", "Grüße, 5 ★"));
        assertThat(answer(s.getInputStream())).isEqualTo(new Answer("HTTP/1.1 200 OK", false,
                "POST [a=1&b=%C3%A9] Grüße, 5 ★"));
    }

    @Test
    void requestsSentBackToBackAreAnsweredInTurn() throws IOException {
        start(HttpEndpoint.builder());
        Socket s = connect();
        // Three requests in one write: the second and third wait in the buffer while the first is
        // handled, and must be read without any further byte from the client.
        send(s, post("/echo", "one") + "GET /echo?two HTTP/1.1\r\n\r\n" + post("/echo", "three"));
        InputStream in = s.getInputStream();
        assertThat(answer(in).body()).isEqualTo("POST [] one");
        assertThat(answer(in).body()).isEqualTo("GET [two] ");
        assertThat(answer(in).body()).isEqualTo("POST [] three");
    }

    @Test
    void aHeadAndABodyLargerThanTheFirstBufferAreReadWhole() throws IOException {
        start(HttpEndpoint.builder());
        Socket s = connect();
        String big = "x".repeat(3_000);
        String body = "b".repeat(9_000) + "end";
        String request = post("/echo", body, "X-Big: " + big + "\r\n");
        // In small pieces, so that the buffer grows while the head and then the body arrive.
        for (int i = 0; i < request.length(); i += 700) {
            send(s, request.substring(i, Math.min(request.length(), i + 700)));
        }
        assertThat(answer(s.getInputStream()).body()).isEqualTo("POST [] " + body);
    }

    @Test
    void aHeadOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() throws IOException {
        start(HttpEndpoint.builder().maxHeaderBytes(1024));
        String start = "GET /echo HTTP/1.1\r\nX: ";
        String end = "\r\n\r\n";
        String fits = start + "a".repeat(1024 - start.length() - end.length()) + end;
        assertThat(fits).hasSize(1024);
        Socket s = connect();
        send(s, fits);
        assertThat(answer(s.getInputStream()).status()).isEqualTo("HTTP/1.1 200 OK");
        Socket t = connect();
        send(t, start + "a".repeat(1025 - start.length() - end.length()) + end);
        assertThat(answer(t.getInputStream()).status()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
    }

    @Test
    void aHeadStillOpenAtTheLimitIsRefusedWithoutWaitingForTheRest() throws IOException {
        // The read timeout is long: the answer must come from the byte count alone.
        start(HttpEndpoint.builder().maxHeaderBytes(1024).readTimeout(Duration.ofMinutes(1)));
        Socket s = connect();
        String start = "GET /echo HTTP/1.1\r\nX: ";
        send(s, start + "a".repeat(1024 - start.length()));
        assertThat(answer(s.getInputStream()).status()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
    }

    @Test
    void aHundredHeadersAreReadAndOneMoreIsRefused() throws IOException {
        start(HttpEndpoint.builder());
        StringBuilder hundred = new StringBuilder("GET /echo HTTP/1.1\r\n");
        for (int i = 0; i < 100; i++) {
            hundred.append("X-").append(i).append(": v\r\n");
        }
        Socket s = connect();
        send(s, hundred + "\r\n");
        assertThat(answer(s.getInputStream()).status()).isEqualTo("HTTP/1.1 200 OK");
        Socket t = connect();
        send(t, hundred + "X-100: v\r\n\r\n");
        assertThat(answer(t.getInputStream()).status()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
        assertServing();
    }

    /** A refusal ends its own connection only: the endpoint goes on serving. */
    private void assertServing() throws IOException {
        Socket s = connect();
        send(s, "GET /echo?still HTTP/1.1\r\n\r\n");
        assertThat(answer(s.getInputStream()).body()).isEqualTo("GET [still] ");
    }

    @Test
    void aTargetWithADeleteCharacterIsRefusedAndATildeIsNot() throws IOException {
        start(HttpEndpoint.builder());
        Socket s = connect();
        send(s, "GET /echo?a=~ HTTP/1.1\r\n\r\n");
        assertThat(answer(s.getInputStream()).body()).isEqualTo("GET [a=~] ");
        Socket t = connect();
        send(t, "GET /echo?a=\u007F HTTP/1.1\r\n\r\n");
        assertThat(answer(t.getInputStream()).status()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertServing();
    }

    @Test
    void keepAliveFollowsTheProtocolVersionAndTheConnectionHeader() throws IOException {
        start(HttpEndpoint.builder());
        Socket s = connect();
        send(s, "GET /echo HTTP/1.0\r\n\r\n");
        Answer a = answer(s.getInputStream());
        assertThat(a.closes()).as("HTTP/1.0 closes by default").isTrue();
        assertThat(s.getInputStream().read()).isEqualTo(-1);

        Socket t = connect();
        send(t, "GET /echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(answer(t.getInputStream()).closes()).isFalse();
        send(t, "GET /echo?again HTTP/1.1\r\nConnection: close\r\n\r\n");
        Answer last = answer(t.getInputStream());
        assertThat(last).isEqualTo(new Answer("HTTP/1.1 200 OK", true, "GET [again] "));
        assertThat(t.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void aClientThatExpectsContinueIsToldToGoOnOnlyWhenItHasABody() throws IOException {
        start(HttpEndpoint.builder());
        Socket s = connect();
        send(s, "POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        InputStream in = s.getInputStream();
        assertThat(answer(in).status()).isEqualTo("HTTP/1.1 100 Continue");
        send(s, "ok");
        assertThat(answer(in).body()).isEqualTo("POST [] ok");

        Socket t = connect();
        send(t, "POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
        assertThat(answer(t.getInputStream()).status()).as("no body, nothing to wait for")
                .isEqualTo("HTTP/1.1 200 OK");

        Socket u = connect();
        send(u, "POST /echo HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n");
        assertThat(answer(u.getInputStream()).status()).as("in any case").isEqualTo("HTTP/1.1 100 Continue");

        Socket v = connect();
        send(v, "POST /echo HTTP/1.1\r\nExpect: something-else\r\nContent-Length: 1\r\n\r\nx");
        assertThat(answer(v.getInputStream()).body()).as("another expectation is not answered 100")
                .isEqualTo("POST [] x");
    }

    @Test
    void aConnectionThatSendsNothingWithinTheReadTimeoutIsClosedWithoutAnAnswer() throws IOException {
        start(HttpEndpoint.builder().readTimeout(Duration.ofMillis(100)));
        Socket s = connect();
        assertThat(s.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void theEndpointsThreadsAreDaemonsNamedAfterIt() throws Exception {
        CompletableFuture<String> worker = new CompletableFuture<>();
        http = HttpEndpoint.builder().name("wire").route("/t", Set.of("GET"), r -> {
            Thread t = Thread.currentThread();
            worker.complete(t.getName() + (t.isDaemon() ? " daemon" : " user"));
            return HttpEndpoint.Response.text(200, "");
        }).start();
        Socket s = connect();
        send(s, "GET /t HTTP/1.1\r\n\r\n");
        assertThat(answer(s.getInputStream()).status()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(worker.get(5, TimeUnit.SECONDS)).isEqualTo("http-wire-1 daemon");
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("http-wire-io"))
                .singleElement().satisfies(t -> assertThat(t.isDaemon()).isTrue());
    }

    @Test
    void atTheConnectionLimitTheIdleConnectionMakesWayForANewOne() throws IOException {
        start(HttpEndpoint.builder().maxConnections(1));
        Socket idle = connect();
        send(idle, "GET /ec"); // half a request, waiting
        Socket genuine = connect();
        send(genuine, "GET /echo?new HTTP/1.1\r\n\r\n");
        assertThat(answer(genuine.getInputStream()).body()).isEqualTo("GET [new] ");
        assertThat(idle.getInputStream().read()).as("the idle one is closed").isEqualTo(-1);
        assertThat(http.connectionsRefused()).isEqualTo(1);
    }

    @Test
    void atTheConnectionLimitWithEveryConnectionBusyANewOneIsClosed() throws Exception {
        start(HttpEndpoint.builder().maxConnections(1));
        Socket busy = connect();
        send(busy, "GET /block HTTP/1.1\r\n\r\n");
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        Socket late = connect();
        assertThat(late.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        assertThat(http.connectionsRefused()).isEqualTo(1);
        release.countDown();
        assertThat(answer(busy.getInputStream()).body()).isEqualTo("released");
    }

    @Test
    void closingStopsAcceptingAndClosesOpenConnections() throws IOException {
        start(HttpEndpoint.builder());
        Socket open = connect();
        send(open, "GET /echo HTTP/1.1\r\n\r\n");
        assertThat(answer(open.getInputStream()).closes()).isFalse();
        int port = http.port();
        http.close();
        assertThat(open.getInputStream().read()).as("kept-alive connection closed").isEqualTo(-1);
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(ConnectException.class);
        http.close(); // a second close is harmless
    }

    @Test
    void aRequestCutShortIsAnswered408WithinTheReadTimeoutAndTheConnectionEnds() throws IOException {
        start(HttpEndpoint.builder().readTimeout(Duration.ofMillis(100)).writeTimeout(Duration.ofMinutes(1)));
        Socket s = connect();
        send(s, "GET /echo HTTP/1.1\r\n");
        Answer a = answer(s.getInputStream());
        assertThat(a).isEqualTo(new Answer("HTTP/1.1 408 Request Timeout", true,
                "the request did not arrive within 100 ms"));
        try {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open after the 408", e);
        }
    }
}
