package io.slaflow.jobs.replay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobSubmissionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The local MiniCluster a replay runs on, started on a thread of its own while the replay scans (and, if need be,
 * sorts) its input, instead of after it as {@link StreamExecutionEnvironment#executeAsync} would: its start takes
 * seconds, longer than the scan of a 50,000-event file (issue 25). Configured as Flink's own per-job MiniCluster
 * is: one task manager with a slot per subtask, a REST port of the system's choosing. Used only when the environment
 * is local: under {@code flink run} the job goes to that cluster as before.
 */
final class EarlyMiniCluster implements AutoCloseable {
    private final CompletableFuture<MiniCluster> started;
    private boolean closed;

    private EarlyMiniCluster(Configuration jobConf, int slots) {
        Configuration conf = new Configuration(jobConf);
        conf.set(RestOptions.BIND_PORT, "0");
        MiniClusterConfiguration config = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .build();
        started = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        MiniCluster cluster = new MiniCluster(config);
                        cluster.start();
                        started.complete(cluster);
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                },
                "slaflow-minicluster-start");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A cluster starting now for {@code env}'s job (created with {@code conf}), or null when {@code env} submits to a
     * cluster of its own.
     */
    static EarlyMiniCluster startFor(StreamExecutionEnvironment env, Configuration conf, int slots) {
        return env instanceof LocalStreamEnvironment ? new EarlyMiniCluster(conf, slots) : null;
    }

    /** Submits {@code env}'s job once the cluster is up; the job client answers as {@code executeAsync}'s does. */
    JobClient submit(StreamExecutionEnvironment env, String jobName) throws Exception {
        MiniCluster cluster = cluster();
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(jobName);
        JobSubmissionResult submitted = cluster.submitJob(graph).get();
        return new MiniClusterJobClient(
                submitted.getJobID(),
                cluster,
                EarlyMiniCluster.class.getClassLoader(),
                MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
    }

    private MiniCluster cluster() throws Exception {
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the local Flink cluster did not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Shuts the cluster down (once), waiting for its start first if it is still starting (a scan that failed). */
    @Override
    public void close() throws Exception {
        if (closed) return;
        closed = true;
        MiniCluster cluster;
        try {
            cluster = started.get();
        } catch (ExecutionException e) {
            return; // it never started: nothing to close
        }
        cluster.close();
    }
}
