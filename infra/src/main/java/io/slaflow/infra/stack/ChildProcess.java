package io.slaflow.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server process we started (with its whole process tree: launcher scripts start further JVMs), its console output
 * going to a file. Stopping asks every process to terminate (SIGTERM, so servers shut down cleanly), then kills what is
 * still there after a grace period. A JVM shutdown hook does the same, so a test JVM that dies does not leak servers.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path consoleLog;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path consoleLog) {
        this.name = name;
        this.process = process;
        this.consoleLog = consoleLog;
        this.shutdownHook = new Thread(() -> stop(Duration.ofSeconds(20)), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} in {@code workDir}, console (stdout and stderr) appended to {@code consoleLog}. */
    static ChildProcess start(
            String name, List<String> command, Map<String, String> extraEnv, Path workDir, Path consoleLog) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        builder.environment().putAll(extraEnv);
        try {
            return new ChildProcess(name, builder.start(), consoleLog);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    /**
     * Runs a short command to completion (e.g. a storage format), failing with its output when it fails or hangs.
     */
    static void runToCompletion(String what, List<String> command, Path workDir, Path outputLog, Duration timeout) {
        runToCompletion(what, command, workDir, outputLog, timeout, Map.of());
    }

    /** The same, with extra environment variables. */
    static void runToCompletion(
            String what,
            List<String> command,
            Path workDir,
            Path outputLog,
            Duration timeout,
            Map<String, String> extraEnv) {
        ChildProcess child = start(what, command, extraEnv, workDir, outputLog);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ofSeconds(5));
                throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s; output:\n"
                        + child.consoleTail(40));
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit code " + child.process.exitValue()
                        + "; output (" + outputLog + "):\n" + child.consoleTail(40));
            }
        } catch (InterruptedException e) {
            child.stop(Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + what, e);
        } finally {
            child.removeShutdownHook();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Exit code, or -1 while the process runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Terminates the process tree: SIGTERM to every member, then SIGKILL to whatever outlives {@code grace}. */
    void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add); // snapshot first: children get re-parented once their parent exits
        // Leaves first: a launcher script that dies first might otherwise leave its server to be re-parented unseen.
        for (int i = tree.size() - 1; i >= 0; i--) {
            tree.get(i).destroy();
        }
        if (!awaitExit(tree, grace)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(10));
        }
        removeShutdownHook();
    }

    /** SIGKILL to the whole tree at once, no shutdown at all: a crash, for recovery tests. */
    void kill() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Duration.ofSeconds(10));
        removeShutdownHook();
    }

    private static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are running inside the hook (or the JVM is exiting): nothing to remove
        }
    }

    /** The last {@code lines} lines of the console output, for error messages. */
    String consoleTail(int lines) {
        return tail(consoleLog, lines);
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(" + file + " does not exist)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
