package org.caspianhub.streams.topology;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.caspianhub.streams.PipelineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Kafka Streams does with a record it cannot read or write, outside the processors' own
 * handling. Party input is read as bytes and never fails here; this covers the topology's
 * internal topics and its sinks. A broken record is logged, counted and skipped (no poison pill
 * stops a stream thread); an unreachable schema registry fails the task instead, so the
 * transaction aborts and nothing is skipped because of an outage.
 */
public final class RecordErrorHandlers {

    /** Config key under which the service passes its {@link PipelineMetrics} to the handlers. */
    public static final String METRICS_CONFIG = "caspian.pipeline.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(RecordErrorHandlers.class);

    private RecordErrorHandlers() {
    }

    private static PipelineMetrics metricsFrom(Map<String, ?> configs) {
        Object metrics = configs.get(METRICS_CONFIG);
        return metrics instanceof PipelineMetrics m ? m : null;
    }

    /** For internal topics: skip a record that is not what the topology wrote, unless the registry is down. */
    public static final class SkipUnreadable implements DeserializationExceptionHandler {
        private PipelineMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = metricsFrom(configs);
        }

        @Override
        public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                     Exception exception) {
            if (RecordFailures.isTransient(exception)) {
                LOG.warn("schema registry unavailable while reading {}-{}@{}: retrying after a restart of the task",
                        record.topic(), record.partition(), record.offset());
                return DeserializationHandlerResponse.FAIL;
            }
            LOG.error("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    exception.toString());
            if (metrics != null) {
                metrics.processingError("deserialize");
            }
            return DeserializationHandlerResponse.CONTINUE;
        }
    }

    /** For sinks: a record that cannot be serialized (a bug) or is too large is logged and skipped; the rest fail. */
    public static final class SkipUnwritable implements ProductionExceptionHandler {
        private PipelineMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = metricsFrom(configs);
        }

        @Override
        public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                         Exception exception) {
            if (exception instanceof RecordTooLargeException) {
                LOG.error("skipping a record for {} that is too large: {}", record.topic(), exception.getMessage());
                count();
                return ProductionExceptionHandlerResponse.CONTINUE;
            }
            return ProductionExceptionHandlerResponse.FAIL;
        }

        @Override
        @SuppressWarnings("rawtypes") // the interface's own signature
        public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                                ProducerRecord record,
                                                                                Exception exception,
                                                                                SerializationExceptionOrigin origin) {
            if (RecordFailures.isTransient(exception)) {
                return ProductionExceptionHandlerResponse.FAIL;
            }
            LOG.error("skipping a record for {} that cannot be serialized", record.topic(), exception);
            count();
            return ProductionExceptionHandlerResponse.CONTINUE;
        }

        private void count() {
            if (metrics != null) {
                metrics.processingError("produce");
            }
        }
    }
}
