package org.caspianhub.producers.knowledge;

import java.nio.file.Path;
import org.caspianhub.runtime.Settings;

/**
 * The gateway's read model, configured once:
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_GATEWAY_KNOWLEDGE_DIR</td><td>&lt;CASPIAN_GATEWAY_STATE_DIR&gt;/knowledge: one RocksDB store per party (a subdirectory named after it), rebuildable from
 *     the alert topics</td></tr>
 * <tr><td>CASPIAN_GATEWAY_KNOWLEDGE_MEMORY</td><td>67108864 (64 MiB): RocksDB block cache and memtables together, shared evenly by the parties' stores</td></tr>
 * <tr><td>CASPIAN_GATEWAY_KNOWLEDGE_HISTORY</td><td>50: alerts (and relations) kept per party and indicator</td></tr>
 * <tr><td>CASPIAN_GATEWAY_MAX_LOOKUPS</td><td>10000 values in one {@code POST /api/v1/lookups}</td></tr>
 * <tr><td>CASPIAN_GATEWAY_SEARCH_BUDGET</td><td>20000 candidates examined for one search page</td></tr>
 * </table>
 */
public record KnowledgeSettings(Path directory, long memoryBytes, int historyLimit, int maxLookups, int searchBudget) {

    public static KnowledgeSettings from(Settings settings, Path gatewayStateDir) {
        return new KnowledgeSettings(
                settings.optional("CASPIAN_GATEWAY_KNOWLEDGE_DIR").map(Path::of).orElse(gatewayStateDir.resolve("knowledge")),
                atLeast("CASPIAN_GATEWAY_KNOWLEDGE_MEMORY", settings.longValue("CASPIAN_GATEWAY_KNOWLEDGE_MEMORY", 64L << 20), 4L << 20),
                (int) atLeast("CASPIAN_GATEWAY_KNOWLEDGE_HISTORY", settings.integer("CASPIAN_GATEWAY_KNOWLEDGE_HISTORY", 50), 1),
                (int) atLeast("CASPIAN_GATEWAY_MAX_LOOKUPS", settings.integer("CASPIAN_GATEWAY_MAX_LOOKUPS", 10_000), 1),
                (int) atLeast("CASPIAN_GATEWAY_SEARCH_BUDGET", settings.integer("CASPIAN_GATEWAY_SEARCH_BUDGET", 20_000), 100));
    }

    private static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("setting " + name + " must be at least " + min + ", got " + value);
        }
        return value;
    }
}
