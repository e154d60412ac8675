package org.caspianhub.producers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caspianhub.producers.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the gateway sends for the console, over plain HTTP: the security headers on every console
 * answer, a page with no inline script, style or event handler (which the policy would block), only
 * the console's own files, and API routes left as they were.
 */
class ConsoleResponsesTest {

    static TestGateway hub;
    /** The console's scripts, in the order the page loads them. */
    static final List<String> SCRIPTS = List.of("console.js", "graph.js", "indicator.js", "inbox.js", "search.js");

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway("ir").start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return hub.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'", "require-trusted-types-for 'script'");
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void thePageAndItsFilesAreServedWithTheirTypesAndAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertSecurityHeaders(page);

        for (var file : List.of(new String[] {"/console/console.js", "text/javascript"},
                new String[] {"/console/inbox.js", "text/javascript"}, new String[] {"/console/indicator.js", "text/javascript"},
                new String[] {"/console/graph.js", "text/javascript"}, new String[] {"/console/search.js", "text/javascript"},
                new String[] {"/console/console.css", "text/css"}, new String[] {"/console/favicon.svg", "image/svg+xml"})) {
            HttpResponse<String> asset = get(file[0]);
            assertThat(asset.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(asset.headers().firstValue("Content-Type")).as(file[0])
                    .hasValueSatisfying(t -> assertThat(t).startsWith(file[1]));
            assertSecurityHeaders(asset);
        }
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandlerAndLoadsNothingFromElsewhere() throws Exception {
        String html = get("/").body();
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("a script is a file of this origin").contains("src=\"/console/");
            assertThat(scripts.group(2)).as("no inline script").isBlank();
        }
        assertThat(count).isEqualTo(SCRIPTS.size());
        assertThat(html).doesNotContain("<style").doesNotContain(" style=")
                .doesNotContainPattern("(?i)\\son[a-z]+=")
                .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//")
                .doesNotContain("javascript:");
        for (String file : SCRIPTS) {
            assertThat(html).contains("<script src=\"/console/" + file + "\" defer></script>");
            String script = get("/console/" + file).body().replaceAll("//[^\n]*", ""); // code, not comments
            assertThat(script).as(file + ": no HTML built from strings").doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("localStorage")
                    .doesNotContain("document.cookie").doesNotContain("EventSource(").doesNotContain("?key=");
        }
    }

    @Test
    void onlyTheConsolesOwnFilesAreServed() throws Exception {
        for (String path : List.of("/console/nothing.js", "/console/..%2Flog4j2.properties", "/console/index.html",
                "/console/%2e%2e%2fconsole.js", "/web/console/console.js")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("use strict");
        }
    }

    @Test
    void anUnchangedFileIsRevalidatedWithItsETag() throws Exception {
        HttpResponse<String> first = get("/console/console.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        HttpResponse<String> again = get("/console/console.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void apiAnswersAreUnchangedAndTheConsoleRoutesAreNotApiRoutes() throws Exception {
        HttpResponse<String> api = get("/api/v1/submissions/x");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(hub.service().registeredRoutes()).noneMatch(r -> r.endsWith(" /") || r.contains("/console"));
        assertThat(hub.service().endpoints()).contains("  web console    " + hub.url() + "/");
    }
}
