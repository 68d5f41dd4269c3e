package io.slaflow.jobs.demo;

import io.slaflow.infra.es.ElasticsearchEndpoint;
import io.slaflow.infra.es.IndexSetup;
import io.slaflow.infra.stack.LocalStack;
import io.slaflow.infra.workload.WorkloadClient;
import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import io.slaflow.jobs.kafka.KafkaReachability;
import io.slaflow.jobs.policy.BasePolicy;
import io.slaflow.jobs.prove.ProveGraph;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.run.JobCancellation;
import io.slaflow.jobs.run.KafkaEnforcementJob;
import io.slaflow.jobs.run.RunOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code slaflow demo}: a real Kafka broker and Elasticsearch node, the whole job in a local MiniCluster, weeks
 * of generated MSP history at full speed and then live traffic, and a console view of what the job does.
 */
public final class DemoRunner {
    static final int PARTITIONS = 2;
    private final DemoOptions o;
    private final PrintStream console;
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public DemoRunner(DemoOptions options, PrintStream console, Clock clock) {
        this.o = options;
        this.console = console;
        this.clock = clock;
    }

    /** Asks a running demo to stop (Ctrl-C); {@link #run} then cleans up and returns. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Runs until stopped or {@code liveFor} has passed; returns what the console showed last. */
    public DemoSnapshot run() throws Exception {
        long started = System.nanoTime();
        // a refused policy is reported before anything starts (Kafka and Elasticsearch take a minute)
        say("policy %s", BasePolicy.load(o.policy()).describe());
        wipe(o.stateDir());
        wipe(o.reportsDir()); // a report is delivered once per client and period: a fresh demo starts a fresh ledger
        Files.createDirectories(o.reportsDir());
        say("starting Kafka and Elasticsearch (state in %s)…", o.stateDir());
        try (LocalStack stack = LocalStack.start(o.stateDir().resolve("stack"), line -> say("%s", line))) {
            stack.createContractTopics(PARTITIONS);
            Instant now = clock.instant();
            WorkloadSpec spec = WorkloadSpec.defaults(o.seed())
                    .withClients(o.clients())
                    .withStart(now.minus(o.history()).truncatedTo(ChronoUnit.HOURS))
                    .withDuration(o.history().plus(Duration.ofDays(365)));
            WorkloadGenerator generator = new WorkloadGenerator(spec);
            List<String> clientIds =
                    generator.clients().stream().map(WorkloadClient::id).toList();
            ElasticsearchEndpoint es =
                    ElasticsearchEndpoint.anonymous(stack.elasticsearch().httpUrl());
            new IndexSetup(es, line -> say("%s", line))
                    .install(ProveGraph.aliases(clientIds)); // aliases for every generated client too

            RunOptions run = runOptions(stack.kafka().bootstrapServers());
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(KafkaEnforcementJob.configuration(run));
            KafkaEnforcementJob.build(
                    env, run, ProveOptions.elasticsearch(stack.elasticsearch().httpUrl(), o.reportsDir()));
            JobClient job = env.executeAsync("slaflow demo");
            say("job %s running in a local MiniCluster (parallelism %d)", job.getJobID(), o.parallelism());

            WorkloadFeeder feeder = new WorkloadFeeder(
                    generator, stack.kafka().bootstrapServers(), run.topics().events(), clock);
            OutputWatcher watcher = new OutputWatcher(
                    stack.kafka().bootstrapServers(),
                    List.of(
                            run.topics().breaches(),
                            run.topics().escalations(),
                            run.topics().chains(),
                            run.topics().deadLetters()));
            Thread feed = new Thread(feeder, "demo-feeder");
            Thread watch = new Thread(watcher, "demo-watcher");
            feed.start();
            watch.start();
            JobProgress progress = new JobProgress(
                    stack.kafka().bootstrapServers(),
                    run.groupId(),
                    run.topics().events());
            ConsoleView view = new ConsoleView(
                    console, feeder, watcher, new AdherenceProbe(es), progress, o, now, clientIds.size());
            DemoSnapshot last = null;
            Instant liveSince = null;
            try {
                while (!stopRequested.await(o.refresh().toMillis(), TimeUnit.MILLISECONDS)) {
                    if (job.getJobStatus().get().isGloballyTerminalState()) {
                        throw new IllegalStateException(
                                "the job stopped: " + job.getJobStatus().get() + "; see the log above for the cause");
                    }
                    if (feeder.failure() != null) {
                        throw new IllegalStateException(
                                "sending the workload failed: "
                                        + feeder.failure().getMessage(),
                                feeder.failure());
                    }
                    last = view.print();
                    if (feeder.isLive() && liveSince == null) liveSince = clock.instant();
                    if (o.liveFor() != null
                            && liveSince != null
                            && clock.instant().isAfter(liveSince.plus(o.liveFor()))) {
                        break;
                    }
                }
                last = view.print();
            } finally {
                say("stopping…");
                feeder.stop();
                feed.interrupt();
                watcher.stop();
                try {
                    JobCancellation.cancelAndAwait(job, Duration.ofSeconds(30));
                } catch (Exception e) {
                    say("the job did not cancel cleanly (%s); stopping the stack anyway", e.getMessage());
                }
                feed.join(5_000);
                watch.join(5_000);
                progress.close();
                KafkaReachability.stopProbes(); // before the broker stops: they would log its absence
            }
            say(
                    "stopped after %d s. Elasticsearch data stays in %s until the next demo; reports are in %s",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), o.stateDir(), o.reportsDir());
            return last;
        }
    }

    private RunOptions runOptions(String bootstrapServers) {
        return RunOptions.builder(bootstrapServers, RunOptions.Topics.defaults(), o.policy())
                .groupId("slaflow-demo")
                .checkpoints(
                        Duration.ofSeconds(5),
                        o.stateDir().resolve("checkpoints").toUri().toString())
                .parallelism(o.parallelism())
                .build();
    }

    private void say(String format, Object... args) {
        console.printf("[demo] " + format + "%n", args);
    }

    static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /**
     * What the console showed, for tests.
     *
     * @param live          the job has caught up with live input ({@link DemoPhase#LIVE})
     * @param jobEventTime  the job's event time at its last checkpoint ({@link JobProgress#UNKNOWN} before one)
     * @param eventsBehind  input events the job has not checkpointed yet
     */
    public record DemoSnapshot(
            long eventsSent,
            boolean live,
            long breaches,
            long warnings,
            long escalations,
            long chains,
            long deadLetters,
            Map<String, Double> adherence7d,
            long jobEventTime,
            long eventsBehind) {
        @Override
        public String toString() {
            return Stream.of(eventsSent, live, breaches, escalations, chains, deadLetters)
                    .map(String::valueOf)
                    .collect(Collectors.joining(" "));
        }
    }
}
