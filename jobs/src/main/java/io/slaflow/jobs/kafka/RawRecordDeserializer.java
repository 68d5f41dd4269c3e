package io.slaflow.jobs.kafka;

import io.slaflow.ingest.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Passes each {@code ticket-events} record on untouched with its position: parsing happens in the job, never here. */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        // the timestamp dates a dead letter of this record (its sla-dead-letters month): stored with the record, so the
        // same on every re-read, where the wall clock at parsing is not
        out.collect(RawRecord.fromKafka(
                record.value(), record.topic(), record.partition(), record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
