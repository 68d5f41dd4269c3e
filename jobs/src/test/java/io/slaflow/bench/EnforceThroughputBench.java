package io.slaflow.bench;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.ingest.ParseTicketEvents;
import io.slaflow.ingest.RawRecord;
import io.slaflow.ingest.SlaWatermarks;
import io.slaflow.jobs.enforce.EnforcementGraph;
import io.slaflow.jobs.run.KafkaEnforcementJob;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.streams.OutputTags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Issue 3, benchmark 1: events/s of the enforcement graph ({@link EnforcementGraph}: parse, replay watermarks,
 * keyBy(ticketId) + broadcast policy, {@link SlaEnforcer}) on RocksDB with incremental checkpoints, against the same
 * graph with a trivial keyed map instead of the enforcer ("passthrough"), from the same in-memory workload
 * ({@link HeldInMemorySource}), every output into a discarding sink. Each run gets a fresh MiniCluster; runs alternate
 * enforce / passthrough. The rate is measured at the source between the warm-up mark ({@code warmup}, default 20% of the
 * records) and the last record (backpressure ties it to the slowest operator), with the process CPU time over the same
 * window.
 *
 * <p>Run (from the repository root; BENCHMARKS.md has the figures):
 * <pre>
 * mvn -o -q -pl jobs -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx4g -Djava.io.tmpdir=jobs/target/bench-tmp -Dlog4j2.configurationFile=jobs/src/test/resources/log4j2-test.xml \
 *      -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/cp.txt)" io.slaflow.bench.EnforceThroughputBench \
 *      clients=200 events=2000000 parallelism=1,2 runs=3 checkpoint=3s
 * </pre>
 */
public final class EnforceThroughputBench {
    private EnforceThroughputBench() {}

    enum Mode {
        ENFORCE,
        PASSTHROUGH
    }

    record Result(
            Mode mode,
            int parallelism,
            double eventsPerSec,
            double eventsPerCpuSec,
            double cpuCores,
            long checkpoints,
            long checkpointsInWindow,
            long stateSize,
            long checkpointedSize,
            long lastCheckpointMs,
            long canonicalSavepoint,
            long nativeSavepoint) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        int clients = Integer.parseInt(a.getOrDefault("clients", "200"));
        long minEvents = Long.parseLong(a.getOrDefault("events", "2000000"));
        int[] ps = Arrays.stream(a.getOrDefault("parallelism", "1,2").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
        warmUp = Double.parseDouble(a.getOrDefault("warmup", "0.2"));
        Duration interval =
                Duration.parse("PT" + a.getOrDefault("checkpoint", "3s").toUpperCase());
        Path work = Path.of(a.getOrDefault("dir", "jobs/target/bench")).toAbsolutePath();
        Path policy = Path.of(a.getOrDefault("policy", "infra/policies/default.yaml"));
        a.forEach((k, v) -> {
            if (k.startsWith("conf.")) EXTRA.put(k.substring(5), v);
        });
        if (!EXTRA.isEmpty()) System.out.println("extra Flink settings: " + EXTRA);
        List<Mode> modes = Arrays.stream(
                        a.getOrDefault("modes", "ENFORCE,PASSTHROUGH").split(","))
                .map(Mode::valueOf)
                .toList();

        long t0 = System.nanoTime();
        BenchWorkload w = BenchWorkload.generate(7, clients, minEvents, 2);
        System.out.printf("workload: %s (generated in %.1f s)%n", w, (System.nanoTime() - t0) / 1e9);
        System.out.printf(
                "settings: RocksDB, incremental checkpoints every %s (exactly-once mode), replay watermarks (5 min bound), "
                        + "cores available %d%n",
                interval, Runtime.getRuntime().availableProcessors());

        List<Result> results = new ArrayList<>();
        for (int p : ps) {
            for (int r = 0; r < runs; r++) {
                for (Mode m : r % 2 == 0 ? modes : reversed(modes)) {
                    Result res = runOne(m, p, interval, work.resolve(m + "-p" + p + "-r" + r), policy, w, false);
                    results.add(res);
                    System.out.printf(
                            "run %d %-11s p=%d: %,9.0f events/s, %,9.0f events per CPU-second (%.2f cores busy), "
                                    + "%d checkpoints (%d completed in the measured window), last: full %.1f MB, incremental %.1f MB, %d ms%n",
                            r,
                            m,
                            p,
                            res.eventsPerSec,
                            res.eventsPerCpuSec,
                            res.cpuCores,
                            res.checkpoints,
                            res.checkpointsInWindow,
                            res.stateSize / 1e6,
                            res.checkpointedSize / 1e6,
                            res.lastCheckpointMs);
                }
            }
        }
        System.out.println();
        System.out.println("summary (median [min-max] over runs):");
        for (int p : ps) {
            if (!modes.containsAll(List.of(Mode.ENFORCE, Mode.PASSTHROUGH))) continue; // a ratio needs both
            double[] e = rates(results, Mode.ENFORCE, p, false);
            double[] t = rates(results, Mode.PASSTHROUGH, p, false);
            double[] ec = rates(results, Mode.ENFORCE, p, true);
            double[] tc = rates(results, Mode.PASSTHROUGH, p, true);
            System.out.printf(
                    "p=%d enforce     %,9.0f [%,.0f-%,.0f] events/s; %,9.0f [%,.0f-%,.0f] events/CPU-s%n",
                    p, median(e), e[0], e[e.length - 1], median(ec), ec[0], ec[ec.length - 1]);
            System.out.printf(
                    "p=%d passthrough %,9.0f [%,.0f-%,.0f] events/s; %,9.0f [%,.0f-%,.0f] events/CPU-s%n",
                    p, median(t), t[0], t[t.length - 1], median(tc), tc[0], tc[tc.length - 1]);
            System.out.printf(
                    "p=%d ratio enforce/passthrough: %.2f (events/s), %.2f (events/CPU-s)%n",
                    p, median(e) / median(t), median(ec) / median(tc));
        }
        System.out.printf("open tickets at the end: %,d (holding state: %,d)%n", w.openAtEnd, w.withStateAtEnd);
        System.exit(0);
    }

    /** Share of the records emitted before the measurement starts (JIT compilation, RocksDB memtables, first checkpoints). */
    static double warmUp = 0.2;

    /** Extra Flink settings for experiments: program arguments {@code conf.KEY=VALUE}. */
    static final Map<String, String> EXTRA = new LinkedHashMap<>();

    static Result runOne(
            Mode mode, int p, Duration interval, Path dir, Path policyFile, BenchWorkload w, boolean savepoints)
            throws Exception {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, interval.dividedBy(4));
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(100));
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, p);
        KafkaEnforcementJob.tuneRocksDb(conf); // the production settings (heap timers, bloom filters)
        conf.addAll(Configuration.fromMap(EXTRA));

        long warm = (long) (w.events * warmUp);
        HeldInMemorySource.reset(warm);
        MiniClusterConfiguration mcc = new MiniClusterConfiguration.Builder()
                .withRandomPorts()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(p)
                .build();
        try (MiniCluster cluster = new MiniCluster(mcc)) {
            cluster.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(p);
            build(env, mode, p, policyFile, w);
            JobID job = cluster.submitJob(env.getStreamGraph()).get().getJobID();

            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long completedAtWarm = -1;
            while (HeldInMemorySource.endAtNanos == 0) {
                if (completedAtWarm < 0 && HeldInMemorySource.warmAtNanos != 0) {
                    completedAtWarm = completedCheckpoints(cluster, job);
                }
                if (System.nanoTime() > deadline
                        || cluster.requestJobResult(job).isDone()) {
                    throw new IllegalStateException("the job did not read its input: "
                            + cluster.requestJobResult(job).getNow(null));
                }
                Thread.sleep(50);
            }
            long endWall = System.currentTimeMillis();
            // proof that checkpointing really ran while the measured records flowed (not only after them)
            long inWindow = completedCheckpoints(cluster, job) - Math.max(0, completedAtWarm);
            double secs = (HeldInMemorySource.endAtNanos - HeldInMemorySource.warmAtNanos) / 1e9;
            double cpu = (HeldInMemorySource.endCpuNanos - HeldInMemorySource.warmCpuNanos) / 1e9;
            long n = w.events - warm;

            // the first checkpoint triggered after the input is drained holds the whole end state
            CompletedCheckpointStats last = null;
            while (last == null || last.getTriggerTimestamp() < endWall + 2000) {
                Thread.sleep(200);
                last = cluster.getExecutionGraph(job)
                        .get()
                        .getCheckpointStatsSnapshot()
                        .getHistory()
                        .getLatestCompletedCheckpoint();
                if (System.nanoTime() > deadline) throw new IllegalStateException("no checkpoint after the input");
            }
            long count = completedCheckpoints(cluster, job);
            long canonical = -1;
            long nativeSize = -1;
            if (savepoints) {
                String c = cluster.triggerSavepoint(
                                job, dir.resolve("savepoints").toUri().toString(), false, SavepointFormatType.CANONICAL)
                        .get();
                canonical = sizeOf(Path.of(java.net.URI.create(c)));
                String nat = cluster.triggerSavepoint(
                                job, dir.resolve("savepoints").toUri().toString(), false, SavepointFormatType.NATIVE)
                        .get();
                nativeSize = sizeOf(Path.of(java.net.URI.create(nat)));
            }
            cluster.cancelJob(job).get();
            Result r = new Result(
                    mode,
                    p,
                    n / secs,
                    n / cpu,
                    cpu / secs,
                    count,
                    inWindow,
                    last.getStateSize(),
                    last.getCheckpointedSize(),
                    last.getEndToEndDuration(),
                    canonical,
                    nativeSize);
            deleteRecursively(dir);
            return r;
        }
    }

    private static long completedCheckpoints(MiniCluster cluster, JobID job) throws Exception {
        return cluster.getExecutionGraph(job)
                .get()
                .getCheckpointStatsSnapshot()
                .getCounts()
                .getNumberOfCompletedCheckpoints();
    }

    static void build(StreamExecutionEnvironment env, Mode mode, int p, Path policyFile, BenchWorkload w)
            throws Exception {
        var policy = PolicyLoader.load(policyFile);
        PolicyVersion base = new PolicyVersion(
                policy.version(),
                Files.readString(policyFile, StandardCharsets.UTF_8),
                policyFile.toString(),
                Long.MIN_VALUE);
        DataStream<RawRecord> raw = env.fromSource(
                        HeldInMemorySource.create(p), WatermarkStrategy.noWatermarks(), "in-memory workload")
                .uid("source");
        WatermarkStrategy<TicketEvent> watermarks = SlaWatermarks.replay(Duration.ofMinutes(5));
        int maxBytes = TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES;
        if (mode == Mode.ENFORCE) {
            DataStream<PolicyVersion> noUpdates =
                    env.fromData(base).name("policy").setParallelism(1);
            EnforcementGraph.Outputs out =
                    EnforcementGraph.build(raw, noUpdates, base, EnforcerSettings.live(), watermarks, maxBytes);
            out.alerts().sinkTo(new DiscardingSink<>()).name("discard alerts");
            out.escalations().sinkTo(new DiscardingSink<>()).name("discard escalations");
            out.outcomes().sinkTo(new DiscardingSink<>()).name("discard outcomes");
            out.ticketViews().sinkTo(new DiscardingSink<>()).name("discard ticket views");
            out.deadLetters().sinkTo(new DiscardingSink<>()).name("discard dead letters");
        } else {
            var parsed = raw.process(new ParseTicketEvents(maxBytes)).name("parse ticket events");
            parsed.assignTimestampsAndWatermarks(watermarks)
                    .name("event time")
                    .keyBy(e -> e.ticketId)
                    .map(e -> e.occurredAt)
                    .name("passthrough")
                    .sinkTo(new DiscardingSink<>())
                    .name("discard");
            parsed.getSideOutput(OutputTags.DEAD_LETTERS)
                    .sinkTo(new DiscardingSink<>())
                    .name("discard dead letters");
        }
    }

    private static double[] rates(List<Result> rs, Mode m, int p, boolean perCpu) {
        return rs.stream()
                .filter(r -> r.mode == m && r.parallelism == p)
                .mapToDouble(r -> perCpu ? r.eventsPerCpuSec : r.eventsPerSec)
                .sorted()
                .toArray();
    }

    private static <T> List<T> reversed(List<T> l) {
        List<T> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static Map<String, String> args(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : args) {
            int i = s.indexOf('=');
            m.put(s.substring(0, i), s.substring(i + 1));
        }
        return m;
    }

    static long sizeOf(Path p) throws IOException {
        if (!Files.exists(p)) return 0;
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted((x, y) -> y.getNameCount() - x.getNameCount())
                    .forEach(f -> f.toFile().delete());
        }
    }
}
