package org.caspianhub.producers.status;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How long each topic keeps its records, read from the broker (an operator may have changed
 * what the hub provisioned). A topic kept forever ({@code retention.ms=-1}) has no entry.
 */
final class TopicRetention {

    private TopicRetention() {
    }

    static Map<String, Duration> read(Map<String, Object> clientProperties, Collection<String> topics) {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        try (Admin admin = Admin.create(clientProperties)) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            Map<String, Duration> retention = new HashMap<>();
            configs.forEach((resource, config) -> retentionOf(config).ifPresent(r -> retention.put(resource.name(), r)));
            return retention;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the retention of " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topic retention", e);
        }
    }

    private static Optional<Duration> retentionOf(Config config) {
        ConfigEntry entry = config.get(TopicConfig.RETENTION_MS_CONFIG);
        if (entry == null || entry.value() == null) {
            return Optional.empty();
        }
        long millis = Long.parseLong(entry.value());
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }
}
