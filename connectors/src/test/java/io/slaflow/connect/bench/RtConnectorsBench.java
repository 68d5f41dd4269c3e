package io.slaflow.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.stack.KafkaBroker;
import io.slaflow.infra.stack.RtConnectLoop;
import io.slaflow.infra.stack.RtPerson;
import io.slaflow.infra.stack.StackLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Issue 20, item 6: the connectors against a real Request Tracker 5 holding {@code tickets} tickets (default 10,000),
 * on a real broker and Connect worker ({@link RtConnectLoop}, as the end-to-end test and the demo run them).
 * <ol>
 *   <li><b>Sustained source rate.</b> The tickets are created before RT starts through RT's own Perl API (an
 *       initialdata {@code @Final} block: {@code RT::Ticket->Create} with a text body, 500 tickets per database
 *       transaction, scrips off meanwhile), then the source connector reads RT's history from the start: four windows
 *       of {@code window}/4 CREATED events (read_committed), alternating the connector's {@code rt.session} (on, off,
 *       on, off), each timed after its first 20 events. Then the connector is replaced by one starting at RT's latest
 *       transaction, so the rest of the backlog does not delay what follows.</li>
 *   <li><b>RT transaction → contract event.</b> {@code latency} tickets opened one after the other through REST2, in
 *       rounds alternating the source's {@code poll.interval.ms} (the values of {@code polls}) and {@code rt.session}: from the moment
 *       RT's REST2 answered (the transaction is committed) to the moment a read_committed consumer has its CREATED.</li>
 *   <li><b>Escalation record → owner change in RT.</b> For {@code escalations} of those tickets, one at a time: an
 *       escalation record is produced to {@code sla-escalations}; from the producer's acknowledgement to the moment a
 *       REST2 read (every 50 ms, on a web session) shows the roster's person as the owner; the sink's
 *       {@code rt.session} alternates every ten.</li>
 * </ol>
 * Between 1 and 2, {@code GET ticket/1} 40 times with the password and on a session: what one REST2 call costs.
 * Run from the repository root (it packages the plugin first): {@code connectors/bench.sh RtConnectorsBench
 * tickets=10000 window=1000 latency=200 polls=1000,200 escalations=100}.
 */
public final class RtConnectorsBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RtConnectorsBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        int tickets = Integer.parseInt(a.getOrDefault("tickets", "10000"));
        int window = Math.min(tickets - 50, Integer.parseInt(a.getOrDefault("window", "1000")));
        int latency = Integer.parseInt(a.getOrDefault("latency", "200"));
        List<String> polls = List.of(a.getOrDefault("polls", "1000,200").split(","));
        int escalations = Integer.parseInt(a.getOrDefault("escalations", "100"));
        Path work = Path.of(a.getOrDefault("dir", "connectors/target/bench-rt-stack"))
                .toAbsolutePath();
        deleteRecursively(work);
        StackLocation location = StackLocation.withState(work);
        List<String> report = new ArrayList<>();
        System.out.printf(
                "RtConnectorsBench: %d tickets in RT, %d latency tickets (poll.interval.ms %s), %d escalations; "
                        + "%d CPUs, load %.1f%n",
                tickets,
                latency,
                polls,
                escalations,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());

        try (KafkaBroker kafka = new KafkaBroker(location, line -> {}).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(Stream.of(
                                        RtConnectLoop.EVENTS_TOPIC,
                                        RtConnectLoop.ESCALATIONS_TOPIC,
                                        RtConnectLoop.ROUTING_TOPIC)
                                .map(t -> new NewTopic(t, 2, (short) 1))
                                .toList())
                        .all()
                        .get();
            }
            Events events = new Events(kafka.bootstrapServers());
            Thread eventsThread = new Thread(events, "ticket-events-reader");
            eventsThread.start();
            long bulkStart = System.nanoTime();
            RtConnectLoop loop = new RtConnectLoop(
                    location,
                    kafka.bootstrapServers(),
                    Map.of("ACME", "acme"),
                    List.of("dana.lee"),
                    Map.of("poll.interval.ms", polls.get(0)),
                    Map.of(),
                    line -> System.out.println("  " + line));
            for (int from = 1; from <= tickets; from += 2000) { // each load within the harness's 5 minutes
                loop.withInitialData("bulk-" + from, bulkTickets(from, Math.min(tickets, from + 1999)));
            }
            try (loop) {
                // 1. the backlog: the tickets' Creates, read from the start of RT's history, in windows alternating
                //    the source's rt.session (web session on / off)
                loop.start();
                double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9; // RT's inserts plus the stack's start
                Map<String, double[]> backlog = new LinkedHashMap<>(); // mode -> {events, seconds}
                Map<String, String> source = new LinkedHashMap<>(loop.sourceConfig());
                int seen = 0;
                for (int w = 0; w < 4; w++) {
                    String mode = w % 2 == 0 ? "true" : "false";
                    if (w > 0) {
                        source.put("rt.session", mode);
                        loop.connect().putConnector(RtConnectLoop.SOURCE, source);
                        loop.connect().awaitRunning(RtConnectLoop.SOURCE, Duration.ofSeconds(60));
                    }
                    long from = events.awaitCount(seen + 20, Duration.ofMinutes(10)); // the restarted task under way
                    long to = events.awaitCount(seen + 20 + window / 4, Duration.ofMinutes(90));
                    seen += 20 + window / 4;
                    double[] sum = backlog.computeIfAbsent(mode, k -> new double[2]);
                    sum[0] += window / 4;
                    sum[1] += (to - from) / 1e9;
                    System.out.printf(
                            "  backlog window %d (rt.session=%s): %.1f events/s%n",
                            w, mode, (window / 4) / ((to - from) / 1e9));
                }
                for (var e : backlog.entrySet()) {
                    report.add(String.format(
                            Locale.ROOT,
                            "source backlog, rt.session=%s: %,.0f events in %.1f s = %.1f events/s",
                            e.getKey(),
                            e.getValue()[0],
                            e.getValue()[1],
                            e.getValue()[0] / e.getValue()[1]));
                }
                report.add(String.format(
                        Locale.ROOT,
                        "(RT holding %,d tickets, created with its Perl API in %.0f s including "
                                + "RT's and the worker's start)",
                        tickets,
                        bulkSeconds));
                // the rest of the backlog would hold up what follows: a new connector starts at the latest transaction
                loop.connect().deleteConnector(RtConnectLoop.SOURCE);
                Map<String, String> live = new LinkedHashMap<>(loop.sourceConfig());
                live.put("start.transaction", "latest");

                // what one REST2 call costs on this RT, with the password (bcrypt every time) and on a web session
                RtPerson root = loop.root();
                CookieReader reader = new CookieReader(loop.rt().url(), "root", "password");
                List<Long> basic = new ArrayList<>(), session = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    long t0 = System.nanoTime();
                    root.ticket("1");
                    long t1 = System.nanoTime();
                    reader.ticket("1");
                    basic.add((t1 - t0) / 1_000_000);
                    session.add((System.nanoTime() - t1) / 1_000_000);
                }
                report.add("REST2 GET ticket/1, password on each call: " + percentiles(basic));
                report.add("REST2 GET ticket/1, web session cookie:    " + percentiles(session));

                // 2. RT transaction -> contract event, alternating poll interval and rt.session per round
                Map<String, List<Long>> byMode = new LinkedHashMap<>();
                List<String> numbers = new ArrayList<>();
                List<String[]> modes = new ArrayList<>();
                for (String poll : polls) for (String s : List.of("true", "false")) modes.add(new String[] {poll, s});
                int rounds = 2, perRound = Math.max(1, latency / (rounds * modes.size()));
                double restSeconds = 0;
                for (int round = 0; round < rounds; round++) {
                    for (String[] mode : modes) {
                        live.put("poll.interval.ms", mode[0]);
                        live.put("rt.session", mode[1]);
                        loop.connect().putConnector("rt-source-live", live);
                        loop.connect().awaitRunning("rt-source-live", Duration.ofSeconds(60));
                        Thread.sleep(2 * Long.parseLong(mode[0])); // the restarted task settles into its idle polling
                        for (int i = 0; i < perRound; i++) {
                            long before = System.nanoTime();
                            String n = root.createTicket(
                                    "ACME", "Latency probe " + round + "-" + i, "bench@acme.example", null, "probe");
                            long committed = System.nanoTime();
                            restSeconds += (committed - before) / 1e9;
                            long arrived = events.awaitCreated("rt-" + n, Duration.ofSeconds(120));
                            byMode.computeIfAbsent(
                                            "poll.interval.ms=" + mode[0] + ", rt.session=" + mode[1],
                                            k -> new ArrayList<>())
                                    .add((arrived - committed) / 1_000_000);
                            numbers.add(n);
                        }
                    }
                }
                for (var e : byMode.entrySet()) {
                    report.add("RT transaction -> CREATED on ticket-events, " + e.getKey() + ": "
                            + percentiles(e.getValue()));
                }
                report.add(String.format(
                        Locale.ROOT,
                        "REST2 ticket creation (one at a time, password auth): %.1f tickets/s",
                        numbers.size() / restSeconds));

                // 3. escalation record -> owner change in RT, one at a time, alternating the sink's rt.session per 10
                Map<String, List<Long>> owner = new LinkedHashMap<>();
                Map<String, String> sink = new LinkedHashMap<>(loop.sinkConfig());
                try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                    List<String> escalated = numbers.subList(0, Math.min(escalations, numbers.size()));
                    for (int k = 0; k < escalated.size(); k++) {
                        String mode = (k / 10) % 2 == 0 ? "true" : "false";
                        if (k % 10 == 0) {
                            sink.put("rt.session", mode);
                            loop.connect().putConnector(RtConnectLoop.SINK, sink);
                            loop.connect().awaitRunning(RtConnectLoop.SINK, Duration.ofSeconds(60));
                        }
                        String n = escalated.get(k);
                        producer.send(new ProducerRecord<>(
                                        RtConnectLoop.ESCALATIONS_TOPIC,
                                        ("rt-" + n).getBytes(StandardCharsets.UTF_8),
                                        escalation(n)))
                                .get();
                        long acked = System.nanoTime();
                        long until = acked + Duration.ofSeconds(120).toNanos();
                        while (!"dana.lee"
                                .equals(reader.ticket(n)
                                        .path("Owner")
                                        .path("id")
                                        .asText())) {
                            if (System.nanoTime() > until)
                                throw new IllegalStateException("ticket " + n + " not reassigned in 120 s");
                            Thread.sleep(50);
                        }
                        owner.computeIfAbsent(mode, x -> new ArrayList<>())
                                .add((System.nanoTime() - acked) / 1_000_000);
                    }
                }
                for (var e : owner.entrySet()) {
                    report.add("escalation record -> owner changed in RT (read every 50 ms on a session), rt.session="
                            + e.getKey() + ": " + percentiles(e.getValue()));
                }
            } finally {
                events.stop();
                eventsThread.join(5_000);
            }
        }
        System.out.println("\n== RtConnectorsBench");
        report.forEach(System.out::println);
    }

    /**
     * RT initialdata creating tickets {@code from}..{@code to} in queue ACME through RT's Perl API, each with a text
     * body. RT's scrips (autoreply, notifications) are switched off meanwhile and back on after: they cost six times
     * the ticket itself (measured: 100 tickets in 20 s with them, 3 s without), and bulk-loaded tickets need no mail.
     */
    static String bulkTickets(int from, int to) {
        return """
                use MIME::Entity;
                @Final = (sub {
                    my $dbh = $RT::Handle->dbh;
                    my @on = map { $_->[0] } @{ $dbh->selectall_arrayref("SELECT id FROM Scrips WHERE Disabled = 0") };
                    $dbh->do("UPDATE Scrips SET Disabled = 1");
                    my $queue = RT::Queue->new(RT->SystemUser);
                    $queue->Load('ACME') or die "no queue ACME";
                    # SQLite syncs every statement to disk by default: one transaction per 500 tickets instead
                    for my $i (%d .. %d) {
                        $RT::Handle->BeginTransaction if $i %% 500 == 1 || $i == %d;
                        my $ticket = RT::Ticket->new(RT->SystemUser);
                        my ($id, $txn, $msg) = $ticket->Create(Queue => $queue->Id, Subject => "Bulk ticket $i",
                            Requestor => ['bulk@acme.example'],
                            MIMEObj => MIME::Entity->build(Type => 'text/plain', Charset => 'UTF-8',
                                Data => ["Printer on floor $i is out of toner"]));
                        die "ticket $i: $msg" unless $id;
                        $RT::Handle->Commit if $i %% 500 == 0 || $i == %d;
                    }
                    $dbh->do("UPDATE Scrips SET Disabled = 0 WHERE id = ?", undef, $_) for @on;
                });
                1;
                """.formatted(from, to, from, to);
    }

    static byte[] escalation(String number) {
        String t = "rt-" + number;
        Instant now = Instant.now();
        return ("""
                {"id":"%s:RESPONSE:ESCALATION:1","ticketId":"%s","clientId":"acme","tier":"P1","metric":"RESPONSE",
                 "level":1,"role":"account-director","from":null,"to":"dana.lee","assignee":"dana.lee",
                 "target":"15m","deadline":"%s","breachedAt":"%s","breachId":"%s:RESPONSE:BREACH","firedAt":"%s",
                 "reason":"bench","policyVersion":"bench",
                 "command":{"action":"REASSIGN","ticketId":"%s","assignee":"dana.lee","role":"account-director"}}
                """)
                .formatted(t, t, now.minusSeconds(60), now.minusSeconds(60), t, now, t)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "0");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static String percentiles(List<Long> ms) {
        List<Long> s = ms.stream().sorted().toList();
        return String.format(
                Locale.ROOT,
                "n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms",
                s.size(),
                rank(s, 0.50),
                rank(s, 0.90),
                rank(s, 0.99),
                s.get(s.size() - 1));
    }

    private static long rank(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    /** Reads RT on a web session (one login, then cookies: no bcrypt per call), so watching RT costs it little. */
    private static final class CookieReader {
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        private final String url;
        private final String cookie;

        CookieReader(String url, String user, String password) throws Exception {
            this.url = url;
            var login = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/NoAuth/Login.html"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("user=" + user + "&pass=" + password))
                    .build();
            this.cookie = http
                    .send(login, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .headers()
                    .allValues("Set-Cookie")
                    .stream()
                    .map(c -> c.split(";", 2)[0])
                    .filter(c -> c.startsWith("RT_SID_"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("RT gave no session"));
        }

        JsonNode ticket(String number) throws Exception {
            var get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/REST/2.0/ticket/" + number))
                    .header("Cookie", cookie)
                    .GET()
                    .build();
            var response = http.send(get, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200)
                throw new IllegalStateException("GET ticket/" + number + ": HTTP " + response.statusCode());
            return JSON.readTree(response.body());
        }
    }

    /** Reads ticket-events (read_committed) all along, noting when each ticket's CREATED arrived. */
    private static final class Events implements Runnable {
        private final String bootstrap;
        private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
        private final List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();

        Events(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        @Override
        public void run() {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("group.id", "bench-" + System.nanoTime());
            p.put("auto.offset.reset", "earliest");
            p.put("isolation.level", "read_committed");
            try (KafkaConsumer<byte[], byte[]> c =
                    new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of(RtConnectLoop.EVENTS_TOPIC));
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        JsonNode e = JSON.readTree(r.value());
                        if (!"CREATED".equals(e.path("type").asText())) continue;
                        if (createdAt.putIfAbsent(e.path("ticketId").asText(), now) == null) arrivals.add(now);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The instant (nanoTime) the {@code n}-th CREATED arrived. */
        long awaitCount(int n, Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (arrivals.size() < n) {
                if (System.nanoTime() > until)
                    throw new IllegalStateException("only " + arrivals.size() + " events in " + timeout);
                Thread.sleep(20);
            }
            return arrivals.get(n - 1);
        }

        long awaitCreated(String ticketId, Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            Long at;
            while ((at = createdAt.get(ticketId)) == null) {
                if (System.nanoTime() > until) throw new IllegalStateException(ticketId + " never arrived");
                Thread.sleep(1);
            }
            return at;
        }

        void stop() {
            stop.set(true);
        }
    }

    static Map<String, String> args(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("arguments are key=value, not '" + arg + "'");
            m.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return m;
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
