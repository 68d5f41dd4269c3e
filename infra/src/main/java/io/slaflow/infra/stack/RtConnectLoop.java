package io.slaflow.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The ticketing half of SLAflow's loop on this machine: a Request Tracker 5 instance with a queue per client and the
 * people of the rosters as agents, joined to a Kafka broker by a Connect worker running SLAflow's two connectors
 * (RT → {@code ticket-events}; {@code sla-escalations} and {@code sla-routing} → RT). The end-to-end test, the
 * connector benchmark and {@code slaflow demo --ticketing rt} start it the same way; the broker and the Flink job are
 * theirs.
 *
 * <p>The connectors act as RT user {@value #SLAFLOW_USER}, whose password is drawn at random and handed to them in a
 * file readable only by its owner (never in a connector configuration: Connect's REST API shows those). The people's
 * passwords are random too; {@link #person} acts as one of them.
 */
public final class RtConnectLoop implements AutoCloseable {
    public static final String SLAFLOW_USER = "slaflow";
    public static final String SOURCE = "rt-source";
    public static final String SINK = "rt-sink";
    public static final String EVENTS_TOPIC = "ticket-events";
    public static final String ESCALATIONS_TOPIC = "sla-escalations";
    public static final String ROUTING_TOPIC = "sla-routing";
    /** Where the sink puts what RT refuses for good (Connect creates it). */
    public static final String DEAD_LETTER_TOPIC = "sla-rt-dlq";
    /** How RT priorities show tiers, both ways: the source reads P1 ≥ 100, P2 ≥ 50; the sink writes 100/50/10. */
    static final String TIERS_READ = "P1:100,P2:50";

    static final String TIERS_SHOWN = "P1:100,P2:50,P3:10";
    private static final Duration CONNECTOR_START = Duration.ofSeconds(90);

    private final Map<String, String> queueClients;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, String> sourceSettings;
    private final Map<String, String> sinkSettings;
    private final Consumer<String> progress;
    private final Path home;
    private final RequestTracker rt;
    private final ConnectWorker connect;
    private final Map<String, String> moreData = new LinkedHashMap<>();
    private boolean prepared;

    /**
     * @param queueClients RT queue → SLAflow client id, one queue per client (the source's {@code client.from=queue})
     * @param people       RT users to create as agents (roster people, whoever answers tickets)
     * @param sourceExtra  source connector settings to add or override (e.g. {@code poll.interval.ms})
     * @param sinkExtra    sink connector settings to add or override
     */
    public RtConnectLoop(
            StackLocation location,
            String bootstrapServers,
            Map<String, String> queueClients,
            List<String> people,
            Map<String, String> sourceExtra,
            Map<String, String> sinkExtra,
            Consumer<String> progress) {
        this.queueClients = Map.copyOf(queueClients);
        this.progress = progress;
        this.home = location.stateSubdir("rt-loop");
        this.rt = new RequestTracker(location, progress);
        this.connect =
                new ConnectWorker(location, bootstrapServers, location.connectPlugins(), "slaflow-connect", progress);
        SecureRandom random = new SecureRandom();
        passwords.put(SLAFLOW_USER, password(random));
        for (String person : people) passwords.put(person, password(random));
        this.sourceSettings = merged(sourceDefaults(), sourceExtra);
        this.sinkSettings = merged(sinkDefaults(), sinkExtra);
    }

    /**
     * More RT initialdata (Perl) to load on the first start, after the loop's users and queues: e.g. a benchmark's
     * thousands of tickets created through RT's own API, far faster than one REST2 call each.
     */
    public synchronized RtConnectLoop withInitialData(String name, String perl) {
        if (prepared) throw new IllegalStateException("initial data is loaded on the first start, which has happened");
        moreData.put(name, perl);
        return this;
    }

    /** Starts RT (users, queues and rights loaded on the first start), the worker and both connectors. */
    public synchronized RtConnectLoop start() {
        if (!prepared) {
            RtInitialData data = new RtInitialData();
            queueClients.keySet().forEach(data::queue);
            passwords.forEach((user, password) -> data.agent(user, user + "@msp.example", password));
            rt.insertData("loop", data.perl());
            moreData.forEach(rt::insertData);
            prepared = true;
        }
        rt.start();
        writePasswordFile();
        connect.start();
        connect.putConnector(SOURCE, withRt(sourceSettings));
        connect.putConnector(SINK, withRt(sinkSettings));
        connect.awaitRunning(SOURCE, CONNECTOR_START);
        connect.awaitRunning(SINK, CONNECTOR_START);
        progress.accept("both connectors running on " + connect.url() + " (RT at " + rt.url() + ")");
        return this;
    }

    private Map<String, String> sourceDefaults() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.slaflow.connect.kafka.RtSourceConnector");
        c.put("tasks.max", "1");
        c.put("topic", EVENTS_TOPIC);
        c.put("client.from", "queue");
        c.put(
                "client.map",
                queueClients.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
        c.put("priority.tiers", TIERS_READ);
        c.put("poll.interval.ms", "500");
        return c;
    }

    private Map<String, String> sinkDefaults() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.slaflow.connect.kafka.RtSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics", ESCALATIONS_TOPIC + "," + ROUTING_TOPIC);
        c.put("routing.tier.field", "priority");
        c.put("routing.tier.priorities", TIERS_SHOWN);
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", DEAD_LETTER_TOPIC);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        return c;
    }

    private Map<String, String> withRt(Map<String, String> settings) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("rt.url", rt.url());
        c.put("rt.user", SLAFLOW_USER);
        c.put("rt.password.file", passwordFile().toString());
        c.put("rt.instance", "rt");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.putAll(settings);
        return c;
    }

    private static Map<String, String> merged(Map<String, String> defaults, Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>(defaults);
        m.putAll(extra);
        return Map.copyOf(m);
    }

    private Path passwordFile() {
        return home.resolve(SLAFLOW_USER + ".password");
    }

    /** The connectors' password, readable by this user only (the worker runs as this user). */
    private void writePasswordFile() {
        Path file = passwordFile();
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, passwords.get(SLAFLOW_USER) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the connectors' RT password file " + file, e);
        }
    }

    private static String password(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public RequestTracker rt() {
        return rt;
    }

    public ConnectWorker connect() {
        return connect;
    }

    /** RT's superuser, as a fresh install has it ({@value RequestTracker#ROOT_USER}). */
    public RtPerson root() {
        return new RtPerson(rt, RequestTracker.ROOT_USER, RequestTracker.ROOT_PASSWORD);
    }

    /** One of the people this loop created, working in RT. */
    public RtPerson person(String user) {
        String password = passwords.get(user);
        if (password == null || user.equals(SLAFLOW_USER)) {
            throw new IllegalArgumentException(
                    "'" + user + "' is not one of the people of this RT: " + passwords.keySet());
        }
        return new RtPerson(rt, user, password);
    }

    /** The source connector's configuration as put (RT address and credentials file included, no secret). */
    public Map<String, String> sourceConfig() {
        return withRt(sourceSettings);
    }

    public Map<String, String> sinkConfig() {
        return withRt(sinkSettings);
    }

    @Override
    public void close() {
        connect.close();
        rt.close();
    }
}
