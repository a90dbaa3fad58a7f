package dev.csatkit.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What customers' browsers and the chat platform use to reach the local HTTP endpoints: plain
 * blocking requests on the calling thread, so that a reply is in the engine's hands when the
 * call returns and no other thread is involved.
 */
final class Browser {

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param body the body, as UTF-8 text
     * @param uri where the request went
     */
    record Page(int status, String body, URI uri) {
    }

    private Browser() {
    }

    /**
     * @param uri the page
     * @return the response
     * @throws UncheckedIOException when the endpoint does not answer
     */
    static Page get(URI uri) {
        return request("GET", uri, Map.of(), null);
    }

    /**
     * @param uri the endpoint
     * @param headers the request headers, {@code Content-Type} among them
     * @param body the body, sent as UTF-8
     * @return the response
     * @throws UncheckedIOException when the endpoint does not answer
     */
    static Page post(URI uri, Map<String, String> headers, String body) {
        return request("POST", uri, headers, body);
    }

    private static Page request(String method, URI uri, Map<String, String> headers, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            c.setInstanceFollowRedirects(false);
            headers.forEach(c::setRequestProperty);
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = "";
            if (in != null) {
                try (in) {
                    // Read to the end so that the connection goes back to the keep-alive pool.
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Page(status, text, uri);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri.getPath() + " on the local endpoint failed", e);
        }
    }
}
