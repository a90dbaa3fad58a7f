package dev.csatkit.channels.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint as a hostile client sees it, over real sockets on 127.0.0.1: every request gets an
 * answer, slow and flooding clients cannot keep a genuine request waiting, and every response
 * carries the security headers.
 */
class HttpEndpointTest {

    private static final Duration GENUINE_LIMIT = Duration.ofSeconds(1);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();
    private HttpEndpoint http;

    private HttpEndpoint start(HttpEndpoint.Builder b) throws IOException {
        http = b.route("/hook", Set.of("GET", "POST"), request -> {
            handled.incrementAndGet();
            if (request.path().equals("/hook") && request.rawQuery().equals("fail")) {
                throw new IllegalStateException("handler broke for +447700900123");
            }
            if (request.rawQuery().equals("refuse")) {
                throw new HttpEndpoint.Refused(422, "no thanks");
            }
            return HttpEndpoint.Response.text(200, "ok " + request.method() + " " + request.bodyText().length());
        }).start();
        return http;
    }

    private HttpEndpoint start() throws IOException {
        return start(HttpEndpoint.builder());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (http != null) {
            http.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A genuine request, timed. */
    private Duration genuine() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(http.uri("/hook"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("5")).build(),
                HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok POST 1");
        return took;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", http.port()), 2000);
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    /** Sends raw bytes on a new connection and reads the status line of the answer. */
    private String raw(String request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return statusLine(s.getInputStream());
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    @Test
    void pathsMatchExactly() throws Exception {
        start();
        assertThat(get("/hook").statusCode()).isEqualTo(200);
        assertThat(get("/hook?x=1").statusCode()).isEqualTo(200);
        assertThat(get("/hookx").statusCode()).isEqualTo(404);
        assertThat(get("/hook/").statusCode()).isEqualTo(404);
        assertThat(get("/hook/../hook").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(handled).hasValue(2);
    }

    @Test
    void everyRefusalIsAnAnswerNotADroppedConnection() throws Exception {
        start();
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(http.uri("/hook"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(post("/hook", new byte[HttpEndpoint.DEFAULT_MAX_BODY_BYTES + 1]).statusCode()).isEqualTo(413);
        assertThat(post("/hook", new byte[HttpEndpoint.DEFAULT_MAX_BODY_BYTES]).statusCode()).isEqualTo(200);
        assertThat(raw("GARBAGE\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(raw("GET /hook HTTP/9.9\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(raw("GET /hook HTTP/1.1\r\nBad Header\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(raw("POST /hook HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx"))
                .isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(raw("POST /hook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"))
                .isEqualTo("HTTP/1.1 411 Length Required");
        assertThat(raw("GET /hook HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n"))
                .isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
        assertThat(get("/hook?fail").statusCode()).isEqualTo(500);
        assertThat(get("/hook?refuse").statusCode()).isEqualTo(422);
        assertThat(genuine()).isLessThan(GENUINE_LIMIT);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        start();
        for (HttpResponse<String> r : List.of(get("/hook"), get("/nowhere"), get("/hook?fail"),
                post("/hook", new byte[HttpEndpoint.DEFAULT_MAX_BODY_BYTES + 1]))) {
            assertThat(r.headers().firstValue("Cache-Control")).as("%s", r).contains("no-store");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as("%s", r).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as("%s", r).contains("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as("%s", r).hasValueSatisfying(
                    csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("Referrer-Policy")).as("%s", r).contains("no-referrer");
        }
    }

    @Test
    void aResponseWithItsOwnPolicyIsSentWithThatPolicyAlone() throws Exception {
        String own = "default-src 'none'; style-src 'sha256-abc'; frame-ancestors 'none'";
        http = HttpEndpoint.builder().route("/page", Set.of("GET"),
                request -> HttpEndpoint.Response.html(200, "<p>hi</p>").withHeader("content-security-policy", own))
                .route("/plain", Set.of("GET"), request -> HttpEndpoint.Response.text(200, "ok")).start();
        HttpResponse<String> page = get("/page");
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(own);
        assertThat(get("/plain").headers().allValues("Content-Security-Policy"))
                .containsExactly(HttpEndpoint.DEFAULT_CONTENT_SECURITY_POLICY);
    }

    @Test
    void aRequestThatDoesNotArriveInTimeIsAnswered408() throws Exception {
        start(HttpEndpoint.builder().readTimeout(Duration.ofMillis(200)));
        Socket s = connect();
        s.getOutputStream().write("POST /hook HTTP/1.1\r\nContent-Length: 10\r\n\r\n12".getBytes(StandardCharsets.US_ASCII));
        // The socket's read blocks until the server answers: no sleep needed.
        assertThat(statusLine(s.getInputStream())).isEqualTo("HTTP/1.1 408 Request Timeout");
        assertThat(genuine()).isLessThan(GENUINE_LIMIT);
    }

    @Test
    void manySlowClientsTricklingBytesDoNotDelayAGenuineRequest() throws Exception {
        start();
        int slow = 300; // more than the 128 connections allowed
        List<OutputStream> outs = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            outs.add(connect().getOutputStream());
        }
        byte[] request = "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n12345".getBytes(StandardCharsets.US_ASCII);
        int cut = 0;
        for (int round = 0; round < request.length; round++) {
            for (OutputStream out : outs) {
                try {
                    out.write(request[round]);
                    out.flush();
                } catch (IOException e) {
                    cut++; // pushed out at the connection limit
                }
            }
            if (round % 10 == 0) {
                assertThat(genuine()).as("a genuine request while %d connections trickle (round %d)", slow, round)
                        .isLessThan(GENUINE_LIMIT);
            }
        }
        Duration took = genuine();
        System.out.printf("slow-client test: %d connections trickling, %d pushed out; genuine request in %d ms%n",
                slow, http.connectionsRefused(), took.toMillis());
        assertThat(took).isLessThan(GENUINE_LIMIT);
        assertThat(http.connectionsRefused()).as("connections pushed out at the limit").isGreaterThan(0);
        assertThat(handled.get()).as("no slow request reached a worker").isEqualTo(request.length / 10 + 2);
    }

    @Test
    void fourSlowBodiesCannotHoldTheWorkers() throws Exception {
        start(HttpEndpoint.builder().workers(4));
        for (int i = 0; i < 4 * 8; i++) {
            Socket s = connect();
            s.getOutputStream().write("POST /hook HTTP/1.1\r\nContent-Length: 100\r\n\r\nx".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(genuine()).isLessThan(GENUINE_LIMIT);
    }

    @Test
    void aFloodOfBadRequestsLeavesTheEndpointAnswering() throws Exception {
        start();
        List<String> bad = List.of("GARBAGE\r\n\r\n", "GET /nowhere HTTP/1.1\r\n\r\n", "DELETE /hook HTTP/1.1\r\n\r\n",
                "POST /hook HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", "GET /hook HTTP/1.1\r\nX\r\n\r\n",
                "\u0000\u0001\u0002\r\n\r\n");
        int perThread = 750;
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("127.0.0.1", http.port()), 2000);
                            s.setSoTimeout(5000);
                            s.getOutputStream().write(bad.get((thread + i) % bad.size()).getBytes(StandardCharsets.ISO_8859_1));
                            if (statusLine(s.getInputStream()).matches("HTTP/1\\.1 4\\d\\d .*")) {
                                answered.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            long floodMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Duration took = genuine();
            System.out.printf("flood test: %d bad requests in %d ms, %d answered 4xx; genuine request in %d ms%n",
                    threads * perThread, floodMs, answered.get(), took.toMillis());
            assertThat(answered).as("every bad request got a 4xx answer").hasValue(threads * perThread);
            assertThat(took).isLessThan(GENUINE_LIMIT);
            assertThat(handled).as("no bad request reached the handler").hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keptAliveConnectionsServeOneRequestAfterAnother() throws Exception {
        start();
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        out.write(("POST /hook HTTP/1.1\r\nContent-Length: 2\r\n\r\nabGET /hook HTTP/1.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String all = new String(s.getInputStream().readNBytes(20), StandardCharsets.US_ASCII);
        assertThat(all).startsWith("HTTP/1.1 200 OK");
        assertThat(handled.get()).isBetween(1, 2);
    }

    @Test
    void formsAreDecodedStrictly() {
        assertThat(HttpEndpoint.form("s=a+b&t=%C3%A9&t=second&flag")).isEqualTo(Map.of("s", "a b", "t", "é", "flag", ""));
        assertThatThrownBy(() -> HttpEndpoint.form("c=%zz")).isInstanceOfSatisfying(HttpEndpoint.Refused.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> HttpEndpoint.form("c=%FF")).hasMessage("a form value is not well-formed UTF-8");
        assertThatThrownBy(() -> HttpEndpoint.form("c=%4")).isInstanceOf(HttpEndpoint.Refused.class);
        assertThatThrownBy(() -> HttpEndpoint.form("c=é")).isInstanceOf(HttpEndpoint.Refused.class);
    }

    @Test
    void settingsOutOfRangeAreNamed() {
        assertThatThrownBy(() -> HttpEndpoint.builder().readTimeout(Duration.ZERO).maxConnections(0)
                .route("/x", Set.of("GET"), r -> HttpEndpoint.Response.text(200, "")).start())
                .hasMessage("Invalid HTTP endpoint settings:\n  - readTimeout = PT0S: must be between PT0.01S and PT10M"
                        + "\n  - maxConnections = 0: must be between 1 and 100000");
        assertThatThrownBy(() -> HttpEndpoint.builder().route("x", Set.of("GET"), r -> null))
                .hasMessage("route = \"x\": must be a path such as /webhook");
        assertThatThrownBy(() -> HttpEndpoint.Response.text(200, "").withHeader("X", "a\r\nSet-Cookie: y"))
                .hasMessage("headers.X = \"a\\r\\nSet-Cookie: y\": must not contain control characters");
    }
}
