package io.slaflow.jobs.simulate;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.simulate.SimulationScope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a simulation reads and writes.
 *
 * @param policy         the current policy; null = the built-in default, as for replay
 * @param candidates     the proposed policies (may be empty when only a sweep is asked for)
 * @param asOf           null = the time of the last valid event in the file
 * @param sweepTarget    {@code P2.response}, or null for no sweep
 * @param sweepGoal      {@code 98%} (with {@code sweepTarget})
 * @param parallelism    Flink parallelism of the local MiniCluster (each policy's enforcer runs with it)
 */
public record SimulationOptions(
        Path events,
        Path policy,
        List<Path> candidates,
        SimulationScope scope,
        Instant asOf,
        Duration outOfOrderness,
        EnforcerSettings settings,
        int parallelism,
        int maxPayloadBytes,
        String sweepTarget,
        String sweepGoal,
        Path out) {
    public SimulationOptions {
        candidates = List.copyOf(candidates);
    }
}
