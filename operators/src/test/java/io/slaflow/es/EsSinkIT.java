package io.slaflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.RejectReason;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link EsSink} in a Flink MiniCluster job against a real Elasticsearch node. */
class EsSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INDEX = "it-sink";
    private static ElasticsearchNode node;

    /** Dead letters of the jobs in this JVM (the MiniCluster runs the writers here). */
    static final ConcurrentLinkedQueue<DeadLetter> DEAD_LETTERS = new ConcurrentLinkedQueue<>();

    static final class CollectingDeadLetters implements EsDeadLetterHandler {
        @Override
        public void accept(DeadLetter deadLetter) {
            DEAD_LETTERS.add(deadLetter);
        }
    }

    @BeforeAll
    static void start() {
        node = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-es-sink")),
                        l -> System.out.println("[es] " + l))
                .start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void freshIndex() throws Exception {
        send("DELETE", "/" + INDEX, null);
        DEAD_LETTERS.clear();
        HttpResponse<String> created = send("PUT", "/" + INDEX, """
                {"settings":{"number_of_shards":2,"number_of_replicas":0},
                 "mappings":{"dynamic":"strict","properties":{"n":{"type":"long"},"text":{"type":"keyword"},"even":{"type":"boolean"}}}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    /** Element n → document "d{n}"; every 1000th has a text where the mapping wants a long: refused for good. */
    static EsDocument document(Long n) {
        if (n % 1000 == 999) {
            return EsDocument.index(INDEX, "d" + n, "{\"n\":\"not a number " + n + "\"}");
        }
        String source = "{\"n\":" + n + ",\"text\":\"document " + n + "\"}";
        return n % 2 == 0
                ? EsDocument.upsert(INDEX, "d" + n, source.replace("}", ",\"even\":true}"))
                : EsDocument.index(INDEX, "d" + n, source);
    }

    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        return env;
    }

    private static EsSink<Long> sink() {
        return new EsSink<>(
                EsSinkConfig.builder(node.httpUrl())
                        .maxActions(200)
                        .flushInterval(Duration.ofMillis(200))
                        .backoff(Duration.ofMillis(50), Duration.ofSeconds(2))
                        .build(),
                EsSinkIT::document,
                new CollectingDeadLetters());
    }

    @Test
    void writesTheExpectedDocumentsAndAReplayLeavesTheSameCount() throws Exception {
        long n = 10_000;
        for (int run = 1; run <= 2; run++) {
            StreamExecutionEnvironment env = environment();
            env.fromSequence(0, n - 1).sinkTo(sink());
            env.execute("es sink run " + run);

            long refused = n / 1000;
            assertThat(count()).as("run %d", run).isEqualTo(n - refused);
            assertThat(DEAD_LETTERS).as("run %d", run).hasSize((int) (refused * run));
        }
        JsonNode d42 =
                JSON.readTree(send("GET", "/" + INDEX + "/_doc/d42", null).body());
        assertThat(d42.at("/_source/n").asLong()).isEqualTo(42);
        assertThat(d42.at("/_source/text").asText()).isEqualTo("document 42");
        assertThat(d42.at("/_source/even").asBoolean()).isTrue();
        JsonNode d43 =
                JSON.readTree(send("GET", "/" + INDEX + "/_doc/d43", null).body());
        assertThat(d43.at("/_source").toString()).isEqualTo("{\"n\":43,\"text\":\"document 43\"}");
        assertThat(send("GET", "/" + INDEX + "/_doc/d999", null).statusCode()).isEqualTo(404);

        DeadLetter first = DEAD_LETTERS.stream()
                .filter(d -> d.message().contains(INDEX + "/d999"))
                .findFirst()
                .orElseThrow();
        assertThat(first.reason()).isEqualTo(RejectReason.ES_REJECTED);
        assertThat(first.message()).contains("400", "document_parsing_exception");
        assertThat(first.originalText()).contains("\"_id\":\"d999\"", "not a number 999");
        // a replay gives the same dead letters, with the same ids
        assertThat(DEAD_LETTERS.stream().map(DeadLetter::id).distinct().count()).isEqualTo(n / 1000);
    }

    @Test
    void anElasticsearchOutageInTheMiddleOfTheRunLosesNothing() throws Exception {
        long n = 20_000;
        StreamExecutionEnvironment env = environment();
        env.fromSequence(0, n - 1).map(new Throttle()).sinkTo(sink());
        JobClient job = env.executeAsync("es sink outage");
        boolean finished = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count() < 1000 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long before = count();
            assertThat(before).isBetween(1000L, n - 1000);
            node.stop();
            assertThat(job.getJobStatus().get())
                    .as("the job is still writing when Elasticsearch goes away")
                    .isEqualTo(JobStatus.RUNNING);
            Thread.sleep(3000); // the writers keep retrying meanwhile
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            node.start();
            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
            finished = true;
        } finally {
            if (!finished) { // a finished job's MiniCluster is already gone
                job.cancel().get();
            }
        }
        assertThat(count()).isEqualTo(n - n / 1000);
        assertThat(DEAD_LETTERS).hasSize((int) (n / 1000));
    }

    /** Spreads the input over some seconds, so that the outage falls in the middle of the run. */
    static final class Throttle implements MapFunction<Long, Long> {
        @Override
        public Long map(Long value) throws Exception {
            if (value % 10 == 0) {
                Thread.sleep(5);
            }
            return value;
        }
    }

    private static long count() throws Exception {
        send("POST", "/" + INDEX + "/_refresh", null);
        HttpResponse<String> r = send("GET", "/" + INDEX + "/_count", null);
        return r.statusCode() == 200 ? JSON.readTree(r.body()).get("count").asLong() : -1;
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.httpUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
