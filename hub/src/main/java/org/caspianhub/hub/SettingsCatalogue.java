package org.caspianhub.hub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caspianhub.consumers.dispatch.DispatcherSettings;
import org.caspianhub.consumers.taxii.TaxiiSettings;
import org.caspianhub.embedded.BrokerSettings;
import org.caspianhub.producers.cli.CliSettings;
import org.caspianhub.producers.feeds.FeedPollerSettings;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.producers.inbox.AlertStreamSettings;
import org.caspianhub.producers.knowledge.KnowledgeSettings;
import org.caspianhub.registry.server.RegistrySettings;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.auth.ApiKeySource;
import org.caspianhub.streams.StreamsSettings;

/**
 * Every setting the hub's services and CLI read, by where it applies: each group is the
 * declarations of one settings class (or two or three that one service reads together). What
 * {@code caspian-hub settings} prints, and what the docs' settings tables are checked against.
 */
final class SettingsCatalogue {

    private SettingsCatalogue() {
    }

    /** Group name to its settings, in the order the README presents them. */
    static Map<String, List<Setting<?>>> groups() {
        Map<String, List<Setting<?>>> groups = new LinkedHashMap<>();
        groups.put("platform", PlatformSettings.ALL);
        groups.put("api-keys", ApiKeySource.ALL);
        groups.put("broker", BrokerSettings.ALL);
        groups.put("registry", RegistrySettings.ALL);
        groups.put("streams", StreamsSettings.ALL);
        groups.put("gateway", concat(GatewaySettings.ALL, KnowledgeSettings.ALL, AlertStreamSettings.ALL));
        groups.put("feeds", FeedPollerSettings.ALL);
        groups.put("dispatcher", DispatcherSettings.ALL);
        groups.put("taxii", TaxiiSettings.ALL);
        groups.put("cli", CliSettings.ALL);
        return groups;
    }

    /** Every declared setting, once each. */
    static List<Setting<?>> all() {
        return groups().values().stream().flatMap(List::stream).toList();
    }

    /** A group's settings as a Markdown table: setting, default, allowed values, meaning. */
    static List<String> markdown(List<Setting<?>> settings) {
        List<String> lines = new ArrayList<>();
        lines.add("| setting | default | allowed | meaning |");
        lines.add("|---|---|---|---|");
        for (Setting<?> setting : settings) {
            lines.add("| `" + setting.name() + "` | `" + setting.defaultText() + "` | " + cell(setting.allowedValues())
                    + " | " + cell(setting.description()) + " |");
        }
        return lines;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    @SafeVarargs
    private static List<Setting<?>> concat(List<Setting<?>>... lists) {
        List<Setting<?>> all = new ArrayList<>();
        for (List<Setting<?>> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
