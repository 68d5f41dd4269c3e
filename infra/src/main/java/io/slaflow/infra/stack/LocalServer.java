package io.slaflow.infra.stack;

import java.time.Duration;
import java.util.Optional;

/**
 * What every server the stack runs on this machine has in common (Kafka, Elasticsearch, a Kafka Connect worker,
 * Request Tracker): at most one process at a time, started by the server's own {@link #start()} and stopped here
 * (SIGTERM to its process tree, SIGKILL after the server's grace period), with the time its last start took.
 * {@link #restart()} comes back on the same ports with the same data: the outage a reliability test needs.
 */
public abstract class LocalServer<S extends LocalServer<S>> implements AutoCloseable {
    private final Duration stopGrace;
    /** The running server, or null; set by the subclass's {@link #start()} (under this object's lock). */
    ChildProcess process;
    /** How long the last start took until the server answered. */
    Duration lastStartTime;

    LocalServer(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    /** Starts the server (a no-op while it runs) and returns once it answers requests. */
    public abstract S start();

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's process while it runs (for RSS measurements and leak checks); its JVM may be a descendant. */
    public synchronized Optional<ProcessHandle> processHandle() {
        return isRunning() ? Optional.of(process.handle()) : Optional.empty();
    }

    public Duration lastStartTime() {
        return lastStartTime;
    }

    /** Stops the server cleanly and waits until its process tree is gone; its data is kept. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(stopGrace);
            process = null;
            stopped();
        }
    }

    /** What a server cleans up after its process has gone (nothing by default). */
    void stopped() {}

    /** Stops and starts again on the same ports with the same data. */
    public synchronized S restart() {
        stop();
        return start();
    }

    @Override
    public void close() {
        stop();
    }
}
