package io.slaflow.jobs.run;

import static io.slaflow.jobs.run.KafkaFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.report.ReportChannels;
import io.slaflow.jobs.report.SmtpSettings;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slaflow run} with the Prove layer against a real broker and a real Elasticsearch node: the evidence trail,
 * the ticket states and the adherence figures the history implies are in Elasticsearch, and running the same input
 * again leaves the same documents (deterministic ids: a replay overwrites). Then the client reports of a week of
 * history, delivered by a real SMTP server (GreenMail, in this JVM) and a local HTTP webhook, exactly once.
 *
 * <p>The tests run in order: the first asserts the exact set of {@code sla-events} documents, which the second adds to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProveLayerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** How long a partition read as a backlog must be quiet before the wall clock moves its event time (the default). */
    private static final Duration BACKLOG_IDLE = Duration.ofSeconds(30);

    private static KafkaFixture kafka;
    private static ElasticsearchNode es;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = new KafkaFixture(Path.of("target/it-stack-prove-kafka"));
        es = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-prove-es")),
                        l -> System.out.println("[es] " + l))
                .start();
    }

    @AfterAll
    static void stop() {
        if (es != null) es.close();
        if (kafka != null) kafka.close();
    }

    @Test
    @Order(1)
    void theJobWritesTheExpectedDocumentsAndARerunLeavesTheSameOnes() throws Exception {
        RunOptions.Topics topics = new RunOptions.Topics(
                "prove-ticket-events",
                "prove-sla-policies",
                "prove-sla-breaches",
                "prove-sla-escalations",
                "prove-ticket-events-dlq",
                "prove-sla-chains");
        kafka.createTopics(topics, 2);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : KafkaEnforcementJobIT.history(base)) {
            String key =
                    line.contains("\"ticketId\":\"") ? line.replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1") : null;
            records.add(record(topics.events(), key, line));
        }
        // a record the parser refuses, produced (its Kafka timestamp) a second before a month ended: its dead letter
        // files
        // under that month whenever it is refused, so the rerun below overwrites it instead of adding one under its own
        // month
        records.add(new ProducerRecord<>(
                topics.events(),
                null,
                DEAD_LETTER_PRODUCED.toEpochMilli(),
                null,
                "{\"eventId\":\"truncated".getBytes(StandardCharsets.UTF_8)));
        kafka.produce(topics.events(), records);
        List<String> expectedEvents = new ArrayList<>(KafkaEnforcementJobIT.EXPECTED_ALERTS);
        expectedEvents.addAll(KafkaEnforcementJobIT.EXPECTED_ESCALATIONS);

        int chains = 4; // as on sla-chains (KafkaEnforcementJobIT): one double breach, three escalations ignored
        Snapshot first = runUntil(
                topics,
                "first",
                s -> s.events.size() >= expectedEvents.size() + chains
                        && s.decided >= 6
                        && deadLetters().size() >= 4);
        // the history's three (MALFORMED_JSON, CLOCK_SKEW for 2030, UNKNOWN_TICKET) and this one, each in the month
        // of its record's own time: the Kafka timestamp for the parser's (not 2030), the event's for the enforcer's
        List<JsonNode> deadLetters = deadLetters();
        assertThat(deadLetters)
                .hasSize(4)
                .allSatisfy(h -> assertThat(h.get("_index").asText())
                        .isEqualTo(io.slaflow.infra.es.SlaIndices.monthly(
                                "sla-dead-letters",
                                Instant.parse(h.at("/_source/recordTime").asText())
                                        .toEpochMilli())));
        assertThat(deadLetters)
                .filteredOn(h -> h.at("/_source/originalText").asText().equals("{\"eventId\":\"truncated"))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.get("_index").asText()).isEqualTo("sla-dead-letters-2025.10.01");
                    assertThat(h.at("/_source/recordTime").asText()).isEqualTo(DEAD_LETTER_PRODUCED.toString());
                });
        TreeSet<String> deadLetterDocs = indexAndId(deadLetters);
        assertThat(first.events)
                .filteredOn(id -> !id.contains("-"))
                .containsExactlyInAnyOrderElementsOf(expectedEvents);
        assertThat(first.events)
                .filteredOn(id -> id.startsWith("double-breach:"))
                .hasSize(1);
        assertThat(first.events)
                .filteredOn(id -> id.startsWith("escalation-ignored:"))
                .hasSize(3);
        assertThat(first.events).hasSize(expectedEvents.size() + chains);
        JsonNode chain = get("/sla-events/_search?q=kind:CHAIN%20AND%20pattern:double-breach")
                .at("/hits/hits/0/_source");
        assertThat(chain.get("clientId").asText()).isEqualTo("globex");
        assertThat(chain.get("evidence")).isNotEmpty();
        assertThat(first.tickets).containsExactly("A1", "A2", "A3");
        JsonNode a3 = get("/sla-tickets/_doc/A3").get("_source");
        assertThat(a3.get("open").asBoolean()).isTrue();
        assertThat(a3.at("/resolution/overdue").asBoolean()).isTrue();
        assertThat(a3.at("/response/outcome").asText()).isEqualTo("BREACHED");
        assertThat(a3.get("assignee").asText())
                .as("the escalation's reassignment")
                .isEqualTo("rafael.cruz");
        assertThat(first.met).as("A1 response, A1 and A2 resolution").isEqualTo(3);
        assertThat(first.decided)
                .as("plus A2 response, A3 response and resolution breached")
                .isEqualTo(6);
        JsonNode acme = get("/sla-client-acme/_search?size=100&q=kind:BREACH");
        assertThat(acme.at("/hits/hits"))
                .allSatisfy(h -> assertThat(h.at("/_source/clientId").asText()).isEqualTo("acme"));

        Snapshot again =
                runUntil(topics, "again", s -> s.events.size() >= expectedEvents.size() + chains && s.decided >= 6);
        Snapshot settled = snapshot(); // after two more checkpoints of the rerun (run): anything extra would show
        assertThat(settled.events).isEqualTo(first.events);
        assertThat(settled.tickets).isEqualTo(first.tickets);
        assertThat(settled.adherenceDocs)
                .as("a rerun overwrites")
                .isEqualTo(again.adherenceDocs)
                .isEqualTo(first.adherenceDocs);
        assertThat(settled.decided).isEqualTo(6);
        assertThat(indexAndId(deadLetters()))
                .as("the rerun's copies overwrote the first ones, in the records' months")
                .isEqualTo(deadLetterDocs);
    }

    private static TreeSet<String> indexAndId(List<JsonNode> hits) {
        TreeSet<String> docs = new TreeSet<>();
        for (JsonNode h : hits)
            docs.add(h.get("_index").asText() + "/" + h.get("_id").asText());
        return docs;
    }

    /** When the refused record of the first test was produced: the last second of October 2025 (UTC). */
    private static final Instant DEAD_LETTER_PRODUCED = Instant.parse("2025-10-31T23:59:59Z");

    /** Every document of the sla-dead-letters family (all months), as search hits with their index. */
    private static List<JsonNode> deadLetters() {
        try {
            send("POST", "/sla-dead-letters-*/_refresh", null);
            List<JsonNode> hits = new ArrayList<>();
            get("/sla-dead-letters-*/_search?size=100").at("/hits/hits").forEach(hits::add);
            return hits;
        } catch (Exception e) {
            throw new IllegalStateException("reading sla-dead-letters", e);
        }
    }

    private record Snapshot(
            TreeSet<String> events, TreeSet<String> tickets, long adherenceDocs, long met, long decided) {}

    private Snapshot runUntil(RunOptions.Topics topics, String group, Predicate<Snapshot> done) throws Exception {
        Snapshot[] last = new Snapshot[1];
        run(
                topics,
                group,
                POLICY,
                ProveOptions.elasticsearch(es.httpUrl(), dir.resolve("reports")),
                Duration.ofSeconds(30),
                () -> {
                    last[0] = snapshot();
                    return done.test(last[0]);
                });
        return last[0];
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Runs the job until {@code done} holds (checked every second, at most 120 s) and two more checkpoints have
     * completed, then cancels it.
     */
    private boolean run(
            RunOptions.Topics topics,
            String group,
            Path policy,
            ProveOptions prove,
            Duration backlogIdleAfter,
            Condition done)
            throws Exception {
        return run(topics, group, policy, prove, backlogIdleAfter, Duration.ofSeconds(120), done);
    }

    /**
     * @return whether {@code done} held before the timeout. Once it holds, the job runs on until two more checkpoints
     *         have completed: whatever it still writes or delivers (a duplicate, a re-emitted report) is out by then, so
     *         what the caller looks at next is what the job settled on, not a moment of it.
     */
    private boolean run(
            RunOptions.Topics topics,
            String group,
            Path policy,
            ProveOptions prove,
            Duration backlogIdleAfter,
            Duration timeout,
            Condition done)
            throws Exception {
        RunOptions o = RunOptions.builder(kafka.bootstrap(), topics, policy)
                .groupId("it-prove-" + group)
                .eventTime(Duration.ofMillis(200), Duration.ofMillis(200), backlogIdleAfter)
                .checkpoints(Duration.ofSeconds(1), ItJobs.checkpointDir("ProveLayerIT-" + group))
                .parallelism(2)
                .build();
        Configuration conf = KafkaEnforcementJob.configuration(o);
        JobWatch watch = JobWatch.on(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(env, o, prove);
        JobClient job = env.executeAsync("it prove " + group);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean held;
            while (!(held = done.holds()) && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            if (held) {
                watch.awaitCompletedCheckpoints(job, 2, Duration.ofSeconds(60));
            }
            return held;
        } finally {
            ItJobs.cancelAndAwait(job);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Client reports: a week of history for three clients in three time zones, mailed and posted exactly once.

    /** A client of the default policy, its zone, its report contacts (acme gets a second one) and its ticket prefix. */
    private record Client(String id, String name, ZoneId zone, List<String> contacts, String prefix) {}

    private static final List<Client> CLIENTS = List.of(
            new Client(
                    "acme",
                    "ACME Manufacturing",
                    ZoneId.of("America/New_York"),
                    List.of("it-director@acme.example", "service-manager@acme.example"),
                    "ACM"),
            new Client("globex", "Globex Outsourcing", ZoneId.of("Asia/Manila"), List.of("ops@globex.example"), "GLX"),
            new Client("initech", "Initech", ZoneId.of("Europe/London"), List.of("it@initech.example"), "INI"));

    /**
     * Monday to Friday of {@code monday}'s week, in each client's own zone: per day a P1 ticket met on both targets and
     * a P2 ticket whose response is breached on alternate days (so each client has its own breached tickets), all
     * resolved and closed the same afternoon, so everything counts in that week only.
     *
     * <p>In event-time order, as a ticketing system emits them. Written client after client, each partition held
     * Friday's events of one client before Monday's of the next, so any advance of a partition's event time between
     * two of its fetches turned the next client's earlier events LATE.
     */
    static List<String> weekOfHistory(
            LocalDate monday, Map<String, List<String>> ticketsByClient, Map<String, List<String>> breachedByClient) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < CLIENTS.size(); k++) {
            Client c = CLIENTS.get(k);
            for (int d = 0; d < 5; d++) {
                Instant p1 = monday.plusDays(d).atTime(10, 0).atZone(c.zone()).toInstant();
                String t1 = c.prefix() + "-" + d + "1";
                lines.add(line(
                        t1,
                        "created",
                        c.id(),
                        "CREATED",
                        p1,
                        ",\"priority\":\"P1\",\"subject\":\"Line down\",\"assignee\":\"desk\""));
                lines.add(line(t1, "responded", c.id(), "RESPONDED", p1.plus(5, ChronoUnit.MINUTES), ""));
                lines.add(line(t1, "resolved", c.id(), "RESOLVED", p1.plus(2, ChronoUnit.HOURS), ""));
                lines.add(line(t1, "closed", c.id(), "CLOSED", p1.plus(3, ChronoUnit.HOURS), ""));

                Instant p2 = monday.plusDays(d).atTime(11, 0).atZone(c.zone()).toInstant();
                String t2 = c.prefix() + "-" + d + "2";
                boolean breach = (d + k) % 2 == 0;
                lines.add(line(
                        t2,
                        "created",
                        c.id(),
                        "CREATED",
                        p2,
                        ",\"priority\":\"P2\",\"subject\":\"Slow VPN\",\"assignee\":\"desk\""));
                lines.add(
                        line(t2, "responded", c.id(), "RESPONDED", p2.plus(breach ? 90 : 30, ChronoUnit.MINUTES), ""));
                lines.add(line(t2, "resolved", c.id(), "RESOLVED", p2.plus(150, ChronoUnit.MINUTES), ""));
                lines.add(line(t2, "closed", c.id(), "CLOSED", p2.plus(4, ChronoUnit.HOURS), ""));
                ticketsByClient.computeIfAbsent(c.id(), x -> new ArrayList<>()).addAll(List.of(t1, t2));
                if (breach)
                    breachedByClient
                            .computeIfAbsent(c.id(), x -> new ArrayList<>())
                            .add(t2);
            }
        }
        // stable: a ticket's events at one instant keep their order
        lines.sort(java.util.Comparator.comparing(
                l -> Instant.parse(l.replaceAll(".*\"occurredAt\":\"([^\"]+)\".*", "$1"))));
        return lines;
    }

    private static String line(String ticket, String what, String client, String type, Instant at, String more) {
        return "{\"eventId\":\"" + ticket + "-" + what + "\",\"ticketId\":\"" + ticket + "\",\"clientId\":\"" + client
                + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\"" + more + "}";
    }

    /** One POST the webhook received. */
    private record Posted(String idempotencyKey, String authorization, String body) {}

    @Test
    @Order(2)
    void eachClientsWeeklyReportIsMailedToItsContactsAndPostedOnceWithOnlyItsOwnData() throws Exception {
        RunOptions.Topics topics = new RunOptions.Topics(
                "reports-ticket-events",
                "reports-sla-policies",
                "reports-sla-breaches",
                "reports-sla-escalations",
                "reports-ticket-events-dlq",
                "reports-sla-chains");
        kafka.createTopics(topics, 2);
        // a whole week two weeks back: complete in every client's zone (Manila to New York) whatever today is
        LocalDate monday = LocalDate.now(ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(2);
        String week = String.format(
                "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        Map<String, List<String>> tickets = new TreeMap<>();
        Map<String, List<String>> breached = new TreeMap<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : weekOfHistory(monday, tickets, breached)) {
            records.add(record(topics.events(), line.replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1"), line));
        }
        kafka.produce(topics.events(), records);

        // the default policy, with a second report contact for acme: the mail must reach exactly the listed ones
        String defaultPolicy = Files.readString(POLICY);
        String policyText = defaultPolicy.replace(
                "contacts: [it-director@acme.example]",
                "contacts: [it-director@acme.example, service-manager@acme.example]");
        assertThat(policyText).isNotEqualTo(defaultPolicy);
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, policyText);

        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        List<Posted> posted = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/sla-reports-hook", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                posted.add(new Posted(
                        ex.getRequestHeaders().getFirst("Idempotency-Key"),
                        ex.getRequestHeaders().getFirst("Authorization"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                ex.sendResponseHeaders(204, -1);
            }
            ex.close();
        });
        mail.start();
        webhook.start();
        try {
            String hookUrl = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/sla-reports-hook";
            ReportChannels channels = ReportChannels.none()
                    .withSmtp(SmtpSettings.plain("127.0.0.1", mail.getSmtp().getPort(), "sla-reports@msp.example"))
                    .withWebhook(hookUrl, "hook-token")
                    .withRetries(3, 200);
            Path reportsDir = dir.resolve("client-reports");
            ProveOptions prove =
                    ProveOptions.elasticsearch(es.httpUrl(), reportsDir).withReportChannels(channels);
            List<String> weeklyIds =
                    CLIENTS.stream().map(c -> c.id() + ":WEEK:" + week).toList();
            // the month of the week is reported too once it has closed in the client's zone: wait for those as well, or
            // the checks below would race with their delivery
            List<String> expectedIds = new ArrayList<>(weeklyIds);
            for (Client c : CLIENTS) {
                java.time.YearMonth month = java.time.YearMonth.from(monday);
                Instant closes = month.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(c.zone())
                        .toInstant()
                        .plus(Duration.ofMinutes(5));
                if (Instant.now().isAfter(closes.plus(Duration.ofMinutes(1))))
                    expectedIds.add(c.id() + ":MONTH:" + month);
            }

            long started = System.nanoTime();
            // about 40 s on a quiet machine (30 s of it the backlog idle time); the bound is generous: the machines are
            // shared
            io.slaflow.report.ReportDirectory directory =
                    io.slaflow.report.ReportDirectory.of(io.slaflow.policy.PolicyLoader.load(policy));
            // the history is two weeks old: event time passes the week's close only when the wall clock takes over,
            // after
            // each partition has been quiet for the backlog idle time. With 2 s (as this test had), a fetch that
            // stalled
            // that long on a loaded machine let the other partition's clock overtake the rest of the backlog, whose
            // events became LATE and went missing from the reports (initech's INI-02, acme's Monday and Tuesday): the
            // flake. 30 s is the production default, far beyond a stalled fetch.
            boolean delivered = run(topics, "reports", policy, prove, BACKLOG_IDLE, Duration.ofSeconds(300), () -> {
                send("POST", "/sla-*/_refresh", null);
                return posted.stream()
                                .map(Posted::idempotencyKey)
                                .collect(Collectors.toSet())
                                .containsAll(expectedIds)
                        && expectedIds.stream()
                                .allMatch(id -> indexed(id).path("found").asBoolean())
                        // and each report verifies against what the job indexed (sla-events, sla-tickets)
                        && CLIENTS.stream()
                                .allMatch(c -> verifiesAgainstElasticsearch(
                                        reportsDir.resolve(c.id()).resolve(week + ".json"), directory, c.id()));
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(delivered)
                    .as(
                            "weekly reports %s posted and indexed within %.0f s (posted: %s; mails: %d; load average %.1f)",
                            weeklyIds,
                            seconds,
                            posted.stream().map(Posted::idempotencyKey).toList(),
                            distinctMails(mail).size(),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                    .isTrue();
            System.out.printf("[reports] the week's reports were delivered %.1f s after the job started%n", seconds);

            for (Client c : CLIENTS) {
                String reportId = c.id() + ":WEEK:" + week;
                List<String> others = new ArrayList<>();
                tickets.forEach((client, ids) -> {
                    if (!client.equals(c.id())) others.addAll(ids);
                });
                assertThat(breached.get(c.id())).isNotEmpty();

                // one e-mail, to exactly the client's contacts (headers and SMTP envelope), HTML body and PDF attached
                List<MimeMessage> mails = distinctMails(mail).stream()
                        .filter(m -> header(m, "X-SLAflow-Report").equals(reportId))
                        .toList();
                assertThat(mails).as("mails of " + reportId).hasSize(1);
                MimeMessage m = mails.get(0);
                assertThat(m.getSubject()).isEqualTo("SLA report: " + c.name() + " " + week);
                assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .map(Object::toString))
                        .containsExactlyInAnyOrderElementsOf(c.contacts());
                assertThat(m.getRecipients(Message.RecipientType.CC)).isNull();
                assertThat(m.getFrom()[0].toString()).isEqualTo("sla-reports@msp.example");
                String domain =
                        c.contacts().get(0).substring(c.contacts().get(0).indexOf('@') + 1);
                assertThat(Arrays.stream(mail.getReceivedMessagesForDomain(domain))
                                .filter(x -> header(x, "X-SLAflow-Report").equals(reportId)))
                        .as("one copy per contact")
                        .hasSize(c.contacts().size());
                MimeMultipart parts = (MimeMultipart) m.getContent();
                assertThat(parts.getCount()).isEqualTo(2);
                String html = (String) parts.getBodyPart(0).getContent();
                assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/html");
                BodyPart attachment = parts.getBodyPart(1);
                assertThat(attachment.getContentType()).startsWith("application/pdf");
                assertThat(attachment.getFileName()).isEqualTo(c.id() + "-" + week + ".pdf");
                byte[] pdf = attachment.getInputStream().readAllBytes();
                assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
                String pdfText;
                try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                    pdfText = new PDFTextStripper().getText(doc);
                }

                // one webhook POST with the JSON report and the bearer token
                List<Posted> posts = posted.stream()
                        .filter(p -> reportId.equals(p.idempotencyKey()))
                        .toList();
                assertThat(posts).as("webhook posts of " + reportId).hasSize(1);
                assertThat(posts.get(0).authorization()).isEqualTo("Bearer hook-token");
                JsonNode json = JSON.readTree(posts.get(0).body());
                assertThat(json.path("clientId").asText()).isEqualTo(c.id());

                // every ticket of the week was counted (a missing one would have been a LATE dead letter)
                for (String t : tickets.get(c.id())) {
                    assertThat(posts.get(0).body())
                            .as(reportId + " counts " + t)
                            .contains("\"ticketId\":\"" + t + "\"");
                }
                // tenant isolation: its own breached tickets are in every format, nobody else's tickets anywhere
                for (String format : List.of(html, pdfText, posts.get(0).body())) {
                    for (String t : breached.get(c.id()))
                        assertThat(format)
                                .as(reportId + " lists its breach " + t)
                                .contains(t);
                    for (String t : others)
                        assertThat(format).as(reportId + " must not show " + t).doesNotContain(t);
                    for (Client other : CLIENTS) {
                        if (other != c)
                            assertThat(format)
                                    .doesNotContain(other.name())
                                    .doesNotContain(other.contacts().get(0));
                    }
                }

                // recorded in sla-reports: delivered on both channels to those recipients, in the client's zone
                JsonNode rec = indexed(reportId).path("_source");
                assertThat(rec.path("status").asText()).isEqualTo("DELIVERED");
                assertThat(rec.path("label").asText()).isEqualTo(week);
                assertThat(rec.path("timeZone").asText()).isEqualTo(c.zone().getId());
                assertThat(rec.path("channels").toString()).isEqualTo("[\"smtp\",\"webhook\"]");
                List<String> recipients = new ArrayList<>(c.contacts());
                recipients.add(hookUrl);
                assertThat(JSON.convertValue(rec.path("recipients"), List.class))
                        .containsExactlyElementsOf(recipients);
                assertThat(Instant.parse(rec.path("periodStart").asText()))
                        .isEqualTo(monday.atStartOfDay(c.zone()).toInstant());
                assertThat(reportsDir.resolve(c.id()).resolve(week + ".pdf")).exists();
            }
            assertEveryReportWentOutOnce(mail, posted);
            int mailsAfterFirstRun = distinctMails(mail).size();
            int postsAfterFirstRun = posted.size();

            // a replay of the same topic (new consumer group, fresh state) emits every report again: the reports
            // folder's ledger must keep all of them from going out twice. A client whose events were added since
            // shows the replay reached the reports; its reports are new, so they go out, once. Its events are dated
            // the week's Sunday (UTC, the unlisted client's zone), after everything else in the topic, so they are
            // in event-time order in their partition too.
            LocalDate sunday = monday.plusDays(6);
            kafka.produce(
                    topics.events(),
                    List.of(
                            record(
                                    topics.events(),
                                    "PRB-1",
                                    line(
                                            "PRB-1",
                                            "created",
                                            "replay-probe",
                                            "CREATED",
                                            sunday.atTime(12, 0).toInstant(ZoneOffset.UTC),
                                            ",\"priority\":\"P1\"")),
                            record(
                                    topics.events(),
                                    "PRB-1",
                                    line(
                                            "PRB-1",
                                            "responded",
                                            "replay-probe",
                                            "RESPONDED",
                                            sunday.atTime(12, 5).toInstant(ZoneOffset.UTC),
                                            ""))));
            List<String> probeIds = new ArrayList<>(List.of("replay-probe:WEEK:" + week));
            java.time.YearMonth probeMonth = java.time.YearMonth.from(sunday);
            if (Instant.now()
                    .isAfter(probeMonth
                            .plusMonths(1)
                            .atDay(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .plus(Duration.ofMinutes(6)))) {
                probeIds.add("replay-probe:MONTH:" + probeMonth);
            }
            assertThat(run(
                            topics,
                            "reports-replay",
                            policy,
                            prove,
                            BACKLOG_IDLE,
                            Duration.ofSeconds(300),
                            () -> posted.stream()
                                    .map(Posted::idempotencyKey)
                                    .collect(Collectors.toSet())
                                    .containsAll(probeIds)))
                    .as("the replay delivered the new client's reports %s", probeIds)
                    .isTrue();
            // run() let the replay go on for two more checkpoints: anything the other subtask still re-emits is out
            for (String probeId : probeIds) {
                assertThat(posted.stream().filter(p -> probeId.equals(p.idempotencyKey())))
                        .as("the replay reached the reports")
                        .hasSize(1);
            }
            assertThat(distinctMails(mail))
                    .as("only the new client's reports were mailed")
                    .hasSize(mailsAfterFirstRun + probeIds.size());
            assertThat(posted)
                    .as("only the new client's reports were posted")
                    .hasSize(postsAfterFirstRun + probeIds.size());
            assertEveryReportWentOutOnce(mail, posted);
            System.out.printf("[reports] delivery test took %.1f s%n", (System.nanoTime() - started) / 1e9);
        } finally {
            webhook.stop(0);
            mail.stop();
        }
    }

    private static boolean verifiesAgainstElasticsearch(
            Path report, io.slaflow.report.ReportDirectory directory, String client) {
        try {
            if (!Files.exists(report)) return false;
            var evidence = io.slaflow.jobs.report.ElasticsearchEvidence.read(es.httpUrl(), client, null);
            var result = io.slaflow.jobs.report.ReportVerifier.verify(
                    Files.readAllBytes(report), directory, evidence, "Elasticsearch");
            if (!result.match())
                System.out.println("[reports] " + report + " does not verify yet: " + result.differences());
            return result.match();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every report id was mailed once and posted once (monthly reports included, if the week closed a month). */
    private static void assertEveryReportWentOutOnce(GreenMail mail, List<Posted> posted) {
        List<String> mailed = distinctMails(mail).stream()
                .map(m -> header(m, "X-SLAflow-Report"))
                .toList();
        List<String> keys = posted.stream().map(Posted::idempotencyKey).toList();
        assertThat(mailed).doesNotHaveDuplicates();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(mailed).containsExactlyInAnyOrderElementsOf(keys);
    }

    /** GreenMail keeps one copy per recipient mailbox: one message per Message-ID. */
    private static List<MimeMessage> distinctMails(GreenMail mail) {
        Map<String, MimeMessage> byId = new LinkedHashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) byId.putIfAbsent(header(m, "Message-ID"), m);
        return List.copyOf(byId.values());
    }

    private static String header(MimeMessage m, String name) {
        try {
            String[] v = m.getHeader(name);
            return v == null ? "" : v[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode indexed(String reportId) {
        try {
            // through the alias over the monthly indices: a search by id (a GET by id needs one concrete index)
            JsonNode hits = send(
                            "POST",
                            "/sla-reports/_search",
                            "{\"query\":{\"ids\":{\"values\":[" + JSON.writeValueAsString(reportId) + "]}}}")
                    .at("/hits/hits");
            com.fasterxml.jackson.databind.node.ObjectNode found =
                    JSON.createObjectNode().put("found", hits.size() == 1);
            if (hits.size() == 1) found.set("_source", hits.get(0).get("_source"));
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Snapshot snapshot() throws Exception {
        send("POST", "/sla-*/_refresh", null);
        TreeSet<String> events = new TreeSet<>();
        for (JsonNode h : get("/sla-events/_search?size=1000").at("/hits/hits"))
            events.add(h.get("_id").asText());
        TreeSet<String> tickets = new TreeSet<>();
        for (JsonNode h : get("/sla-tickets/_search?size=1000").at("/hits/hits"))
            tickets.add(h.get("_id").asText());
        JsonNode sums = send("POST", "/sla-adherence/_search", """
                {"size":0,"query":{"term":{"window":"1h"}},
                 "aggs":{"met":{"sum":{"field":"met"}},"decided":{"sum":{"field":"decided"}}}}""");
        long docs = get("/sla-adherence/_count").get("count").asLong();
        return new Snapshot(
                events,
                tickets,
                docs,
                sums.at("/aggregations/met/value").asLong(),
                sums.at("/aggregations/decided/value").asLong());
    }

    private static JsonNode get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(es.httpUrl() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
