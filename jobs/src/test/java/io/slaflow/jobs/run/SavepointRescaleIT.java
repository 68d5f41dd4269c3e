package io.slaflow.jobs.run;

import static io.slaflow.jobs.run.KafkaFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint while every ticket has a pending breach timer and some answers still wait for the watermark
 * (held events), restore with another parallelism (2 → 1), keep going: the breaches fire once each, on the restored
 * job; the held answers apply, so their tickets never breach; nothing is lost or fired twice.
 */
class SavepointRescaleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final int TICKETS = 12;
    private static KafkaFixture kafka;

    @TempDir
    Path dir;
    /** The metrics of the job {@link #start} started last: what the waits below read. */
    private JobWatch watch;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaFixture(Path.of("target/it-stack-savepoint"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.close();
    }

    @Test
    void timersAndHeldEventsCarryOverASavepointAndAChangeOfParallelism() throws Exception {
        RunOptions.Topics topics = new RunOptions.Topics(
                "sp-ticket-events",
                "sp-sla-policies",
                "sp-sla-breaches",
                "sp-sla-escalations",
                "sp-ticket-events-dlq",
                "sp-sla-chains");
        kafka.createTopics(topics, 2);
        Path policy = dir.resolve("fast.yaml");
        Files.writeString(policy, Files.readString(POLICY).replace("response: 15m", "response: 40s"));

        JobClient first = start(options(topics, policy, 2), null);
        Path savepoint;
        Instant created;
        try {
            // a first start reads from the end of the partitions: the tickets must be sent after the readers looked it
            // up
            watch.awaitSourcesAssigned(first, topics.events(), 2, Duration.ofSeconds(60));
            created = Instant.now().truncatedTo(ChronoUnit.MILLIS); // when they are sent: the 40 s to stop in start now
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < TICKETS; i++) {
                records.add(record(
                        topics.events(),
                        "S" + i,
                        event("c" + i, "S" + i, "CREATED", created, ",\"subject\":\"production database down\"")));
            }
            for (int i = 0; i < TICKETS; i += 2) { // even tickets answered; held: 10 s of out-of-orderness
                records.add(record(
                        topics.events(), "S" + i, event("r" + i, "S" + i, "RESPONDED", created.plusSeconds(1), "")));
            }
            kafka.produce(topics.events(), records);
            // read, buffered, checkpointed (the watermark is still ~10 s behind): the savepoint holds the held events
            kafka.awaitCommitted("it-savepoint", topics.events(), Duration.ofSeconds(30));
            savepoint = Path.of(URI(first.stopWithSavepoint(
                            false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get()));
        } catch (Exception e) {
            first.cancel();
            throw e;
        }
        assertThat(Instant.now()).as("stopped before any deadline").isBefore(created.plusSeconds(40));
        List<String> beforeRestore = ids(kafka.readCommitted(topics.breaches(), Duration.ofSeconds(3), rs -> false));
        assertThat(beforeRestore).as("no breach before the deadline").noneMatch(id -> id.endsWith(":BREACH"));

        JobClient second = start(options(topics, policy, 1), savepoint);
        try {
            List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readCommitted(
                    topics.breaches(),
                    Duration.ofSeconds(120),
                    rs -> ids(rs).stream()
                                    .filter(id -> id.endsWith(":RESPONSE:BREACH"))
                                    .count()
                            >= TICKETS / 2);
            watch.awaitCompletedCheckpoints(
                    second, 2, Duration.ofSeconds(60)); // a duplicate would be committed by then
            alerts = kafka.readCommitted(topics.breaches(), Duration.ofSeconds(3), rs -> false);
            List<String> breaches = ids(alerts).stream()
                    .filter(id -> id.endsWith(":RESPONSE:BREACH"))
                    .toList();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i < TICKETS; i += 2) expected.add("S" + i + ":RESPONSE:BREACH");
            assertThat(breaches)
                    .as("each unanswered ticket breaches once; answered ones (held at the savepoint) never")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(ids(alerts)).doesNotHaveDuplicates();
            List<ConsumerRecord<byte[], byte[]>> dead =
                    kafka.readCommitted(topics.deadLetters(), Duration.ofSeconds(2), rs -> false);
            assertThat(dead).as("nothing late or unknown after the restore").isEmpty();
        } finally {
            ItJobs.cancelAndAwait(second);
        }
    }

    private static String URI(String location) {
        return location.startsWith("file:") ? java.net.URI.create(location).getPath() : location;
    }

    private static List<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                ids.add(JSON.readTree(r.value()).get("id").asText());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return ids;
    }

    private RunOptions options(RunOptions.Topics topics, Path policy, int parallelism) {
        return RunOptions.builder(kafka.bootstrap(), topics, policy)
                .groupId("it-savepoint")
                .eventTime(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .checkpoints(Duration.ofSeconds(1), ItJobs.checkpointDir("SavepointRescaleIT"))
                .parallelism(parallelism)
                .build();
    }

    private JobClient start(RunOptions o, Path savepoint) throws Exception {
        Configuration conf = KafkaEnforcementJob.configuration(o);
        watch = JobWatch.on(conf);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(env, o);
        return env.executeAsync("it savepoint p=" + o.parallelism());
    }

    private static String event(String id, String ticket, String type, Instant at, String more) {
        return "{\"eventId\":\"" + id + "-" + ticket + "\",\"ticketId\":\"" + ticket
                + "\",\"clientId\":\"acme\",\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\"" + more + "}";
    }
}
