package io.slaflow.jobs.ticketing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a topic holds, as a read_committed consumer sees it now; and whether a consumer group has done all of it. */
final class CommittedTopic {
    private CommittedTopic() {}

    /** Every committed record of {@code topic} up to its end as of this call (a read to the end, not a timed one). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        return readFrom(bootstrap, List.of(topic), tp -> 0L);
    }

    /**
     * True when {@code group} has committed past every record of {@code topics}: nothing is left for it to do. (Compared
     * by reading what lies after its committed offsets: with transactional producers a partition's end offset also
     * counts the commit markers, which a consumer never commits past.)
     */
    static boolean drained(String bootstrap, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
        }
        return readFrom(
                        bootstrap,
                        topics,
                        tp -> committed.containsKey(tp) ? committed.get(tp).offset() : 0L)
                .isEmpty();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readFrom(
            String bootstrap, List<String> topics, Function<TopicPartition, Long> start) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                c.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            c.assign(partitions);
            partitions.forEach(tp -> c.seek(tp, start.apply(tp)));
            // read_committed: the end is the last stable offset, so a transaction still open is not waited for
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topics + " to the end");
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
