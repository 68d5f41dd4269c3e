package io.slaflow.jobs.run;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;

/**
 * Cancels a job and waits until it has stopped. {@code JobClient.cancel()} only acknowledges the request: the tasks
 * go on for a moment, writing checkpoint files and holding connections, so whatever is torn down next (a broker, a
 * directory) must wait for the job's terminal result.
 */
public final class JobCancellation {
    private JobCancellation() {}

    /** Cancels {@code job} and returns once its tasks have stopped; each step waits at most {@code timeout}. */
    public static void cancelAndAwait(JobClient job, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        job.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            job.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException expected) {
            // the result of a cancelled job is a JobCancellationException
        }
    }
}
