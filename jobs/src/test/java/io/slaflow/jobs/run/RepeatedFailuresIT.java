package io.slaflow.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.workload.GeneratedRecord;
import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import io.slaflow.jobs.prove.ProveOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: the job fails mid-stream several times, at random points, and recovers from its checkpoints each time; the
 * committed breaches, escalations, chain alerts and dead letters are then exactly those of a failure-free run: none
 * lost, none duplicated (by id).
 *
 * <p>One backlog (a generated MSP month, in the past) on one input topic, read by two runs with their own consumer
 * groups and output topics: run A without failures, run B with a {@link FailurePlan} drawn from a logged seed
 * ({@code -Dfaults.seed=N} repeats a run): attempts 0 and 2 fail before the enforcer, attempts 1 and 3 between the
 * enforcer and its Kafka sink (inside an open transaction), each after a random number of records counted from the
 * attempt's first completed checkpoint. Event time depends on the data only (the wall clock never takes over: idleness
 * of a day; the out-of-orderness bound exceeds the generator's largest disorder, so nothing is late), so both runs end
 * at the same watermark and must give the same outputs.
 */
class RepeatedFailuresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final int PARALLELISM = 2;
    private static KafkaFixture kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaFixture(Path.of("target/it-stack-repeated-failures"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.close();
    }

    /** What a run committed: the ids read per output, in the order read (duplicates kept). */
    private record Run(Map<String, List<String>> idsByOutput, long restarts, double seconds) {}

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void afterRepeatedFailuresAtRandomPointsTheCommittedOutputsAreThoseOfAFailureFreeRun() throws Exception {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        System.out.println("[faults] seed " + seed + " (repeat with -Dfaults.seed=" + seed + ")");

        // a month of 12 clients, ending three days ago: ~35,000 events, some malformed (dead letters), some out of
        // order
        WorkloadSpec spec = WorkloadSpec.defaults(41)
                .withClients(12)
                .withStart(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(31, ChronoUnit.DAYS))
                .withDuration(Duration.ofDays(28));
        String input = "rf-ticket-events", policies = "rf-sla-policies";
        kafka.createTopics(List.of(input, policies), PARALLELISM);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (WorkloadGenerator g = new WorkloadGenerator(spec); g.hasNext(); ) {
            GeneratedRecord r = g.next();
            records.add(new ProducerRecord<>(input, r.ticketId().getBytes(StandardCharsets.UTF_8), r.json()));
        }

        // the run with failures first, while the backlog arrives over ~40 s: the job would read it all in a few
        // seconds, too fast for four failures and their recoveries to fall mid-stream
        Random random = new Random(seed);
        // records per subtask, counted from the attempt's first checkpoint: ~0.5-2.5 s of input at this pace
        long[] before = {between(random, 300, 1_500), FailurePlan.NEVER, between(random, 300, 1_500)};
        long[] after = {FailurePlan.NEVER, between(random, 20, 150), FailurePlan.NEVER, between(random, 20, 150)};
        FailurePlan plan = new FailurePlan(before, after, true);
        System.out.println("[faults] plan: " + plan);
        Thread producer = new Thread(() -> producePaced(records, Duration.ofSeconds(40)), "paced backlog");
        Run b = run(topics("rfb", input, policies), plan, producer);
        System.out.printf("[faults] backlog: %,d records on %s%n", records.size(), input);
        // then the failure-free run, on the same input topic (so dead letters name the same source positions)
        Run a = run(topics("rfa", input, policies), FailurePlan.none(), null);

        SoftAssertions soft = new SoftAssertions();
        for (String output : a.idsByOutput().keySet()) {
            List<String> idsA = a.idsByOutput().get(output),
                    idsB = b.idsByOutput().get(output);
            Set<String> setA = new HashSet<>(idsA), setB = new HashSet<>(idsB);
            Set<String> lost = setA.stream().filter(id -> !setB.contains(id)).collect(Collectors.toSet());
            Set<String> extra = setB.stream().filter(id -> !setA.contains(id)).collect(Collectors.toSet());
            System.out.printf(
                    "[faults] %-15s failure-free %,6d (%,d distinct); with failures %,6d (%,d distinct): "
                            + "%d lost, %d unexpected, %d duplicated%n",
                    output,
                    idsA.size(),
                    setA.size(),
                    idsB.size(),
                    setB.size(),
                    lost.size(),
                    extra.size(),
                    idsB.size() - setB.size());
            soft.assertThat(lost.stream().limit(10))
                    .as("%s lost (%d)", output, lost.size())
                    .isEmpty();
            soft.assertThat(extra.stream().limit(10))
                    .as("%s unexpected (%d)", output, extra.size())
                    .isEmpty();
            soft.assertThat(idsB)
                    .as("%s with failures: no duplicate id", output)
                    .doesNotHaveDuplicates();
            soft.assertThat(idsA).as("%s failure-free: no duplicate id", output).doesNotHaveDuplicates();
        }
        System.out.printf(
                "[faults] failure-free run %.1f s, %d restarts; run with failures %.1f s, %d restarts (%d planned)%n",
                a.seconds(), a.restarts(), b.seconds(), b.restarts(), plan.failures());
        soft.assertThat(a.idsByOutput().get("sla-breaches"))
                .as("the backlog breaches SLAs")
                .hasSizeGreaterThan(1_000);
        soft.assertThat(a.idsByOutput().get("sla-escalations"))
                .as("and escalates")
                .isNotEmpty();
        soft.assertThat(a.idsByOutput().get("sla-chains"))
                .as("and raises chain alerts")
                .isNotEmpty();
        soft.assertThat(a.idsByOutput().get("dead-letters"))
                .as("the malformed records")
                .isNotEmpty();
        soft.assertThat(a.restarts()).as("failure-free run").isZero();
        soft.assertThat(b.restarts())
                .as("restarts of the run with failures (seed %d)", seed)
                .isGreaterThanOrEqualTo(3);
        soft.assertAll();
    }

    private static long between(Random random, long from, long to) {
        return from + (long) (random.nextDouble() * (to - from));
    }

    private static RunOptions.Topics topics(String prefix, String input, String policies) throws Exception {
        RunOptions.Topics t = new RunOptions.Topics(
                input,
                policies,
                prefix + "-sla-breaches",
                prefix + "-sla-escalations",
                prefix + "-ticket-events-dlq",
                prefix + "-sla-chains");
        kafka.createTopics(List.of(t.breaches(), t.escalations(), t.deadLetters(), t.chains()), PARALLELISM);
        return t;
    }

    /** Runs the job until it has read the whole backlog and committed what follows from it; returns what it committed. */
    private Run run(RunOptions.Topics topics, FailurePlan plan, Thread input) throws Exception {
        String group = "it-" + topics.breaches();
        RunOptions o = RunOptions.builder(kafka.bootstrap(), topics, POLICY)
                .groupId(group)
                .eventTime(
                        Duration.ofMinutes(3), // above the generator's largest disorder (2 min): no event is ever LATE
                        Duration.ofDays(1),
                        Duration.ofDays(1)) // never idle: event time moves with the data only
                .checkpoints(Duration.ofSeconds(1), ItJobs.checkpointDir("RepeatedFailuresIT-" + group))
                .parallelism(PARALLELISM)
                .build();
        Configuration conf = KafkaEnforcementJob.configuration(o);
        InMemoryReporter metrics = InMemoryReporter.create();
        metrics.addToConfiguration(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(env, o, ProveOptions.none(), plan);
        long t0 = System.nanoTime();
        JobClient job = env.executeAsync("it repeated failures " + group);
        try {
            if (input != null) {
                // the group has no offsets yet, so the readers start at the end of the partitions: the backlog must
                // be sent after they looked it up
                JobWatch.of(metrics).awaitSourcesAssigned(job, topics.events(), PARALLELISM, Duration.ofSeconds(60));
                input.start();
                input.join();
            }
            awaitInputCommitted(o, Duration.ofMinutes(3));
            double seconds = (System.nanoTime() - t0) / 1e9;
            long restarts = restarts(metrics, job.getJobID());
            // the last watermark's timers land in the next checkpoint's transactions, committed when it completes
            JobWatch.of(metrics).awaitCompletedCheckpoints(job, 2, Duration.ofSeconds(60));
            Map<String, List<String>> ids = new LinkedHashMap<>();
            ids.put("sla-breaches", idsOf(readAll(topics.breaches())));
            ids.put("sla-escalations", idsOf(readAll(topics.escalations())));
            ids.put("sla-chains", idsOf(readAll(topics.chains())));
            ids.put("dead-letters", idsOf(readAll(topics.deadLetters())));
            return new Run(ids, Math.max(restarts, restarts(metrics, job.getJobID())), seconds);
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    /** Sends {@code records} in order, in even slices over {@code duration}. */
    private static void producePaced(List<ProducerRecord<byte[], byte[]>> records, Duration duration) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        int slices = (int) (duration.toMillis() / 250);
        int perSlice = (records.size() + slices - 1) / slices;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0, slice = 0; i < records.size(); slice++) {
                List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
                for (int end = Math.min(records.size(), i + perSlice); i < end; i++) {
                    sent.add(producer.send(records.get(i))); // in order: the idempotent producer keeps it
                }
                producer.flush();
                for (java.util.concurrent.Future<?> f : sent) f.get();
                long due = start + (slice + 1) * 250_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000);
            }
        } catch (Exception e) {
            throw new IllegalStateException("producing the backlog failed", e);
        }
    }

    /** Until the job's committed offsets (written at each completed checkpoint) reach the end of the input. */
    private static void awaitInputCommitted(RunOptions o, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARALLELISM; p++)
                partitions.add(new TopicPartition(o.topics().events(), p));
            var ends = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(o.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                long lag = 0;
                for (TopicPartition p : partitions) {
                    OffsetAndMetadata c = committed.get(p);
                    lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
                }
                if (lag == 0) return;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "the job did not get through its input within " + timeout + ": " + lag + " records left");
                }
                Thread.sleep(500);
            }
        }
    }

    /** The job's {@code numRestarts} metric (of its job manager metric group). */
    private static long restarts(InMemoryReporter metrics, JobID job) {
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                metrics.getMetricsByGroup().entrySet()) {
            if (job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))
                    && group.getValue().get("numRestarts") instanceof Gauge<?> g
                    && g.getValue() instanceof Number n) {
                return n.longValue();
            }
        }
        throw new AssertionError("no numRestarts metric for job " + job);
    }

    /** Every committed record of {@code topic}: read from the start until nothing new came for 3 s. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + topic + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            // assigned, not subscribed: no group join, so the first poll already reads
            consumer.assign(consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList());
            consumer.seekToBeginning(consumer.assignment());
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(out::add);
                    quietSince = System.nanoTime();
                }
            }
        }
        return out;
    }

    private static List<String> idsOf(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> ids = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                ids.add(JSON.readTree(r.value()).get("id").asText());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return ids;
    }
}
