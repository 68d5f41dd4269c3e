package io.slaflow.jobs.ticketing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code slaflow run} as it is deployed: the fat jar the build produced, in a JVM of its own ({@code java -jar
 * slaflow.jar run ...}), its output in a log file. A shutdown hook ends it should the test JVM go first.
 */
final class DeployedJob implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Thread reaper;

    private DeployedJob(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "deployed-job-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts {@code java -jar jar run <args>} with its temporary files in {@code stateDir}. */
    static DeployedJob start(Path jar, Path stateDir, List<String> runArguments) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: the test runs the job from the fat jar `mvn package` builds");
        }
        try {
            Path tmp = Files.createDirectories(stateDir.resolve("job-tmp"));
            Path log = stateDir.resolve("job.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m",
                    "-Djava.io.tmpdir=" + tmp,
                    "-jar",
                    jar.toString(),
                    "run"));
            command.addAll(runArguments);
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new DeployedJob(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the job from " + jar, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of its output, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }
}
