package io.slaflow.jobs.run;

import static io.slaflow.jobs.run.KafkaFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.jobs.prove.ProveOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's counters reach Prometheus: {@code slaflow run}'s graph in a MiniCluster configured with Flink's Prometheus
 * reporter, scraped over HTTP while the job runs on the history {@link KafkaEnforcementJobIT} knows the exact outputs
 * of, plus one ticket of last week so a weekly report is delivered. Counters are summed over subtasks, as a
 * Prometheus {@code sum by (...)} would.
 */
class PrometheusMetricsIT {
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final Path ALERT_RULES = Path.of("../infra/prometheus/slaflow-alerts.yml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** {@code name{label="value",...} value}: the Prometheus text format. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$");

    private static KafkaFixture kafka;
    private static ElasticsearchNode es;

    @BeforeAll
    static void start() {
        kafka = new KafkaFixture(Path.of("target/it-stack-metrics-kafka"));
        es = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-metrics-es")),
                        l -> System.out.println("[es] " + l))
                .start();
    }

    @AfterAll
    static void stop() {
        if (es != null) es.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void eventsDeadLettersSignalsWatermarkLagSinkAndReportCountersAreScrapedDuringARun() throws Exception {
        RunOptions.Topics topics = new RunOptions.Topics(
                "metrics-ticket-events",
                "metrics-sla-policies",
                "metrics-sla-breaches",
                "metrics-sla-escalations",
                "metrics-ticket-events-dlq",
                "metrics-sla-chains");
        kafka.createTopics(topics, 2);
        Instant lastWeek = Instant.now()
                .truncatedTo(ChronoUnit.DAYS)
                .minus(8, ChronoUnit.DAYS)
                .plus(10, ChronoUnit.HOURS);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : List.of(
                event("w1", "CREATED", lastWeek, ",\"subject\":\"Mailbox full\""),
                event("w2", "RESPONDED", lastWeek.plus(5, ChronoUnit.MINUTES), ""),
                event("w3", "RESOLVED", lastWeek.plus(30, ChronoUnit.MINUTES), ""))) {
            records.add(record(topics.events(), "W1", line));
        }
        for (String line : KafkaEnforcementJobIT.history(
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS))) {
            String key =
                    line.contains("\"ticketId\":\"") ? line.replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1") : null;
            records.add(record(topics.events(), key, line));
        }
        kafka.produce(topics.events(), records);

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RunOptions o = RunOptions.builder(kafka.bootstrap(), topics, POLICY)
                .groupId("it-metrics")
                // a reader that has fetched nothing for this long follows the wall clock: on a loaded machine a short
                // pause before the first fetch would make the whole six-hour history LATE (as ProveLayerIT, 30 s)
                .eventTime(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(30))
                .checkpoints(Duration.ofSeconds(1), ItJobs.checkpointDir("PrometheusMetricsIT"))
                .parallelism(2)
                .build();
        Configuration conf = PrometheusMetrics.enable(KafkaEnforcementJob.configuration(o), String.valueOf(port));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Path reports = Files.createDirectories(Path.of("target/metrics-it-reports"));
        KafkaEnforcementJob.build(env, o, ProveOptions.elasticsearch(es.httpUrl(), reports));
        JobClient job = env.executeAsync("it metrics");
        try {
            String metrics = "";
            boolean done = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!done && System.nanoTime() < deadline) {
                metrics = scrape(port);
                String scraped = metrics;
                // a restarted job counts again from zero in new task metrics: say so rather than miscount
                assertThat(sum(metrics, "jobmanager_job_numRestarts", ""))
                        .as(() -> "the job restarted (its failure is in the log); at the last scrape:\n"
                                + progress(scraped))
                        .isZero();
                done = sum(metrics, "slaEscalations", "tier=\"P1\"") >= 3
                        && sum(metrics, "slaEventsIn", "") >= 11
                        && sum(metrics, "reportDeliveries", "status=\"GENERATED\"") >= 1
                        && sum(metrics, "slaDeadLetters", "reason=\"UNKNOWN_TICKET\"") >= 1;
                if (!done) Thread.sleep(1_000);
            }
            Files.writeString(
                    Path.of("target/metrics-it-scrape.txt"), metrics); // what Prometheus saw, for a failure's reader
            assertThat(done)
                    .as(
                            "the job delivered its outputs within 180 s; where event time, back-pressure and the"
                                    + " outputs stood at the last scrape:%n%s",
                            progress(metrics))
                    .isTrue();
            assertThat(sum(metrics, "slaDeadLetters", "reason=\"LATE\""))
                    .as("nothing late: event time followed the history")
                    .isZero();
            // events in by type: the valid ones (the skewed CREATED is a dead letter before it counts)
            assertThat(sum(metrics, "slaEventsIn", "type=\"CREATED\""))
                    .as(metrics)
                    .isEqualTo(4);
            assertThat(sum(metrics, "slaEventsIn", "type=\"RESPONDED\"")).isEqualTo(3);
            assertThat(sum(metrics, "slaEventsIn", "type=\"RESOLVED\"")).isEqualTo(3);
            assertThat(sum(metrics, "slaEventsIn", "type=\"CLOSED\"")).isEqualTo(1);
            assertThat(sum(metrics, "slaEventsIn", "type=\"REOPENED\""))
                    .as("every type is exported, zero or not")
                    .isZero();
            // dead letters by reason, from parsing and from the enforcer
            assertThat(sum(metrics, "slaDeadLetters", "reason=\"MALFORMED_JSON\""))
                    .isEqualTo(1);
            assertThat(sum(metrics, "slaDeadLetters", "reason=\"CLOCK_SKEW\"")).isEqualTo(1);
            assertThat(sum(metrics, "slaDeadLetters", "reason=\"UNKNOWN_TICKET\""))
                    .isEqualTo(1);
            // warnings, breaches, escalations per tier: KafkaEnforcementJobIT's exact outputs
            long warnings = KafkaEnforcementJobIT.EXPECTED_ALERTS.stream()
                    .filter(a -> a.contains(":WARNING:"))
                    .count();
            assertThat(sum(metrics, "slaAlerts", "kind=\"WARNING\"", "tier=\"P1\""))
                    .isEqualTo(warnings);
            assertThat(sum(metrics, "slaAlerts", "kind=\"BREACH\"", "tier=\"P1\""))
                    .isEqualTo(KafkaEnforcementJobIT.EXPECTED_ALERTS.size() - warnings);
            assertThat(sum(metrics, "slaEscalations", "tier=\"P1\""))
                    .isEqualTo(KafkaEnforcementJobIT.EXPECTED_ESCALATIONS.size());
            // the Elasticsearch sink's retries and refusals (none here, but exported), report deliveries
            assertThat(names(metrics))
                    .anyMatch(n -> n.endsWith("esRetriedDocuments"))
                    .anyMatch(n -> n.endsWith("esRejectedDocuments"));
            assertThat(sum(metrics, "esRejectedDocuments", "")).isZero();
            assertThat(sum(metrics, "reportDeliveries", "status=\"GENERATED\"")).isGreaterThanOrEqualTo(1);
            assertThat(sum(metrics, "reportDeliveries", "status=\"FAILED\"")).isZero();
            // event time follows the wall clock once the history is read: the lag is small and positive
            List<Double> lags = values(metrics, "slaWatermarkLagMs");
            assertThat(lags).isNotEmpty().allSatisfy(lag -> assertThat(lag).isBetween(0.0, 60_000.0));
            // every metric the shipped alert rules name is one the job exports, under that exact name
            List<String> exported = names(metrics);
            // the names infra/flink/README.md documents: scope, then the group keys, then the metric
            for (String documented : List.of(
                    "type_slaEventsIn",
                    "reason_slaDeadLetters",
                    "tier_kind_slaAlerts",
                    "tier_slaEscalations",
                    "slaWatermarkLagMs",
                    "esRetriedDocuments",
                    "esRejectedDocuments",
                    "status_reportDeliveries")) {
                assertThat(exported).contains("flink_taskmanager_job_task_operator_" + documented);
            }
            int rules = 0;
            for (String expr : alertExpressions()) {
                Matcher referenced = Pattern.compile("flink_[A-Za-z0-9_]+").matcher(expr);
                assertThat(referenced.find()).as(expr).isTrue();
                do {
                    String name = referenced.group();
                    assertThat(exported.stream().filter(n -> n.equals(name)).count())
                            .as(
                                    "%s (in %s) among the exported metrics, target/metrics-it-scrape.txt",
                                    name, ALERT_RULES)
                            .isPositive();
                } while (referenced.find());
                rules++;
            }
            assertThat(rules).isGreaterThanOrEqualTo(4);
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    /**
     * The samples that tell why a run is slow to deliver, a line each: the tasks that are busy or back-pressured, the
     * watermarks into and out of the enforcer and the wall-clock step, the job's restarts, and the outputs that occurred
     * so far (a failure's reader has no other view of a MiniCluster on a CI machine).
     */
    private static String progress(String metrics) {
        Pattern wanted = Pattern.compile("(job_task_(busy|backPressured)TimeMsPerSecond|numRestarts"
                + "|_sla[A-Za-z]+|reportDeliveries|currentInputWatermark|currentOutputWatermark)$");
        StringBuilder b = new StringBuilder();
        for (String line : metrics.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#")
                    || !m.matches()
                    || !wanted.matcher(m.group(1)).find()) continue;
            String labels = m.group(2) == null ? "" : m.group(2);
            String operator = label(labels, "operator_name");
            if (m.group(1).contains("Watermark")
                    && !operator.equals("enforce_SLAs")
                    && !operator.equals("wall_clock_while_idle")) continue;
            double value = Double.parseDouble(m.group(3));
            if (value == 0 && !m.group(1).endsWith("numRestarts")) continue; // not busy, or did not occur
            String task = label(labels, "task_name");
            b.append(m.group(1).replaceFirst("^flink_(taskmanager_job_task_(operator_)?|jobmanager_job_)", ""))
                    .append(" task=")
                    .append(task.substring(0, Math.min(task.length(), 24)))
                    .append(operator.isEmpty() ? "" : " operator=" + operator)
                    .append(" subtask=")
                    .append(label(labels, "subtask_index"))
                    .append(groupKeys(labels))
                    .append(' ')
                    .append(
                            m.group(1).endsWith("Watermark") && Math.abs(value) < 1e15
                                    ? Instant.ofEpochMilli((long) value).toString()
                                    : m.group(3))
                    .append('\n');
        }
        return b.toString();
    }

    /** The SLAflow metric groups' keys ({@code kind="WARNING"}, ...) of a sample, as they are. */
    private static String groupKeys(String labels) {
        StringBuilder keys = new StringBuilder();
        for (String key : List.of("kind", "tier", "type", "reason", "status")) {
            String value = label(labels, key);
            if (!value.isEmpty()) keys.append(' ').append(key).append('=').append(value);
        }
        return keys.toString();
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile("[{,]" + name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "";
    }

    /** The {@code expr} of every rule in the shipped alert rules. */
    private static List<String> alertExpressions() throws Exception {
        Map<?, ?> doc = new org.yaml.snakeyaml.Yaml().load(Files.readString(ALERT_RULES));
        List<String> exprs = new ArrayList<>();
        for (Object g : (List<?>) doc.get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules"))
                exprs.add(String.valueOf(((Map<?, ?>) r).get("expr")));
        }
        return exprs;
    }

    private static String event(String id, String type, Instant at, String more) {
        return "{\"eventId\":\"" + id + "\",\"ticketId\":\"W1\",\"clientId\":\"acme\",\"type\":\"" + type
                + "\",\"occurredAt\":\"" + at + "\"" + more + "}";
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The sum over every sample whose name ends with {@code name} and whose labels hold all of {@code labels}. */
    private static long sum(String metrics, String name, String... labels) {
        double total = 0;
        for (double v : values(metrics, name, labels)) total += v;
        return Math.round(total);
    }

    private static List<Double> values(String metrics, String name, String... labels) {
        List<Double> values = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches() || !m.group(1).endsWith(name)) continue;
            String l = m.group(2) == null ? "" : m.group(2);
            boolean all = true;
            for (String label : labels) all &= label.isEmpty() || l.contains(label);
            if (all) values.add(Double.parseDouble(m.group(3)));
        }
        return values;
    }

    private static List<String> names(String metrics) {
        List<String> names = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!line.startsWith("#") && m.matches()) names.add(m.group(1));
        }
        return names;
    }
}
