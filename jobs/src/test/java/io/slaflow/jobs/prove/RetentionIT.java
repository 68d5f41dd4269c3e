package io.slaflow.jobs.prove;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.es.EsDeadLetterHandler;
import io.slaflow.event.DeadLetter;
import io.slaflow.infra.es.IndexRetention;
import io.slaflow.infra.es.SlaIndices;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import io.slaflow.ingest.RawRecord;
import io.slaflow.ingest.SlaWatermarks;
import io.slaflow.jobs.chains.ChainGraph;
import io.slaflow.jobs.cli.SlaflowCli;
import io.slaflow.jobs.enforce.EnforcementGraph;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A year of generated history through the real enforcement and Prove graphs into a real Elasticsearch node, then
 * {@code slaflow es retention}: only the months the rules keep remain, closed tickets past their retention are gone
 * (open ones stay), and every dashboard panel query still answers, through the family aliases and a client's alias.
 *
 * <p>Small on purpose (3 clients, 1.5 tickets per client and day: about 1,600 tickets and 8,000 events) so the whole
 * test stays under a minute besides the node's start.
 */
class RetentionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    /** Retention applied as at the end of the history: 120 days keeps August–October 2026 of events and adherence. */
    private static final Duration KEEP_EVENTS = Duration.ofDays(120);

    private static final Duration KEEP_REPORTS = Duration.ofDays(200);
    private static final Duration KEEP_CLOSED = Duration.ofDays(60);
    private static ElasticsearchNode node;
    private static String url;

    @BeforeAll
    static void aYearOfHistoryInElasticsearch() throws Exception {
        node = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-retention")),
                        l -> System.out.println("[es] " + l))
                .start();
        url = node.httpUrl();
        Path events = Files.createDirectories(Path.of("target/retention-it")).resolve("year.jsonl");
        new WorkloadGenerator(new WorkloadSpec(26, 3, START, Duration.between(START, END), 1.5, 0.002, 0))
                .writeJsonLines(events);

        SlaPolicy policy = PolicyLoader.load(POLICY);
        ProveOptions prove = ProveOptions.elasticsearch(url, null);
        ProveGraph.prepare(prove, policy, System.out::println);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(1);
        List<RawRecord> lines = new ArrayList<>();
        long n = 0;
        byte[] all = Files.readAllBytes(events); // the malformed records include bytes that are not UTF-8
        for (int from = 0, i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i > from)
                    lines.add(RawRecord.fromFile(java.util.Arrays.copyOfRange(all, from, i), "year.jsonl", ++n));
                from = i + 1;
            }
        }
        DataStream<RawRecord> raw = env.fromData(lines).name("a year of history");
        PolicyVersion base =
                new PolicyVersion(policy.version(), Files.readString(POLICY), POLICY.toString(), Long.MIN_VALUE);
        EnforcerSettings settings = EnforcerSettings.live().withAsOf(END.toEpochMilli());
        EnforcementGraph.Outputs out = EnforcementGraph.build(
                raw,
                env.fromData(base).name("policy"),
                base,
                settings,
                SlaWatermarks.replay(WorkloadSpec.MAX_SKEW),
                64 * 1024);
        ProveGraph.attach(out, ChainGraph.build(out, policy), policy, settings, prove, new RefusalsFailTheJob());
        env.execute("a year into sla-*");

        // a month of delivery records per client and month, as the report sink writes them (the job above writes no
        // report files: rendering ~200 PDFs would cost this test minutes)
        StringBuilder bulk = new StringBuilder();
        for (YearMonth m = YearMonth.from(START.atZone(ZoneOffset.UTC));
                m.isBefore(YearMonth.from(END.atZone(ZoneOffset.UTC)));
                m = m.plusMonths(1)) {
            for (String client : List.of("acme", "globex")) {
                String id = client + ":MONTH:" + m;
                ObjectNode doc = JSON.createObjectNode()
                        .put("id", id)
                        .put("clientId", client)
                        .put("period", "MONTH")
                        .put("label", m.toString())
                        .put(
                                "periodStart",
                                m.atDay(1)
                                        .atStartOfDay(ZoneOffset.UTC)
                                        .toInstant()
                                        .toString())
                        .put(
                                "generatedAt",
                                m.plusMonths(1)
                                        .atDay(1)
                                        .atStartOfDay(ZoneOffset.UTC)
                                        .toInstant()
                                        .toString())
                        .put("status", m.getMonthValue() == 9 && client.equals("globex") ? "FAILED" : "DELIVERED");
                bulk.append("{\"index\":{\"_index\":\"")
                        .append(SlaIndices.monthly(SlaIndices.REPORTS, m))
                        .append("\",\"_id\":\"")
                        .append(id)
                        .append("\"}}\n")
                        .append(doc)
                        .append('\n');
            }
        }
        assertThat(send("POST", "/_bulk?refresh=true", bulk.toString())
                        .path("errors")
                        .asBoolean())
                .isFalse();
        send("POST", "/sla-*/_refresh", null);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void retentionKeepsOnlyTheMonthsItsRulesKeepAndEveryPanelStillAnswers() throws Exception {
        TreeSet<String> before = indices();
        assertThat(months(before, SlaIndices.EVENTS))
                .as("a year of evidence, one index per month")
                .hasSizeGreaterThanOrEqualTo(12)
                .contains(YearMonth.of(2025, 11), YearMonth.of(2026, 10));
        assertThat(months(before, SlaIndices.ADHERENCE)).hasSizeGreaterThanOrEqualTo(12);
        long open = count("/sla-tickets/_count?q=open:true");
        long expiredClosed = closedBefore(END.minus(KEEP_CLOSED));
        long recentClosed = count("/sla-tickets/_count?q=open:false") - expiredClosed;
        assertThat(expiredClosed).isGreaterThan(1_000);
        assertThat(open).isPositive();
        assertThat(recentClosed).isPositive();

        // a dry run deletes nothing
        assertThat(retention("--dry-run")).contains("would delete sla-events-2025.11.01");
        assertThat(indices()).isEqualTo(before);

        String report = retention();
        assertThat(report).contains("deleted " + expiredClosed + " tickets");
        send("POST", "/sla-*/_refresh", null);
        TreeSet<String> after = indices();
        for (String family : SlaIndices.TIME_BASED) {
            Duration keep = family.equals(SlaIndices.REPORTS) ? KEEP_REPORTS : KEEP_EVENTS;
            for (YearMonth m : months(before, family)) {
                boolean kept = !IndexRetention.expired(m, keep, END);
                assertThat(after.contains(SlaIndices.monthly(family, m)))
                        .as("%s %s", family, m)
                        .isEqualTo(kept);
            }
        }
        // 1 July 2026 began 123 days before the end: past 120 days, so August is the oldest month kept
        assertThat(months(after, SlaIndices.EVENTS))
                .contains(YearMonth.of(2026, 8), YearMonth.of(2026, 10))
                .doesNotContain(YearMonth.of(2026, 7));
        assertThat(months(after, SlaIndices.REPORTS))
                .contains(YearMonth.of(2026, 5))
                .doesNotContain(YearMonth.of(2026, 3));
        assertThat(closedBefore(END.minus(KEEP_CLOSED))).isZero();
        assertThat(count("/sla-tickets/_count?q=open:true"))
                .as("open tickets are never deleted")
                .isEqualTo(open);
        assertThat(count("/sla-tickets/_count?q=open:false")).isEqualTo(recentClosed);

        // the history left still answers every panel, through the aliases Kibana reads: the last 30 days of it, up to
        // now (dead letters are dated when they were refused, i.e. during this test)
        Instant from = END.minus(Duration.ofDays(30));
        Instant to = Instant.now();
        for (Path q : panelQueries()) {
            JsonNode spec = JSON.readTree(Files.readString(q));
            JsonNode answer = panel(spec, spec.path("index").asText(), from, to);
            assertThat(answer.has("aggregations"))
                    .as("%s on %s", q.getFileName(), spec.path("index").asText())
                    .isTrue();
            if (!spec.path("timeField").isNull()) {
                // current-state panels (open tickets) may rightly be empty at the end of a history; the others hold
                // data
                assertThat(answer.at("/hits/total/value").asLong())
                        .as("%s on %s", q.getFileName(), spec.path("index").asText())
                        .isPositive();
            }
            assertThat(panel(spec, SlaIndices.clientAlias("acme"), from, to).has("aggregations"))
                    .as("%s through acme's alias", q.getFileName())
                    .isTrue();
        }

        // a second run finds nothing more to delete
        assertThat(retention()).contains("0 monthly indices deleted").contains("0 tickets deleted");
        assertThat(indices()).isEqualTo(after);
    }

    // ---- helpers ----

    private static String retention(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "es",
                "retention",
                "--es-host",
                url,
                "--as-of",
                END.toString(),
                "--events",
                KEEP_EVENTS.toDays() + "d",
                "--adherence",
                KEEP_EVENTS.toDays() + "d",
                "--reports",
                KEEP_REPORTS.toDays() + "d",
                "--dead-letters",
                KEEP_EVENTS.toDays() + "d",
                "--closed-tickets",
                KEEP_CLOSED.toDays() + "d"));
        args.addAll(List.of(extra));
        CommandLine cli = SlaflowCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        int code = cli.execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    /** The panel's request on {@code target} within [from, to] on its time field, as Kibana sends it. */
    private static JsonNode panel(JsonNode spec, String target, Instant from, Instant to) throws Exception {
        ObjectNode body = spec.path("body").deepCopy();
        body.put("track_total_hits", true);
        if (!spec.path("timeField").isNull()) {
            body.with("query")
                    .with("bool")
                    .withArray("filter")
                    .addObject()
                    .putObject("range")
                    .putObject(spec.path("timeField").asText())
                    .put("gte", from.toString())
                    .put("lte", to.toString());
        }
        return send("POST", "/" + target + "/_search", body.toString());
    }

    private static List<Path> panelQueries() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../infra/src/main/resources/kibana/panel-queries"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static long closedBefore(Instant cutoff) throws Exception {
        return send(
                        "POST",
                        "/sla-tickets/_count",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"open\":false}},"
                                + "{\"range\":{\"updatedAt\":{\"lt\":\"" + cutoff + "\"}}}]}}}")
                .path("count")
                .asLong();
    }

    private static TreeSet<String> indices() throws Exception {
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode i : send("GET", "/_cat/indices/sla-*?format=json&h=index", null))
            names.add(i.path("index").asText());
        return names;
    }

    private static List<YearMonth> months(TreeSet<String> indices, String family) {
        return indices.stream()
                .map(i -> SlaIndices.monthOf(family, i))
                .filter(java.util.Objects::nonNull)
                .sorted()
                .toList();
    }

    private static long count(String path) throws Exception {
        return send("GET", path, null).path("count").asLong();
    }

    private static JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode() / 100)
                .as(method + " " + path + ": " + r.body())
                .isEqualTo(2);
        return JSON.readTree(r.body());
    }

    /** A document the node refuses is a mapping bug here, not input to tolerate. */
    static final class RefusalsFailTheJob implements EsDeadLetterHandler {
        @Override
        public void accept(DeadLetter deadLetter) {
            throw new IllegalStateException("Elasticsearch refused a document: " + deadLetter.message());
        }
    }
}
