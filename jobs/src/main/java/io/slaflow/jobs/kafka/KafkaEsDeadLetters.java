package io.slaflow.jobs.kafka;

import io.slaflow.es.EsDeadLetterHandler;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.DeadLetterJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Documents Elasticsearch refused for good ({@code ES_REJECTED}) go to the job's dead-letter topic like every other
 * bad record, keyed by the dead letter's id. At-least-once: {@link #flush()} runs on every checkpoint of the
 * Elasticsearch sink and returns only when Kafka acknowledged every dead letter so far (a failed send fails the
 * checkpoint, and the restarted job writes the documents, and so the dead letters, again). A repeat carries the
 * same deterministic id, which is how a consumer of the topic recognises it.
 */
public final class KafkaEsDeadLetters implements EsDeadLetterHandler {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final Properties kafka;
    private final String topic;
    private transient KafkaProducer<byte[], byte[]> producer;
    private transient AtomicReference<Exception> failure;

    /** @param kafka the job's Kafka client settings (TLS, SASL...): dead letters travel like the job's other outputs */
    public KafkaEsDeadLetters(String bootstrapServers, Properties kafka, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.kafka = new Properties();
        this.kafka.putAll(kafka);
        this.topic = topic;
    }

    @Override
    public void open(int subtask) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "slaflow-es-dead-letters-" + subtask);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer = new KafkaProducer<>(p);
        failure = new AtomicReference<>();
    }

    @Override
    public void accept(DeadLetter deadLetter) throws IOException {
        rethrowFailure();
        producer.send(
                new ProducerRecord<>(
                        topic,
                        deadLetter.id().getBytes(StandardCharsets.UTF_8),
                        DeadLetterJson.toJsonBytes(deadLetter)),
                (metadata, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                });
    }

    @Override
    public void flush() throws IOException {
        if (producer != null) {
            producer.flush();
            rethrowFailure();
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private void rethrowFailure() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException(
                    "a refused Elasticsearch document could not be written to the dead-letter topic '" + topic + "' ("
                            + e.getMessage() + "); the job restarts from its last checkpoint and writes it again",
                    e);
        }
    }

    @Override
    public String toString() {
        return "dead letters to Kafka topic " + topic; // never the client settings: they may hold credentials
    }
}
