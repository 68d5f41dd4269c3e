package io.slaflow.jobs.kafka;

import io.slaflow.enforce.PolicyVersion;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record of the compacted {@code sla-policies} topic: the value is the policy YAML; the version id is read from
 * it by the enforcer (which also validates it). Tickets created from the {@code effective-from} header (ISO-8601)
 * get the version, or from the record's timestamp when the header is absent. A tombstone (null value) is skipped:
 * versions pinned by open tickets must not disappear.
 */
public final class PolicyRecordDeserializer implements KafkaRecordDeserializationSchema<PolicyVersion> {
    private static final long serialVersionUID = 1L;
    public static final String EFFECTIVE_FROM_HEADER = "effective-from";

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PolicyVersion> out) {
        if (record.value() == null) {
            return;
        }
        long effectiveFrom = record.timestamp();
        Header h = record.headers().lastHeader(EFFECTIVE_FROM_HEADER);
        String source = record.topic() + "@" + record.partition() + ":" + record.offset();
        if (h != null) {
            String text = new String(h.value(), StandardCharsets.UTF_8);
            try {
                effectiveFrom = OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                source += " (ignored effective-from '" + text + "': not ISO-8601 with offset; used the record time)";
            }
        }
        out.collect(new PolicyVersion(null, new String(record.value(), StandardCharsets.UTF_8), source, effectiveFrom));
    }

    @Override
    public TypeInformation<PolicyVersion> getProducedType() {
        return TypeInformation.of(PolicyVersion.class);
    }
}
