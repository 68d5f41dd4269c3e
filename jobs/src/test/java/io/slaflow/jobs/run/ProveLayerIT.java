package io.slaflow.jobs.run;

import static io.slaflow.jobs.run.KafkaFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.jobs.prove.ProveOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slaflow run} with the Prove layer against a real broker and a real Elasticsearch node: the evidence trail,
 * the ticket states and the adherence figures the history implies are in Elasticsearch, and running the same input
 * again leaves the same documents (deterministic ids: a replay overwrites).
 */
class ProveLayerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KafkaFixture kafka;
    private static ElasticsearchNode es;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = new KafkaFixture(Path.of("target/it-stack-prove-kafka"));
        es = new ElasticsearchNode(StackLocation.withState(Path.of("target/it-stack-prove-es")),
                l -> System.out.println("[es] " + l)).start();
    }

    @AfterAll
    static void stop() {
        if (es != null) es.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void theJobWritesTheExpectedDocumentsAndARerunLeavesTheSameOnes() throws Exception {
        RunOptions.Topics topics = new RunOptions.Topics("prove-ticket-events", "prove-sla-policies", "prove-sla-breaches",
                "prove-sla-escalations", "prove-ticket-events-dlq", "prove-sla-chains");
        kafka.createTopics(topics, 2);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : KafkaEnforcementJobIT.history(base)) {
            String key = line.contains("\"ticketId\":\"") ? line.replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1") : null;
            records.add(record(topics.events(), key, line));
        }
        kafka.produce(topics.events(), records);
        List<String> expectedEvents = new ArrayList<>(KafkaEnforcementJobIT.EXPECTED_ALERTS);
        expectedEvents.addAll(KafkaEnforcementJobIT.EXPECTED_ESCALATIONS);

        int chains = 4; // as on sla-chains (KafkaEnforcementJobIT): one double breach, three escalations ignored
        Snapshot first = runUntil(topics, "first", s -> s.events.size() >= expectedEvents.size() + chains && s.decided >= 6);
        assertThat(first.events).filteredOn(id -> !id.contains("-")).containsExactlyInAnyOrderElementsOf(expectedEvents);
        assertThat(first.events).filteredOn(id -> id.startsWith("double-breach:")).hasSize(1);
        assertThat(first.events).filteredOn(id -> id.startsWith("escalation-ignored:")).hasSize(3);
        assertThat(first.events).hasSize(expectedEvents.size() + chains);
        JsonNode chain = get("/sla-events/_search?q=kind:CHAIN%20AND%20pattern:double-breach").at("/hits/hits/0/_source");
        assertThat(chain.get("clientId").asText()).isEqualTo("globex");
        assertThat(chain.get("evidence")).isNotEmpty();
        assertThat(first.tickets).containsExactly("A1", "A2", "A3");
        JsonNode a3 = get("/sla-tickets/_doc/A3").get("_source");
        assertThat(a3.get("open").asBoolean()).isTrue();
        assertThat(a3.at("/resolution/overdue").asBoolean()).isTrue();
        assertThat(a3.at("/response/outcome").asText()).isEqualTo("BREACHED");
        assertThat(a3.get("assignee").asText()).as("the escalation's reassignment").isEqualTo("rafael.cruz");
        assertThat(first.met).as("A1 response, A1 and A2 resolution").isEqualTo(3);
        assertThat(first.decided).as("plus A2 response, A3 response and resolution breached").isEqualTo(6);
        JsonNode acme = get("/sla-client-acme/_search?size=100&q=kind:BREACH");
        assertThat(acme.at("/hits/hits")).allSatisfy(h -> assertThat(h.at("/_source/clientId").asText()).isEqualTo("acme"));

        Snapshot again = runUntil(topics, "again", s -> s.events.size() >= expectedEvents.size() + chains && s.decided >= 6);
        Thread.sleep(3_000);
        Snapshot settled = snapshot();
        assertThat(settled.events).isEqualTo(first.events);
        assertThat(settled.tickets).isEqualTo(first.tickets);
        assertThat(settled.adherenceDocs).as("a rerun overwrites").isEqualTo(again.adherenceDocs).isEqualTo(first.adherenceDocs);
        assertThat(settled.decided).isEqualTo(6);
    }

    private record Snapshot(TreeSet<String> events, TreeSet<String> tickets, long adherenceDocs, long met, long decided) {}

    private Snapshot runUntil(RunOptions.Topics topics, String group, Predicate<Snapshot> done) throws Exception {
        RunOptions o = new RunOptions(kafka.bootstrap(), new Properties(), "it-prove-" + group, topics, true, POLICY,
                Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMinutes(5),
                EnforcerSettings.live(), true, Duration.ofSeconds(1), dir.resolve(group).toUri().toString(), true, 2,
                TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES, 0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(KafkaEnforcementJob.configuration(o));
        KafkaEnforcementJob.build(env, o, ProveOptions.elasticsearch(es.httpUrl(), dir.resolve("reports")));
        JobClient job = env.executeAsync("it prove " + group);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            Snapshot s = snapshot();
            while (!done.test(s) && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                s = snapshot();
            }
            return s;
        } finally {
            job.cancel().get();
        }
    }

    private Snapshot snapshot() throws Exception {
        send("POST", "/sla-*/_refresh", null);
        TreeSet<String> events = new TreeSet<>();
        for (JsonNode h : get("/sla-events/_search?size=1000").at("/hits/hits")) events.add(h.get("_id").asText());
        TreeSet<String> tickets = new TreeSet<>();
        for (JsonNode h : get("/sla-tickets/_search?size=1000").at("/hits/hits")) tickets.add(h.get("_id").asText());
        JsonNode sums = send("POST", "/sla-adherence/_search", """
                {"size":0,"query":{"term":{"window":"1h"}},
                 "aggs":{"met":{"sum":{"field":"met"}},"decided":{"sum":{"field":"decided"}}}}""");
        long docs = get("/sla-adherence/_count").get("count").asLong();
        return new Snapshot(events, tickets, docs, sums.at("/aggregations/met/value").asLong(),
                sums.at("/aggregations/decided/value").asLong());
    }

    private static JsonNode get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(es.httpUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
