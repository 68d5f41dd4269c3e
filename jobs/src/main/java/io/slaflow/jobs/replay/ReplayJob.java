package io.slaflow.jobs.replay;

import io.slaflow.cep.ChainAlertJson;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.event.DeadLetterJson;
import io.slaflow.event.TicketEvent;
import io.slaflow.ingest.RawRecord;
import io.slaflow.ingest.SlaWatermarks;
import io.slaflow.jobs.chains.ChainGraph;
import io.slaflow.jobs.enforce.EnforcementGraph;
import io.slaflow.jobs.policy.BasePolicy;
import io.slaflow.jobs.prove.AdherenceGraph;
import io.slaflow.jobs.prove.ReportGraph;
import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.TicketSubjects;
import io.slaflow.prove.SlaDocuments;
import io.slaflow.report.ReportDirectory;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.SlaRecordJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code slaflow replay}: the Enforce layer's operators on a bounded JSON Lines file, in a local MiniCluster,
 * writing the audit files ({@link ReplayFiles}). Time moves only with the data; nothing due after the as-of instant
 * fires, so what is still open then is reported PENDING.
 */
public final class ReplayJob {
    private final PrintStream progress;
    /** Bytes of lines the sort before the job holds in memory at once ({@link EventTimeSorter}). */
    private final long sortBudget;
    /** Bytes of result lines held in memory at once while the files are assembled after the job ({@link ReplayFiles}). */
    private final long assemblyBudget;

    public ReplayJob(PrintStream progress) {
        this(progress, EventTimeSorter.defaultBudget(), ReplayFiles.defaultBudget());
    }

    /** Tests: a tiny budget makes the sort before the job and the assembly after it write and merge several runs. */
    ReplayJob(PrintStream progress, long budget) {
        this(progress, budget, budget);
    }

    private ReplayJob(PrintStream progress, long sortBudget, long assemblyBudget) {
        this.progress = progress;
        this.sortBudget = sortBudget;
        this.assemblyBudget = assemblyBudget;
    }

    public ReplayResult run(ReplayOptions o) throws Exception {
        long started = System.nanoTime();
        BasePolicy basePolicy = BasePolicy.load(o.policy()); // refuses a bad policy before anything starts
        ReplayOutput output = new ReplayOutput(o.out());
        output.prepare(); // refuses a folder a replay did not write, before anything runs
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, o.parallelism());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // the local cluster starts while the input is scanned (and sorted), not after
        try (EarlyMiniCluster cluster = EarlyMiniCluster.startFor(env, conf, o.parallelism())) {
            return run(o, basePolicy, output, env, cluster, started);
        }
    }

    private ReplayResult run(
            ReplayOptions o,
            BasePolicy basePolicy,
            ReplayOutput output,
            StreamExecutionEnvironment env,
            EarlyMiniCluster cluster,
            long started)
            throws Exception {
        var policy = basePolicy.policy();
        InputScan scan = InputScan.of(
                o.events(),
                o.maxPayloadBytes(),
                o.asOf() == null ? null : o.asOf().toEpochMilli(),
                o.outlierMargin());
        // never from an outlier: the last event time inside the file's window
        long asOf = o.asOf() != null
                ? o.asOf().toEpochMilli()
                : scan.lastEventTime == Long.MIN_VALUE ? 0 : scan.lastEventTime;
        progress.printf(
                "replay: %s, %,d lines, %,d valid events; as of %s; policy %s%n",
                o.events(), scan.lines, scan.validEvents, Instant.ofEpochMilli(asOf), basePolicy.describe());
        if (scan.outliers > 0) {
            progress.printf(
                    "replay: %,d events dated outside %s are dead letters (TIME_OUTLIER): they change no figure%n",
                    scan.outliers, scan.window);
        }
        EnforcerSettings settings = retention(o, scan).withAsOf(asOf);

        env.setRuntimeMode(RuntimeExecutionMode.STREAMING); // timers fire as the watermark passes, as in live mode
        env.setParallelism(o.parallelism());

        // absolute: the sinks run on task managers, whose working directory is not this one (on a cluster)
        java.nio.file.Path sortDir = o.out().toAbsolutePath().resolve(".sort");
        deleteRecursively(sortDir);
        FileSource<RawRecord> file;
        if (EventTimeSorter.needed(scan, o.outOfOrderness())) {
            // sorted first, so the watermark need not wait as far as the file is out of order: the enforcer then holds
            // no more events than the out-of-orderness allows, whatever the file's disorder (issue 25; it held every
            // event within the disorder, 2.4 GB for 200,000 lines hours out of order)
            long sortStarted = System.nanoTime();
            EventTimeSorter.Sorted sorted =
                    new EventTimeSorter(sortBudget, o.maxPayloadBytes()).sort(o.events(), sortDir);
            progress.printf(
                    "replay: the file is up to %s out of order: sorted by event time first (%,d lines, %d run%s, %.1f s)%n",
                    Duration.ofMillis(scan.maxDisorderMs),
                    sorted.lines(),
                    sorted.runs(),
                    sorted.runs() == 1 ? "" : "s",
                    (System.nanoTime() - sortStarted) / 1e9);
            file = FileSource.forRecordStreamFormat(
                            new SortedEventsFormat(o.events().toString()),
                            new Path(sorted.file().toUri()))
                    .build();
        } else {
            file = FileSource.forRecordStreamFormat(
                            new JsonLinesFormat(o.events().toString()),
                            new Path(o.events().toAbsolutePath().toUri()))
                    .build();
        }
        DataStream<RawRecord> raw = env.fromSource(
                        file,
                        WatermarkStrategy.noWatermarks(),
                        "events " + o.events().getFileName())
                .setParallelism(1);
        // resolved where the file is: the version carries its iCal holidays to the task managers
        PolicyVersion base = basePolicy.baseVersion();
        // a replay has one policy: the broadcast input carries just that version and ends (its watermark is then MAX)
        DataStream<PolicyVersion> noUpdates = env.fromData(base).name("policy").setParallelism(1);
        final long asOfFinal = asOf;
        // the job reads the file no further out of order than the out-of-orderness (sorted above if it was), so no
        // event is late merely because a history export was not sorted, and the watermark waits only that long
        WatermarkStrategy<TicketEvent> watermarks = SlaWatermarks.replay(o.outOfOrderness());
        EnforcementGraph.Outputs out =
                EnforcementGraph.replay(raw, noUpdates, base, settings, watermarks, o.maxPayloadBytes(), scan.window);

        // the end of the input moves the watermark to MAX: a chain completed only after the as-of time (an escalation
        // whose wait runs past it) has not happened yet
        DataStream<io.slaflow.cep.ChainAlert> chains = ChainGraph.build(out, policy)
                .filter(c -> c.detectedAt() <= asOfFinal)
                .name("chains up to the as-of time");
        DataStream<ReplayLine> lines = out.alerts()
                .map(ReplayJob::line)
                .returns(ReplayLineSerializer.TYPE)
                .name("alerts as lines")
                .union(out.escalations()
                        .map(x -> ReplayLine.of(
                                ReplayLine.Kind.ESCALATION, x.firedAt(), x.id(), SlaRecordJson.toJsonBytes(x)))
                        .returns(ReplayLineSerializer.TYPE)
                        .name("escalations as lines"))
                .union(out.outcomes()
                        // the files keep an outcome's best revision: the others need not be written out at all
                        .transform(
                                "latest outcome revisions",
                                out.outcomes().getType(),
                                new LatestOutcomes(LatestOutcomes.DEFAULT_CAPACITY))
                        .map(u -> {
                            ReplayLine l =
                                    ReplayLine.of(ReplayLine.Kind.OUTCOME, 0, u.key(), SlaRecordJson.toJsonBytes(u));
                            l.clientId = u.clientId();
                            l.tier = u.tier();
                            l.metric = u.metric().name();
                            l.outcome = u.outcome().name();
                            l.revision = u.revision();
                            l.unlistedClient = u.unlistedClient();
                            return l;
                        })
                        .returns(ReplayLineSerializer.TYPE)
                        .name("outcomes as lines"))
                .union(AdherenceGraph.build(out.outcomes(), AdherenceGraph.settingsFor(settings))
                        .map(a -> ReplayLine.of(
                                ReplayLine.Kind.ADHERENCE, a.updatedAt(), a.id(), SlaDocuments.adherence(a)))
                        .returns(ReplayLineSerializer.TYPE)
                        .name("adherence as lines"))
                .union(chains.map(c -> ReplayLine.of(
                                ReplayLine.Kind.CHAIN, c.detectedAt(), c.id(), ChainAlertJson.toJsonBytes(c)))
                        .returns(ReplayLineSerializer.TYPE)
                        .name("chains as lines"))
                .union(out.deadLetters()
                        .map(d -> {
                            long line = d.source() != null && d.source().line() != null
                                    ? Long.parseLong(d.source().line())
                                    : Long.MAX_VALUE;
                            ReplayLine l = ReplayLine.of(
                                    ReplayLine.Kind.DEAD_LETTER, line, d.id(), DeadLetterJson.toJsonBytes(d));
                            l.reason = d.reason().name();
                            return l;
                        })
                        .returns(ReplayLineSerializer.TYPE)
                        .name("dead letters as lines"))
                // each ticket's subject, from the enforcer's first view of it: what a report rebuilt from the folder
                // names a breach row by ('slaflow report'), so it equals the one the replay wrote
                .union(out.ticketViews()
                        .filter(v -> v.subject() != null)
                        .map(v -> ReplayLine.of(
                                ReplayLine.Kind.TICKET,
                                v.at(),
                                v.ticketId(),
                                TicketSubjects.toJsonBytes(v.ticketId(), v.clientId(), v.subject())))
                        .returns(ReplayLineSerializer.TYPE)
                        .name("ticket subjects as lines"));

        java.nio.file.Path parts = o.out().toAbsolutePath().resolve(".parts");
        deleteRecursively(parts);
        // weekly and monthly client reports of every period complete by the as-of time: out/reports/<client>/<period>.*
        // (what an earlier replay wrote there is gone already: ReplayOutput.prepare removed exactly its files)
        java.nio.file.Path reports = o.out().toAbsolutePath().resolve("reports");
        if (o.reports().any()) {
            ReportSelection selection = o.reports();
            ReportGraph.deliver(
                    ReportGraph.build(
                                    out.outcomes(),
                                    out.alerts(),
                                    out.escalations(),
                                    ReportGraph.notes(chains),
                                    out.ticketViews(),
                                    ReportDirectory.of(policy),
                                    ReportGraph.settingsFor(settings))
                            .filter(r -> selection.includes(r.period().kind()))
                            .name("reports selected: " + selection),
                    DeliveryConfig.folderOnly(reports));
        }
        lines.sinkTo(new ReplayPartsSink(parts)).name("replay files").setParallelism(1);
        JobExecutionResult executed;
        try {
            String name = "slaflow replay " + o.events().getFileName();
            JobClient job = cluster != null ? cluster.submit(env, name) : env.executeAsync(name);
            CompletableFuture<JobExecutionResult> finished = job.getJobExecutionResult();
            while (true) {
                try {
                    executed = finished.get(2, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    progress.printf(
                            "replay: %,d KB of results so far (%d s)%n",
                            ReplayPartsSink.bytesWritten(parts) / 1024,
                            Duration.ofNanos(System.nanoTime() - started).toSeconds());
                } catch (ExecutionException failed) {
                    throw new IllegalStateException(
                            "the replay job failed: " + failed.getCause().getMessage(), failed.getCause());
                }
            }
        } finally {
            deleteRecursively(sortDir); // a scratch copy of the input: never left in the output folder
            if (cluster != null) cluster.close(); // its memory is free while the files are assembled
        }
        ReplayResult result;
        deleteRecursively(o.out().toAbsolutePath().resolve(ReplayFiles.WORK_DIR)); // a failed replay's, if any
        try (ReplayFiles files = new ReplayFiles(o.out(), assemblyBudget)) {
            ReplayPartsSink.readAll(parts, files::accept);
            deleteRecursively(parts);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            result = files.write(
                    Instant.ofEpochMilli(asOfFinal),
                    scan,
                    policy.version(),
                    o.events().toString(),
                    took,
                    counted(executed, SlaEnforcer.APPLIED_ACCUMULATOR),
                    counted(executed, SlaEnforcer.DUPLICATES_ACCUMULATOR),
                    settings);
            if (files.spilledRuns() > 0) {
                progress.printf(
                        "replay: the results did not fit in memory: assembled from %d sorted runs%n",
                        files.spilledRuns());
            }
        }
        output.record();
        progress.printf(
                "replay: done in %.1f s: %,d warnings, %,d breaches, %,d escalations, %,d dead letters; files in %s%n",
                result.took().toMillis() / 1000.0,
                result.warnings(),
                result.breaches(),
                result.escalations(),
                result.deadLetters(),
                o.out());
        return result;
    }

    /**
     * The grace and retention the replay runs with: as given, else the live default grace and a retention that
     * covers the whole file, so an audit forgets no resolved ticket (a reopen or a close weeks later still finds it).
     */
    private EnforcerSettings retention(ReplayOptions o, InputScan scan) {
        EnforcerSettings s = o.settings();
        s = s.withClosedGrace(o.closedGrace() != null ? o.closedGrace() : EnforcerSettings.DEFAULT_CLOSED_GRACE);
        if (o.resolvedRetention() != null) {
            return s.withResolvedRetention(o.resolvedRetention());
        }
        Duration whole = wholeFileRetention(scan);
        if (whole.compareTo(EnforcerSettings.DEFAULT_RESOLVED_RETENTION) > 0) {
            progress.printf(
                    "replay: resolved tickets are kept for the whole file (%d days; --resolved-retention to change)%n",
                    whole.toDays());
        }
        return s.withResolvedRetention(whole);
    }

    /** Replay's default retention of resolved tickets: the whole file (at least the live default), so an audit forgets none. */
    public static Duration wholeFileRetention(InputScan scan) {
        Duration span =
                scan.validEvents == 0 ? Duration.ZERO : Duration.ofMillis(scan.lastEventTime - scan.firstEventTime);
        return span.plusDays(1).compareTo(EnforcerSettings.DEFAULT_RESOLVED_RETENTION) > 0
                ? span.plusDays(1)
                : EnforcerSettings.DEFAULT_RESOLVED_RETENTION;
    }

    private static long counted(JobExecutionResult r, String accumulator) {
        Object v = r.getAccumulatorResult(accumulator);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static ReplayLine line(SlaAlert a) {
        return ReplayLine.of(
                a.kind() == SlaAlert.Kind.BREACH ? ReplayLine.Kind.BREACH : ReplayLine.Kind.WARNING,
                a.firedAt(),
                a.id(),
                SlaRecordJson.toJsonBytes(a));
    }

    private static void deleteRecursively(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (java.nio.file.Path p :
                    paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
