package io.slaflow.jobs.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;

/**
 * How the integration tests stop a MiniCluster job and where its checkpoints go.
 *
 * <p>{@code cancel()} only acknowledges the request: tasks go on running, and writing checkpoint files, for a
 * moment after it returns, and the checkpoint coordinator discards an aborted checkpoint's files later still. A
 * JUnit {@code @TempDir} deleted in that moment fails the test with "Failed to close extension context" (seen once
 * in CI). So a test waits for the job to reach its terminal state before it goes on, and checkpoints live under
 * {@code target/}, which only {@code mvn clean} deletes.
 */
final class ItJobs {
    private static final Path CHECKPOINTS = Path.of("target/it-checkpoints");

    private ItJobs() {}

    /** Cancels the job and returns once every task has stopped: the next test starts on a quiet machine. */
    static void cancelAndAwait(JobClient job) throws Exception {
        JobCancellation.cancelAndAwait(job, Duration.ofMinutes(1));
    }

    /** A fresh checkpoint directory URI of its own for one job run, named for the test that uses it. */
    static String checkpointDir(String name) {
        return CHECKPOINTS
                .resolve(name + "-" + UUID.randomUUID())
                .toAbsolutePath()
                .toUri()
                .toString();
    }
}
