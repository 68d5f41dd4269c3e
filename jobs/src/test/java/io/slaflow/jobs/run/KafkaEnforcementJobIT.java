package io.slaflow.jobs.run;

import static io.slaflow.jobs.run.KafkaFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.event.EventTimeScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slaflow run} on a MiniCluster against a real Kafka broker: exactly the expected warnings, breaches,
 * escalations, routing records and dead letters, read with read_committed; the same after an injected failure; and a live breach
 * at its deadline with no further input (how soon after it is BreachLatencyBench's to measure and check).
 */
class KafkaEnforcementJobIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static KafkaFixture kafka;

    @TempDir
    Path dir;
    /** The metrics of the job {@link #start} started last: what the waits below read. */
    private JobWatch watch;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaFixture(Path.of("target/it-stack-jobs"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.close();
    }

    /**
     * Six hours of history ending now: every deadline and escalation below lies in the past. The lines come in
     * event-time order, as a ticketing system writes them, whatever partitions their keys pick: the jobs run with a
     * 200 ms out-of-orderness bound and 5 minutes of allowed lateness, so an event that followed one 80 minutes newer
     * in its partition (A3's creation after A1's closing, when the lines went ticket by ticket) was LATE by the rules
     * whenever a periodic watermark fell between the two, which a loaded machine made happen now and then.
     */
    static List<String> history(Instant base) {
        List<String> lines = new ArrayList<>();
        lines.add(event(
                "a1",
                "A1",
                "acme",
                "CREATED",
                base,
                ",\"subject\":\"Production database down\",\"source\":\"phone\",\"assignee\":\"first.line\""));
        lines.add(event("a2", "A1", "acme", "RESPONDED", base.plus(5, ChronoUnit.MINUTES), ""));
        lines.add(event("a3", "A1", "acme", "RESOLVED", base.plus(60, ChronoUnit.MINUTES), ""));
        lines.add(event("a4", "A1", "acme", "CLOSED", base.plus(90, ChronoUnit.MINUTES), ""));
        lines.add(event(
                "b1",
                "A2",
                "acme",
                "CREATED",
                base,
                ",\"subject\":\"Site outage for the web shop\",\"assignee\":\"first.line\""));
        lines.add(event("b2", "A2", "acme", "RESOLVED", base.plus(3, ChronoUnit.HOURS), ""));
        lines.add(event(
                "c1",
                "A3",
                "globex",
                "CREATED",
                base.plus(10, ChronoUnit.MINUTES),
                ",\"subject\":\"ransomware note on the file server\",\"assignee\":\"night.desk\""));
        lines.add(event("g1", "GHOST", "acme", "RESPONDED", base.plus(20, ChronoUnit.MINUTES), ""));
        lines.add("{\"eventId\": \"broken");
        lines.add(event(
                "f1",
                "FUTURE",
                "acme",
                "CREATED",
                Instant.parse("2030-01-01T00:00:00Z"),
                ",\"subject\":\"from a skewed clock\""));
        // a stable sort: the broken line, which has no time, stays at the end, beside the skewed one of 2030
        lines.sort(Comparator.comparingLong(KafkaEnforcementJobIT::occurredAt));
        return lines;
    }

    /** A history line's {@code occurredAt} as the source reads it, or the end of time for a line that has none. */
    private static long occurredAt(String line) {
        long t = EventTimeScan.occurredAt(line.getBytes(StandardCharsets.UTF_8));
        return t == EventTimeScan.UNKNOWN ? Long.MAX_VALUE : t;
    }

    static final List<String> EXPECTED_ALERTS = List.of(
            "A2:RESPONSE:WARNING:50:P1",
            "A2:RESPONSE:WARNING:75:P1",
            "A2:RESPONSE:WARNING:90:P1",
            "A2:RESPONSE:BREACH",
            "A2:RESOLUTION:WARNING:50:P1",
            "A3:RESPONSE:WARNING:50:P1",
            "A3:RESPONSE:WARNING:75:P1",
            "A3:RESPONSE:WARNING:90:P1",
            "A3:RESPONSE:BREACH",
            "A3:RESOLUTION:WARNING:50:P1",
            "A3:RESOLUTION:WARNING:75:P1",
            "A3:RESOLUTION:WARNING:90:P1",
            "A3:RESOLUTION:BREACH");
    /** One per ticket created (FUTURE is a CLOCK_SKEW dead letter): id=tier by rule. */
    static final List<String> EXPECTED_ROUTING =
            List.of("A1:ROUTING=P1 by p1-outage", "A2:ROUTING=P1 by p1-outage", "A3:ROUTING=P1 by p1-outage");

    static final List<String> EXPECTED_ESCALATIONS =
            List.of("A2:RESPONSE:ESCALATION:1", "A3:RESPONSE:ESCALATION:1", "A3:RESOLUTION:ESCALATION:1");
    /** pattern@client[tickets]<-evidence: nobody acted on any of the three escalations; A3 breached both targets. */
    private static final List<String> EXPECTED_CHAINS = List.of(
            "escalation-ignored@acme[A2]<-A2:RESPONSE:ESCALATION:1",
            "escalation-ignored@globex[A3]<-A3:RESPONSE:ESCALATION:1",
            "escalation-ignored@globex[A3]<-A3:RESOLUTION:ESCALATION:1",
            "double-breach@globex[A3]<-A3:RESPONSE:BREACH,A3:RESOLUTION:BREACH");

    @Test
    void eventsInExactlyTheExpectedBreachesEscalationsAndDeadLettersOut() throws Exception {
        Outputs out = runHistory("exact", 0);

        assertThat(out.alerts).containsExactlyInAnyOrderElementsOf(EXPECTED_ALERTS);
        assertThat(out.escalations).containsExactlyInAnyOrderElementsOf(EXPECTED_ESCALATIONS);
        assertThat(out.deadLetterReasons).containsExactlyInAnyOrder("MALFORMED_JSON", "UNKNOWN_TICKET", "CLOCK_SKEW");
        assertThat(out.escalationTargets).contains("A2->dana.lee", "A3->rafael.cruz");
        assertThat(out.chains).containsExactlyInAnyOrderElementsOf(EXPECTED_CHAINS);
        assertThat(out.chainKeys).as("sla-chains is keyed by client").containsOnly("acme", "globex");
        assertThat(out.routing).containsExactlyInAnyOrderElementsOf(EXPECTED_ROUTING);
        assertThat(out.routingKeys).as("sla-routing is keyed by ticket").containsExactlyInAnyOrder("A1", "A2", "A3");
    }

    @Test
    void afterAnInjectedFailureEveryRecordIsCommittedExactlyOnce() throws Exception {
        Outputs out = runHistory("failure", 3);

        assertThat(out.alerts).as("no loss, no duplicate").containsExactlyInAnyOrderElementsOf(EXPECTED_ALERTS);
        assertThat(out.escalations).containsExactlyInAnyOrderElementsOf(EXPECTED_ESCALATIONS);
        assertThat(out.deadLetterReasons).containsExactlyInAnyOrder("MALFORMED_JSON", "UNKNOWN_TICKET", "CLOCK_SKEW");
        assertThat(out.chains).as("no loss, no duplicate").containsExactlyInAnyOrderElementsOf(EXPECTED_CHAINS);
        assertThat(out.routing).as("no loss, no duplicate").containsExactlyInAnyOrderElementsOf(EXPECTED_ROUTING);
    }

    /**
     * One subtask reads two partitions of a backlog, the first holding events hours newer than the second. With one
     * event clock per subtask the partition fetched first carried the watermark past the other's events, which
     * then arrived LATE (seen under load); event time is now kept per partition at the source.
     */
    @Test
    void aBacklogAcrossPartitionsReadByOneSubtaskLosesNothingToLateness() throws Exception {
        RunOptions.Topics topics = topics("partitions");
        kafka.createTopics(topics, 2);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS);
        List<ProducerRecord<byte[], byte[]>> newer = new ArrayList<>(), older = new ArrayList<>();
        for (String line : history(base)) {
            boolean late = line.contains("\"ticketId\":\"A1\"") || line.contains("\"ticketId\":\"A2\"");
            (late ? newer : older)
                    .add(new ProducerRecord<>(
                            topics.events(), late ? 0 : 1, null, line.getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(topics.events(), newer); // partition 0: up to 3 h after partition 1's first events
        kafka.produce(topics.events(), older);
        JobClient job = start(options(topics, POLICY, true, 0, 1));
        try {
            List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readCommitted(
                    topics.breaches(), Duration.ofSeconds(90), rs -> rs.size() >= EXPECTED_ALERTS.size());
            List<ConsumerRecord<byte[], byte[]>> dead =
                    kafka.readCommitted(topics.deadLetters(), Duration.ofSeconds(10), rs -> rs.size() >= 3);
            assertThat(dead.stream().map(r -> json(r).get("reason").asText()))
                    .containsExactlyInAnyOrder("MALFORMED_JSON", "UNKNOWN_TICKET", "CLOCK_SKEW");
            assertThat(alerts.stream().map(r -> json(r).get("id").asText()))
                    .containsExactlyInAnyOrderElementsOf(EXPECTED_ALERTS);
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    @Test
    void inLiveModeABreachIsPublishedAtItsDeadlineWithNoFurtherInput() throws Exception {
        RunOptions.Topics topics = topics("live");
        kafka.createTopics(topics, 2);
        Path policy = dir.resolve("fast.yaml");
        Files.writeString(policy, Files.readString(POLICY).replace("response: 15m", "response: 10s"));
        RunOptions o = options(topics, policy, false, 0);
        JobClient job = start(o);
        try {
            // live mode starts at the end of the partitions: the ticket must be sent after the readers looked it up
            watch.awaitSourcesAssigned(job, topics.events(), 2, Duration.ofSeconds(60));
            Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            kafka.produce(
                    topics.events(),
                    List.of(record(
                            topics.events(),
                            "L1",
                            event("l1", "L1", "acme", "CREATED", created, ",\"subject\":\"production down\""))));
            KafkaFixture.Received breach = kafka.awaitFirst(
                    topics.breaches(), Duration.ofSeconds(30), r -> text(r).contains("\"kind\":\"BREACH\""));
            Instant deadline =
                    Instant.parse(json(breach.record()).get("deadline").asText());
            assertThat(deadline).isEqualTo(created.plusSeconds(10));
            long latencyMs = breach.receivedAtMillis() - deadline.toEpochMilli();
            System.out.println("[live] breach received " + latencyMs + " ms after its deadline");
            // never before its deadline; how soon after (within 1 s) is a wall-clock figure of a loaded machine,
            // checked
            // by BreachLatencyBench (budget=1s) on a quiet one, not here (issue 22)
            assertThat(latencyMs).as("received after its deadline").isNotNegative();
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    @Test
    void aPolicyVersionPublishedOnSlaPoliciesAppliesToTicketsCreatedFromItsEffectiveTime() throws Exception {
        RunOptions.Topics topics = topics("reload");
        kafka.createTopics(topics, 2);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS);
        String v2 = Files.readString(POLICY)
                .replace("version: \"default-2026.11\"", "version: \"v2\"")
                .replace("response: 15m", "response: 30m");
        ProducerRecord<byte[], byte[]> policy = record(topics.policies(), "v2", v2);
        policy.headers()
                .add("effective-from", base.plus(3, ChronoUnit.HOURS).toString().getBytes(StandardCharsets.UTF_8));
        kafka.produce(topics.policies(), List.of(policy));
        kafka.produce(
                topics.events(),
                List.of(
                        record(
                                topics.events(),
                                "OLD",
                                event(
                                        "o1",
                                        "OLD",
                                        "acme",
                                        "CREATED",
                                        base.plus(2, ChronoUnit.HOURS),
                                        ",\"subject\":\"outage\"")),
                        record(
                                topics.events(),
                                "NEW",
                                event(
                                        "n1",
                                        "NEW",
                                        "acme",
                                        "CREATED",
                                        base.plus(4, ChronoUnit.HOURS),
                                        ",\"subject\":\"outage\""))));
        JobClient job = start(options(topics, POLICY, true, 0));
        try {
            List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readCommitted(
                    topics.breaches(),
                    Duration.ofSeconds(90),
                    rs -> rs.stream()
                                    .filter(r -> text(r).contains("RESPONSE:BREACH"))
                                    .count()
                            >= 2);
            var breaches = alerts.stream()
                    .map(KafkaEnforcementJobIT::json)
                    .filter(a -> a.get("id").asText().endsWith("RESPONSE:BREACH"))
                    .toList();
            assertThat(breaches)
                    .extracting(a -> a.get("ticketId").asText() + "@"
                            + a.get("policyVersion").asText() + "="
                            + Duration.between(
                                    Instant.parse(a.get("startedAt").asText()),
                                    Instant.parse(a.get("deadline").asText())))
                    .containsExactlyInAnyOrder("OLD@default-2026.11=PT15M", "NEW@v2=PT30M");
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    // ---- helpers ----

    private record Outputs(
            List<String> alerts,
            List<String> escalations,
            List<String> deadLetterReasons,
            List<String> escalationTargets,
            List<String> chains,
            List<String> chainKeys,
            List<String> routing,
            List<String> routingKeys) {}

    private Outputs runHistory(String name, long failAfter) throws Exception {
        RunOptions.Topics topics = topics(name);
        kafka.createTopics(topics, 3);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : history(base)) {
            String key =
                    line.contains("\"ticketId\":\"") ? line.replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1") : null;
            records.add(record(topics.events(), key, line));
        }
        kafka.produce(topics.events(), records);
        JobClient job = start(options(topics, POLICY, true, failAfter));
        try {
            List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readCommitted(
                    topics.breaches(), Duration.ofSeconds(90), rs -> rs.size() >= EXPECTED_ALERTS.size());
            List<ConsumerRecord<byte[], byte[]>> escalations = kafka.readCommitted(
                    topics.escalations(), Duration.ofSeconds(30), rs -> rs.size() >= EXPECTED_ESCALATIONS.size());
            kafka.readCommitted(topics.chains(), Duration.ofSeconds(60), rs -> rs.size() >= EXPECTED_CHAINS.size());
            watch.awaitCompletedCheckpoints(job, 2, Duration.ofSeconds(60)); // a duplicate would be committed by then
            alerts = kafka.readCommitted(topics.breaches(), Duration.ofSeconds(4), rs -> false);
            escalations = kafka.readCommitted(topics.escalations(), Duration.ofSeconds(2), rs -> false);
            List<ConsumerRecord<byte[], byte[]>> dead =
                    kafka.readCommitted(topics.deadLetters(), Duration.ofSeconds(2), rs -> false);
            List<ConsumerRecord<byte[], byte[]>> chains =
                    kafka.readCommitted(topics.chains(), Duration.ofSeconds(2), rs -> false);
            List<ConsumerRecord<byte[], byte[]>> routing =
                    kafka.readCommitted(topics.routing(), Duration.ofSeconds(2), rs -> false);
            return new Outputs(
                    alerts.stream().map(r -> json(r).get("id").asText()).toList(),
                    escalations.stream().map(r -> json(r).get("id").asText()).toList(),
                    dead.stream().map(r -> json(r).get("reason").asText()).toList(),
                    escalations.stream()
                            .map(r -> json(r).get("ticketId").asText() + "->"
                                    + json(r).get("to").asText())
                            .toList(),
                    chains.stream().map(r -> chain(json(r))).toList(),
                    chains.stream()
                            .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                            .toList(),
                    routing.stream()
                            .map(r -> json(r).get("id").asText() + "="
                                    + json(r).get("tier").asText() + " by "
                                    + json(r).get("rule").asText())
                            .toList(),
                    routing.stream()
                            .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                            .toList());
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    private static RunOptions.Topics topics(String name) {
        return RunOptions.Topics.prefixed(name);
    }

    private RunOptions options(RunOptions.Topics topics, Path policy, boolean exactlyOnce, long failAfter) {
        return options(topics, policy, exactlyOnce, failAfter, 2);
    }

    private RunOptions options(
            RunOptions.Topics topics, Path policy, boolean exactlyOnce, long failAfter, int parallelism) {
        return RunOptions.builder(kafka.bootstrap(), topics, policy)
                .groupId("it-" + topics.events())
                .eventTime(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5))
                .exactlyOnce(exactlyOnce)
                .checkpoints(Duration.ofSeconds(1), ItJobs.checkpointDir("KafkaEnforcementJobIT"))
                .parallelism(parallelism)
                .injectFailureAfter(failAfter)
                .build();
    }

    private JobClient start(RunOptions o) throws Exception {
        Configuration conf = KafkaEnforcementJob.configuration(o);
        watch = JobWatch.on(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(env, o);
        return env.executeAsync("it " + o.topics().events());
    }

    private static String event(String id, String ticket, String client, String type, Instant at, String more) {
        return "{\"eventId\":\"" + id + "-" + ticket + "\",\"ticketId\":\"" + ticket + "\",\"clientId\":\"" + client
                + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\"" + more + "}";
    }

    private static String text(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String chain(JsonNode c) {
        List<String> tickets = new ArrayList<>(), evidence = new ArrayList<>();
        c.get("tickets").forEach(t -> tickets.add(t.asText()));
        c.get("evidence").forEach(e -> evidence.add(e.asText()));
        return c.get("pattern").asText() + "@" + c.get("clientId").asText()
                + tickets.toString().replace(" ", "") + "<-" + String.join(",", evidence);
    }
}
