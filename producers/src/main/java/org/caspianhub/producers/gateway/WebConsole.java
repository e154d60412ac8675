package org.caspianhub.producers.gateway;

import com.google.common.hash.Hashing;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The analysts' web console: one static page (HTML, CSS and JavaScript, no build step, nothing
 * fetched from elsewhere) that talks to this gateway's REST API with the analyst's own key. It is
 * served at {@code /} and {@code /console/<file>} from {@code web/console/} on the classpath.
 *
 * <p>Only the files named here are served, read once at start-up, so no other resource on the
 * classpath can be reached through these routes. Every answer carries a strict
 * Content-Security-Policy: script and style from this origin only (no inline code, no
 * {@code eval}), requests to this origin only, no framing, no form posting anywhere (the page
 * submits with script; without it a form must not send the key in a URL), and Trusted Types
 * required, so a browser that supports them refuses any HTML-from-a-string sink outright.
 */
final class WebConsole {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");

    private static final String RESOURCES = "/web/console/";
    private static final String INDEX = "index.html";
    /** The console's files and their media types: the whole list of what these routes can serve. */
    private static final Map<String, String> FILES = Map.of(
            INDEX, "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "graph.js", "text/javascript; charset=utf-8",
            "indicator.js", "text/javascript; charset=utf-8",
            "inbox.js", "text/javascript; charset=utf-8",
            "search.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final Map<String, Asset> assets;

    private WebConsole(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** Reads the console's files from the classpath; a missing one fails the start, not a later request. */
    static WebConsole load() {
        Map<String, Asset> assets = new HashMap<>();
        FILES.forEach((name, type) -> {
            byte[] bytes = read(RESOURCES + name);
            assets.put(name, new Asset(bytes, type, "\"" + Hashing.sha256().hashBytes(bytes).toString().substring(0, 32) + "\""));
        });
        return new WebConsole(assets);
    }

    /** {@code GET /} (the page) and {@code GET /console/<file>} (its script, style and icon). */
    void register(Javalin app) {
        app.get("/", ctx -> serve(ctx, assets.get(INDEX)));
        app.get("/console/{file}", ctx -> {
            String file = ctx.pathParam("file");
            serve(ctx, file.equals(INDEX) ? null : assets.get(file));
        });
    }

    private static void serve(Context ctx, Asset asset) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        if (asset == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        // revalidated on every load, so a new gateway version's script is never mixed with an old page
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static byte[] read(String resource) {
        try (InputStream in = WebConsole.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the web console file " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
