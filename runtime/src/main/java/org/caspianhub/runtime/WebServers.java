package org.caspianhub.runtime;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin servers every hub service uses, with the shared parts: Jackson JSON, a timer
 * per route, and errors that never leak a stack trace or an HTML page.
 * <ul>
 * <li>{@link #api}: a port the parties reach (gateway, TAXII). No {@code /health} or
 * {@code /metrics} (metrics carry party labels); every error, including Jetty's own (a header too
 * large, a control character in a header, an unknown path), in the service's {@link ErrorFormat}.</li>
 * <li>{@link #management}: the management listener beside it: {@code /health} and {@code /metrics}.</li>
 * <li>{@link #create}: a service only operators reach (streams, dispatcher, feeds, registry): its
 * own routes plus {@code /health} and {@code /metrics} on one port.</li>
 * </ul>
 */
public final class WebServers {

    private static final Logger LOG = LoggerFactory.getLogger(WebServers.class);
    private static final String START_NANOS = "caspian.start";

    /** The error body of the operator-only and management servers: {@code {"status","error","message"}}. */
    public static final ErrorFormat PLAIN_JSON = new ErrorFormat() {
        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public byte[] body(int status, String code, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", code);
            body.put("message", message);
            return json(body);
        }
    };

    private WebServers() {
    }

    /**
     * A server only operators reach, with {@code /health} and {@code /metrics} beside its own routes.
     *
     * @param maxRequestBytes largest request body accepted (Javalin answers 413 above it)
     */
    public static Javalin create(String service, PrometheusMeterRegistry metrics, Supplier<Health> health,
                                 long maxRequestBytes) {
        Javalin app = base(service, metrics, maxRequestBytes, PLAIN_JSON);
        managementRoutes(app, service, metrics, health);
        return app;
    }

    /**
     * A server the parties reach: no management routes, and every error (Jetty's own included) as
     * {@code errors} writes it; an unknown path is a 404 in that shape.
     */
    public static Javalin api(String service, PrometheusMeterRegistry metrics, long maxRequestBytes, ErrorFormat errors) {
        return base(service, metrics, maxRequestBytes, errors);
    }

    /** The management listener of a party-facing service: {@code /health} and {@code /metrics}, nothing else. */
    public static Javalin management(String service, PrometheusMeterRegistry metrics, Supplier<Health> health) {
        Javalin app = base(service + "-management", metrics, 1024, PLAIN_JSON);
        managementRoutes(app, service, metrics, health);
        return app;
    }

    private static Javalin base(String service, PrometheusMeterRegistry metrics, long maxRequestBytes, ErrorFormat errors) {
        JsonErrorHandler jettyErrors = new JsonErrorHandler(errors);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.http.maxRequestSize = maxRequestBytes;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(2_000);
                server.setErrorHandler(jettyErrors);
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
        });
        app.before(ctx -> ctx.attribute(START_NANOS, System.nanoTime()));
        RouteTimers timers = new RouteTimers(metrics);
        app.after(ctx -> record(timers, ctx));
        app.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, errors, e.getStatus(), ErrorFormat.codeFor(e.getStatus(), e.getMessage()),
                        ErrorFormat.messageFor(e.getStatus(), e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{}: unhandled error on {} {}", service, ctx.method(), ctx.path(), e);
            write(ctx, errors, 500, "internal_error", "the server failed to handle this request");
        });
        // Javalin's own 404 (no route matched) and 405: only when no handler wrote a body of its own
        for (int status : new int[] {404, 405}) {
            app.error(status, ctx -> {
                if (ctx.resultInputStream() == null) {
                    write(ctx, errors, status, ErrorFormat.codeFor(status, null), status == 404
                            ? "nothing is here: " + ctx.method().name() + " " + ctx.path() + " is not a route of this server"
                            : ErrorFormat.messageFor(status, null));
                }
            });
        }
        return app;
    }

    private static void managementRoutes(Javalin app, String service, PrometheusMeterRegistry metrics, Supplier<Health> health) {
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/health", ctx -> {
            Health h = health.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service", service);
            body.put("status", h.status());
            body.putAll(h.details());
            ctx.status(h.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
        });
    }

    private static void write(Context ctx, ErrorFormat errors, int status, String code, String message) {
        ctx.status(status).contentType(errors.contentType()).result(errors.body(status, code, message));
    }

    private static byte[] json(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /**
     * Jetty's error pages, in the service's JSON shape: for requests Jetty refuses before building
     * them ({@link #badMessageError}: 431, an illegal character in a header, a bad URI) and for
     * errors it answers itself once they are built ({@link #handle}).
     */
    private static final class JsonErrorHandler extends ErrorHandler {
        private final ErrorFormat errors;

        JsonErrorHandler(ErrorFormat errors) {
            this.errors = errors;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, errors.contentType());
            return ByteBuffer.wrap(errors.body(status, ErrorFormat.codeFor(status, reason), ErrorFormat.messageFor(status, reason)));
        }

        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            int status = response.getStatus();
            Object reason = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            String text = reason instanceof String s ? s : null;
            byte[] body = errors.body(status, ErrorFormat.codeFor(status, text), ErrorFormat.messageFor(status, text));
            response.setContentType(errors.contentType());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            baseRequest.setHandled(true);
        }
    }

    private static void record(RouteTimers timers, Context ctx) {
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
        timers.timer(ctx.method().name(), route == null || route.isEmpty() ? "unmatched" : route,
                ctx.statusCode()).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * A server's request timers by method, route and status, built once each: building a timer's id
     * (sorted tags) and finding it in the registry on every request was about 2% of a single
     * look-up's CPU in a profile of {@code ./bench.sh knowledge}, and the keys are few (routes times statuses).
     */
    private static final class RouteTimers {
        private final PrometheusMeterRegistry metrics;
        private final java.util.concurrent.ConcurrentMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

        RouteTimers(PrometheusMeterRegistry metrics) {
            this.metrics = metrics;
        }

        Timer timer(String method, String route, int status) {
            return timers.computeIfAbsent(method + ' ' + status + ' ' + route, key -> Timer.builder("http.server.requests")
                    .tag("method", method).tag("route", route).tag("status", Integer.toString(status)).register(metrics));
        }
    }
}
