package org.caspianhub.producers.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;

/** The gateway's read model, configured once through the declarations in {@link #ALL}. */
public record KnowledgeSettings(Path directory, long memoryBytes, int historyLimit, int maxLookups, int searchBudget) {

    public static final Setting<Optional<Path>> DIR = Setting.optionalPath("CASPIAN_GATEWAY_KNOWLEDGE_DIR",
            "one RocksDB store per party (a subdirectory named after it), rebuildable from the alert topics")
            .defaultFrom(settings -> Optional.empty(), "<CASPIAN_GATEWAY_STATE_DIR>/knowledge");
    public static final Setting<Long> MEMORY = Setting.longValue("CASPIAN_GATEWAY_KNOWLEDGE_MEMORY", 64L << 20,
            "RocksDB block cache and memtables together, shared evenly by the parties' stores (64 MiB)").atLeast(4L << 20);
    public static final Setting<Integer> HISTORY = Setting.integer("CASPIAN_GATEWAY_KNOWLEDGE_HISTORY", 50,
            "alerts (and relations) kept per party and indicator").atLeast(1);
    public static final Setting<Integer> MAX_LOOKUPS = Setting.integer("CASPIAN_GATEWAY_MAX_LOOKUPS", 10_000,
            "values in one POST /api/v1/lookups").atLeast(1);
    public static final Setting<Integer> SEARCH_BUDGET = Setting.integer("CASPIAN_GATEWAY_SEARCH_BUDGET", 20_000,
            "candidates examined for one search page").atLeast(100);

    public static final List<Setting<?>> ALL = List.of(DIR, MEMORY, HISTORY, MAX_LOOKUPS, SEARCH_BUDGET);

    public static KnowledgeSettings from(Settings settings, Path gatewayStateDir) {
        return new KnowledgeSettings(
                DIR.read(settings).orElse(gatewayStateDir.resolve("knowledge")),
                MEMORY.read(settings),
                HISTORY.read(settings),
                MAX_LOOKUPS.read(settings),
                SEARCH_BUDGET.read(settings));
    }
}
