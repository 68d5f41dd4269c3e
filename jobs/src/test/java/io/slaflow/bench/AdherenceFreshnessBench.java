package io.slaflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.stack.LocalStack;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.run.KafkaEnforcementJob;
import io.slaflow.jobs.run.RunOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Issue 5: end-to-end freshness of the live adherence in Elasticsearch. The run job ({@link KafkaEnforcementJob}
 * with the Prove layer: adherence aggregation, our Elasticsearch bulk sink, index templates with a 1 s refresh) runs
 * on a MiniCluster against a local Kafka broker and Elasticsearch node ({@link LocalStack}) under a steady background
 * load. One probe at a time, a P1 ticket of a dedicated probe client is created and answered; the clock starts when
 * Kafka acknowledges the answering event and stops when a plain search (no refresh forced) of {@code sla-adherence}
 * shows that client's 24 h RESPONSE figure with one more MET target. So the figure includes the job's out-of-orderness
 * bound, the enforcer, the pre-aggregation, the per-series publication (at most once a second), the sink's batching and
 * Elasticsearch's refresh: the "outcome to searchable adherence" path, measured from the event that decides it.
 *
 * <pre>
 * jobs/bench.sh AdherenceFreshnessBench probes=100 background=300 outOfOrderness=1s
 * </pre>
 */
public final class AdherenceFreshnessBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROBE_CLIENT = "freshness-probe";

    private AdherenceFreshnessBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = EnforceThroughputBench.args(args);
        int probes = Integer.parseInt(a.getOrDefault("probes", "100"));
        int background = Integer.parseInt(a.getOrDefault("background", "300"));
        Duration bound =
                Duration.parse("PT" + a.getOrDefault("outOfOrderness", "1s").toUpperCase());
        Path work = Path.of(a.getOrDefault("dir", "jobs/target/bench-stack-freshness"))
                .toAbsolutePath();
        EnforceThroughputBench.deleteRecursively(work);

        try (LocalStack stack = LocalStack.start(work, line -> System.out.println("[stack] " + line))) {
            stack.createContractTopics(2);
            String bootstrap = stack.kafka().bootstrapServers();
            String es = stack.elasticsearch().httpUrl();
            RunOptions o = RunOptions.builder(
                            bootstrap, RunOptions.Topics.defaults(), Path.of("infra/policies/default.yaml"))
                    .groupId("bench-freshness")
                    .eventTime(bound, Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .exactlyOnce(false)
                    .checkpoints(
                            Duration.ofSeconds(10),
                            work.resolve("checkpoints").toUri().toString())
                    .parallelism(2)
                    .build();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(KafkaEnforcementJob.configuration(o));
            KafkaEnforcementJob.build(env, o, ProveOptions.elasticsearch(es, null));
            JobClient job = env.executeAsync("bench adherence freshness");

            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong backgroundSent = new AtomicLong();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                Thread load =
                        new Thread(() -> backgroundLoad(producer, background, stop, backgroundSent), "background load");
                load.setDaemon(true);
                load.start();
                Thread.sleep(10_000); // job running, sources assigned, background flowing, first adherence published

                long[] ms = new long[probes];
                int seen = 0;
                long started = System.nanoTime();
                for (int k = 1; k <= probes; k++) {
                    String ticket = "PROBE-" + k;
                    send(
                            producer,
                            ticket,
                            event(
                                    ticket + "-c",
                                    ticket,
                                    PROBE_CLIENT,
                                    "CREATED",
                                    Instant.now(),
                                    ",\"subject\":\"production database down\",\"source\":\"monitoring\""));
                    Thread.sleep(200);
                    send(producer, ticket, event(ticket + "-r", ticket, PROBE_CLIENT, "RESPONDED", Instant.now(), ""));
                    long t0 = System.nanoTime();
                    long deadline = t0 + Duration.ofSeconds(60).toNanos();
                    while (metCount(es) < k) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("probe " + k + " not searchable after 60 s");
                        }
                        Thread.sleep(20);
                    }
                    ms[seen++] = (System.nanoTime() - t0) / 1_000_000;
                    Thread.sleep(500);
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                stop.set(true);
                job.cancel().get();
                long[] sorted = Arrays.copyOf(ms, seen);
                Arrays.sort(sorted);
                System.out.printf(
                        "%n%d probes over %.0f s under %,d background events/s (%,d sent), out-of-orderness %s, "
                                + "parallelism 2, 2 partitions, at-least-once, checkpoints every 10 s%n",
                        seen, elapsed, background, backgroundSent.get(), bound);
                System.out.printf(
                        "outcome event -> searchable adherence: p50 %,d ms, p90 %,d ms, p99 %,d ms, max %,d ms%n",
                        pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1]);
                System.out.printf(
                        "load average at the end: %s%n",
                        java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
        System.exit(0);
    }

    private static void backgroundLoad(
            KafkaProducer<byte[], byte[]> producer, int perSecond, AtomicBoolean stop, AtomicLong sent) {
        long start = System.nanoTime();
        long n = 0;
        String[] types = {"ASSIGNED", "RESPONDED", "STATUS_CHANGED", "RESOLVED"};
        while (!stop.get()) {
            long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
            while (n < due) {
                long ticket = n / 5;
                int step = (int) (n % 5);
                String id = "BG-" + ticket;
                String client = "bg-client-" + (ticket % 200);
                String json = step == 0
                        ? event(
                                id + "-0",
                                id,
                                client,
                                "CREATED",
                                Instant.now(),
                                ",\"subject\":\"VPN slow for one user\",\"source\":\"email\"")
                        : event(
                                id + "-" + step,
                                id,
                                client,
                                types[step - 1],
                                Instant.now(),
                                step == 1
                                        ? ",\"assignee\":\"agent-" + (ticket % 7) + "\""
                                        : step == 3 ? ",\"status\":\"in-progress\"" : "");
                producer.send(new ProducerRecord<>(
                        "ticket-events", id.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
                n++;
                sent.incrementAndGet();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, String json) throws Exception {
        producer.send(new ProducerRecord<>(
                        "ticket-events", key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    /** The probe client's MET count in its rolling 24 h RESPONSE document, as a plain search sees it now. */
    private static long metCount(String es) throws Exception {
        String query = "{\"size\":5,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"clientId\":\"" + PROBE_CLIENT
                + "\"}}," + "{\"term\":{\"metric\":\"RESPONSE\"}},{\"term\":{\"window\":\"24h\"}}]}}}";
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(es + "/sla-adherence/_search"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) return 0;
        long met = 0;
        for (JsonNode hit : JSON.readTree(r.body()).path("hits").path("hits")) {
            met = Math.max(met, hit.path("_source").path("met").asLong());
        }
        return met;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String event(String id, String ticket, String client, String type, Instant at, String more) {
        return "{\"eventId\":\"" + id + "\",\"ticketId\":\"" + ticket + "\",\"clientId\":\"" + client + "\",\"type\":\""
                + type + "\",\"occurredAt\":\"" + at + "\"" + more + "}";
    }
}
