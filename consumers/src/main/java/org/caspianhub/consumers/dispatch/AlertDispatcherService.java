package org.caspianhub.consumers.dispatch;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.caspianhub.consumers.delivery.AlertSender;
import org.caspianhub.consumers.delivery.DeadLetterWriter;
import org.caspianhub.consumers.delivery.DeliveryMetrics;
import org.caspianhub.consumers.delivery.LogSender;
import org.caspianhub.consumers.delivery.SubscriptionWorker;
import org.caspianhub.consumers.siem.SyslogSender;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.webhook.WebhookSender;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.WebServers;
import org.caspianhub.runtime.net.Loopback;
import org.caspianhub.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every party's alerts to its subscriptions (webhooks, syslog CEF, the log), one
 * {@link SubscriptionWorker} per subscription, and writes what cannot be delivered to the
 * party's dead-letter topic. Serves {@code /health}, {@code /metrics} and {@code /subscriptions}
 * (the subscriptions in use, without secrets) on CASPIAN_DISPATCHER_HOST (localhost by default:
 * these endpoints have no authentication) and CASPIAN_DISPATCHER_PORT.
 *
 * <p>Can be started again after {@link #close()}: it then reads on from the committed offsets.
 */
public final class AlertDispatcherService implements HubService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcherService.class);

    private final DispatcherSettings settings;
    private final PrometheusMeterRegistry metrics;
    private final Clock clock;
    private final List<SubscriptionWorker> workers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private DeadLetterWriter deadLetters;
    private Javalin web;
    private boolean started;

    public AlertDispatcherService(DispatcherSettings settings) {
        this(settings, ServiceMetrics.create("dispatcher"));
    }

    public AlertDispatcherService(DispatcherSettings settings, PrometheusMeterRegistry metrics) {
        this(settings, metrics, Clock.systemUTC());
    }

    AlertDispatcherService(DispatcherSettings settings, PrometheusMeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "dispatcher";
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (!Loopback.isLoopbackBindAddress(settings.host())) {
            LOG.warn("dispatcher: /subscriptions, /health and /metrics listen on {} without authentication; they show "
                    + "subscriptions, their destinations and the receivers' last errors. Keep that address on a management network",
                    settings.host());
        }
        Topics topics = new Topics(settings.platform().schemaRegistry(), settings.platform().autoRegisterSchemas());
        Map<String, Object> kafka = settings.platform().kafkaClientProperties();
        Map<String, Object> consumers = new HashMap<>(kafka);
        // a crashed dispatcher's partitions move to its successor after this long, not Kafka's default 45 s
        consumers.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                (int) settings.sessionTimeout().toMillis());
        scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "delivery-retries");
            thread.setDaemon(true);
            return thread;
        });
        deadLetters = new DeadLetterWriter(kafka, topics, settings.groupPrefix() + "-dlq");
        for (Subscription subscription : settings.subscriptions()) {
            SubscriptionWorker worker = new SubscriptionWorker(subscription, consumers, settings.groupId(subscription),
                    topics.alerts(subscription.party()), sender(subscription), deadLetters,
                    new DeliveryMetrics(metrics, subscription), scheduler, clock, settings.shutdownGrace(), settings.stallAfter());
            workers.add(worker);
            worker.start();
            LOG.info("delivering {}", subscription.describe());
        }
        web = WebServers.create(name(), metrics, this::health, 64 * 1024);
        web.get("/subscriptions", ctx -> ctx.json(subscriptionsView()));
        web.start(settings.host(), settings.port());
    }

    private AlertSender sender(Subscription subscription) {
        return sender(subscription, clock);
    }

    /** The sender for a subscription's destination, as the dispatcher (and a dead-letter replay) delivers with it. */
    public static AlertSender sender(Subscription subscription, Clock clock) {
        Destination destination = subscription.destination();
        if (destination instanceof Destination.Webhook webhook) {
            return new WebhookSender(subscription, webhook, clock);
        }
        if (destination instanceof Destination.Syslog syslog) {
            return new SyslogSender(subscription, syslog);
        }
        return new LogSender(subscription);
    }

    private List<Map<String, Object>> subscriptionsView() {
        List<Map<String, Object>> view = new ArrayList<>();
        for (SubscriptionWorker worker : workers) {
            Subscription s = worker.subscription();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", s.id());
            entry.put("party", s.party().value());
            entry.put("destination", s.destination().describe());
            entry.put("filter", s.filter().describe());
            entry.put("maxAge", s.policy().maxAge().toString());
            if (s.policy().maxAttempts() != org.caspianhub.consumers.subscription.DeliveryPolicy.NO_ATTEMPT_LIMIT) {
                entry.put("maxAttempts", s.policy().maxAttempts());
            }
            entry.put("maxInFlight", s.policy().maxInFlight());
            entry.put("state", worker.state().name());
            entry.put("stalled", worker.stalled());
            entry.put("deadLettering", worker.deadLettering());
            entry.put("inFlight", worker.inFlight());
            worker.lastFinishedAt().ifPresent(at -> entry.put("lastFinishedAt", at.toString()));
            worker.lastDeadLetteredAt().ifPresent(at -> entry.put("lastDeadLetteredAt", at.toString()));
            worker.lastError().ifPresent(e -> entry.put("lastError", e));
            view.add(entry);
        }
        return view;
    }

    /** The port /health and /metrics listen on (the configured one, or the one picked for 0). */
    public int port() {
        return web == null ? settings.port() : web.port();
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = started && web != null;
        for (SubscriptionWorker worker : workers) {
            // a stalled subscription is shown, but keeps the service UP: restarting the dispatcher cannot
            // make a receiver read, and would re-deliver every other subscription's uncommitted alerts
            boolean running = worker.state() == SubscriptionWorker.State.RUNNING;
            details.put(worker.subscription().id(), !running ? worker.state().name()
                    : worker.stalled() ? "STALLED" : worker.deadLettering() ? "DEAD_LETTERING" : worker.state().name());
            up &= running || worker.state() == SubscriptionWorker.State.STARTING;
        }
        return up ? Health.up(details) : Health.down(details);
    }

    @Override
    public List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        endpoints.add("dispatcher       http://" + urlHost(settings.host()) + ":" + port() + "/health, /metrics, /subscriptions");
        for (Subscription s : settings.subscriptions()) {
            endpoints.add("  subscription   " + s.describe());
        }
        return endpoints;
    }

    @Override
    public synchronized void close() {
        // workers first: each commits what it finished before the dead-letter producer goes away
        workers.parallelStream().forEach(SubscriptionWorker::close);
        workers.clear();
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        if (web != null) {
            web.stop();
            web = null;
        }
        started = false;
    }

    /** How a URL names the bind address: this machine for a wildcard, brackets for an IPv6 literal. */
    private static String urlHost(String bindHost) {
        if (bindHost == null || bindHost.isBlank() || bindHost.equals("0.0.0.0") || bindHost.equals("::")) {
            return "localhost";
        }
        return bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    }

    public static void main(String[] args) {
        AlertDispatcherService service = new AlertDispatcherService(DispatcherSettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "dispatcher-shutdown"));
        service.start();
        service.endpoints().forEach(LOG::info);
    }
}
