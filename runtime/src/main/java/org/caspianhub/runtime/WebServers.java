package org.caspianhub.runtime;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin server every hub service uses, with the shared parts: Jackson JSON,
 * {@code /health} (200 or 503), {@code /metrics} (Prometheus text), a timer per route, and a
 * JSON 500 that never leaks a stack trace to the client.
 */
public final class WebServers {

    private static final Logger LOG = LoggerFactory.getLogger(WebServers.class);
    private static final String START_NANOS = "caspian.start";

    private WebServers() {
    }

    /**
     * @param maxRequestBytes largest request body accepted (Javalin answers 413 above it)
     */
    public static Javalin create(String service, PrometheusMeterRegistry metrics, Supplier<Health> health,
                                 long maxRequestBytes) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.http.maxRequestSize = maxRequestBytes;
            config.jetty.modifyServer(server -> server.setStopTimeout(2_000));
        });
        app.before(ctx -> ctx.attribute(START_NANOS, System.nanoTime()));
        app.after(ctx -> record(metrics, ctx));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/health", ctx -> {
            Health h = health.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service", service);
            body.put("status", h.status());
            body.putAll(h.details());
            ctx.status(h.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{}: unhandled error on {} {}", service, ctx.method(), ctx.path(), e);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .json(Map.of("error", "internal_error", "message", "the server failed to handle this request"));
        });
        return app;
    }

    private static void record(PrometheusMeterRegistry metrics, Context ctx) {
        Long start = ctx.attribute(START_NANOS);
        if (start == null) {
            return;
        }
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException noMatchingEndpoint) {
            route = null;
        }
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route == null || route.isEmpty() ? "unmatched" : route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(metrics)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
