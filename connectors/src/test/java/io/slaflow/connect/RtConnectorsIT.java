package io.slaflow.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.infra.stack.ConnectWorker;
import io.slaflow.infra.stack.KafkaBroker;
import io.slaflow.infra.stack.RequestTracker;
import io.slaflow.infra.stack.RtInitialData;
import io.slaflow.infra.stack.RtPerson;
import io.slaflow.infra.stack.StackLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both connectors on a real Request Tracker 5 (installed from Debian's packages when missing), a real broker and a real Connect worker loading the built plugin:
 * tickets opened, answered, reassigned and resolved in RT arrive on ticket-events in the contract, in order, with
 * deterministic ids; escalation and routing records change RT exactly once, respect a person's reassignment, and
 * refusals land in the dead-letter queue with RT's reason.
 */
class RtConnectorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "stack" in the folder name: CI's clean-up finds the broker and worker a killed run left behind by it. */
    private static final Path STATE = Path.of("target/it-stack-rt-connectors");

    private static final String MAJOR_INCIDENTS = "Globex Major Incidents";
    /** Where the custom-field routing shows the tier (routing.tier.field=customfield). */
    private static final String TIER_FIELD = "SLA tier";

    private static KafkaBroker kafka;
    private static RequestTracker rt;
    private static ConnectWorker connect;
    private static RtPerson root;
    private static RtPerson amy;

    @BeforeAll
    static void start() throws Exception {
        StackLocation location = StackLocation.withState(STATE);
        kafka = new KafkaBroker(location, line -> System.out.println("[kafka] " + line)).start();
        rt = new RequestTracker(location, line -> System.out.println("[rt] " + line));
        rt.insertData(
                "it",
                new RtInitialData()
                        .queue("ACME")
                        .queue("Globex")
                        .queue("Globex Major Incidents")
                        .ticketCustomField(TIER_FIELD)
                        .agent("slaflow", "slaflow@msp.example", "slaflow-secret")
                        .agent("amy", "amy@msp.example", "amy-secret")
                        .agent("dana.lee", "dana@msp.example", "dana-secret")
                        .perl());
        rt.start();
        root = new RtPerson(rt, RequestTracker.ROOT_USER, RequestTracker.ROOT_PASSWORD);
        amy = new RtPerson(rt, "amy", "amy-secret");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic("ticket-events", 2, (short) 1),
                            new NewTopic("sla-escalations", 2, (short) 1),
                            new NewTopic("sla-routing", 2, (short) 1),
                            new NewTopic("sla-rt-dlq", 1, (short) 1)))
                    .all()
                    .get();
        }
        connect = new ConnectWorker(
                        location,
                        kafka.bootstrapServers(),
                        Path.of(System.getProperty("slaflow.connect.plugin.path", "target/plugins")),
                        "it-connect",
                        line -> System.out.println("[connect] " + line))
                .start();
    }

    @AfterAll
    static void stop() {
        if (connect != null) connect.close();
        if (rt != null) rt.close();
        if (kafka != null) kafka.close();
    }

    static Path passwordFile() throws Exception {
        Path file = STATE.resolve("slaflow.password").toAbsolutePath();
        Files.writeString(file, "slaflow-secret\n");
        return file;
    }

    static Map<String, String> rtConfig() throws Exception {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("rt.url", rt.url());
        c.put("rt.user", "slaflow");
        c.put("rt.password.file", passwordFile().toString());
        c.put("rt.instance", "rt");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        return c;
    }

    @Test
    void ticketLifecycleInRtArrivesAsContractEventsInOrder() throws Exception {
        Map<String, String> source = rtConfig();
        source.put("connector.class", "io.slaflow.connect.kafka.RtSourceConnector");
        source.put("tasks.max", "1");
        source.put("poll.interval.ms", "200");
        source.put("client.map", "ACME=acme,Globex=globex");
        source.put("status.rename", "stalled=waiting-on-customer");
        connect.putConnector("rt-source", source);
        connect.awaitRunning("rt-source", Duration.ofSeconds(60));

        String a = root.createTicket("ACME", "Production down in plant 4", "ops@acme.example", null, "Nothing works");
        String b = root.createTicket("Globex", "Printer jammed", "jo@globex.example", 100, "Paper everywhere");
        amy.reply(a, "We are on it"); // first agent reply: RESPONDED
        amy.reply(a, "Still on it"); // a second one: nothing
        root.set(a, "Owner", "amy"); // ASSIGNED
        root.set(a, "Status", "stalled"); // STATUS_CHANGED waiting-on-customer
        root.set(a, "Status", "resolved"); // RESOLVED
        root.set(a, "Status", "open"); // REOPENED
        root.set(b, "Priority", "60"); // P1 -> P2: PRIORITY_CHANGED

        List<TicketEvent> events = contractEvents(9);
        List<TicketEvent> ofA =
                events.stream().filter(e -> e.ticketId.equals("rt-" + a)).toList();
        // RT itself opens a new ticket when an agent replies (new -> open, by RT_System): a status change like any
        // other
        assertThat(ofA)
                .extracting(e -> e.type)
                .containsExactly(
                        EventType.CREATED,
                        EventType.RESPONDED,
                        EventType.STATUS_CHANGED,
                        EventType.ASSIGNED,
                        EventType.STATUS_CHANGED,
                        EventType.RESOLVED,
                        EventType.REOPENED);
        TicketEvent created = ofA.get(0);
        assertThat(created.clientId).isEqualTo("acme");
        assertThat(created.subject).isEqualTo("Production down in plant 4");
        assertThat(created.description).isEqualTo("Nothing works");
        assertThat(created.source).isEqualTo("api");
        assertThat(created.priority).isNull(); // RT's default priority: the policy's classification decides
        assertThat(created.attribute("queue")).isEqualTo("ACME");
        assertThat(ofA.get(1).actor).isEqualTo("amy");
        assertThat(ofA.get(2).status).isEqualTo("open");
        assertThat(ofA.get(2).actor).isEqualTo("RT_System");
        assertThat(ofA.get(3).assignee).isEqualTo("amy");
        assertThat(ofA.get(4).status).isEqualTo("waiting-on-customer");
        assertThat(ofA.get(6).status).isEqualTo("open");
        assertThat(ofA).allSatisfy(e -> assertThat(e.eventId).matches("rt:\\d+"));

        List<TicketEvent> ofB =
                events.stream().filter(e -> e.ticketId.equals("rt-" + b)).toList();
        assertThat(ofB).extracting(e -> e.type).containsExactly(EventType.CREATED, EventType.PRIORITY_CHANGED);
        assertThat(ofB.get(0).clientId).isEqualTo("globex");
        assertThat(ofB.get(0).priority).isEqualTo("P1");
        assertThat(ofB.get(1).priority).isEqualTo("P2");
    }

    /** Reads ticket-events (read_committed) until {@code count} events arrived; each must parse as the contract. */
    private static List<TicketEvent> contractEvents(int count) {
        List<TicketEvent> out = new ArrayList<>();
        TicketEventDeserializer parser = new TicketEventDeserializer();
        for (ConsumerRecord<byte[], byte[]> r : read("ticket-events", Duration.ofSeconds(60), l -> l.size() >= count)) {
            ParseResult parsed = parser.parse(r.value());
            assertThat(parsed)
                    .as(new String(r.value(), StandardCharsets.UTF_8))
                    .isInstanceOf(ParseResult.Accepted.class);
            TicketEvent e = ((ParseResult.Accepted) parsed).event();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.ticketId);
            out.add(e);
        }
        assertThat(out).hasSize(count);
        return out;
    }

    @Test
    void escalationsChangeRtOnceRespectPeopleAndRefusalsGoToTheDeadLetterQueue() throws Exception {
        Map<String, String> sink = rtConfig();
        sink.put("connector.class", "io.slaflow.connect.kafka.RtSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", "sla-escalations,sla-routing");
        sink.put("errors.tolerance", "all");
        sink.put("errors.deadletterqueue.topic.name", "sla-rt-dlq");
        sink.put("errors.deadletterqueue.topic.replication.factor", "1");
        sink.put("errors.deadletterqueue.context.headers.enable", "true");
        sink.put("escalation.priority", "90");
        connect.putConnector("rt-sink", sink);
        connect.awaitRunning("rt-sink", Duration.ofSeconds(60));

        String late = root.createTicket("ACME", "VPN down", "ops@acme.example", null, "no VPN");
        String taken = root.createTicket("ACME", "Mail slow", "ops@acme.example", null, "slow");
        String unknownUser = root.createTicket("ACME", "Disk full", "ops@acme.example", null, "full");
        String routed = root.createTicket("Globex", "Outage", "jo@globex.example", null, "outage");
        // the policy routes these to a queue and an owner; a person takes the second one before the routing arrives
        String placed = root.createTicket("Globex", "Outage of the website", "jo@globex.example", null, "outage");
        String claimed = root.createTicket("Globex", "Outage of the VPN", "jo@globex.example", null, "outage");
        Instant firedAt = Instant.now().minusSeconds(1);
        root.set(taken, "Owner", "amy"); // a person reassigns after the escalation fired
        root.set(claimed, "Owner", "amy");

        produce(
                "sla-escalations",
                List.of(
                        escalation(late, "dana.lee", firedAt),
                        escalation(late, "dana.lee", firedAt), // a repeat
                        escalation(taken, "dana.lee", firedAt),
                        escalation(unknownUser, "nobody.here", firedAt)));
        produce(
                "sla-routing",
                List.of(
                        routing(routed, "P1"),
                        routing(routed, "P1"), // a repeat
                        routing(placed, "P1", MAJOR_INCIDENTS, "dana.lee"),
                        routing(placed, "P1", MAJOR_INCIDENTS, "dana.lee"),
                        routing(claimed, "P1", MAJOR_INCIDENTS, "dana.lee")));

        List<ConsumerRecord<byte[], byte[]>> dead = read("sla-rt-dlq", Duration.ofSeconds(60), l -> !l.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "__connect.errors.exception.message")).contains("nobody.here");
        awaitTrue(
                () -> comments(late) == 1
                        && comments(taken) == 1
                        && "100".equals(root.ticket(routed).path("Priority").asText())
                        && "dana.lee"
                                .equals(root.ticket(placed)
                                        .path("Owner")
                                        .path("id")
                                        .asText())
                        && MAJOR_INCIDENTS.equals(
                                root.ticket(claimed).path("Queue").path("Name").asText()),
                Duration.ofSeconds(60));

        JsonNode lateTicket = root.ticket(late);
        assertThat(lateTicket.path("Owner").path("id").asText()).isEqualTo("dana.lee");
        assertThat(lateTicket.path("Priority").asText()).isEqualTo("90");
        assertThat(root.ticket(taken).path("Owner").path("id").asText()).isEqualTo("amy"); // the person's choice stands
        assertThat(root.ticket(unknownUser).path("Owner").path("id").asText()).isEqualTo("Nobody");
        assertThat(comments(unknownUser)).isZero();
        // routing: the tier shown, the policy's queue and owner, each field set once however often the record comes;
        // an owner a person chose stands (the queue, nobody's choice yet, is still placed)
        assertThat(changesBySlaflow(routed)).containsExactly("Priority");
        JsonNode placedTicket = root.ticket(placed);
        assertThat(placedTicket.path("Priority").asText()).isEqualTo("100");
        assertThat(placedTicket.path("Queue").path("Name").asText()).isEqualTo(MAJOR_INCIDENTS);
        assertThat(placedTicket.path("Owner").path("id").asText()).isEqualTo("dana.lee");
        assertThat(changesBySlaflow(placed)).containsExactlyInAnyOrder("Priority", "Queue", "Owner");
        JsonNode claimedTicket = root.ticket(claimed);
        assertThat(claimedTicket.path("Owner").path("id").asText()).isEqualTo("amy");
        assertThat(claimedTicket.path("Queue").path("Name").asText()).isEqualTo(MAJOR_INCIDENTS);
        assertThat(changesBySlaflow(claimed)).containsExactlyInAnyOrder("Priority", "Queue");

        // Connect restarts the task: the committed records are not offered again, the others are recognised as done
        connect.stop();
        connect.start();
        connect.awaitRunning("rt-sink", Duration.ofSeconds(60));
        // the repeat of level 1, a late routing record, then level 2 of the same ticket (same key, same partition:
        // applied after both, so once its comment is there the two before it have been processed)
        produce("sla-escalations", List.of(escalation(late, "dana.lee", firedAt)));
        produce("sla-routing", List.of(routing(late, "P3")));
        produce("sla-escalations", List.of(escalation(late, 2, "amy", firedAt)));
        awaitTrue(() -> comments(late) == 2, Duration.ofSeconds(60));
        assertThat(root.history(late).stream()
                        .filter(t -> t.path("Data").asText().contains(":ESCALATION:1"))
                        .count())
                .isEqualTo(1);
        assertThat(ownerChanges(late)).isEqualTo(2); // dana.lee (level 1), amy (level 2)
        assertThat(root.ticket(late).path("Priority").asText()).isEqualTo("90"); // routing never undoes a change
    }

    @Test
    void routingCanShowTheTierInACustomFieldOnceAndLeavesAPersonsValue() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("sla-routing-cf", 1, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, String> sink = rtConfig();
        sink.put("connector.class", "io.slaflow.connect.kafka.RtSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", "sla-routing-cf");
        sink.put("routing.tier.field", "customfield");
        sink.put("routing.tier.customfield", TIER_FIELD);
        connect.putConnector("rt-sink-cf", sink);
        connect.awaitRunning("rt-sink-cf", Duration.ofSeconds(60));

        String fresh = root.createTicket("Globex", "Outage of the mail relay", "jo@globex.example", null, "outage");
        String judged = root.createTicket("Globex", "Outage of the printers", "jo@globex.example", null, "outage");
        String last = root.createTicket("Globex", "Toner", "jo@globex.example", null, "toner");
        root.setCustomField(judged, TIER_FIELD, "P2"); // a person's own call, before SLAflow's arrives
        String priority = root.ticket(fresh).path("Priority").asText();
        // one partition: once the last record's tier shows, the ones before it have been processed
        produce(
                "sla-routing-cf",
                List.of(routing(fresh, "P1"), routing(fresh, "P1"), routing(judged, "P1"), routing(last, "P3")));
        awaitTrue(() -> "P3".equals(root.customField(last, TIER_FIELD)), Duration.ofSeconds(60));

        assertThat(root.customField(fresh, TIER_FIELD)).isEqualTo("P1");
        assertThat(changesBySlaflow(fresh))
                .as("set once, the repeat changed nothing")
                .hasSize(1);
        assertThat(root.ticket(fresh).path("Priority").asText())
                .as("the tier goes to the field, not the priority")
                .isEqualTo(priority);
        assertThat(root.customField(judged, TIER_FIELD))
                .as("the person's value stands")
                .isEqualTo("P2");
        assertThat(changesBySlaflow(judged)).isEmpty();
    }

    /**
     * The fields SLAflow's own user changed on a ticket, one entry per change. RT records an owner change twice, as the
     * field ({@code Set}) and as its Owner role group ({@code SetWatcher}): the second is not a change of its own.
     */
    private static List<String> changesBySlaflow(String number) {
        return root.history(number).stream()
                .filter(t -> t.path("Creator").path("id").asText().equals("slaflow")
                        && !t.path("Type").asText().equals("SetWatcher")
                        && t.path("Field").isTextual()
                        && !t.path("Field").asText().isBlank())
                .map(t -> t.path("Field").asText())
                .toList();
    }

    private static long comments(String number) {
        return root.history(number).stream()
                .filter(t -> t.path("Type").asText().equals("Comment")
                        && t.path("Data").asText().contains("[SLAflow] escalation"))
                .count();
    }

    private static long ownerChanges(String number) {
        return root.history(number).stream()
                .filter(t -> t.path("Type").asText().equals("Set")
                        && t.path("Field").asText().equals("Owner"))
                .count();
    }

    static byte[] escalation(String number, String to, Instant firedAt) {
        return escalation(number, 1, to, firedAt);
    }

    static byte[] escalation(String number, int level, String to, Instant firedAt) {
        String t = "rt-" + number;
        String json = """
                {"id":"%s:RESPONSE:ESCALATION:%d","ticketId":"%s","clientId":"acme","tier":"P1","metric":"RESPONSE",
                 "level":%d,"role":"account-director","from":null,"to":"%s","assignee":"%s",
                 "breachedAt":"%s","firedAt":"%s","reason":"P1 response breached; 30m after breach → account-director",
                 "policyVersion":"it","target":"15m","deadline":"%s","breachId":"%s:RESPONSE:BREACH",
                 "command":{"action":"REASSIGN","ticketId":"%s","assignee":"%s","role":"account-director"}}
                """.formatted(
                t, level, t, level, to, to, firedAt.minusSeconds(1800), firedAt, firedAt.minusSeconds(1800), t, t, to);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] routing(String number, String tier) {
        return routing(number, tier, null, null);
    }

    static byte[] routing(String number, String tier, String queue, String owner) {
        String t = "rt-" + number;
        return ("{\"kind\":\"ROUTING\",\"id\":\"" + t + ":ROUTING\",\"ticketId\":\"" + t + "\",\"clientId\":\"globex\","
                        + "\"tier\":\"" + tier
                        + "\",\"rule\":\"p1-outage\",\"policyVersion\":\"it\",\"classifiedAt\":\""
                        + Instant.now() + "\",\"queue\":" + quoted(queue) + ",\"role\":"
                        + quoted(owner == null ? null : "major-incident-lead")
                        + ",\"owner\":" + quoted(owner) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void produce(String topic, List<byte[]> values) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                String key = JSON.readTree(v).path("ticketId").asText();
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), v))
                        .get();
            }
        }
    }

    static List<ConsumerRecord<byte[], byte[]>> read(
            String topic, Duration timeout, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", "it-" + topic + "-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (System.nanoTime() < deadline && !done.test(out))
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            c.poll(Duration.ofMillis(500)).forEach(out::add); // anything more that arrived must show in the assertions
        }
        return out;
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not true within " + timeout);
            Thread.sleep(200);
        }
    }
}
