package io.slaflow.jobs.demo;

import io.slaflow.infra.stack.KafkaBroker;
import io.slaflow.infra.stack.RequestTracker;
import io.slaflow.infra.stack.RtConnectLoop;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.infra.stack.TopicSpec;
import io.slaflow.jobs.kafka.KafkaReachability;
import io.slaflow.jobs.run.JobCancellation;
import io.slaflow.jobs.run.KafkaEnforcementJob;
import io.slaflow.jobs.run.RunOptions;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierRoute;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code slaflow demo --ticketing rt}: the whole loop on this machine. A Request Tracker 5 with a queue per client of
 * the policy and its roster people as agents, a Kafka broker, a Connect worker running both SLAflow connectors, the
 * job in a local MiniCluster, and a few tickets opened in RT now and then ({@link DemoTickets}): some answered by an
 * agent, some not. It prints RT's address and login, what SLAflow decides, and when RT shows a reassignment, so a person
 * can open the web UI and watch. No Elasticsearch: the loop does not need it ({@code slaflow demo} shows that side).
 */
public final class RtLoopDemo {
    /** The agent who answers the demo's answered tickets. */
    static final String AGENT = "amy";

    /** The demo's policy in the jar (infra/policies/demo-rt.yaml at build time), used when none is named. */
    static final String BUILT_IN_POLICY = "io/slaflow/policies/demo-rt.yaml";

    /**
     * @param stateDir    RT's database copy, Kafka's data, the worker's and the job's state; wiped at each start
     * @param policy      the policy file, or null for the built-in {@value #BUILT_IN_POLICY}
     * @param liveFor     stop by itself after this long (null: until Ctrl-C)
     * @param ticketEvery how often a new ticket is opened in RT
     */
    public record Options(Path stateDir, Path policy, Duration liveFor, Duration ticketEvery) {}

    private final Options o;
    private final PrintStream console;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public RtLoopDemo(Options options, PrintStream console) {
        this.o = options;
        this.console = console;
    }

    public void requestStop() {
        stopRequested.countDown();
    }

    public void run() throws Exception {
        long started = System.nanoTime();
        if (o.policy() != null) PolicyLoader.load(o.policy()); // nothing starts (or is wiped) on a bad policy
        DemoRunner.wipe(o.stateDir());
        Path policyFile = o.policy() != null ? o.policy() : builtInPolicy(o.stateDir());
        SlaPolicy policy = PolicyLoader.load(policyFile);
        say(
                "policy %s from %s",
                policy.version(), o.policy() != null ? policyFile : "the jar (--policy FILE for your own)");
        StackLocation location = StackLocation.withState(o.stateDir());
        location.connectPlugins(); // fail before starting anything when the plugin has not been built
        say("starting Kafka, Request Tracker 5 and a Kafka Connect worker (state in %s)…", o.stateDir());
        try (KafkaBroker kafka = new KafkaBroker(location, line -> say("%s", line)).start()) {
            createTopics(kafka.bootstrapServers());
            Map<String, String> queues = queues(policy);
            try (RtConnectLoop loop = new RtConnectLoop(
                            location,
                            kafka.bootstrapServers(),
                            queues,
                            people(policy),
                            Map.of("poll.interval.ms", "500"),
                            Map.of(),
                            line -> say("%s", line))
                    .start()) {
                RunOptions run = RunOptions.builder(kafka.bootstrapServers(), RunOptions.Topics.defaults(), policyFile)
                        .groupId("slaflow-demo-rt")
                        .parallelism(1)
                        .eventTime(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3))
                        .checkpoints(
                                Duration.ofSeconds(1),
                                o.stateDir().resolve("checkpoints").toUri().toString())
                        .build();
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.getExecutionEnvironment(KafkaEnforcementJob.configuration(run));
                KafkaEnforcementJob.build(env, run);
                JobClient job = env.executeAsync("slaflow demo (Request Tracker)");
                say("job %s running in a local MiniCluster", job.getJobID());
                greet(loop, policy);
                DemoTickets tickets = new DemoTickets(loop, queues, console);
                RtLoopWatcher watcher = new RtLoopWatcher(kafka.bootstrapServers(), loop, console);
                Thread watch = new Thread(watcher, "demo-rt-watcher");
                watch.start();
                try {
                    long stopAt = o.liveFor() == null
                            ? Long.MAX_VALUE
                            : System.nanoTime() + o.liveFor().toNanos();
                    long nextTicket = System.nanoTime();
                    while (System.nanoTime() < stopAt) {
                        if (job.getJobStatus().get().isGloballyTerminalState()) {
                            throw new IllegalStateException(
                                    "the job stopped: " + job.getJobStatus().get() + "; see the log above");
                        }
                        if (System.nanoTime() >= nextTicket) {
                            tickets.openNext();
                            nextTicket = System.nanoTime() + o.ticketEvery().toNanos();
                        }
                        tickets.answerDue();
                        watcher.checkRt();
                        if (stopRequested.await(1, TimeUnit.SECONDS)) break;
                    }
                } finally {
                    say("stopping…");
                    tickets.close();
                    watcher.stop();
                    try {
                        JobCancellation.cancelAndAwait(job, Duration.ofSeconds(30));
                    } catch (Exception e) {
                        say("the job did not cancel cleanly (%s); stopping the rest anyway", e.getMessage());
                    }
                    watch.join(5_000);
                    KafkaReachability.stopProbes(); // before the broker stops: they would log its absence
                }
            }
        }
        say(
                "stopped after %d s; RT's database, Kafka's data and the logs stay in %s until the next demo",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), o.stateDir());
    }

    private void greet(RtConnectLoop loop, SlaPolicy policy) {
        say("");
        say(
                "Request Tracker is at %s — log in as %s / %s (this demo's own fresh RT)",
                loop.rt().url(), RequestTracker.ROOT_USER, RequestTracker.ROOT_PASSWORD);
        say(
                "A ticket is opened every %d s in the clients' queues. SLAflow shows each one's tier as its priority "
                        + "(P1 100, P2 50, P3 10);",
                o.ticketEvery().toSeconds());
        say(
                "an unanswered %s is reassigned to the client's %s when its %s response target passes, with a comment saying why.",
                policy.tiers().get(0).id(),
                policy.tiers().get(0).ladder().isEmpty()
                        ? "escalation role"
                        : policy.tiers().get(0).ladder().get(0).role(),
                policy.tiers().get(0).response().text());
        say("Ctrl-C stops everything.");
        say("");
    }

    /** The built-in demo policy, written into the state folder: the job reads its base policy from a file. */
    static Path builtInPolicy(Path stateDir) throws java.io.IOException {
        try (java.io.InputStream in = RtLoopDemo.class.getClassLoader().getResourceAsStream(BUILT_IN_POLICY)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN_POLICY
                        + " is not on the classpath: the jar was built without the infra module's resources");
            }
            Path file = java.nio.file.Files.createDirectories(stateDir).resolve("demo-rt.yaml");
            java.nio.file.Files.write(file, in.readAllBytes());
            return file;
        }
    }

    /** One RT queue per client of the policy, named as the client; plus the queues the routing section names. */
    static Map<String, String> queues(SlaPolicy policy) {
        Map<String, String> queues = new LinkedHashMap<>();
        for (ClientProfile c : policy.clients().values()) queues.put(c.name(), c.id());
        policy.routing()
                .clients()
                .forEach((client, routes) -> routes.values().stream()
                        .map(TierRoute::queue)
                        .filter(q -> q != null)
                        .forEach(q -> queues.putIfAbsent(q, client)));
        // a queue every client's tickets may be routed to belongs to none of them: it names itself
        policy.routing().tiers().values().stream()
                .map(TierRoute::queue)
                .filter(q -> q != null)
                .forEach(q -> queues.putIfAbsent(q, q));
        return queues;
    }

    /** Everyone SLAflow may hand a ticket to (rosters, routing owners), and the agent who answers. */
    static List<String> people(SlaPolicy policy) {
        Set<String> people = new LinkedHashSet<>();
        people.add(AGENT);
        people.addAll(policy.defaultClient().roster().values());
        policy.clients().values().forEach(c -> people.addAll(c.roster().values()));
        policy.routing().tiers().values().stream()
                .map(TierRoute::owner)
                .filter(p -> p != null)
                .forEach(people::add);
        policy.routing()
                .clients()
                .values()
                .forEach(r -> r.values().stream()
                        .map(TierRoute::owner)
                        .filter(p -> p != null)
                        .forEach(people::add));
        return new ArrayList<>(people);
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(TopicSpec.contractTopics(2).stream()
                            .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                            .toList())
                    .all()
                    .get();
        }
    }

    private void say(String format, Object... args) {
        console.printf("[demo] " + format + "%n", args);
    }
}
