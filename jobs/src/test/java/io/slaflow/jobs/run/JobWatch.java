package io.slaflow.jobs.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/**
 * What an integration test waits for instead of sleeping: the MiniCluster job's own progress, read from its metrics
 * (an {@link InMemoryReporter} in the job's configuration). A fixed sleep is a guess at how long the job needs; on a
 * loaded 2-core machine the guess is sometimes short, and the test then fails for no fault of the job. Each wait here
 * polls its condition until a deadline and fails saying what it awaited and what it last saw; the poll interval only
 * spaces the looks, it decides nothing.
 */
final class JobWatch {
    private static final Duration POLL = Duration.ofMillis(100);

    private final InMemoryReporter metrics;

    private JobWatch(InMemoryReporter metrics) {
        this.metrics = metrics;
    }

    /** Adds the reporter to {@code conf}: call it before the execution environment is created from {@code conf}. */
    static JobWatch on(Configuration conf) {
        InMemoryReporter metrics = InMemoryReporter.create();
        metrics.addToConfiguration(conf);
        return new JobWatch(metrics);
    }

    /** Reads a reporter the test has already added to the job's configuration (for metrics of its own as well). */
    static JobWatch of(InMemoryReporter metrics) {
        return new JobWatch(metrics);
    }

    /** The job's {@code numberOfCompletedCheckpoints} (0 until the job manager has registered it). */
    long completedCheckpoints(JobClient job) {
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                metrics.getMetricsByGroup().entrySet()) {
            if (ofJob(group.getKey(), job)
                    && value(group.getValue().get("numberOfCompletedCheckpoints")) instanceof Number n) {
                return n.longValue();
            }
        }
        return 0;
    }

    /**
     * Until {@code more} checkpoints have completed after this call. The Kafka sinks commit their transactions when a
     * checkpoint completes (and the Elasticsearch sinks flush at every checkpoint): whatever the job emitted before
     * this call belongs to the checkpoint in progress or an earlier one, and is committed once the next one completes.
     * {@code more = 2} covers that next checkpoint even when the job emitted just after the call's count was read: by
     * the time a checkpoint has completed, every task has already handled the previous one's completion (the job
     * manager sends it before it triggers the next), so a duplicate or a late record would be visible by then.
     */
    void awaitCompletedCheckpoints(JobClient job, int more, Duration timeout) throws InterruptedException {
        long from = completedCheckpoints(job);
        await(
                () -> completedCheckpoints(job) >= from + more
                        ? null
                        : "completed checkpoints: " + from + " at the start, " + completedCheckpoints(job) + " now",
                more + " more completed checkpoints of job " + job.getJobID(),
                timeout);
    }

    /**
     * Until every partition of {@code topic} is assigned to a reader of the job's Kafka source and that reader's
     * consumer has fetched from the broker at least once. The source starts at the group's committed offsets, or at
     * the end of the partition when there are none (live mode): a record sent before the reader has looked up that
     * end is skipped. So the condition has to hold only after the lookup, and the partition's offset gauge alone
     * (registered when the split is handed to the reader, just before the lookup) does not: the reader resolves the
     * position of every partition it was handed before it sends its first fetch (KafkaPartitionSplitReader handles a
     * split change, positions included, before its next fetch), so a completed fetch ({@code fetch-total} above 0)
     * of the consumer that reads the partition is the proof. The readers are handed all partitions at once, from the
     * enumerator's first discovery or from restored state.
     */
    void awaitSourcesAssigned(JobClient job, String topic, int partitions, Duration timeout)
            throws InterruptedException {
        await(
                () -> sourcesNotYetAssigned(job, topic, partitions),
                "all " + partitions + " partitions of " + topic + " assigned to a reader of job " + job.getJobID()
                        + " that has fetched",
                timeout);
    }

    /** What is still missing for {@link #awaitSourcesAssigned}, or null when nothing is. */
    private String sourcesNotYetAssigned(JobClient job, String topic, int partitions) {
        Map<MetricGroup, Map<String, Metric>> all = metrics.getMetricsByGroup();
        Map<Integer, String> readerOf =
                new TreeMap<>(); // partition -> the reader (operator subtask attempt) holding it
        Map<String, Double> fetches = new TreeMap<>(); // reader -> its consumer's completed fetches
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : all.entrySet()) {
            Map<String, String> v = group.getKey().getAllVariables();
            if (!ofJob(group.getKey(), job)) continue;
            String reader = v.get("<operator_id>") + "/" + v.get("<subtask_index>") + "#" + v.get("<task_attempt_num>");
            if (topic.equals(v.get("<topic>"))
                    && v.get("<partition>") != null
                    && group.getValue().containsKey("currentOffset")) {
                readerOf.put(Integer.parseInt(v.get("<partition>")), reader);
            }
            if (value(group.getValue().get("fetch-total")) instanceof Number n
                    && group.getKey().getMetricIdentifier("fetch-total").contains("KafkaSourceReader.KafkaConsumer")) {
                fetches.put(reader, n.doubleValue());
            }
        }
        List<String> missing = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String reader = readerOf.get(p);
            if (reader == null) {
                missing.add("partition " + p + " not assigned");
            } else if (fetches.getOrDefault(reader, 0.0) <= 0) {
                missing.add("partition " + p + " assigned to " + reader + ", which has not fetched yet");
            }
        }
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    /**
     * Until every subtask of the operator named {@code operatorName} has an input watermark of at least {@code atLeast}:
     * event time has reached it there, and an event older than that (minus the allowed lateness) is LATE.
     */
    void awaitInputWatermark(JobClient job, String operatorName, int subtasks, Instant atLeast, Duration timeout)
            throws InterruptedException {
        await(
                () -> {
                    Map<String, Long> watermarks = inputWatermarks(job, operatorName);
                    boolean reached = watermarks.size() >= subtasks
                            && watermarks.values().stream().allMatch(w -> w >= atLeast.toEpochMilli());
                    return reached ? null : "input watermarks by subtask: " + describe(watermarks);
                },
                "the input watermark of all " + subtasks + " subtasks of '" + operatorName + "' at " + atLeast,
                timeout);
    }

    private Map<String, Long> inputWatermarks(JobClient job, String operatorName) {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                metrics.getMetricsByGroup().entrySet()) {
            Map<String, String> v = group.getKey().getAllVariables();
            if (ofJob(group.getKey(), job)
                    && operatorName.equals(v.get("<operator_name>"))
                    && value(group.getValue().get("currentInputWatermark")) instanceof Number n) {
                out.put(v.get("<subtask_index>"), n.longValue());
            }
        }
        return out;
    }

    private static String describe(Map<String, Long> watermarks) {
        Map<String, String> shown = new TreeMap<>();
        watermarks.forEach((subtask, w) -> shown.put(
                subtask,
                w == Long.MIN_VALUE ? "none yet" : Instant.ofEpochMilli(w).toString()));
        return shown.isEmpty() ? "no subtask registered yet" : shown.toString();
    }

    /**
     * Polls {@code missing} (what is still missing, null once the condition holds) until the condition holds or
     * {@code timeout} passes; then fails naming what was awaited and the last thing seen.
     */
    static void await(Supplier<String> missing, String awaited, Duration timeout) throws InterruptedException {
        long start = System.nanoTime(), deadline = start + timeout.toNanos();
        String seen;
        while ((seen = missing.get()) != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "awaited " + awaited + " for " + timeout.toSeconds() + " s; last seen: " + seen);
            }
            Thread.sleep(POLL.toMillis()); // between looks at the condition, which decides
        }
        System.out.printf("[watch] %s: after %,d ms%n", awaited, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean ofJob(MetricGroup group, JobClient job) {
        return job.getJobID().toString().equals(group.getAllVariables().get("<job_id>"));
    }

    private static Object value(Metric metric) {
        return metric instanceof Gauge<?> g ? g.getValue() : null;
    }
}
