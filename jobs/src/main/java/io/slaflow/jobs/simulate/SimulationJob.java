package io.slaflow.jobs.simulate;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.event.TicketEvent;
import io.slaflow.ingest.EventTimeWindow;
import io.slaflow.ingest.RawRecord;
import io.slaflow.ingest.SlaWatermarks;
import io.slaflow.jobs.enforce.EnforcementGraph;
import io.slaflow.jobs.policy.BasePolicy;
import io.slaflow.jobs.replay.InputScan;
import io.slaflow.jobs.replay.JsonLinesFormat;
import io.slaflow.jobs.replay.ReplayJob;
import io.slaflow.jobs.replay.ReplayOptions;
import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.simulate.History;
import io.slaflow.simulate.PolicyTarget;
import io.slaflow.simulate.ServiceCredits;
import io.slaflow.simulate.SimulatedPolicy;
import io.slaflow.simulate.SimulatedTarget;
import io.slaflow.simulate.Simulation;
import io.slaflow.simulate.SweepSpec;
import io.slaflow.simulate.SweptPolicy;
import io.slaflow.simulate.TargetJoin;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * {@code slaflow simulate}: one history under the current policy and each candidate, in one job over one pass of the
 * file. It is replay's engine, unchanged: the file source, contract parsing and replay's event time (the bound widened
 * to the file's own disorder, the as-of rule) feed one {@link io.slaflow.enforce.SlaEnforcer} per policy, each with
 * its own base version exactly as {@code slaflow replay --policy} would run it, so every policy's outcomes are the
 * ones replay writes for it (a test compares them). Each enforcer's outcome updates and escalations are reduced to
 * each ticket target's standing right behind it ({@link PolicyTargets}, {@link EscalationCounts}); what leaves the job
 * is those standings, which {@link TargetJoin} puts side by side and the pure domain ({@link Simulation}) compares.
 *
 * <p>Why one job with an enforcer per policy rather than N replays: the file is read, parsed and timed once, the
 * MiniCluster starts once, and the enforcers run side by side on the cores; the enforcer itself is untouched (a
 * policy index in its key would have needed a second way of choosing a ticket's policy inside it).
 */
public final class SimulationJob {
    static final String EVENTS_ACCUMULATOR = "simulate-events";

    private final PrintStream progress;
    private final ServiceCredits credits;
    private final ProposalDocument document;

    /**
     * @param credits  how contract terms price a client's month (the seam to issue 19's contract terms)
     * @param document how the proposal looks (the seam to issue 19's report rendering)
     */
    public SimulationJob(PrintStream progress, ServiceCredits credits, ProposalDocument document) {
        this.progress = progress;
        this.credits = credits;
        this.document = document;
    }

    /** A {@code --sweep} or {@code --goal} the current policy cannot answer; nothing was started. */
    public static final class BadSweep extends IllegalArgumentException {
        BadSweep(String message) {
            super(message, null);
        }
    }

    /** What a simulation produced: the comparison, and the files written to {@code --out}. */
    public record Result(Simulation simulation, List<Path> files) {}

    /** Runs the simulation and writes its files ({@link SimulationFiles}). */
    public Result run(SimulationOptions o) throws Exception {
        List<BasePolicy> loaded = loadPolicies(o); // refuses a bad policy before anything starts
        Simulation s = simulate(o, loaded);
        SweptPolicy swept = s.sweep() != null && s.sweep().reachable()
                ? SweptPolicy.of(
                        loaded.get(0).yaml(), s.sweep().spec(), s.sweep().proposedTarget())
                : null;
        long writing = System.nanoTime();
        List<Path> files = new SimulationFiles(o.out(), document).write(s, swept);
        progress.printf("simulate: files written in %.1f s%n", (System.nanoTime() - writing) / 1e9);
        return new Result(s, files);
    }

    private Simulation simulate(SimulationOptions o, List<BasePolicy> loaded) throws Exception {
        long started = System.nanoTime();
        SweepSpec sweep = sweepSpec(o, loaded.get(0));
        List<SimulatedPolicy> policies = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            policies.add(new SimulatedPolicy(
                    SimulatedPolicy.labelOf(i),
                    loaded.get(i).source(),
                    loaded.get(i).policy()));
        }
        // replay's rules for the file: its outlier window, as-of, watermark bound, grace and retention
        InputScan scan = InputScan.of(
                o.events(),
                o.maxPayloadBytes(),
                o.asOf() == null ? null : o.asOf().toEpochMilli(),
                ReplayOptions.DEFAULT_OUTLIER_MARGIN);
        long scanned = System.nanoTime();
        long asOf = scan.asOfOr(o.asOf());
        progress.printf(
                "simulate: %s, %,d lines, %,d valid events; as of %s; %d policies: %s%n",
                o.events(),
                scan.lines(),
                scan.validEvents(),
                Instant.ofEpochMilli(asOf),
                policies.size(),
                describe(loaded));
        Duration bound = scan.watermarkBound(o.outOfOrderness());
        if (!bound.equals(o.outOfOrderness())) {
            progress.printf("simulate: the file is up to %s out of order; event time waits that long%n", bound);
        }

        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, o.parallelism());
        // accumulators (the progress line) reach the client with the task managers' heartbeats: every second, not ten
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING); // as replay: timers fire as the watermark passes
        env.setParallelism(o.parallelism());
        EnforcerSettings settings = o.settings()
                .withAsOf(asOf)
                .withClosedGrace(EnforcerSettings.DEFAULT_CLOSED_GRACE)
                .withResolvedRetention(ReplayJob.wholeFileRetention(scan));
        DataStream<PolicyTarget> standings = graph(env, o, loaded, settings, bound, scan.window());

        TargetJoin join = new TargetJoin(policies.size());
        try (CloseableIterator<PolicyTarget> it = standings.collectAsync()) {
            JobClient job = env.executeAsync("slaflow simulate " + o.events().getFileName());
            Thread reporter = progressReporter(job, scan.validEvents(), policies.size(), started);
            try {
                it.forEachRemaining(join::add); // the standings leave the enforcers once the input has ended
            } finally {
                reporter.interrupt();
            }
            job.getJobExecutionResult().get();
        }
        List<SimulatedTarget> all = join.targets();
        long ran = System.nanoTime();
        History history = new History(
                o.events().toString(),
                scan.lines(),
                scan.validEvents(),
                scan.validEvents() == 0 ? 0 : scan.firstEventTime(),
                asOf);
        Simulation simulation = Simulation.of(history, o.scope(), policies, all, sweep, credits);
        long compared = System.nanoTime();
        progress.printf(
                "simulate: %,d ticket targets under %d policies, %,d in scope, in %.1f s (scan %.1f s, job %.1f s,"
                        + " comparison %.1f s)%n",
                all.size(),
                policies.size(),
                simulation.targets().size(),
                (compared - started) / 1e9,
                (scanned - started) / 1e9,
                (ran - scanned) / 1e9,
                (compared - ran) / 1e9);
        return simulation;
    }

    /**
     * The job: one parse, one enforcer per policy; each enforcer's outcome updates and escalations are reduced per ticket
     * target right behind it, on its own partitioning and thread ({@link PolicyTargets}, {@link EscalationCounts}), and
     * only the standings leave the job.
     */
    static DataStream<PolicyTarget> graph(
            StreamExecutionEnvironment env,
            SimulationOptions o,
            List<BasePolicy> policies,
            EnforcerSettings settings,
            Duration bound,
            EventTimeWindow window) {
        FileSource<RawRecord> file = FileSource.forRecordStreamFormat(
                        new JsonLinesFormat(o.events().toString()),
                        new org.apache.flink.core.fs.Path(
                                o.events().toAbsolutePath().toUri()))
                .build();
        DataStream<RawRecord> raw = env.fromSource(
                        file,
                        WatermarkStrategy.noWatermarks(),
                        "events " + o.events().getFileName())
                .setParallelism(1);
        EnforcementGraph.Parsed parsed = EnforcementGraph.parseForReplay(
                raw, SlaWatermarks.replay(bound), o.maxPayloadBytes(), window, settings.asOfMs());
        DataStream<TicketEvent> events = parsed.events()
                .map(new CountEvents())
                .returns(parsed.events().getType())
                .name("progress")
                .setParallelism(raw.getParallelism());
        DataStream<PolicyTarget> standings = null;
        for (int i = 0; i < policies.size(); i++) {
            String label = SimulatedPolicy.labelOf(i);
            PolicyVersion base = policies.get(i).baseVersion();
            // as in replay: the broadcast input carries just this policy's version and ends
            DataStream<PolicyVersion> noUpdates =
                    env.fromData(base).name("policy " + label).setParallelism(1);
            EnforcementGraph.Enforced enforced = EnforcementGraph.enforce(
                    events, noUpdates, base, settings, "enforce SLAs (" + label + ")", "sla-enforcer-" + i);
            // the enforcer's outputs are partitioned by ticket already: reduce them where they are, in its thread
            DataStream<PolicyTarget> outcomes = DataStreamUtils.reinterpretAsKeyedStream(
                            enforced.outcomes(), OutcomeUpdate::ticketId)
                    .process(new PolicyTargets(i), PolicyTargetSerializer.TYPE)
                    .name("standings (" + label + ")");
            DataStream<PolicyTarget> escalations = DataStreamUtils.reinterpretAsKeyedStream(
                            enforced.escalations(), Escalation::ticketId)
                    .process(new EscalationCounts(i), PolicyTargetSerializer.TYPE)
                    .name("escalations (" + label + ")");
            standings = standings == null ? outcomes.union(escalations) : standings.union(outcomes, escalations);
        }
        return standings;
    }

    private static List<BasePolicy> loadPolicies(SimulationOptions o) throws InvalidPolicyException {
        List<BasePolicy> loaded = new ArrayList<>();
        loaded.add(BasePolicy.load(o.policy()));
        for (Path candidate : o.candidates()) {
            loaded.add(BasePolicy.load(candidate));
        }
        return loaded;
    }

    private static SweepSpec sweepSpec(SimulationOptions o, BasePolicy current) {
        if (o.sweepTarget() == null) return null;
        try {
            return SweepSpec.parse(o.sweepTarget(), o.sweepGoal(), current.policy());
        } catch (IllegalArgumentException e) {
            throw new BadSweep(e.getMessage());
        }
    }

    private static String describe(List<BasePolicy> loaded) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            names.add(SimulatedPolicy.labelOf(i) + " " + loaded.get(i).describe());
        }
        return String.join("; ", names);
    }

    /** Prints how far the job has read every two seconds until interrupted (the targets only leave at the end). */
    private Thread progressReporter(JobClient job, long events, int policies, long started) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (true) {
                            TimeUnit.SECONDS.sleep(2);
                            Map<String, Object> acc = job.getAccumulators().get(5, TimeUnit.SECONDS);
                            Object parsed = acc.get(EVENTS_ACCUMULATOR);
                            progress.printf(
                                    "simulate: %,d of %,d events through %d enforcers (%d s)%n",
                                    parsed instanceof Number n ? n.longValue() : 0,
                                    events,
                                    policies,
                                    Duration.ofNanos(System.nanoTime() - started)
                                            .toSeconds());
                        }
                    } catch (InterruptedException done) {
                        Thread.currentThread().interrupt();
                    } catch (Exception unavailable) {
                        // the job ended meanwhile: the result says how it went
                    }
                },
                "simulate-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Counts the valid events on their way to the enforcers, for the progress line; passes them on unchanged. */
    private static final class CountEvents extends RichMapFunction<TicketEvent, TicketEvent> {
        private static final long serialVersionUID = 1L;
        private transient LongCounter events;

        @Override
        public void open(OpenContext openContext) {
            events = new LongCounter();
            getRuntimeContext().addAccumulator(EVENTS_ACCUMULATOR, events);
        }

        @Override
        public TicketEvent map(TicketEvent e) {
            events.add(1);
            return e;
        }
    }
}
