package dev.csatkit.channels.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 endpoint for the inbound side of channel adapters (a webhook, a link page),
 * built to stay up whatever a client does.
 *
 * <ul>
 *   <li><b>No thread waits on a client.</b> One I/O thread reads requests without blocking and
 *       hands a request to a worker only once it has arrived whole; responses are written back
 *       by the I/O thread. A client that trickles bytes, or sends nothing, holds a buffer, never
 *       a worker.</li>
 *   <li><b>Deadlines.</b> A request must arrive whole within the read timeout of its first byte
 *       (or of the previous response, on a kept-alive connection), else it is answered 408 and
 *       the connection closed; a response not taken by the client within the write timeout is
 *       dropped with its connection.</li>
 *   <li><b>A connection limit that one client cannot fill.</b> At the limit, a new connection
 *       pushes out the connection that has been waiting longest for its request; only when every
 *       connection has a request in progress is the new one refused.</li>
 *   <li><b>Every request is answered.</b> Exact paths (404 for any other), the methods each path
 *       takes (405 with {@code Allow}), a malformed request line or header (400), a body without
 *       {@code Content-Length} (411), a body or headers over their limits (413, 431), a full
 *       worker queue (503), a handler that fails (500) — each gets a response before the
 *       connection closes.</li>
 *   <li><b>Security headers on every response:</b> {@code Cache-Control: no-store},
 *       {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, a
 *       {@code Content-Security-Policy} with {@code frame-ancestors 'none'}, and
 *       {@code Referrer-Policy: no-referrer}. A response that carries its own
 *       {@code Content-Security-Policy} header (a page allowing its own inline style by hash)
 *       is sent with that policy instead of the endpoint's, never with both.</li>
 * </ul>
 *
 * <p>It speaks plain HTTP: put it behind the host's TLS-terminating proxy. Nothing about a
 * client (address, headers, body) is logged; refusals are logged at debug level with their
 * reason only.
 *
 * <pre>{@code
 * HttpEndpoint http = HttpEndpoint.builder()
 *         .bind("127.0.0.1", 0)
 *         .route("/webhook", Set.of("POST"), request -> HttpEndpoint.Response.json(200, "{}"))
 *         .start();
 * }</pre>
 */
public final class HttpEndpoint implements AutoCloseable {

    /** The default largest request body, in bytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** The default largest request line and headers together, in bytes. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    /** The default time a request has to arrive whole. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The default time a response has to be taken by the client. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** The default number of open connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 128;
    /** The default number of worker threads. */
    public static final int DEFAULT_WORKERS = 4;
    /** The policy sent on every response unless the builder sets another. */
    public static final String DEFAULT_CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/-]*");
    private static final int MAX_HEADERS = 100;
    private static final String CSP = "Content-Security-Policy";
    private static final int WORKER_QUEUE = 256;
    private static final Duration DRAIN = Duration.ofSeconds(1);

    private final Settings settings;
    private final Map<String, Route> routes;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ThreadPoolExecutor workers;
    private final Thread io;
    private final ConcurrentLinkedQueue<Runnable> ioTasks = new ConcurrentLinkedQueue<>();
    private final Set<Connection> connections = new HashSet<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closed;

    // ---- values --------------------------------------------------------------------------

    /**
     * Answers the requests for one path.
     */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request the request, received whole
         * @return the response
         * @throws Refused to answer with an error page of a given status
         * @throws Exception anything else, answered 500 and logged (masked)
         */
        Response handle(Request request) throws Exception;
    }

    /**
     * A request, received whole.
     *
     * @param method such as {@code GET}
     * @param path the path, exactly as sent, such as {@code /csat/r}
     * @param rawQuery what followed {@code ?}, still URL-encoded; empty when there was nothing
     * @param headers header values by lower-case name, in the order received
     * @param body the body; empty when there was none
     */
    public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

        /** Copies the headers and the body. */
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(rawQuery, "rawQuery");
            Map<String, List<String>> copy = new TreeMap<>();
            headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            headers = Collections.unmodifiableMap(copy);
            body = body.clone();
        }

        /**
         * @param name a header name, in any case
         * @return its first value
         */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /**
         * @return the media type of {@code Content-Type} in lower case without parameters, such
         *     as {@code application/json}; empty when the header is missing
         */
        public Optional<String> mediaType() {
            return header("Content-Type").map(v -> {
                int semi = v.indexOf(';');
                return (semi < 0 ? v : v.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
            });
        }

        /**
         * @return the {@code charset} parameter of {@code Content-Type}, lower case, if given
         */
        public Optional<String> charset() {
            return header("Content-Type").flatMap(v -> {
                for (String p : v.split(";")) {
                    String t = p.strip();
                    if (t.regionMatches(true, 0, "charset=", 0, 8)) {
                        return Optional.of(t.substring(8).replace("\"", "").strip().toLowerCase(Locale.ROOT));
                    }
                }
                return Optional.empty();
            });
        }

        /** @return a copy of the body as received */
        @Override
        public byte[] body() {
            return body.clone();
        }

        /**
         * @return the body as UTF-8 text
         * @throws Refused 400 when it is not well-formed UTF-8
         */
        public String bodyText() {
            return utf8(body, "the body");
        }

        /**
         * @return the query's parameters, decoded strictly; a repeated name keeps its first value
         * @throws Refused 400 when the query is not well-formed
         */
        public Map<String, String> query() {
            return form(rawQuery);
        }

        /** @return the method and path only: nothing a client sent beyond them is shown */
        @Override
        public String toString() {
            return "Request[" + Masking.escape(method) + " " + Masking.escape(path) + ", " + body.length + " bytes]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && r.method.equals(method) && r.path.equals(path)
                    && r.rawQuery.equals(rawQuery) && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(method, path, rawQuery, headers) * 31 + java.util.Arrays.hashCode(body);
        }
    }

    /**
     * A response. The endpoint adds {@code Content-Length}, the security headers and
     * {@code Connection}.
     *
     * @param status the HTTP status, 200–599
     * @param contentType such as {@code text/html; charset=utf-8}
     * @param body the body
     * @param headers further headers, such as {@code Allow} or {@code Retry-After}
     */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        /**
         * Checks the status and that no header can split the response.
         *
         * @throws IllegalArgumentException naming the field, the value and the rule broken
         */
        public Response {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("status = " + status + ": must be between 200 and 599");
            }
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
            Map<String, String> copy = new LinkedHashMap<>();
            headers.forEach((name, value) -> {
                if (!TOKEN.matcher(name).matches()) {
                    throw new IllegalArgumentException("headers key = \"" + Masking.escape(name)
                            + "\": must be an HTTP token");
                }
                if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                    throw new IllegalArgumentException("headers." + name + " = \"" + Masking.escape(value)
                            + "\": must not contain control characters");
                }
                copy.put(name, value);
            });
            if (contentType.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException("contentType: must not contain control characters");
            }
            headers = Collections.unmodifiableMap(copy);
        }

        /**
         * @param status the status
         * @param html a whole page
         * @return a {@code text/html; charset=utf-8} response
         */
        public static Response html(int status, String html) {
            return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        /**
         * @param status the status
         * @param json a JSON document
         * @return an {@code application/json} response
         */
        public static Response json(int status, String json) {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }

        /**
         * @param status the status
         * @param text plain text
         * @return a {@code text/plain; charset=utf-8} response
         */
        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        /**
         * @param name a header name
         * @param value its value
         * @return a copy with the header added
         */
        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, contentType, body, h);
        }

        /** @return a copy of the body */
        @Override
        public byte[] body() {
            return body.clone();
        }

        /** @return the status, type and size */
        @Override
        public String toString() {
            return "Response[" + status + ", " + contentType + ", " + body.length + " bytes]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && r.status == status && r.contentType.equals(contentType)
                    && java.util.Arrays.equals(r.body, body) && r.headers.equals(headers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, contentType, headers) * 31 + java.util.Arrays.hashCode(body);
        }
    }

    /**
     * Thrown by a handler, or by the request's decoding helpers, to answer with the endpoint's
     * error page. The message is shown to the client: it must hold nothing the client did not
     * send, and nothing personal.
     */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /**
         * @param status a 4xx or 5xx status
         * @param message what the client is told
         */
        public Refused(int status, String message) {
            super(message);
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status = " + status + ": must be between 400 and 599");
            }
            this.status = status;
        }

        /** @return the status to answer with */
        public int status() {
            return status;
        }
    }

    private record Route(Set<String> methods, Handler handler) {
    }

    /**
     * The endpoint's limits and where it binds; see {@link Builder}.
     *
     * @param host the address bound
     * @param port the port, 0 for any free one
     * @param name a short name for thread names and log lines
     * @param readTimeout the time a request has to arrive whole
     * @param writeTimeout the time a response has to be taken by the client
     * @param maxConnections the most connections open at once
     * @param maxBodyBytes the largest request body
     * @param maxHeaderBytes the largest request line and headers together
     * @param workers the number of handler threads
     * @param contentSecurityPolicy the policy sent on every response
     * @param errorPage renders the endpoint's own refusals from the status and a short reason
     */
    public record Settings(String host, int port, String name, Duration readTimeout, Duration writeTimeout,
            int maxConnections, int maxBodyBytes, int maxHeaderBytes, int workers, String contentSecurityPolicy,
            BiFunction<Integer, String, Response> errorPage) {
    }

    // ---- building --------------------------------------------------------------------------

    /** @return a builder with the defaults: 127.0.0.1, any free port, the limits above */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds and starts an {@link HttpEndpoint}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String name = "http";
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int workers = DEFAULT_WORKERS;
        private String csp = DEFAULT_CONTENT_SECURITY_POLICY;
        private BiFunction<Integer, String, Response> errorPage = (status, reason) -> Response.text(status, reason);
        private final Map<String, Route> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param address the address to bind, such as {@code 127.0.0.1}
         * @param portNumber the port, 0 for any free one
         * @return this builder
         */
        public Builder bind(String address, int portNumber) {
            this.host = Objects.requireNonNull(address, "host");
            this.port = portNumber;
            return this;
        }

        /** @param value a short name for threads and log lines, such as {@code webhook} @return this builder */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * Serves one path, exactly: {@code /webhook} does not serve {@code /webhook/x} or
         * {@code /webhookx}.
         *
         * @param path the path, such as {@code /csat/r}
         * @param methods the methods it takes; others are answered 405
         * @param handler answers its requests, on a worker thread
         * @return this builder
         */
        public Builder route(String path, Set<String> methods, Handler handler) {
            if (path == null || !PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("route = \"" + Masking.escape(path)
                        + "\": must be a path such as /webhook");
            }
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("route " + path + ": must take at least one method");
            }
            routes.put(path, new Route(Set.copyOf(methods), Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /** @param value the time a request has to arrive whole, 10 ms to 10 minutes @return this builder */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        /** @param value the time a response has to be taken, 10 ms to 10 minutes @return this builder */
        public Builder writeTimeout(Duration value) {
            this.writeTimeout = value;
            return this;
        }

        /** @param value the most connections open at once, 1–100 000 @return this builder */
        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        /** @param value the largest request body in bytes, 0–16 MiB @return this builder */
        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** @param value the largest request head in bytes, 1 KiB–64 KiB @return this builder */
        public Builder maxHeaderBytes(int value) {
            this.maxHeaderBytes = value;
            return this;
        }

        /** @param value the number of handler threads, 1–256 @return this builder */
        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        /** @param value the Content-Security-Policy of every response @return this builder */
        public Builder contentSecurityPolicy(String value) {
            this.csp = Objects.requireNonNull(value, "contentSecurityPolicy");
            return this;
        }

        /**
         * @param value renders the endpoint's own refusals (400, 404, 405, 408, 411, 413, 431,
         *     500, 503, and a handler's {@link Refused}) from the status and a short reason in
         *     English; plain text by default
         * @return this builder
         */
        public Builder errorPage(BiFunction<Integer, String, Response> value) {
            this.errorPage = Objects.requireNonNull(value, "errorPage");
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @return the running endpoint
         * @throws IllegalArgumentException naming every setting out of range
         * @throws IOException when the address cannot be bound
         */
        public HttpEndpoint start() throws IOException {
            List<String> problems = new ArrayList<>();
            range(problems, "readTimeout", readTimeout);
            range(problems, "writeTimeout", writeTimeout);
            range(problems, "maxConnections", maxConnections, 1, 100_000);
            range(problems, "maxBodyBytes", maxBodyBytes, 0, 16 << 20);
            range(problems, "maxHeaderBytes", maxHeaderBytes, 1024, 64 * 1024);
            range(problems, "workers", workers, 1, 256);
            range(problems, "port", port, 0, 65_535);
            if (routes.isEmpty()) {
                problems.add("routes = (none): must serve at least one path");
            }
            if (csp.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                problems.add("contentSecurityPolicy: must not contain control characters");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid HTTP endpoint settings:\n  - " + String.join("\n  - ", problems));
            }
            return new HttpEndpoint(new Settings(host, port, name, readTimeout, writeTimeout, maxConnections,
                    maxBodyBytes, maxHeaderBytes, workers, csp, errorPage), Map.copyOf(routes));
        }

        private static void range(List<String> problems, String field, @Nullable Duration d) {
            if (d == null || d.compareTo(Duration.ofMillis(10)) < 0 || d.compareTo(Duration.ofMinutes(10)) > 0) {
                problems.add(field + " = " + d + ": must be between PT0.01S and PT10M");
            }
        }

        private static void range(List<String> problems, String field, int v, int min, int max) {
            if (v < min || v > max) {
                problems.add(field + " = " + v + ": must be between " + min + " and " + max);
            }
        }
    }

    // ---- running ---------------------------------------------------------------------------

    private HttpEndpoint(Settings settings, Map<String, Route> routes) throws IOException {
        this.settings = settings;
        this.routes = routes;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(settings.host(), settings.port()), 512);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        String threadName = "http-" + settings.name() + "-";
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(WORKER_QUEUE), r -> {
                    Thread t = new Thread(r, threadName + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.io = new Thread(this::loop, threadName + "io");
        io.setDaemon(true);
        io.start();
    }

    /** @return the port served */
    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            return settings.port();
        }
    }

    /**
     * @param path a served path
     * @return its URL, such as {@code http://127.0.0.1:49152/webhook}
     */
    public URI uri(String path) {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port() + path);
    }

    /** @return the URL of the first path served */
    public URI uri() {
        return uri(routes.keySet().iterator().next());
    }

    /** @return the settings it runs with */
    public Settings settings() {
        return settings;
    }

    /** @return how many connections were refused or pushed out at the connection limit so far */
    public long connectionsRefused() {
        return refused.get();
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} text (a query or a form body) strictly:
     * a malformed escape such as {@code %zz}, or bytes that are not UTF-8, refuse the request.
     *
     * @param encoded {@code a=1&b=2}, URL-encoded UTF-8; may be empty
     * @return the parameters; a repeated name keeps its first value
     * @throws Refused 400 when the text is malformed
     */
    public static Map<String, String> form(@Nullable String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String percentDecode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new Refused(400, "malformed form encoding: '%' must be followed by two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7E || c < 0x20) {
                throw new Refused(400, "malformed form encoding: characters outside printable ASCII must be escaped");
            } else {
                bytes.write(c);
            }
        }
        return utf8(bytes.toByteArray(), "a form value");
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, what + " is not well-formed UTF-8");
        }
    }

    /** Stops accepting, closes every connection and stops the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        try {
            io.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    private enum State { READING, PROCESSING, WRITING, DRAINING }

    private final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(2048);
        State state = State.READING;
        long deadline;
        long waitingSince;
        boolean closeAfterWrite;
        @Nullable ByteBuffer out;
        // The request being read, once its head is in.
        int headEnd = -1;
        long contentLength;
        @Nullable String method;
        @Nullable String target;
        @Nullable Map<String, List<String>> headers;
        boolean keepAlive;

        Connection(SocketChannel channel, SelectionKey key, long now) {
            this.channel = channel;
            this.key = key;
            startReading(now);
        }

        void startReading(long now) {
            state = State.READING;
            deadline = now + settings.readTimeout().toNanos();
            waitingSince = now;
            headEnd = -1;
            contentLength = 0;
            method = null;
            target = null;
            headers = null;
            out = null;
        }
    }

    private void loop() {
        try {
            while (!closed) {
                long now = System.nanoTime();
                long wait = 250;
                for (Connection c : connections) {
                    wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(c.deadline - now) + 1));
                }
                selector.select(wait);
                Runnable task;
                while ((task = ioTasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    try {
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.isAcceptable()) {
                            accept();
                        } else if (k.attachment() instanceof Connection c) {
                            if (k.isReadable()) {
                                read(c);
                            } else if (k.isWritable()) {
                                write(c);
                            }
                        }
                    } catch (CancelledKeyException e) {
                        // closed meanwhile
                    }
                }
                selector.selectedKeys().clear();
                expire(System.nanoTime());
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.error("http endpoint {} stopped: {}", settings.name(), Masking.text(e.toString()));
            }
        } finally {
            for (Connection c : List.copyOf(connections)) {
                drop(c);
            }
            try {
                server.close();
                selector.close();
            } catch (IOException e) {
                LOG.debug("http endpoint {}: closing: {}", settings.name(), Masking.text(e.toString()));
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            long now = System.nanoTime();
            if (connections.size() >= settings.maxConnections()) {
                Connection victim = null;
                for (Connection c : connections) {
                    if ((c.state == State.READING || c.state == State.DRAINING)
                            && (victim == null || c.waitingSince < victim.waitingSince)) {
                        victim = c;
                    }
                }
                refused.incrementAndGet();
                if (victim == null) {
                    LOG.debug("http endpoint {}: connection limit {} reached, every connection busy; refused one",
                            settings.name(), settings.maxConnections());
                    ch.close();
                    continue;
                }
                LOG.debug("http endpoint {}: connection limit {} reached; closed the one waiting longest",
                        settings.name(), settings.maxConnections());
                drop(victim);
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            Connection c = new Connection(ch, key, now);
            key.attach(c);
            connections.add(c);
        }
    }

    private void expire(long now) {
        List<Connection> late = new ArrayList<>();
        for (Connection c : connections) {
            if (c.state != State.PROCESSING && now - c.deadline > 0) {
                late.add(c);
            }
        }
        for (Connection c : late) {
            if (c.state == State.READING && c.in.position() > 0) {
                LOG.debug("http endpoint {}: a request did not arrive within {}", settings.name(), settings.readTimeout());
                refuse(c, 408, "the request did not arrive within " + settings.readTimeout().toMillis() + " ms");
                // The client gets the write timeout to take the 408, not more.
                c.deadline = now + Math.min(settings.writeTimeout().toNanos(), Duration.ofSeconds(1).toNanos());
            } else {
                drop(c);
            }
        }
    }

    private void read(Connection c) {
        if (c.state == State.DRAINING) {
            drain(c);
            return;
        }
        if (c.state != State.READING) {
            return;
        }
        try {
            if (!c.in.hasRemaining()) {
                grow(c);
            }
            int n = c.channel.read(c.in);
            if (n < 0) {
                drop(c);
                return;
            }
            parse(c);
        } catch (IOException e) {
            drop(c);
        }
    }

    private void grow(Connection c) {
        int limit = settings.maxHeaderBytes() + settings.maxBodyBytes();
        int next = Math.min(limit, c.in.capacity() * 2);
        if (next <= c.in.capacity()) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(next);
        c.in.flip();
        bigger.put(c.in);
        c.in = bigger;
    }

    private void parse(Connection c) {
        if (c.headEnd < 0) {
            int end = headEnd(c.in);
            if (end < 0) {
                if (c.in.position() >= settings.maxHeaderBytes()) {
                    refuse(c, 431, "the request line and headers exceed " + settings.maxHeaderBytes() + " bytes");
                } else if (!c.in.hasRemaining()) {
                    grow(c);
                }
                return;
            }
            if (end > settings.maxHeaderBytes()) {
                refuse(c, 431, "the request line and headers exceed " + settings.maxHeaderBytes() + " bytes");
                return;
            }
            if (!head(c, end)) {
                return;
            }
        }
        long total = c.headEnd + c.contentLength;
        if (c.in.position() < total) {
            if (!c.in.hasRemaining()) {
                grow(c);
            }
            return;
        }
        byte[] body = new byte[(int) c.contentLength];
        System.arraycopy(c.in.array(), c.headEnd, body, 0, body.length);
        // Anything after the body is the next request on this connection: keep it.
        ByteBuffer rest = ByteBuffer.allocate(Math.max(2048, c.in.position() - (int) total));
        rest.put(c.in.array(), (int) total, c.in.position() - (int) total);
        c.in = rest;
        String target = Objects.requireNonNull(c.target);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        Route route = Objects.requireNonNull(routes.get(path));
        Request request = new Request(Objects.requireNonNull(c.method), path, query, Objects.requireNonNull(c.headers),
                body);
        c.state = State.PROCESSING;
        c.key.interestOps(0);
        try {
            workers.execute(() -> handle(c, route, request));
        } catch (RejectedExecutionException e) {
            LOG.debug("http endpoint {}: every worker busy and the queue full; answered 503", settings.name());
            respond(c, settings.errorPage().apply(503, "the service is busy; try again shortly")
                    .withHeader("Retry-After", "1"), true);
        }
    }

    private static int headEnd(ByteBuffer in) {
        byte[] a = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Reads the request line and headers; answers and returns false when they are refused. */
    private boolean head(Connection c, int end) {
        String head = new String(c.in.array(), 0, end - 4, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !TOKEN.matcher(requestLine[0]).matches()
                || !(requestLine[2].equals("HTTP/1.1") || requestLine[2].equals("HTTP/1.0"))) {
            refuse(c, 400, "malformed request line");
            return false;
        }
        String target = requestLine[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        if (!PATH.matcher(path).matches() || target.chars().anyMatch(ch -> ch <= 0x20 || ch >= 0x7F)) {
            refuse(c, 400, "malformed request target");
            return false;
        }
        if (lines.length - 1 > MAX_HEADERS) {
            refuse(c, 431, "more than " + MAX_HEADERS + " headers");
            return false;
        }
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()
                    || line.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7F)) {
                refuse(c, 400, "malformed header");
                return false;
            }
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        boolean http10 = requestLine[2].equals("HTTP/1.0");
        String connection = String.join(",", headers.getOrDefault("connection", List.of())).toLowerCase(Locale.ROOT);
        c.keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        if (headers.containsKey("transfer-encoding")) {
            refuse(c, 411, "send the body with Content-Length");
            return false;
        }
        long length = 0;
        List<String> lengths = headers.getOrDefault("content-length", List.of());
        if (!lengths.isEmpty()) {
            if (lengths.stream().distinct().count() != 1 || !lengths.get(0).matches("[0-9]{1,12}")) {
                refuse(c, 400, "malformed Content-Length");
                return false;
            }
            length = Long.parseLong(lengths.get(0));
        }
        if (length > settings.maxBodyBytes()) {
            refuse(c, 413, "the body exceeds " + settings.maxBodyBytes() + " bytes");
            return false;
        }
        Route route = routes.get(path);
        if (route == null) {
            refuse(c, 404, "not found");
            return false;
        }
        if (!route.methods().contains(requestLine[0])) {
            refuse(c, 405, "method not allowed", Map.of("Allow", String.join(", ", new java.util.TreeSet<>(route.methods()))));
            return false;
        }
        if (length > 0 && headers.getOrDefault("expect", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"))) {
            try {
                c.channel.write(ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                drop(c);
                return false;
            }
        }
        c.method = requestLine[0];
        c.target = target;
        c.headers = headers;
        c.headEnd = end;
        c.contentLength = length;
        return true;
    }

    private void handle(Connection c, Route route, Request request) {
        Response response;
        boolean close = !c.keepAlive;
        try {
            response = route.handler().handle(request);
        } catch (Refused e) {
            LOG.debug("http endpoint {}: {} {} refused with {}: {}", settings.name(), request.method(),
                    Masking.escape(request.path()), e.status(), Masking.text(e.getMessage()));
            response = settings.errorPage().apply(e.status(), String.valueOf(e.getMessage()));
            close = true;
        } catch (Exception | Error e) {
            LOG.error("http endpoint {}: {} {} failed: {}", settings.name(), request.method(),
                    Masking.escape(request.path()), Masking.text(e.toString()));
            response = settings.errorPage().apply(500, "the request could not be handled");
            close = true;
        }
        Response r = response;
        boolean closeAfter = close;
        ioTasks.add(() -> respond(c, r, closeAfter));
        selector.wakeup();
    }

    private void refuse(Connection c, int status, String reason) {
        refuse(c, status, reason, Map.of());
    }

    private void refuse(Connection c, int status, String reason, Map<String, String> headers) {
        LOG.debug("http endpoint {}: answered {}: {}", settings.name(), status, reason);
        Response r = settings.errorPage().apply(status, reason);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        respond(c, r, true);
    }

    /** On the I/O thread: starts writing a response. */
    private void respond(Connection c, Response r, boolean close) {
        if (!connections.contains(c)) {
            return;
        }
        StringBuilder head = new StringBuilder(512);
        head.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n")
                .append("Content-Type: ").append(r.contentType()).append("\r\n")
                .append("Content-Length: ").append(r.body.length).append("\r\n")
                .append("Cache-Control: no-store\r\n")
                .append("X-Content-Type-Options: nosniff\r\n")
                .append("X-Frame-Options: DENY\r\n")
                .append("Content-Security-Policy: ").append(policy(r)).append("\r\n")
                .append("Referrer-Policy: no-referrer\r\n");
        r.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase(CSP)) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append(close ? "Connection: close\r\n" : "").append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(h.length + r.body.length);
        out.put(h).put(r.body).flip();
        c.out = out;
        c.closeAfterWrite = close;
        c.state = State.WRITING;
        c.deadline = System.nanoTime() + settings.writeTimeout().toNanos();
        try {
            c.key.interestOps(SelectionKey.OP_WRITE);
        } catch (CancelledKeyException e) {
            drop(c);
            return;
        }
        write(c);
    }

    /** The response's own policy (a page that allows its inline style by hash), else the endpoint's. */
    private String policy(Response r) {
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(CSP)) {
                return h.getValue();
            }
        }
        return settings.contentSecurityPolicy();
    }

    private void write(Connection c) {
        ByteBuffer out = c.out;
        if (c.state != State.WRITING || out == null) {
            return;
        }
        try {
            c.channel.write(out);
        } catch (IOException e) {
            drop(c);
            return;
        }
        if (out.hasRemaining()) {
            return;
        }
        if (c.closeAfterWrite) {
            // Tell the client we are done, and read (and drop) what it still sends for a moment
            // before closing: closing with unread data would reset the connection, and the client
            // could lose the response.
            try {
                c.channel.shutdownOutput();
                c.state = State.DRAINING;
                c.deadline = System.nanoTime() + DRAIN.toNanos();
                c.key.interestOps(SelectionKey.OP_READ);
            } catch (IOException | CancelledKeyException e) {
                drop(c);
            }
            return;
        }
        c.startReading(System.nanoTime());
        try {
            c.key.interestOps(SelectionKey.OP_READ);
        } catch (CancelledKeyException e) {
            drop(c);
            return;
        }
        if (c.in.position() > 0) {
            parse(c);
        }
    }

    private void drain(Connection c) {
        try {
            ByteBuffer sink = ByteBuffer.allocate(8192);
            for (int i = 0; i < 16; i++) {
                sink.clear();
                int n = c.channel.read(sink);
                if (n < 0) {
                    drop(c);
                    return;
                }
                if (n == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            drop(c);
        }
    }

    private void drop(Connection c) {
        connections.remove(c);
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
