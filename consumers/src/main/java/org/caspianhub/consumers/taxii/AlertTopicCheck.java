package org.caspianhub.consumers.taxii;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.caspianhub.parties.PartyId;
import org.caspianhub.topics.HubTopics;

/**
 * What the collections rely on in the alert topics they are served from, checked at start-up
 * (topics created before this server's design keep their old configuration):
 * <ul>
 * <li>records kept at least CASPIAN_TAXII_RETENTION: a collection cannot hold an object longer
 * than its alert stays on the topic;</li>
 * <li>the broker's append time as record timestamp ({@code message.timestamp.type=LogAppendTime}):
 * date_added then follows the log, the same on every replica and rebuild. With producers' own
 * timestamps the collections stay correct (nothing is served out of order), but dates become
 * the time this server read each alert.</li>
 * </ul>
 */
final class AlertTopicCheck {

    private AlertTopicCheck() {
    }

    /** What an operator should fix, one sentence each; empty when every alert topic fits. */
    static List<String> warnings(Map<String, Object> clientProperties, List<PartyId> parties, Duration retention) {
        List<String> warnings = new ArrayList<>();
        List<ConfigResource> topics = parties.stream().map(p -> new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.alerts(p))).toList();
        try (Admin admin = Admin.create(clientProperties)) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS);
            configs.forEach((topic, config) -> {
                long kept = value(config, "retention.ms");
                if (kept >= 0 && kept < retention.toMillis()) {
                    warnings.add(topic.name() + " keeps records " + Duration.ofMillis(kept).toDays() + " days, less than "
                            + "CASPIAN_TAXII_RETENTION (" + retention.toDays() + " days): its collection loses objects then. "
                            + "Raise the topic's retention.ms or lower CASPIAN_TAXII_RETENTION");
                }
                ConfigEntry timestamps = config.get("message.timestamp.type");
                if (timestamps == null || !"LogAppendTime".equals(timestamps.value())) {
                    warnings.add(topic.name() + " has message.timestamp.type=" + (timestamps == null ? "?" : timestamps.value())
                            + ": date_added becomes the time this server reads each alert, different on every replica and "
                            + "rebuild. Set it to LogAppendTime (kafka-configs --alter --add-config message.timestamp.type=LogAppendTime)");
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            warnings.add("cannot read the alert topics' configuration (" + e.getMessage() + "); not checked");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return warnings;
    }

    private static long value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        try {
            return entry == null ? -1 : Long.parseLong(entry.value());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
