package io.slaflow.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an output record as JSON to one topic, keyed as the contract says (ticketId; chains by clientId). */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** Serializable functions: a sink's serializer travels with the job graph. */
    public interface Part<T, R> extends Function, java.io.Serializable {
        R of(T t);
    }

    private final String topic;
    private final Part<T, String> key;
    private final Part<T, byte[]> value;

    public JsonRecordSerializer(String topic, Part<T, String> key, Part<T, byte[]> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.of(element);
        // No record timestamp: the producer stamps the publish time. Event time is in the payload (firedAt), and an
        // event-time stamp on a replayed history would let time-based retention delete it at once.
        return new ProducerRecord<>(
                topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8), value.of(element));
    }
}
