package io.slaflow.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How far the job has got with its input, as the job itself says it: the offsets its Kafka source commits for its
 * consumer group at every completed checkpoint, against the end of {@code ticket-events}. The events behind are the
 * difference; the job's event time is the {@code occurredAt} of the last event it committed on each partition (the
 * slowest partition that still has events to read, else the newest). Without this the demo showed "history 100 %"
 * and "LIVE" from what had been sent, while the job was still minutes behind.
 */
final class JobProgress implements AutoCloseable {
    /** Nothing committed yet (the job has not completed a checkpoint with input). */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** @param eventTime the job's event time (epoch ms) as of its last checkpoint, or {@link #UNKNOWN} */
    record Snapshot(long eventsBehind, long eventTime) {
        static final Snapshot NOTHING_YET = new Snapshot(0, UNKNOWN);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Admin admin;
    private final KafkaConsumer<String, String> reader;
    private final String groupId;
    private final String topic;
    /** The last event time read per partition, kept when the record at a new position is not a valid event. */
    private final Map<TopicPartition, Long> lastEventTime = new HashMap<>();

    JobProgress(String bootstrapServers, String groupId, String topic) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                "10000"));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"); // no group: it only looks, it never moves the job's offsets
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        this.reader = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.groupId = groupId;
        this.topic = topic;
    }

    /** The job's position now; {@link Snapshot#NOTHING_YET} until it has committed offsets. */
    Snapshot read() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS)
                .forEach((tp, o) -> {
                    if (tp.topic().equals(topic) && o != null) committed.put(tp, o);
                });
        if (committed.isEmpty()) {
            return Snapshot.NOTHING_YET;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition tp : partitions()) latest.put(tp, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);

        long behind = 0;
        long slowestWithLag = Long.MAX_VALUE;
        long newest = UNKNOWN;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            long position = at == null ? 0 : at.offset();
            long lag = Math.max(0, end.getValue().offset() - position);
            behind += lag;
            Long time = position > 0 ? eventTimeBefore(end.getKey(), position) : null;
            if (time == null) continue;
            newest = Math.max(newest, time);
            if (lag > 0) slowestWithLag = Math.min(slowestWithLag, time);
        }
        return new Snapshot(behind, slowestWithLag != Long.MAX_VALUE ? slowestWithLag : newest);
    }

    private List<TopicPartition> partitions() {
        return reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** The event time of the record just before {@code position} (the last one the job committed). */
    private Long eventTimeBefore(TopicPartition tp, long position) {
        reader.assign(List.of(tp));
        reader.seek(tp, position - 1);
        for (ConsumerRecord<String, String> r : reader.poll(Duration.ofSeconds(2))) {
            Long t = occurredAt(r.value());
            if (t != null) lastEventTime.put(tp, t);
            break;
        }
        return lastEventTime.get(tp);
    }

    /** The generated workload includes malformed records on purpose; those have no time to show. */
    private static Long occurredAt(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return n == null || !n.path("occurredAt").isTextual()
                    ? null
                    : OffsetDateTime.parse(n.get("occurredAt").asText())
                            .toInstant()
                            .toEpochMilli();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        reader.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
