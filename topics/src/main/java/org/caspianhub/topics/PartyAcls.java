package org.caspianhub.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;

/**
 * The Kafka ACLs that let a party's own clients use the hub directly, and nothing more: principal
 * {@code User:<party>} may do with its own per-party topics what the {@link TopicCatalogue} entry's
 * {@link PartyAccess} says (write {@code cti.<party>.submissions} and {@code .sightings}, read
 * {@code cti.<party>.alerts} and {@code .rejected}), in consumer groups named {@code <party>.*}.
 * Everything else (other parties' topics, the hub's internal topics) is denied by the broker's
 * authorizer, since no ACL grants it. Creating an ACL that exists is a no-op, so re-running is
 * harmless.
 */
public final class PartyAcls {

    private PartyAcls() {
    }

    public static String principal(PartyId party) {
        return "User:" + party.value();
    }

    public static List<AclBinding> bindingsFor(Parties parties) {
        List<AclBinding> bindings = new ArrayList<>();
        for (PartyId party : parties.all()) {
            String principal = principal(party);
            for (PartyTopic<?> entry : TopicCatalogue.PER_PARTY) {
                AclOperation operation = switch (entry.access()) {
                    case WRITE -> AclOperation.WRITE;
                    case READ -> AclOperation.READ;
                    case NONE -> null;
                };
                if (operation != null) {
                    String topic = entry.name(party);
                    bindings.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
                    bindings.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
                }
            }
            bindings.add(allow(principal, ResourceType.GROUP, party.value() + ".", PatternType.PREFIXED, AclOperation.READ));
        }
        return bindings;
    }

    /** Creates the bindings for every party; returns how many it asked for. */
    public static int apply(Admin admin, Parties parties) {
        List<AclBinding> bindings = bindingsFor(parties);
        try {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the parties' ACLs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the parties' ACLs", e);
        }
        return bindings.size();
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
