package io.slaflow.jobs.cli;

/**
 * The entry point for a Flink cluster: {@code flink run -c io.slaflow.jobs.cli.FlinkMain slaflow.jar run ...} and the
 * Kubernetes operator's {@code entryClass}. Same commands as {@link SlaflowCli}, but it never calls
 * {@code System.exit}: in application mode {@code main} runs inside the JobManager, and a detached
 * {@code execute()} returns at once, so {@link SlaflowCli#main}'s exit would stop the JobManager right after
 * submitting. A failing command throws instead, which Flink reports as a failed program. It also leaves
 * {@code java.io.tmpdir} alone (no local MiniCluster runs here).
 */
public final class FlinkMain {
    private FlinkMain() {}

    public static void main(String[] args) {
        int code = SlaflowCli.execute(args);
        if (code != ExitCode.OK) {
            throw new IllegalStateException("slaflow " + String.join(" ", args) + " failed with exit code " + code
                    + " (the reason is printed above)");
        }
    }
}
