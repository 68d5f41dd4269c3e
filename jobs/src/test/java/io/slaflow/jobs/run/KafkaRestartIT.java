package io.slaflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.jobs.prove.ProveOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: the Kafka broker restarted under load. {@code slaflow run} (production time settings: 2 s out-of-orderness,
 * 1 s idleness; exactly-once Kafka, 2 s checkpoints, RocksDB, its own restart strategy) reads a steady live load
 * ({@link LiveTicketLoad}: P1 tickets whose outcomes are planned; its producer retries through the outage) while the
 * only broker, which holds the input, the outputs and the transactions, is stopped and started again on the same port
 * with the same data. The job may fail and restart meanwhile; afterwards it must be RUNNING and have committed exactly
 * the planned warnings, breaches and escalations (those of the silent tickets), each once, one double-breach chain per
 * silent ticket, and no dead letter (no event turned LATE by the outage).
 */
class KafkaRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final double TICKETS_PER_SECOND = 30; // about 100 events/s
    /** Resolution breach at 30 s, its escalation 5 s later: everything planned has fired by then. */
    private static final Duration LAST_TIMER_AFTER_CREATION = Duration.ofSeconds(35);

    private static final List<String> SILENT_ALERTS = List.of(
            "RESPONSE:WARNING:50:P1",
            "RESPONSE:WARNING:75:P1",
            "RESPONSE:WARNING:90:P1",
            "RESPONSE:BREACH",
            "RESPONSE:ESCALATION:1",
            "RESOLUTION:WARNING:50:P1",
            "RESOLUTION:WARNING:75:P1",
            "RESOLUTION:WARNING:90:P1",
            "RESOLUTION:BREACH",
            "RESOLUTION:ESCALATION:1");

    /** What the final reads may take together: the test's timeout leaves them about 3 minutes after the scenario. */
    private static final Duration READS_BUDGET = Duration.ofSeconds(150);

    private static final Duration MIN_READ = Duration.ofSeconds(10);

    private static KafkaFixture kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaFixture(Path.of("target/it-stack-kafka-restart"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.close();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aBrokerRestartUnderLoadLosesAndDuplicatesNothingAndTheJobKeepsRunning() throws Exception {
        RunOptions.Topics topics = RunOptions.Topics.prefixed("kr");
        kafka.createTopics(topics, 2);
        Path policy = dir.resolve("fast.yaml");
        Files.writeString(
                policy,
                Files.readString(POLICY)
                        .replace("response: 15m", "response: 10s")
                        .replace("resolution: 4h", "resolution: 30s")
                        .replace("when: 30m after breach", "when: 5s after breach"));
        RunOptions o = RunOptions.builder(kafka.bootstrap(), topics, policy)
                .groupId("it-kafka-restart")
                .checkpoints(Duration.ofSeconds(2), ItJobs.checkpointDir("KafkaRestartIT"))
                .parallelism(2)
                .build();
        Configuration conf = KafkaEnforcementJob.configuration(o);
        InMemoryReporter metrics = InMemoryReporter.create();
        metrics.addToConfiguration(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(env, o, ProveOptions.none());
        JobClient job = env.executeAsync("it kafka restart");
        LiveTicketLoad load = new LiveTicketLoad(kafka.bootstrap(), topics.events(), TICKETS_PER_SECOND);
        try {
            // the load is live (created now): a ticket sent before the readers looked up the partitions' end is skipped
            JobWatch.of(metrics).awaitSourcesAssigned(job, topics.events(), 2, Duration.ofSeconds(60));
            load.start();
            Thread.sleep(20_000); // 20 s of load before the restart (a span of the scenario, not a wait for the job)

            long restartsBefore = restarts(metrics, job.getJobID());
            long t0 = System.nanoTime();
            System.out.printf("[kafka-restart] restarting the broker after %,d events%n", load.eventsSent());
            kafka.broker.restart(); // same port, same data
            long outageMillis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(
                    "[kafka-restart] broker back after %.1f s (%,d events sent so far)%n",
                    outageMillis / 1e3, load.eventsSent());

            Thread.sleep(20_000); // 20 s of load after the restart; the load then ends
            load.finish();
            Instant allFiredBy =
                    load.lastCreatedAt().plus(LAST_TIMER_AFTER_CREATION).plusSeconds(5);
            List<String> answered = load.answeredTickets();
            List<String> silent = load.silentTickets();
            System.out.printf(
                    "[kafka-restart] load done: %,d events, %,d tickets (%,d silent), sent at most %,d ms late; "
                            + "waiting until %s%n",
                    load.eventsSent(),
                    answered.size() + silent.size(),
                    silent.size(),
                    load.maxSendDelayMillis(),
                    allFiredBy);
            while (Instant.now().isBefore(allFiredBy)) Thread.sleep(1_000);

            Set<String> expected = new TreeSet<>();
            for (String t : silent) for (String a : SILENT_ALERTS) expected.add(t + ":" + a);
            // the three reads share one budget well inside the test's timeout: a record that never becomes visible
            // ends them with the topic's visibility printed (an open transaction holds the stable offset back), not
            // with the timeout, which would print nothing
            Instant readsEnd = Instant.now().plus(READS_BUDGET);
            List<String> committed = ids(readUntilQuiet(topics.breaches(), 8 * silent.size(), readsEnd));
            committed.addAll(ids(readUntilQuiet(topics.escalations(), 2 * silent.size(), readsEnd)));
            List<JsonNode> chains = json(readUntilQuiet(topics.chains(), silent.size(), readsEnd));
            List<String> dead = kafka.readCommitted(topics.deadLetters(), Duration.ofSeconds(5), rs -> false).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .toList();
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            long restarts = restarts(metrics, job.getJobID());

            Set<String> distinct = new HashSet<>(committed);
            List<String> missing =
                    expected.stream().filter(id -> !distinct.contains(id)).toList();
            List<String> unexpected = distinct.stream()
                    .filter(id -> !expected.contains(id))
                    .sorted()
                    .toList();
            Map<String, Long> doubleBreaches = chains.stream()
                    .filter(c -> c.get("pattern").asText().equals("double-breach"))
                    .collect(Collectors.groupingBy(
                            c -> c.get("tickets").get(0).asText(), TreeMap::new, Collectors.counting()));
            List<String> chainIds =
                    chains.stream().map(c -> c.get("id").asText()).toList();
            System.out.printf(
                    "[kafka-restart] warnings, breaches and escalations: %,d expected, %,d committed (%,d distinct), "
                            + "%d missing, %d unexpected; chain alerts %,d (%,d distinct, %,d double breaches); %d dead letters; "
                            + "job %s after %d restart(s) (%d before the broker restart)%n",
                    expected.size(),
                    committed.size(),
                    distinct.size(),
                    missing.size(),
                    unexpected.size(),
                    chainIds.size(),
                    new HashSet<>(chainIds).size(),
                    doubleBreaches.size(),
                    dead.size(),
                    status,
                    restarts,
                    restartsBefore);

            if (!missing.isEmpty()) {
                for (String topic : List.of(topics.breaches(), topics.escalations(), topics.chains())) {
                    System.out.println("[kafka-restart] " + kafka.visibility(topic));
                }
            }

            SoftAssertions soft = new SoftAssertions();
            // the load's sends wait while the broker is away: its events fall behind by up to the outage, no more
            // (else an overloaded machine made late events of its own, and the test proves nothing)
            soft.assertThat(load.maxSendDelayMillis())
                    .as("the load fell behind by the outage only")
                    .isLessThan(outageMillis + 1_000);
            soft.assertThat(missing.stream().limit(10))
                    .as("missing (%d of %d)", missing.size(), expected.size())
                    .isEmpty();
            soft.assertThat(unexpected.stream().limit(10))
                    .as("unexpected (%d)", unexpected.size())
                    .isEmpty();
            soft.assertThat(committed).as("each committed once").doesNotHaveDuplicates();
            soft.assertThat(chainIds).as("chain alerts committed once each").doesNotHaveDuplicates();
            soft.assertThat(doubleBreaches)
                    .as("one double-breach chain per silent ticket")
                    .containsOnlyKeys(silent)
                    .allSatisfy((ticket, n) -> assertThat(n).isEqualTo(1L));
            soft.assertThat(dead.stream().limit(3))
                    .as("no dead letter (%d in all)", dead.size())
                    .isEmpty();
            soft.assertThat(status).as("the job after the broker restart").isEqualTo(JobStatus.RUNNING);
            soft.assertAll();
        } finally {
            load.close();
            ItJobs.cancelAndAwait(job);
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

    /**
     * Committed records of {@code topic}: at least {@code atLeast} (until {@code until}, at least 10 s), then until none
     * came for 8 s. Short of {@code atLeast}, prints the topic's visibility (stable against high offsets).
     */
    private static List<ConsumerRecord<byte[], byte[]>> readUntilQuiet(String topic, int atLeast, Instant until) {
        long[] lastChange = {System.nanoTime()};
        int[] lastSize = {0};
        Duration budget = Duration.between(Instant.now(), until);
        List<ConsumerRecord<byte[], byte[]>> records =
                kafka.readCommitted(topic, budget.compareTo(MIN_READ) < 0 ? MIN_READ : budget, rs -> {
                    if (rs.size() != lastSize[0]) {
                        lastSize[0] = rs.size();
                        lastChange[0] = System.nanoTime();
                    }
                    return rs.size() >= atLeast
                            && System.nanoTime() - lastChange[0]
                                    > Duration.ofSeconds(8).toNanos();
                });
        if (records.size() < atLeast) {
            System.out.printf(
                    "[kafka-restart] %,d of at least %,d records visible when the reads' budget ran out; %s%n",
                    records.size(), atLeast, kafka.visibility(topic));
        }
        return records;
    }

    private static List<JsonNode> json(List<ConsumerRecord<byte[], byte[]>> records) {
        List<JsonNode> out = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static List<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return new ArrayList<>(
                json(records).stream().map(j -> j.get("id").asText()).toList());
    }
}
