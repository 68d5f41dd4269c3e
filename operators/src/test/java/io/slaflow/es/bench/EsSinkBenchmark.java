package io.slaflow.es.bench;

import io.slaflow.es.EsDocument;
import io.slaflow.es.EsSink;
import io.slaflow.es.EsSinkConfig;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Sink throughput against a real local Elasticsearch node, side by side with a plain bulk loader that sends the same
 * documents in requests of the same size straight through the REST client, in one run (alternating, so that both see the
 * same machine load). Not a JUnit test: run it by hand (command in BENCHMARKS.md). Arguments: documents per run
 * (default 200,000), rounds (default 2). {@code -Des.url=http://...} uses a running node instead of starting one.
 */
public final class EsSinkBenchmark {

    private static final int BATCH = 1000;

    public static void main(String[] args) throws Exception {
        long documents = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String url = System.getProperty("es.url");
        ElasticsearchNode node = null;
        if (url == null) {
            node = new ElasticsearchNode(
                            StackLocation.withState(Path.of("operators/target/bench-stack-es")),
                            l -> System.out.println("[es] " + l))
                    .start();
            url = node.httpUrl();
        }
        try (RestClient client = RestClient.builder(HttpHost.create(url)).build()) {
            System.out.printf(
                    "%,d documents of ~%d bytes per run, bulk requests of %d, one request in flight%n",
                    documents, source(0).length(), BATCH);
            double plainBest = 0;
            double sinkBest = 0;
            for (int round = 1; round <= rounds; round++) {
                double plain = plainLoader(client, documents);
                double sink = sink(client, url, documents);
                plainBest = Math.max(plainBest, plain);
                sinkBest = Math.max(sinkBest, sink);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: plain bulk loader %,.0f docs/s, EsSink %,.0f docs/s, ratio %.2f, load average %.2f%n",
                        round,
                        plain,
                        sink,
                        sink / plain,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            System.out.printf(
                    Locale.ROOT,
                    "best: plain %,.0f docs/s, EsSink %,.0f docs/s, ratio %.2f%n",
                    plainBest,
                    sinkBest,
                    sinkBest / plainBest);
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    static String source(long n) {
        return "{\"id\":\"evt-" + n + "\",\"kind\":\"BREACH\",\"clientId\":\"client-" + (n % 50)
                + "\",\"ticketId\":\"T-" + (n / 3) + "\",\"priority\":\"P" + (n % 4 + 1)
                + "\",\"firedAt\":\"2026-11-16T10:15:00Z\",\"deadline\":\"2026-11-16T10:00:00Z\","
                + "\"policyVersion\":7,\"message\":\"response deadline missed by 15 minutes\"}";
    }

    private static void freshIndex(RestClient client, String index) throws IOException {
        client.performRequest(new Request("DELETE", "/" + index + "?ignore_unavailable=true"));
        Request create = new Request("PUT", "/" + index);
        create.setJsonEntity("{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
        client.performRequest(create);
    }

    private static long count(RestClient client, String index) throws IOException {
        client.performRequest(new Request("POST", "/" + index + "/_refresh"));
        String body = EntityUtils.toString(client.performRequest(new Request("GET", "/" + index + "/_count"))
                .getEntity());
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    /** What a hand-written loader does: build a bulk body of BATCH documents, POST it, check "errors", repeat. */
    private static double plainLoader(RestClient client, long documents) throws IOException {
        String index = "bench-plain";
        freshIndex(client, index);
        long start = System.nanoTime();
        StringBuilder body = new StringBuilder();
        int inBody = 0;
        for (long n = 0; n < documents; n++) {
            body.append("{\"index\":{\"_index\":\"")
                    .append(index)
                    .append("\",\"_id\":\"e")
                    .append(n)
                    .append("\"}}\n")
                    .append(source(n))
                    .append('\n');
            if (++inBody == BATCH || n == documents - 1) {
                Request bulk = new Request("POST", "/_bulk");
                bulk.addParameter("filter_path", "errors");
                bulk.setEntity(new ByteArrayEntity(
                        body.toString().getBytes(StandardCharsets.UTF_8), ContentType.create("application/x-ndjson")));
                Response response = client.performRequest(bulk);
                if (EntityUtils.toString(response.getEntity()).contains("\"errors\":true")) {
                    throw new IllegalStateException("the plain loader's bulk request had item errors");
                }
                body.setLength(0);
                inBody = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(client, index, documents);
        return documents / seconds;
    }

    /** The same documents through EsSink in a MiniCluster job (parallelism 1: one request in flight, like the loader). */
    private static double sink(RestClient client, String url, long documents) throws Exception {
        String index = "bench-sink";
        freshIndex(client, index);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(5_000);
        env.fromSequence(0, documents - 1)
                .sinkTo(new EsSink<Long>(
                        EsSinkConfig.builder(url).maxActions(BATCH).build(),
                        n -> EsDocument.index(index, "e" + n, source(n))));
        JobExecutionResult result = env.execute("EsSink benchmark");
        double seconds = result.getNetRuntime() / 1e3; // the job's run time, without starting the MiniCluster
        check(client, index, documents);
        return documents / seconds;
    }

    private static void check(RestClient client, String index, long documents) throws IOException {
        long count = count(client, index);
        if (count != documents) {
            throw new IllegalStateException(index + " holds " + count + " documents, expected " + documents);
        }
    }
}
