package io.slaflow.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.infra.stack.KafkaBroker;
import io.slaflow.infra.stack.StackLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's view of the job's progress against a real broker: a consumer group standing for the job commits
 * offsets as Flink's Kafka source does at a checkpoint, and the probe reads the events behind and the event time
 * of the last committed event — without moving the group's offsets itself.
 */
class JobProgressIT {
    private static final String TOPIC = "ticket-events";
    private static final String GROUP = "slaflow-demo";

    @TempDir
    Path dir;

    private static String event(int i) {
        String at =
                Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofHours(i)).toString();
        return "{\"eventId\":\"e" + i + "\",\"ticketId\":\"T" + i
                + "\",\"clientId\":\"acme\",\"type\":\"CREATED\",\"occurredAt\":\"" + at + "\"}";
    }

    @Test
    void eventsBehindAndEventTimeComeFromTheJobsCommittedOffsets() throws Exception {
        try (KafkaBroker broker = new KafkaBroker(StackLocation.withState(dir), line -> {}).start()) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
                        .all()
                        .get();
            }
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 100; i++)
                    producer.send(new ProducerRecord<>(TOPIC, "T" + i, i == 59 ? "{not json" : event(i)));
                producer.flush();
            }
            try (JobProgress progress = new JobProgress(bootstrap, GROUP, TOPIC)) {
                assertThat(progress.read()).as("no checkpoint yet").isEqualTo(JobProgress.Snapshot.NOTHING_YET);

                commit(bootstrap, 40); // the job checkpointed the first 40 events
                JobProgress.Snapshot at40 = progress.read();
                assertThat(at40.eventsBehind()).isEqualTo(60);
                assertThat(Instant.ofEpochMilli(at40.eventTime()))
                        .isEqualTo(Instant.parse("2026-11-02T15:00:00Z")); // event 39

                commit(bootstrap, 60); // the last committed record is malformed: the time read before stays
                assertThat(progress.read()).isEqualTo(new JobProgress.Snapshot(40, at40.eventTime()));

                commit(bootstrap, 100);
                JobProgress.Snapshot done = progress.read();
                assertThat(done.eventsBehind()).isZero();
                assertThat(Instant.ofEpochMilli(done.eventTime()))
                        .isEqualTo(Instant.parse("2026-11-05T03:00:00Z")); // event 99
                assertThat(DemoPhase.of(true, done.eventTime(), done)).isEqualTo(DemoPhase.LIVE);
            }
            assertThat(committedOffset(bootstrap))
                    .as("the probe never moves the job's offsets")
                    .isEqualTo(100);
        }
    }

    private static KafkaConsumer<String, String> groupMember(String bootstrap) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }

    /** As Flink's source does on a completed checkpoint: commits without being a subscribed member. */
    private static void commit(String bootstrap, long offset) {
        try (KafkaConsumer<String, String> c = groupMember(bootstrap)) {
            c.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(offset)));
        }
    }

    private static long committedOffset(String bootstrap) {
        try (KafkaConsumer<String, String> c = groupMember(bootstrap)) {
            return c.committed(java.util.Set.of(new TopicPartition(TOPIC, 0)))
                    .get(new TopicPartition(TOPIC, 0))
                    .offset();
        }
    }
}
