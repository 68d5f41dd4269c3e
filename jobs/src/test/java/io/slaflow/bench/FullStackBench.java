package io.slaflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.stack.LocalStack;
import io.slaflow.infra.stack.TopicSpec;
import io.slaflow.infra.workload.GeneratedRecord;
import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import io.slaflow.ingest.RawRecord;
import io.slaflow.jobs.kafka.RawRecordDeserializer;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.run.KafkaEnforcementJob;
import io.slaflow.jobs.run.RunOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Issue 7: the whole job on the real stack, beside a passthrough, in one run. A local Kafka broker and Elasticsearch
 * node ({@link LocalStack}) are started once; {@code ticket-events} is pre-loaded with {@code events} records of the
 * MSP workload ({@link WorkloadGenerator}: {@code clients} clients, ticket rhythm, malformed share, keyed by ticket,
 * ending an hour ago). Then two jobs drain that same backlog, each with a fresh consumer group, one after the other:
 * <ol>
 *   <li><b>passthrough</b>: Kafka source (the job's own raw-record deserializer) → Kafka sink of the raw bytes into
 *       {@code bench-passthrough}, each record into the partition it came from, same delivery guarantee and
 *       checkpointing as the job;</li>
 *   <li><b>full</b>: {@code slaflow run} as deployed ({@link KafkaEnforcementJob}: parse and dead letters, the enforcer
 *       on RocksDB, CEP chains, live adherence, our Elasticsearch bulk sink, the Kafka sinks), reports off.</li>
 * </ol>
 * A phase ends when the job's committed offsets reach the end of the input: a checkpoint completed after the last
 * record, so every output is flushed to Elasticsearch and its Kafka transactions committed. "Sustained" events/s are
 * counted between the first and the last offset commit (start-up excluded); "end to end" from job submission.
 * Per phase, CPU seconds and peak RSS of each component: the Kafka broker and the Elasticsearch node (their process
 * trees, from {@code /proc}), and the Flink job, which is this JVM (a MiniCluster; the pre-load phase is excluded).
 *
 * <pre>
 * jobs/bench.sh FullStackBench events=300000 clients=50 partitions=2 parallelism=2 checkpoint=5s delivery=exactly-once
 * </pre>
 * The table is printed and written to {@code jobs/target/fullstack-bench.txt}.
 */
public final class FullStackBench {
    private static final String PASSTHROUGH_TOPIC = "bench-passthrough";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private FullStackBench() {}

    /** What one phase measured. */
    record Phase(
            String name,
            long events,
            double wallSeconds,
            double sustainedPerSecond,
            double endToEndPerSecond,
            Map<String, Usage> usage) {}

    /** One component during one phase. */
    record Usage(double cpuSeconds, long peakRssBytes) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = EnforceThroughputBench.args(args);
        long events = Long.parseLong(a.getOrDefault("events", "300000"));
        int clients = Integer.parseInt(a.getOrDefault("clients", "50"));
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "2"));
        int parallelism = Integer.parseInt(a.getOrDefault("parallelism", "2"));
        Duration checkpoint =
                Duration.parse("PT" + a.getOrDefault("checkpoint", "5s").toUpperCase());
        boolean exactlyOnce = !a.getOrDefault("delivery", "exactly-once").equals("at-least-once");
        Duration timeout =
                Duration.parse("PT" + a.getOrDefault("timeout", "30m").toUpperCase());
        Path work = Path.of(a.getOrDefault("dir", "jobs/target/bench-stack-fullstack"))
                .toAbsolutePath();
        Path results = Path.of(a.getOrDefault("out", "jobs/target/fullstack-bench.txt"))
                .toAbsolutePath();
        EnforceThroughputBench.deleteRecursively(work);
        String loadAtStart = loadAverage();

        try (LocalStack stack = LocalStack.start(work, line -> System.out.println("[stack] " + line))) {
            List<TopicSpec> topics = new ArrayList<>(TopicSpec.contractTopics(partitions));
            topics.add(new TopicSpec(PASSTHROUGH_TOPIC, partitions, Map.of()));
            stack.createTopics(topics);
            String bootstrap = stack.kafka().bootstrapServers();
            String es = stack.elasticsearch().httpUrl();
            Map<String, ProcessMeter> meters = new LinkedHashMap<>();
            meters.put(
                    "Kafka broker",
                    new ProcessMeter(
                            "Kafka broker", () -> stack.kafka().processHandle().orElse(null)));
            meters.put(
                    "Elasticsearch",
                    new ProcessMeter(
                            "Elasticsearch",
                            () -> stack.elasticsearch().processHandle().orElse(null)));
            meters.put("Flink job (this JVM)", ProcessMeter.self("Flink job (this JVM)"));

            long t0 = System.nanoTime();
            String workload = preload(bootstrap, events, clients);
            System.out.printf("pre-loaded %s in %.1f s (not measured)%n", workload, (System.nanoTime() - t0) / 1e9);

            RunOptions o = RunOptions.builder(
                            bootstrap, RunOptions.Topics.defaults(), Path.of("infra/policies/default.yaml"))
                    .groupId("bench")
                    // a backlog: the wall clock must not overtake it even if this loaded machine stalls the job for
                    // long
                    .eventTime(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(10))
                    .exactlyOnce(exactlyOnce)
                    .checkpoints(checkpoint, work.resolve("checkpoints").toUri().toString())
                    .parallelism(parallelism)
                    .build();

            List<Phase> phases = new ArrayList<>();
            phases.add(measure(
                    "passthrough",
                    withGroup(o, "bench-pass-"),
                    events,
                    meters,
                    timeout,
                    (env, run) -> passthrough(env, run, partitions)));
            phases.add(measure(
                    "full job",
                    withGroup(o, "bench-full-"),
                    events,
                    meters,
                    timeout,
                    (env, run) -> KafkaEnforcementJob.build(env, run, ProveOptions.elasticsearch(es, null))));

            String outputs = outputs(bootstrap, es);
            String report = table(phases, workload, o, partitions, loadAtStart, loadAverage(), outputs);
            System.out.println();
            System.out.println(report);
            Files.createDirectories(results.getParent());
            Files.writeString(results, report);
            System.out.println("written to " + results);
        }
        System.exit(0);
    }

    private interface Graph {
        void build(StreamExecutionEnvironment env, RunOptions o) throws Exception;
    }

    /** The same options with a fresh consumer group (and transactional-id prefix). */
    private static RunOptions withGroup(RunOptions o, String prefix) {
        return o.toBuilder().groupId(prefix + System.currentTimeMillis()).build();
    }

    /** Writes {@code events} workload records into ticket-events, keyed by ticket, and returns what was written. */
    static String preload(String bootstrap, long events, int clients) throws Exception {
        // calibrate: events per day of this many clients, then generate enough days to end an hour ago
        WorkloadGenerator probe = new WorkloadGenerator(
                WorkloadSpec.defaults(7).withClients(clients).withDuration(Duration.ofDays(2)));
        long perTwoDays = 0;
        while (probe.hasNext()) {
            probe.next();
            perTwoDays++;
        }
        long days = Math.max(1, (long) Math.ceil(events * 2.2 / Math.max(1, perTwoDays)));
        Instant start = Instant.now()
                .truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofDays(days))
                .minus(Duration.ofHours(1));
        WorkloadGenerator g = new WorkloadGenerator(WorkloadSpec.defaults(7)
                .withClients(clients)
                .withDuration(Duration.ofDays(days))
                .withStart(start));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        long n = 0;
        long malformed = 0;
        long bytes = 0;
        Instant last = start;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            while (n < events && g.hasNext()) {
                GeneratedRecord r = g.next();
                producer.send(
                        new ProducerRecord<>("ticket-events", r.ticketId().getBytes(StandardCharsets.UTF_8), r.json()));
                n++;
                bytes += r.json().length;
                if (r.malformed()) malformed++;
                last = Instant.ofEpochMilli(r.occurredAtMillis());
            }
            producer.flush();
        }
        if (n < events) throw new IllegalStateException("the workload ran out at " + n + " records");
        return String.format(
                "%,d records (%,d malformed, %.0f MB), %d clients, event time %s .. %s",
                n, malformed, bytes / 1e6, clients, start, last.truncatedTo(ChronoUnit.MINUTES));
    }

    /** Kafka → raw bytes → Kafka, each record into the partition it came from. */
    static void passthrough(StreamExecutionEnvironment env, RunOptions o, int partitions) {
        env.setParallelism(o.parallelism());
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setGroupId(o.groupId())
                .setTopics(o.topics().events())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
        Properties producer = new Properties();
        producer.put(
                "transaction.timeout.ms", String.valueOf(Duration.ofMinutes(10).toMillis()));
        producer.put("linger.ms", "5"); // as the job's sinks
        KafkaRecordSerializationSchema<RawRecord> samePartition =
                (r, ctx, ts) -> new ProducerRecord<>(PASSTHROUGH_TOPIC, r.partition, null, r.bytes);
        env.fromSource(
                        source,
                        WatermarkStrategy.noWatermarks(),
                        "kafka " + o.topics().events())
                .setParallelism(Math.min(o.parallelism(), partitions))
                .sinkTo(KafkaSink.<RawRecord>builder()
                        .setBootstrapServers(o.bootstrapServers())
                        .setKafkaProducerConfig(producer)
                        .setRecordSerializer(samePartition)
                        .setDeliveryGuarantee(
                                o.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                        .setTransactionalIdPrefix(o.groupId() + "-out")
                        .build())
                .name("kafka " + PASSTHROUGH_TOPIC);
    }

    /**
     * Runs one job until its committed offsets reach the end of the input, sampling RSS every 200 ms and the
     * committed offsets as they move.
     */
    private static Phase measure(
            String name, RunOptions o, long events, Map<String, ProcessMeter> meters, Duration timeout, Graph graph)
            throws Exception {
        Configuration conf = KafkaEnforcementJob.configuration(o);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        graph.build(env, o);
        System.out.printf("%n== %s (consumer group %s)%n", name, o.groupId());

        Map<String, Long> cpuAtStart = new LinkedHashMap<>();
        Map<String, Long> peakRss = new LinkedHashMap<>();
        meters.forEach((k, m) -> {
            cpuAtStart.put(k, m.cpuNanos());
            peakRss.put(k, m.rssBytes());
        });
        long jvmCpuAtStart = jvmCpuNanos();
        long submitted = System.nanoTime();
        JobClient job = env.executeAsync("bench " + name);
        long firstCommitAt = -1;
        long firstCommitted = 0;
        long lastCommitted = -1;
        long nextPrint = submitted;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers()))) {
            long total = endOffsets(admin, o.topics().events());
            if (total != events)
                throw new IllegalStateException("ticket-events holds " + total + " records, expected " + events);
            while (true) {
                long now = System.nanoTime();
                long committed = committed(admin, o.groupId(), o.topics().events());
                if (committed != lastCommitted) {
                    if (firstCommitAt < 0 && committed > 0) {
                        firstCommitAt = now;
                        firstCommitted = committed;
                    }
                    lastCommitted = committed;
                }
                meters.forEach((k, m) -> peakRss.merge(k, m.rssBytes(), Math::max));
                if (committed >= events) break;
                if (now > nextPrint) {
                    System.out.printf(
                            "  %s: %,d of %,d committed after %.0f s%n",
                            name, committed, events, (now - submitted) / 1e9);
                    nextPrint = now + 10_000_000_000L;
                }
                JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                if (status.isGloballyTerminalState()) throw new IllegalStateException(name + " ended " + status);
                if (now - submitted > timeout.toNanos())
                    throw new IllegalStateException(name + " not done after " + timeout);
                Thread.sleep(200);
            }
        } finally {
            job.cancel().get();
        }
        long done = System.nanoTime();
        Map<String, Usage> usage = new LinkedHashMap<>();
        meters.forEach((k, m) -> usage.put(k, new Usage((m.cpuNanos() - cpuAtStart.get(k)) / 1e9, peakRss.get(k))));
        double wall = (done - submitted) / 1e9;
        double sustained = firstCommitAt > 0 && done - firstCommitAt > 1_000_000_000L
                ? (events - firstCommitted) / ((done - firstCommitAt) / 1e9)
                : events / wall;
        System.out.printf(
                "  %s: %,d events in %.1f s; JVM CPU by /proc %.1f s, by the JVM %.1f s%n",
                name,
                events,
                wall,
                usage.get("Flink job (this JVM)").cpuSeconds(),
                (jvmCpuNanos() - jvmCpuAtStart) / 1e9);
        return new Phase(name, events, wall, sustained, events / wall, usage);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        List<TopicPartition> ps =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        return admin
                .listOffsets(ps.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(r -> r.offset())
                .sum();
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return c.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /** What the full job wrote: records per output topic (end offsets, transaction markers included) and documents per index. */
    private static String outputs(String bootstrap, String es) throws Exception {
        StringBuilder s = new StringBuilder("full job outputs: ");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String t :
                    List.of("sla-breaches", "sla-escalations", "sla-chains", "ticket-events-dlq", PASSTHROUGH_TOPIC)) {
                s.append(t)
                        .append(" ")
                        .append(String.format("%,d", endOffsets(admin, t)))
                        .append(", ");
            }
        }
        HTTP.send(
                HttpRequest.newBuilder(URI.create(es + "/sla-*/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (String index : List.of("sla-events", "sla-tickets", "sla-adherence")) {
            long docs = getJson(es + "/" + index + "/_count").get("count").asLong();
            long writes = getJson(es + "/" + index + "/_stats/indexing")
                    .at("/_all/primaries/indexing/index_total")
                    .asLong();
            s.append(String.format("%s %,d docs (%,d writes), ", index, docs, writes));
        }
        return s.substring(0, s.length() - 2) + " (topic figures are end offsets: with exactly-once they include one "
                + "transaction marker per partition and checkpoint)";
    }

    private static JsonNode getJson(String url) throws Exception {
        return JSON.readTree(
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    static String table(
            List<Phase> phases,
            String workload,
            RunOptions o,
            int partitions,
            String loadStart,
            String loadEnd,
            String outputs) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Full-stack benchmark, %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        s.append(String.format("input: %s%n", workload));
        s.append(String.format(
                "settings: %d partitions, parallelism %d, %s, checkpoints every %s (RocksDB, incremental), "
                        + "%d cores, load average %s at the start, %s at the end%n",
                partitions,
                o.parallelism(),
                o.exactlyOnce() ? "exactly-once" : "at-least-once",
                o.checkpointInterval().toString().substring(2).toLowerCase(),
                Runtime.getRuntime().availableProcessors(),
                loadStart,
                loadEnd));
        List<String> components = new ArrayList<>(phases.get(0).usage().keySet());
        s.append(String.format(
                "%n%-12s %12s %9s %14s %14s", "phase", "events", "wall s", "sustained ev/s", "end-to-end ev/s"));
        for (String c : components) s.append(String.format(" | %-21s", c + " CPU-s / peak RSS"));
        s.append('\n');
        for (Phase p : phases) {
            s.append(String.format(
                    "%-12s %,12d %9.1f %,14.0f %,15.0f",
                    p.name(), p.events(), p.wallSeconds(), p.sustainedPerSecond(), p.endToEndPerSecond()));
            for (String c : components) {
                Usage u = p.usage().get(c);
                s.append(String.format(" | %7.1f s / %,6d MB  ", u.cpuSeconds(), u.peakRssBytes() >> 20));
            }
            s.append('\n');
        }
        if (phases.size() == 2) {
            Phase pass = phases.get(0);
            Phase full = phases.get(1);
            s.append(String.format(
                    "%nratio full job / passthrough: %.2f (sustained), %.2f (end to end); CPU-s of all "
                            + "components per 1,000 events: passthrough %.2f, full job %.2f%n",
                    full.sustainedPerSecond() / pass.sustainedPerSecond(),
                    full.endToEndPerSecond() / pass.endToEndPerSecond(),
                    totalCpu(pass) * 1000 / pass.events(),
                    totalCpu(full) * 1000 / full.events()));
        }
        s.append(outputs).append('\n');
        return s.toString();
    }

    private static double totalCpu(Phase p) {
        return p.usage().values().stream().mapToDouble(Usage::cpuSeconds).sum();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
