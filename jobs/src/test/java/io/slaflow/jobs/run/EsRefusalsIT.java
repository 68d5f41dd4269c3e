package io.slaflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.es.EsDocument;
import io.slaflow.es.EsSink;
import io.slaflow.es.EsSinkConfig;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.jobs.kafka.KafkaEsDeadLetters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A document Elasticsearch refuses for good lands in the job's dead-letter topic (real Elasticsearch, real Kafka):
 * reason ES_REJECTED, Elasticsearch's error in the message, the document's bulk lines as the original bytes; the
 * other documents of the same bulk request are indexed and the job finishes normally.
 */
class EsRefusalsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INDEX = "it-strict";
    private static final String DLQ = "refusals-ticket-events-dlq";
    private static ElasticsearchNode node;
    private static KafkaFixture kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = new KafkaFixture(Path.of("target/it-stack-refusals-kafka"));
        node = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-refusals-es")),
                        l -> System.out.println("[es] " + l))
                .start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(DLQ, 1, (short) 1))).all().get();
        }
        // a strict mapping: a document with a field it does not name is refused with 400, for good
        HttpResponse<String> created = send(
                "PUT",
                "/" + INDEX,
                "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"n\":{\"type\":\"integer\"}}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void aDocumentElasticsearchRefusesIsADeadLetterOnKafkaAndTheRestIsIndexed() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(
                        TypeInformation.of(EsDocument.class),
                        EsDocument.index(INDEX, "good-1", "{\"n\":1}"),
                        EsDocument.index(INDEX, "refused", "{\"n\":2,\"notInTheMapping\":true}"),
                        EsDocument.index(INDEX, "good-2", "{\"n\":3}"))
                .sinkTo(new EsSink<>(
                        EsSinkConfig.builder(node.httpUrl()).build(),
                        d -> d,
                        new KafkaEsDeadLetters(kafka.bootstrap(), new Properties(), DLQ)));
        env.execute("it es refusals"); // ends normally: a refusal does not fail the job

        send("POST", "/" + INDEX + "/_refresh", null);
        JsonNode count =
                JSON.readTree(send("GET", "/" + INDEX + "/_count", null).body());
        assertThat(count.get("count").asLong()).isEqualTo(2);

        // the writer's flush at the end of input returned only when Kafka acknowledged (acks=all) every dead letter,
        // so with the job finished they are all below the end offsets: the topic read to its end is exact
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAllCommitted(DLQ);
        assertThat(dead).hasSize(1);
        JsonNode d = JSON.readTree(dead.get(0).value());
        assertThat(d.get("reason").asText()).isEqualTo("ES_REJECTED");
        assertThat(d.get("message").asText())
                .contains(INDEX)
                .contains("refused")
                .contains("strict_dynamic_mapping_exception");
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo(d.get("id").asText());
        String original =
                new String(Base64.getDecoder().decode(d.get("originalBase64").asText()), StandardCharsets.UTF_8);
        assertThat(original).contains("\"refused\"").contains("notInTheMapping");
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
