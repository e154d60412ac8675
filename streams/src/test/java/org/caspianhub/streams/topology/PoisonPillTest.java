package org.caspianhub.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.submission;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.avro.Tlp;
import org.caspianhub.registry.client.SchemaRegistryException;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.Test;

/** No record, on any topic the topology reads, stops it; an unreachable registry is not mistaken for a bad record. */
class PoisonPillTest {

    @Test
    void garbageOnAnInternalTopicIsSkippedAndCountedAndTheNextRecordIsProcessed() {
        try (HubDriver hub = new HubDriver()) {
            hub.driver.createInputTopic(hub.settings.applicationId() + "-indicator-events-repartition",
                            new StringSerializer(), new ByteArraySerializer())
                    .pipeInput("domain:x.net", "definitely not avro".getBytes(StandardCharsets.UTF_8), HubDriver.T0);
            hub.submit("ir", submission("after-the-pill.net", Tlp.GREEN));

            assertThat(hub.alerts("ir")).hasSize(1);
            assertThat(hub.metrics.count("caspian.processing.errors", "stage", "deserialize")).isEqualTo(1);
        }
    }

    @Test
    void aRegistryOutageIsTransientButAnUnknownSchemaIdIsTheRecordsFault() {
        SerializationException down = new SerializationException("cannot provide schema",
                new SchemaRegistryException("schema registry at http://localhost:1 unreachable", new java.io.IOException()));
        SerializationException failing = new SerializationException("x", new SchemaRegistryException(503, 50001, "store error"));
        SerializationException unknownId = new SerializationException("x", new SchemaRegistryException(404, 40403, "not found"));

        assertThat(RecordFailures.isTransient(down)).isTrue();
        assertThat(RecordFailures.isTransient(failing)).isTrue();
        assertThat(RecordFailures.isTransient(unknownId)).isFalse();
        assertThat(RecordFailures.isTransient(new SerializationException("not avro"))).isFalse();
    }
}
