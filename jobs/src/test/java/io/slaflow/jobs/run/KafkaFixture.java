package io.slaflow.jobs.run;

import io.slaflow.infra.stack.KafkaBroker;
import io.slaflow.infra.stack.StackLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real Kafka broker (KRaft, its own JVM, from the Maven Central jars) for the job's integration tests. */
final class KafkaFixture implements AutoCloseable {
    final KafkaBroker broker;

    KafkaFixture(Path stateDir) {
        broker = new KafkaBroker(StackLocation.withState(stateDir), line -> System.out.println("[kafka] " + line))
                .start();
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    void createTopics(RunOptions.Topics topics, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<NewTopic> all = new ArrayList<>(List.of(
                    new NewTopic(topics.events(), partitions, (short) 1),
                    new NewTopic(topics.policies(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(topics.breaches(), partitions, (short) 1),
                    new NewTopic(topics.escalations(), partitions, (short) 1),
                    new NewTopic(topics.deadLetters(), partitions, (short) 1),
                    new NewTopic(topics.chains(), partitions, (short) 1)));
            if (topics.routing() != null) all.add(new NewTopic(topics.routing(), partitions, (short) 1));
            admin.createTopics(all).all().get();
        }
    }

    /** Plain topics (for runs that share their input topics and write their own outputs). */
    void createTopics(List<String> names, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(names.stream()
                            .map(n -> new NewTopic(n, partitions, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
    }

    void produce(String topic, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        // asynchronous sends keep their order (the idempotent producer is the default) and take seconds, not minutes
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(producer.send(r));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) f.get();
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(
                topic,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code topic} with read_committed until {@code done} holds for what was read, or the timeout passes. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String topic, Duration timeout, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties p = readCommittedConsumer("it-reader-" + topic);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline && !done.test(out)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Every committed record of {@code topic} as of now: read_committed from the beginning up to the end offsets
     * fetched when the read starts (for a read_committed consumer, the last stable offset). Exact, with no fixed wait,
     * once whatever wrote the topic is done and Kafka acknowledged its writes (a finished job whose sink flushed with
     * acks=all, say): nothing later can appear, and nothing before the end offsets is missed. Fails after 60 s with
     * each partition's position beside its end offset, and the topic's {@link #visibility}.
     */
    List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic) {
        Duration bound = Duration.ofSeconds(60);
        long deadline = System.nanoTime() + bound.toNanos();
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommittedConsumer("it-all-" + topic))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, bound).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            if (partitions.isEmpty()) throw new AssertionError("topic " + topic + " has no partitions");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, bound);
            while (true) {
                StringBuilder behind = new StringBuilder();
                for (TopicPartition tp : partitions) {
                    long at = consumer.position(tp, bound);
                    if (at < ends.get(tp)) {
                        behind.append(String.format(
                                " [p%d: position %d of end offset %d]", tp.partition(), at, ends.get(tp)));
                    }
                }
                if (behind.isEmpty()) return out;
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("reading " + topic + " to its end offsets took over " + bound + ":"
                            + behind + "; " + visibility(topic));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
    }

    /**
     * Why a read_committed reader may see less than was written: per partition of {@code topic}, the last stable
     * offset beside the high watermark, and the producers with a transaction open there (and since which offset). An
     * open transaction pins the last stable offset, and every committed record after it stays invisible until the
     * transaction ends: a test that misses records prints this to tell a lost record from a hidden one.
     */
    String visibility(String topic) {
        StringBuilder out = new StringBuilder(topic).append(':');
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<TopicPartition> partitions =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get();
            var high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all()
                    .get();
            var producers = admin.describeProducers(partitions).all().get();
            for (TopicPartition tp : partitions) {
                out.append(String.format(
                        " [p%d: last stable offset %d, high watermark %d",
                        tp.partition(), stable.get(tp).offset(), high.get(tp).offset()));
                for (ProducerState s : producers.get(tp).activeProducers()) {
                    if (s.currentTransactionStartOffset().isPresent()) {
                        out.append(String.format(
                                "; producer %d (epoch %d) has a transaction open since offset %d",
                                s.producerId(),
                                s.producerEpoch(),
                                s.currentTransactionStartOffset().getAsLong()));
                    }
                }
                out.append(']');
            }
            for (TransactionListing t : admin.listTransactions().all().get()) {
                if (t.state() != TransactionState.COMPLETE_COMMIT
                        && t.state() != TransactionState.COMPLETE_ABORT
                        && t.state() != TransactionState.EMPTY) {
                    out.append(String.format(
                            " {transaction %s, producer %d: %s}", t.transactionalId(), t.producerId(), t.state()));
                }
            }
        } catch (Exception e) {
            out.append(" (not known: ").append(e).append(')');
        }
        return out.toString();
    }

    /**
     * Until consumer group {@code group} has committed the end of every partition of {@code topic}: the job's Kafka
     * source commits its offsets when a checkpoint completes, so everything now in the topic has been read and is in
     * a completed checkpoint. (A partition the job never read a record from has no committed offset: it counts as
     * caught up while it is empty.)
     */
    void awaitCommitted(String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<TopicPartition> partitions =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            JobWatch.await(
                    () -> {
                        try {
                            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                                    admin.listConsumerGroupOffsets(group)
                                            .partitionsToOffsetAndMetadata()
                                            .get();
                            StringBuilder behind = new StringBuilder();
                            for (TopicPartition tp : partitions) {
                                long at = committed.get(tp) == null
                                        ? 0
                                        : committed.get(tp).offset();
                                if (at < ends.get(tp).offset()) {
                                    behind.append(String.format(
                                            " [p%d: committed %d of %d]",
                                            tp.partition(), at, ends.get(tp).offset()));
                                }
                            }
                            return behind.isEmpty() ? null : behind.toString().trim();
                        } catch (Exception e) {
                            return "offsets not known: " + e;
                        }
                    },
                    "group " + group + " committed the end of " + topic,
                    timeout);
        }
    }

    /** A record and the wall-clock time this consumer received it. */
    record Received(ConsumerRecord<byte[], byte[]> record, long receivedAtMillis) {}

    /** Polls {@code topic} (read_committed) and returns the first record matching {@code wanted} as soon as it arrives. */
    Received awaitFirst(String topic, Duration timeout, Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
        Properties p = readCommittedConsumer("it-await-" + topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    if (wanted.test(r)) {
                        return new Received(r, System.currentTimeMillis());
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    /** A fresh consumer group reading from the start, committed records only. */
    private Properties readCommittedConsumer(String groupPrefix) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    @Override
    public void close() {
        broker.close();
    }
}
