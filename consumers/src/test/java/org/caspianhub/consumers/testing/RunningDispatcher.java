package org.caspianhub.consumers.testing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.caspianhub.consumers.dispatch.AlertDispatcherService;
import org.caspianhub.consumers.dispatch.DispatcherSettings;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.parties.Parties;
import org.caspianhub.testkit.TestPlatform;

/** Starts the real dispatcher service against a test platform with the given subscriptions (HTTP on a free port). */
public final class RunningDispatcher {

    private RunningDispatcher() {
    }

    public static AlertDispatcherService start(TestPlatform platform, Parties parties, Subscription... subscriptions) {
        return start(platform, parties, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), subscriptions);
    }

    public static AlertDispatcherService start(TestPlatform platform, Parties parties, PrometheusMeterRegistry metrics,
                                               Subscription... subscriptions) {
        return start(platform, parties, metrics, Map.of(), subscriptions);
    }

    /** With further settings ({@code CASPIAN_DISPATCHER_STALL_AFTER}, ...). */
    public static AlertDispatcherService start(TestPlatform platform, Parties parties, PrometheusMeterRegistry metrics,
                                               Map<String, String> more, Subscription... subscriptions) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("CASPIAN_DISPATCHER_PORT", "0",
                "CASPIAN_DISPATCHER_SHUTDOWN_GRACE", "1s"));
        values.putAll(more);
        DispatcherSettings settings = DispatcherSettings.from(platform.settings(parties).with(values))
                .withSubscriptions(List.of(subscriptions));
        AlertDispatcherService service = new AlertDispatcherService(settings, metrics);
        service.start();
        return service;
    }
}
