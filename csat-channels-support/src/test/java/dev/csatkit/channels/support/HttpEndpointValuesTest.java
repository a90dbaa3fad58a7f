package dev.csatkit.channels.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.channels.support.HttpEndpoint.Refused;
import dev.csatkit.channels.support.HttpEndpoint.Request;
import dev.csatkit.channels.support.HttpEndpoint.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's values without a socket: what a handler reads from a request, what a response
 * may carry, the limits of every setting at both ends, and the strict form decoding.
 */
class HttpEndpointValuesTest {

    private static Request request(Map<String, List<String>> headers, String body) {
        return new Request("POST", "/hook", "a=1&b=%C3%A9", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestFindsItsHeadersInAnyCaseAndReadsTheContentType() {
        Request r = request(Map.of("Content-Type", List.of("Application/JSON ; Charset=\"UTF-8\"", "text/plain"),
                "X-Empty", List.of()), "{}");
        assertThat(r.headers()).containsOnlyKeys("content-type", "x-empty");
        assertThat(r.header("CONTENT-TYPE")).contains("Application/JSON ; Charset=\"UTF-8\"");
        assertThat(r.header("x-empty")).isEmpty();
        assertThat(r.header("x-missing")).isEmpty();
        assertThat(r.mediaType()).contains("application/json");
        assertThat(r.charset()).contains("utf-8");
        assertThat(r.query()).containsExactly(Map.entry("a", "1"), Map.entry("b", "é"));
        assertThat(r.bodyText()).isEqualTo("{}");

        Request bare = request(Map.of("Content-Type", List.of(" text/plain ")), "");
        assertThat(bare.mediaType()).contains("text/plain");
        assertThat(bare.charset()).isEmpty();
        Request noType = request(Map.of("Content-Type", List.of(";charset=utf-8")), "");
        assertThat(noType.mediaType()).contains("");
        assertThat(noType.charset()).contains("utf-8");
        Request none = request(Map.of(), "");
        assertThat(none.mediaType()).isEmpty();
        assertThat(none.charset()).isEmpty();
    }

    @Test
    void aRequestIsAValueThatShowsNothingTheClientSentButItsMethodAndPath() {
        Request a = request(Map.of("X", List.of("1")), "secret +447700900123");
        Request same = request(Map.of("x", List.of("1")), "secret +447700900123");
        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(a).isNotEqualTo(request(Map.of("X", List.of("2")), "secret +447700900123"));
        assertThat(a).isNotEqualTo(request(Map.of("X", List.of("1")), "other"));
        assertThat(a).isNotEqualTo(new Request("GET", "/hook", "a=1&b=%C3%A9", Map.of("X", List.of("1")),
                a.body()));
        assertThat(a).isNotEqualTo(new Request("POST", "/other", "a=1&b=%C3%A9", Map.of("X", List.of("1")),
                a.body()));
        assertThat(a).isNotEqualTo(new Request("POST", "/hook", "", Map.of("X", List.of("1")), a.body()));
        assertThat(a).isNotEqualTo("POST /hook");
        assertThat(a.hashCode()).isNotEqualTo(request(Map.of("X", List.of("1")), "other").hashCode());
        assertThat(a).hasToString("Request[POST /hook, 20 bytes]");
        byte[] body = a.body();
        body[0] = 'S';
        assertThat(a.bodyText()).as("the body is a copy").isEqualTo("secret +447700900123");
    }

    @Test
    void aRequestBodyThatIsNotUtf8IsRefused() {
        Request r = new Request("POST", "/hook", "", Map.of(), new byte[] {(byte) 0xC3});
        assertThatThrownBy(r::bodyText).isInstanceOfSatisfying(Refused.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessage("the body is not well-formed UTF-8");
    }

    @Test
    void aResponseTakesStatusesFrom200To599AndNoControlCharacterInItsHeaders() {
        assertThat(Response.text(200, "ok").status()).isEqualTo(200);
        assertThat(Response.json(599, "{}").contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(Response.html(404, "<p>x</p>").contentType()).isEqualTo("text/html; charset=utf-8");
        assertThatThrownBy(() -> Response.text(199, "")).hasMessage("status = 199: must be between 200 and 599");
        assertThatThrownBy(() -> Response.text(600, "")).hasMessage("status = 600: must be between 200 and 599");
        assertThat(Response.text(200, "").withHeader("X-Tab", "a\tb").headers()).containsEntry("X-Tab", "a\tb");
        assertThatThrownBy(() -> Response.text(200, "").withHeader("X", "a\u007Fb"))
                .hasMessage("headers.X = \"a\\u007Fb\": must not contain control characters");
        assertThatThrownBy(() -> Response.text(200, "").withHeader("X Y", "v"))
                .hasMessage("headers key = \"X Y\": must be an HTTP token");
        assertThatThrownBy(() -> new Response(200, "text/plain\n", new byte[0], Map.of()))
                .hasMessage("contentType: must not contain control characters");
        assertThatThrownBy(() -> new Response(200, "text/plain\u007F", new byte[0], Map.of()))
                .hasMessage("contentType: must not contain control characters");
    }

    @Test
    void aResponseIsAValue() {
        Response a = Response.text(200, "ok").withHeader("Retry-After", "1");
        Response same = Response.text(200, "ok").withHeader("Retry-After", "1");
        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(a).isNotEqualTo(Response.text(200, "ok"));
        assertThat(a).isNotEqualTo(Response.text(201, "ok").withHeader("Retry-After", "1"));
        assertThat(a).isNotEqualTo(Response.text(200, "no").withHeader("Retry-After", "1"));
        assertThat(a).isNotEqualTo(Response.json(200, "ok").withHeader("Retry-After", "1"));
        assertThat(a).isNotEqualTo("ok");
        assertThat(a.hashCode()).isNotEqualTo(Response.text(200, "no").withHeader("Retry-After", "1").hashCode());
        assertThat(a).hasToString("Response[200, text/plain; charset=utf-8, 2 bytes]");
    }

    @Test
    void aRefusalTakesStatusesFrom400To599() {
        assertThat(new Refused(400, "bad").status()).isEqualTo(400);
        assertThat(new Refused(599, "odd").status()).isEqualTo(599);
        assertThatThrownBy(() -> new Refused(399, "x")).hasMessage("status = 399: must be between 400 and 599");
        assertThatThrownBy(() -> new Refused(600, "x")).hasMessage("status = 600: must be between 400 and 599");
    }

    /** Starts an endpoint with one setting changed, and closes it at once. */
    private static void starts(UnaryOperator<HttpEndpoint.Builder> setting) throws IOException {
        try (HttpEndpoint http = setting.apply(HttpEndpoint.builder()
                .route("/x", Set.of("GET"), r -> Response.text(200, ""))).start()) {
            assertThat(http.port()).isPositive();
        }
    }

    private static void refused(UnaryOperator<HttpEndpoint.Builder> setting, String problem) {
        assertThatThrownBy(() -> starts(setting)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid HTTP endpoint settings:\n  - " + problem);
    }

    @Test
    void everySettingIsTakenAtBothEndsOfItsRangeAndNamedJustOutside() throws IOException {
        starts(b -> b.readTimeout(Duration.ofMillis(10)).writeTimeout(Duration.ofMinutes(10)));
        starts(b -> b.readTimeout(Duration.ofMinutes(10)).writeTimeout(Duration.ofMillis(10)));
        starts(b -> b.maxConnections(1).maxBodyBytes(0).maxHeaderBytes(1024).workers(1));
        starts(b -> b.maxConnections(100_000).maxBodyBytes(16 << 20).maxHeaderBytes(64 * 1024).workers(256));

        refused(b -> b.readTimeout(Duration.ofNanos(9_999_999)),
                "readTimeout = PT0.009999999S: must be between PT0.01S and PT10M");
        refused(b -> b.readTimeout(Duration.ofMinutes(10).plusNanos(1)),
                "readTimeout = PT10M0.000000001S: must be between PT0.01S and PT10M");
        refused(b -> b.writeTimeout(null), "writeTimeout = null: must be between PT0.01S and PT10M");
        refused(b -> b.writeTimeout(Duration.ofMillis(9)), "writeTimeout = PT0.009S: must be between PT0.01S and PT10M");
        refused(b -> b.maxConnections(100_001), "maxConnections = 100001: must be between 1 and 100000");
        refused(b -> b.maxBodyBytes(-1), "maxBodyBytes = -1: must be between 0 and 16777216");
        refused(b -> b.maxBodyBytes((16 << 20) + 1), "maxBodyBytes = 16777217: must be between 0 and 16777216");
        refused(b -> b.maxHeaderBytes(1023), "maxHeaderBytes = 1023: must be between 1024 and 65536");
        refused(b -> b.maxHeaderBytes(64 * 1024 + 1), "maxHeaderBytes = 65537: must be between 1024 and 65536");
        refused(b -> b.workers(0), "workers = 0: must be between 1 and 256");
        refused(b -> b.workers(257), "workers = 257: must be between 1 and 256");
        refused(b -> b.bind("127.0.0.1", -1), "port = -1: must be between 0 and 65535");
        refused(b -> b.bind("127.0.0.1", 65_536), "port = 65536: must be between 0 and 65535");
        refused(b -> b.contentSecurityPolicy("default-src 'none'\r\nX: y"),
                "contentSecurityPolicy: must not contain control characters");
        assertThatThrownBy(() -> HttpEndpoint.builder().start()).hasMessage(
                "Invalid HTTP endpoint settings:\n  - routes = (none): must serve at least one path");
        assertThatThrownBy(() -> HttpEndpoint.builder().route("/x", Set.of(), r -> null))
                .hasMessage("route /x: must take at least one method");
    }

    @Test
    void formsDecodeEveryPrintableCharacterAndEveryEscapeAndRefuseTheRest() {
        assertThat(HttpEndpoint.form(null)).isEmpty();
        assertThat(HttpEndpoint.form("")).isEmpty();
        assertThat(HttpEndpoint.form("=x")).as("an empty name").containsExactly(Map.entry("", "x"));
        assertThat(HttpEndpoint.form("a=1&&b")).containsExactly(Map.entry("a", "1"), Map.entry("b", ""));
        assertThat(HttpEndpoint.form("a=~ !")).as("printable ASCII from space to tilde")
                .containsExactly(Map.entry("a", "~ !"));
        assertThat(HttpEndpoint.form("a=%00%10%7e%7E%2B+")).containsExactly(Map.entry("a", "\u0000\u0010~~+ "));
        assertThat(HttpEndpoint.form("%41%42=%e2%82%ac")).containsExactly(Map.entry("AB", "€"));
        for (String bad : List.of("a=%", "a=%4", "a=%g1", "a=%1g", "a=\u007F", "a=\u001F", "a=\u0080")) {
            assertThatThrownBy(() -> HttpEndpoint.form(bad)).as(bad).isInstanceOfSatisfying(Refused.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> HttpEndpoint.form("a=%")).hasMessage(
                "malformed form encoding: '%' must be followed by two hex digits");
        assertThatThrownBy(() -> HttpEndpoint.form("a=\u007F")).hasMessage(
                "malformed form encoding: characters outside printable ASCII must be escaped");
    }
}
