package io.slaflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.event.RejectReason;
import io.slaflow.infra.workload.GeneratedRecord;
import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import io.slaflow.jobs.run.BadRecords.Bad;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over 100,000 bad records of every class the contract refuses, mixed into two days of a generated MSP's valid
 * traffic, through {@code slaflow run} on a real broker with restarts switched off: every bad record is in
 * {@code ticket-events-dlq} exactly once with an allowed reason and its original bytes, no valid record is, a
 * resent valid record changes nothing, and the job is still running at the end (input never fails it).
 */
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final int BAD_RECORDS = 100_000;
    private static KafkaFixture kafka;

    /** The metrics of the job {@link #start} started: what the waits read. */
    private JobWatch watch;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaFixture(Path.of("target/it-stack-bad-input"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.close();
    }

    @Test
    void everyBadRecordIsADeadLetterWithItsBytesAndTheJobKeepsRunning() throws Exception {
        Instant now = Instant.now();
        Instant historyStart = now.minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        WorkloadSpec spec = WorkloadSpec.defaults(11)
                .withClients(30)
                .withMalformedShare(0)
                .withStart(historyStart)
                .withDuration(Duration.ofDays(6));
        List<byte[]> valid = new ArrayList<>();
        List<String> validKeys = new ArrayList<>();
        for (WorkloadGenerator g = new WorkloadGenerator(spec); g.hasNext(); ) {
            GeneratedRecord r = g.next();
            valid.add(r.json());
            validKeys.add(r.ticketId());
        }
        BadRecords bad = new BadRecords(2026, now);
        Random random = new Random(7);
        RunOptions.Topics topics = new RunOptions.Topics(
                "fuzz-ticket-events",
                "fuzz-sla-policies",
                "fuzz-sla-breaches",
                "fuzz-sla-escalations",
                "fuzz-ticket-events-dlq",
                "fuzz-sla-chains");
        kafka.createTopics(topics, 2);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, Bad> expectedByBytes = new HashMap<>();
        Map<String, Integer> expectedCount = new HashMap<>(); // the same bytes may be sent twice: each is a dead letter
        Map<String, Integer> sentByKind = new TreeMap<>();
        int resent = 0;
        double badPerValid = (double) BAD_RECORDS / valid.size();
        double owed = 0;
        for (int i = 0; i < valid.size(); i++) {
            records.add(new ProducerRecord<>(
                    topics.events(), validKeys.get(i).getBytes(StandardCharsets.UTF_8), valid.get(i)));
            if (random.nextInt(20) == 0) { // a producer retry: the same event again
                records.add(new ProducerRecord<>(
                        topics.events(), validKeys.get(i).getBytes(StandardCharsets.UTF_8), valid.get(i)));
                resent++;
            }
            for (owed += badPerValid; owed >= 1; owed--) {
                Bad b = bad.from(valid.get(random.nextInt(i + 1)));
                expectedByBytes.put(key(b.bytes()), b);
                expectedCount.merge(key(b.bytes()), 1, Integer::sum);
                records.add(new ProducerRecord<>(topics.events(), null, b.bytes()));
                sentByKind.merge(b.kind(), 1, Integer::sum);
            }
        }
        for (int i = 0; i < 500; i++) { // after the history: far behind the watermark
            Bad b = bad.farPast();
            // refused by the enforcer, after parsing: the dead letter holds the event's canonical JSON
            expectedByBytes.put(canonicalKey(b.bytes()), b);
            expectedCount.merge(canonicalKey(b.bytes()), 1, Integer::sum);
            records.add(new ProducerRecord<>(topics.events(), null, b.bytes()));
            sentByKind.merge(b.kind(), 1, Integer::sum);
        }
        Set<String> validBytes = new HashSet<>();
        valid.forEach(v -> validBytes.add(key(v)));
        int badSent =
                expectedCount.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "[bad-input] %,d valid (+%,d resent), %,d bad: %s%n", valid.size(), resent, badSent, sentByKind);
        assertThat(badSent).isGreaterThanOrEqualTo(BAD_RECORDS);

        long t0 = System.nanoTime();
        kafka.produce(topics.events(), records.subList(0, records.size() - 500));
        System.out.printf("[bad-input] produced in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        JobClient job = start(topics);
        try {
            // the history has moved the watermark before the far-past records (2001) arrive: at every enforcer subtask
            // (each gets some of them, by ticket), event time is within the history, so they are LATE there
            watch.awaitInputWatermark(job, "enforce SLAs", 2, historyStart, Duration.ofMinutes(4));
            kafka.produce(topics.events(), records.subList(records.size() - 500, records.size()));
            List<ConsumerRecord<byte[], byte[]>> dead =
                    kafka.readCommitted(topics.deadLetters(), Duration.ofMinutes(4), rs -> rs.size() >= badSent);
            watch.awaitCompletedCheckpoints(
                    job, 2, Duration.ofSeconds(60)); // anything extra would be committed by then
            dead = kafka.readCommitted(topics.deadLetters(), Duration.ofSeconds(20), rs -> rs.size() >= badSent + 1);
            System.out.printf(
                    "[bad-input] %,d dead letters committed in %.1f s%n", dead.size(), (System.nanoTime() - t0) / 1e9);

            Map<String, Integer> seen = new HashMap<>();
            Map<String, Integer> reasons = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                JsonNode d = JSON.readTree(r.value());
                RejectReason reason = RejectReason.valueOf(d.get("reason").asText());
                byte[] original =
                        Base64.getDecoder().decode(d.get("originalBase64").asText());
                String k = reason.isContractViolation() || reason == RejectReason.CLOCK_SKEW
                        ? key(original)
                        : canonicalKey(original);
                assertThat(validBytes)
                        .as("a valid record is never a dead letter")
                        .doesNotContain(k);
                Bad expected = expectedByBytes.get(k);
                assertThat(expected)
                        .as("dead letter for bytes we did not send as bad: %s", d)
                        .isNotNull();
                assertThat(expected.reasons())
                        .as("%s record got %s: %s", expected.kind(), reason, d.get("message"))
                        .contains(reason);
                assertThat(d.get("message").asText()).isNotBlank();
                seen.merge(k, 1, Integer::sum);
                reasons.merge(reason.name(), 1, Integer::sum);
            }
            System.out.println("[bad-input] dead letters by reason: " + reasons);
            assertThat(seen)
                    .as("every bad record is a dead letter, exactly once")
                    .isEqualTo(expectedCount);

            List<ConsumerRecord<byte[], byte[]>> alerts =
                    kafka.readCommitted(topics.breaches(), Duration.ofSeconds(10), rs -> false);
            List<String> ids = alerts.stream().map(r -> id(r.value())).toList();
            assertThat(ids).as("the valid traffic was enforced").isNotEmpty();
            assertThat(ids).as("a resent event changes nothing").doesNotHaveDuplicates();
            assertThat(job.getJobStatus().get()).as("input never fails the job").hasToString("RUNNING");
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    private JobClient start(RunOptions.Topics topics) throws Exception {
        RunOptions o = RunOptions.builder(kafka.bootstrap(), topics, POLICY)
                .groupId("it-fuzz")
                // a start-up or fetch gap on a loaded machine must not count as idleness while the history is read
                .eventTime(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(60))
                .checkpoints(Duration.ofSeconds(1), ItJobs.checkpointDir("BadInputIT"))
                .parallelism(2)
                .build();
        Configuration conf = KafkaEnforcementJob.configuration(o);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY,
                "none"); // a failure would end the job: input must never cause one
        watch = JobWatch.on(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(env, o);
        return env.executeAsync("it bad input");
    }

    private static String key(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same event whatever the order of its fields. */
    private static String canonicalKey(byte[] json) {
        try {
            return key(JSON.writeValueAsBytes(JSON.readValue(json, TreeMap.class)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String id(byte[] json) {
        try {
            return JSON.readTree(json).get("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
