package io.slaflow.jobs.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.infra.stack.KafkaBroker;
import io.slaflow.infra.stack.RtConnectLoop;
import io.slaflow.infra.stack.RtPerson;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.infra.stack.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on real components: tickets opened in Request Tracker 5 through REST2 for two clients, RT's
 * transactions carried to {@code ticket-events} by the source connector on a Kafka Connect worker, the job running as
 * deployed ({@code java -jar slaflow.jar run}, its own JVM, exactly-once, RocksDB), and its routing and escalations
 * applied back to RT by the sink connector. Unanswered P1 tickets end up with the client's account director and one
 * comment saying why; answered ones are only shown their tier. Two faults on the way: the Connect worker killed
 * (SIGKILL) and restarted, and RT stopped for 30 s. Every wait is on a condition; the only timed wait is the outage.
 */
class RtLoopIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "stack" in the folder name: CI's clean-up finds whatever a killed run left behind by it. */
    private static final Path STATE = Path.of("target/it-rt-loop-stack").toAbsolutePath();

    private static final Path POLICY =
            Path.of("src/test/resources/ticketing/rt-loop-policy.yaml").toAbsolutePath();
    /** The test policy's P1 response target; escalation at the breach. */
    private static final Duration TARGET = Duration.ofSeconds(30);
    /**
     * From the escalation instant (the deadline, event time) to the owner change in RT's history: the job's watermark
     * lag (1 s out-of-orderness), the exactly-once commit (1 s checkpoints), the sink's fetch and six REST2 calls, and
     * RT's whole-second timestamps. 4-6 s measured on the shared 2-core machine at a load of 20; the bound leaves room.
     */
    private static final Duration REASSIGNMENT_BOUND = Duration.ofSeconds(10);

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Map<String, String> ROSTER = Map.of("acme", "dana.lee", "globex", "rafael.cruz");
    private static final Map<String, String> SHOWN = Map.of("P1", "100", "P2", "50", "P3", "10");

    private static KafkaBroker kafka;
    private static RtConnectLoop loop;
    private static DeployedJob job;
    /** The scenario's tickets by short name, in the order they were opened. */
    private final Map<String, Ticket> tickets = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        StackLocation location = StackLocation.withState(STATE);
        kafka = new KafkaBroker(location, line -> System.out.println("[kafka] " + line)).start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(TopicSpec.contractTopics(2).stream()
                            .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                            .toList())
                    .all()
                    .get();
        }
        // the job's JVM starts while RT and the worker do (it reads ticket-events from the start anyway)
        job = DeployedJob.start(
                Path.of(System.getProperty("slaflow.jar", "target/slaflow.jar")).toAbsolutePath(),
                STATE,
                List.of(
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--policy",
                        POLICY.toString(),
                        "--group-id",
                        "it-rt-loop",
                        "--parallelism",
                        "1",
                        "--checkpoint-interval",
                        "1s",
                        "--checkpoint-dir",
                        STATE.resolve("checkpoints").toUri().toString(),
                        "--out-of-orderness",
                        "1s",
                        "--backlog-idle-after",
                        "3s"));
        // the backoff caps keep "RT is back" to "its events flow" within seconds (defaults: 30 s)
        loop = new RtConnectLoop(
                        location,
                        kafka.bootstrapServers(),
                        Map.of("ACME", "acme", "Globex", "globex", "Globex Major Incidents", "globex"),
                        List.of("amy", "dana.lee", "rafael.cruz"),
                        Map.of("retry.backoff.max.ms", "2000"),
                        Map.of("retry.backoff.max.ms", "2000"),
                        line -> System.out.println("[rt-loop] " + line))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) job.close();
        if (loop != null) loop.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void unansweredTicketsGoToTheRosterWithOneCommentAnsweredOnesAreLeftAloneThroughAWorkerCrashAndAnRtOutage()
            throws Exception {
        RtPerson root = loop.root(), amy = loop.person("amy");

        // the job is up when the tier of a first ticket shows in RT: source, job (a checkpoint) and sink all work
        tickets.put("toner", Ticket.open(root, "ACME", "acme", "Toner for the second floor printer", "P3", false));
        await(
                "the first ticket shows its tier",
                Duration.ofSeconds(240),
                () -> SHOWN.get("P3")
                        .equals(root.ticket(tickets.get("toner").number)
                                .path("Priority")
                                .asText()));

        // everything up: two P1s per client, one of each answered at once (each reply right after its ticket, so the
        // whole 30 s target is left for the reply to reach the job however slowly RT creates the others)
        tickets.put("plant", Ticket.open(root, "ACME", "acme", "Production outage in plant 4", "P1", false));
        tickets.put("mail", Ticket.open(root, "ACME", "acme", "Mail outage for the sales team", "P1", true));
        amy.reply(tickets.get("mail").number, "We are on it");
        tickets.put("web", Ticket.open(root, "Globex", "globex", "Website outage", "P1", false));
        tickets.put("vpn", Ticket.open(root, "Globex", "globex", "Outage of the VPN gateway", "P1", true));
        amy.reply(tickets.get("vpn").number, "Looking into it now");
        // the replies must reach the job before the deadline passes on its wall-clock watermark
        await(
                "both replies on ticket-events",
                TARGET,
                () -> eventsOf("mail").contains("RESPONDED") && eventsOf("vpn").contains("RESPONDED"));
        await(
                "the unanswered P1s escalated in RT",
                TARGET.plusSeconds(60),
                () -> escalatedInRt(root, tickets.get("plant")) && escalatedInRt(root, tickets.get("web")));

        // fault 1: the worker killed right after applying escalations (its offsets may not be committed: the sink is
        // offered them again); tickets opened while it is down must still arrive
        loop.connect().kill();
        tickets.put("network", Ticket.open(root, "ACME", "acme", "Network outage in the warehouse", "P1", false));
        tickets.put("storage", Ticket.open(root, "Globex", "globex", "Storage outage", "P1", false));
        loop.connect().start();
        loop.connect().awaitRunning(RtConnectLoop.SOURCE, Duration.ofSeconds(90));
        loop.connect().awaitRunning(RtConnectLoop.SINK, Duration.ofSeconds(90));
        await(
                "the tickets opened during the crash on ticket-events",
                Duration.ofSeconds(60),
                () -> eventsOf("network").contains("CREATED")
                        && eventsOf("storage").contains("CREATED"));

        // fault 2: RT stopped for 30 s while an escalation falls due; the sink retries until RT is back
        tickets.put("erp", Ticket.open(root, "ACME", "acme", "ERP outage", "P1", false));
        await(
                "the last ticket on ticket-events",
                Duration.ofSeconds(60),
                () -> eventsOf("erp").contains("CREATED"));
        Instant stopped = Instant.now();
        loop.rt().stop();
        await(
                "its escalation published while RT is down, and the outage over",
                TARGET.plusSeconds(60),
                () -> Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0
                        && escalations().containsKey(tickets.get("erp").ticketId()));
        loop.rt().start();

        // the end state: every escalation applied, the sink has nothing left, the source has read everything RT holds
        await(
                "every unanswered P1 escalated in RT",
                Duration.ofSeconds(120),
                () -> tickets.values().stream().filter(Ticket::escalates).allMatch(t -> escalatedInRt(root, t)));
        await("the sink has done every record", Duration.ofSeconds(60), () -> drained("connect-" + RtConnectLoop.SINK));
        Ticket marker = Ticket.open(root, "ACME", "acme", "Last ticket of the test", "P3", false);
        await(
                "the source has read up to the last ticket",
                Duration.ofSeconds(60),
                () -> contractEvents().stream().anyMatch(e -> e.ticketId.equals(marker.ticketId())));
        assertEndState(root, stopped);
    }

    private void assertEndState(RtPerson root, Instant rtStopped) {
        List<TicketEvent> events = contractEvents();
        assertThat(events.stream().map(e -> e.eventId))
                .as("no event twice on ticket-events")
                .doesNotHaveDuplicates();
        Map<String, JsonNode> escalations = escalations();
        Map<String, JsonNode> routing = byTicket(read(RtConnectLoop.ROUTING_TOPIC));
        assertThat(CommittedTopic.readAll(kafka.bootstrapServers(), "ticket-events-dlq"))
                .as("the job refused nothing")
                .isEmpty();
        assertThat(CommittedTopic.readAll(kafka.bootstrapServers(), RtConnectLoop.DEAD_LETTER_TOPIC))
                .as("RT refused nothing")
                .isEmpty();

        for (Ticket t : tickets.values()) {
            String why = t.name + " (" + t.ticketId() + ")";
            JsonNode inRt = root.ticket(t.number);
            List<JsonNode> history = root.history(t.number);
            // the tier SLAflow gave it, on the routing topic once and shown in RT
            assertThat(routing.get(t.ticketId())).as(why).isNotNull();
            assertThat(routing.get(t.ticketId()).path("tier").asText()).as(why).isEqualTo(t.tier);
            assertThat(inRt.path("Priority").asText())
                    .as(why + ": the tier shown")
                    .isEqualTo(SHOWN.get(t.tier));
            String queue = t.client.equals("globex") && t.tier.equals("P1") ? "Globex Major Incidents" : t.queue;
            assertThat(inRt.path("Queue").path("Name").asText())
                    .as(why + ": routed by the policy")
                    .isEqualTo(queue);

            List<JsonNode> comments = history.stream()
                    .filter(h -> h.path("Type").asText().equals("Comment"))
                    .toList();
            List<String> types = eventTypes(events, t);
            if (t.escalates()) {
                String person = ROSTER.get(t.client);
                assertThat(inRt.path("Owner").path("id").asText()).as(why).isEqualTo(person);
                assertThat(comments)
                        .as(why + ": exactly one explanatory comment")
                        .hasSize(1);
                JsonNode x = escalations.get(t.ticketId());
                assertThat(x.path("id").asText()).isEqualTo(t.ticketId() + ":RESPONSE:ESCALATION:1");
                assertThat(comments.get(0).path("Data").asText().strip())
                        .as("its subject: the marker")
                        .isEqualTo("[SLAflow] escalation " + x.path("id").asText());
                assertThat(root.text(comments.get(0).path("id").asText()))
                        .as(why)
                        .contains("Reassigned to " + person + " (account-director in the client's roster)")
                        .contains("Target:       response within 30s")
                        .contains("Deadline:     ")
                        .contains("Evidence:     breach " + t.ticketId() + ":RESPONSE:BREACH");
                assertThat(types).as(why + ": its events, each once").containsExactly("CREATED", "ASSIGNED");
                assertThat(events.stream()
                                .filter(e -> e.ticketId.equals(t.ticketId()) && e.type == EventType.ASSIGNED)
                                .map(e -> e.assignee))
                        .containsExactly(person);
            } else {
                assertThat(inRt.path("Owner").path("id").asText())
                        .as(why + ": never reassigned")
                        .isEqualTo("Nobody");
                assertThat(comments).as(why + ": never commented").isEmpty();
                assertThat(escalations).as(why).doesNotContainKey(t.ticketId());
                // SLAflow's only changes: the tier shown (and globex's P1 queue), in the first placement
                assertThat(history.stream()
                                .filter(h ->
                                        h.path("Creator").path("id").asText().equals(RtConnectLoop.SLAFLOW_USER))
                                .map(h -> h.path("Field").asText())
                                .collect(Collectors.toSet()))
                        .as(why)
                        .isSubsetOf("Priority", "Queue");
                assertThat(types)
                        .as(why + ": its events, each once")
                        .containsExactlyElementsOf(
                                t.answered ? List.of("CREATED", "RESPONDED", "STATUS_CHANGED") : List.of("CREATED"));
            }
        }
        assertThat(escalations.keySet())
                .as("one escalation per unanswered P1, none more")
                .containsExactlyInAnyOrderElementsOf(tickets.values().stream()
                        .filter(Ticket::escalates)
                        .map(Ticket::ticketId)
                        .toList());

        // while everything was up, RT shows the reassignment within seconds of the escalation instant
        for (String name : List.of("plant", "web")) {
            Ticket t = tickets.get(name);
            Instant firedAt =
                    Instant.parse(escalations.get(t.ticketId()).path("firedAt").asText());
            Instant reassigned = root.history(t.number).stream()
                    .filter(h -> h.path("Field").asText().equals("Owner")
                            && h.path("Creator").path("id").asText().equals(RtConnectLoop.SLAFLOW_USER))
                    .map(h -> Instant.parse(h.path("Created").asText()))
                    .findFirst()
                    .orElseThrow();
            Duration lag = Duration.between(firedAt, reassigned);
            System.out.println("[rt-loop] " + name + ": escalation at " + firedAt + ", owner changed in RT at "
                    + reassigned + " (" + lag.toMillis() + " ms)");
            assertThat(lag).as(name).isBetween(Duration.ZERO, REASSIGNMENT_BOUND);
        }
        // the outage's escalation fired while RT was down and was applied once it was back
        Ticket erp = tickets.get("erp");
        assertThat(Instant.parse(escalations.get(erp.ticketId()).path("firedAt").asText()))
                .isAfter(rtStopped);
    }

    // ---- the scenario's tickets ----

    /** A ticket opened in RT by the test, what SLAflow should make of it. */
    private record Ticket(String name, String number, String queue, String client, String tier, boolean answered) {
        static Ticket open(RtPerson who, String queue, String client, String subject, String tier, boolean answered) {
            String number = who.createTicket(
                    queue, subject, "it@" + client + ".example", null, subject + ", since this morning.");
            return new Ticket(subject, number, queue, client, tier, answered);
        }

        String ticketId() {
            return "rt-" + number;
        }

        boolean escalates() {
            return tier.equals("P1") && !answered;
        }
    }

    private static boolean escalatedInRt(RtPerson root, Ticket t) {
        boolean owned = ROSTER.get(t.client)
                .equals(root.ticket(t.number).path("Owner").path("id").asText());
        return owned
                && root.history(t.number).stream()
                        .anyMatch(h -> h.path("Type").asText().equals("Comment"));
    }

    // ---- what is on the topics ----

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        return CommittedTopic.readAll(kafka.bootstrapServers(), topic);
    }

    private static List<TicketEvent> contractEvents() {
        TicketEventDeserializer parser = new TicketEventDeserializer();
        List<TicketEvent> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read(RtConnectLoop.EVENTS_TOPIC)) {
            ParseResult parsed = parser.parse(r.value());
            assertThat(parsed)
                    .as("every record on ticket-events is a contract event")
                    .isInstanceOf(ParseResult.Accepted.class);
            out.add(((ParseResult.Accepted) parsed).event());
        }
        return out;
    }

    private static List<String> eventTypes(List<TicketEvent> events, Ticket t) {
        return events.stream()
                .filter(e -> e.ticketId.equals(t.ticketId()))
                .map(e -> e.type.name())
                .toList();
    }

    /** The escalation records by ticket; a second one for a ticket fails the test. */
    private static Map<String, JsonNode> escalations() {
        return byTicket(read(RtConnectLoop.ESCALATIONS_TOPIC));
    }

    private static Map<String, JsonNode> byTicket(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode n = json(r.value());
            JsonNode before = out.put(n.path("ticketId").asText(), n);
            assertThat(before).as("one record per ticket: " + n).isNull();
        }
        return out;
    }

    private static boolean drained(String group) {
        try {
            return CommittedTopic.drained(
                    kafka.bootstrapServers(),
                    group,
                    List.of(RtConnectLoop.ESCALATIONS_TOPIC, RtConnectLoop.ROUTING_TOPIC));
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event types of a scenario ticket on ticket-events so far. */
    private List<String> eventsOf(String name) {
        return eventTypes(contractEvents(), tickets.get(name));
    }

    // ---- waiting on conditions ----

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!job.isAlive())
                throw new AssertionError("the job exited while waiting for " + what + ":\n" + job.logTail(40));
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not within " + timeout.toSeconds() + " s: " + what + "\njob log (tail):\n" + job.logTail(20));
            }
            Thread.sleep(250); // between looks at the condition, which decides
        }
        System.out.printf("[rt-loop] %s (after %.1f s)%n", what, (System.nanoTime() - start) / 1e9);
    }
}
