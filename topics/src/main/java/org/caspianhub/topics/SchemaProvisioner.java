package org.caspianhub.topics;

import java.util.ArrayList;
import java.util.List;
import org.caspianhub.registry.client.SchemaRegistry;
import org.caspianhub.serde.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the value schema of every hub topic under its subject ({@code <topic>-value}) and
 * sets those subjects to FULL_TRANSITIVE compatibility: partner SOCs read their alert topics with
 * whatever schema version they built against, so a change must stay readable both ways, against
 * every earlier version. Re-running it registers nothing new and changes nothing.
 */
public final class SchemaProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaProvisioner.class);
    public static final String HUB_COMPATIBILITY = "FULL_TRANSITIVE";

    /** The subject and id of each registered schema. */
    public record Registered(String subject, int id) {
    }

    private final SchemaRegistry registry;

    public SchemaProvisioner(SchemaRegistry registry) {
        this.registry = registry;
    }

    public List<Registered> provision(List<TopicSpec> specs) {
        List<Registered> registered = new ArrayList<>();
        for (TopicSpec spec : specs) {
            spec.valueSchema().ifPresent(schema -> {
                String subject = WireFormat.subject(spec.name(), false);
                if (!HUB_COMPATIBILITY.equals(registry.compatibility(subject))) {
                    registry.setCompatibility(subject, HUB_COMPATIBILITY);
                }
                registered.add(new Registered(subject, registry.register(subject, schema)));
            });
        }
        LOG.info("schemas: {} subjects registered with {} compatibility", registered.size(), HUB_COMPATIBILITY);
        return registered;
    }
}
