package dev.csatkit.examples.channels;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP endpoint on the JDK's {@link HttpServer}, for the inbound side of the reference
 * adapters: one path, a bounded request body, UTF-8 responses.
 */
public final class HttpEndpoint implements AutoCloseable {

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm
        // on, the body then waits for the client's delayed ACK, about 40 ms per response. The
        // server reads the property once, when its first instance starts; an explicit choice wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final String path;

    /**
     * Starts serving.
     *
     * @param host the address to bind, such as {@code 127.0.0.1}
     * @param port the port; 0 for any free port
     * @param path the path served, such as {@code /webhook}
     * @param handler the handler
     * @throws IOException when the port cannot be bound
     */
    public HttpEndpoint(String host, int port, String path, HttpHandler handler) throws IOException {
        this.path = path;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http" + path.replace('/', '-') + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.setExecutor(workers);
        server.start();
    }

    /** @return the URL of the served path, such as {@code http://127.0.0.1:49152/webhook} */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + path);
    }

    /**
     * @param exchange a request
     * @return its body as UTF-8 text
     * @throws IOException when it cannot be read or exceeds {@value #MAX_BODY_BYTES} bytes
     */
    public static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param encoded {@code a=1&b=2}, URL-encoded UTF-8
     * @return the parameters; a repeated name keeps its first value
     */
    public static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /**
     * Sends a complete response.
     *
     * @param exchange the request
     * @param status the HTTP status
     * @param contentType such as {@code application/json}; {@code ; charset=utf-8} is added
     * @param body the body
     * @throws IOException when the client went away
     */
    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops serving and its threads. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
