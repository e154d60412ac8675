package org.caspianhub.streams.topology;

import org.caspianhub.avro.streams.CorrelationState;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.ReferenceMember;
import org.caspianhub.avro.streams.ReferenceMemberState;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.serde.AvroSerde;

/**
 * Serdes of the topology's own records (repartition topics and store changelogs). They use the
 * schema registry and the Confluent wire format like every hub topic, so a store written by one
 * version of the topology is read by the next through schema resolution. They always register
 * their schemas: these subjects belong to the topology, not to a deployment step.
 */
public record InternalSerdes(
        AvroSerde<IndicatorEvent> events,
        AvroSerde<IndicatorState> states,
        AvroSerde<CorrelationState> correlationStates,
        AvroSerde<ReferenceMember> referenceMembers,
        AvroSerde<ReferenceMemberState> referenceMemberStates) {

    public static InternalSerdes using(CachingSchemaRegistry registry) {
        return new InternalSerdes(
                AvroSerde.forValues(IndicatorEvent.class, registry, true),
                AvroSerde.forValues(IndicatorState.class, registry, true),
                AvroSerde.forValues(CorrelationState.class, registry, true),
                AvroSerde.forValues(ReferenceMember.class, registry, true),
                AvroSerde.forValues(ReferenceMemberState.class, registry, true));
    }
}
