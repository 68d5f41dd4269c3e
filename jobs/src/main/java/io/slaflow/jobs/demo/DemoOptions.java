package io.slaflow.jobs.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param stateDir  Kafka and Elasticsearch data, checkpoints; wiped at the start of each demo so a second run
 *                  starts clean (downloaded artifacts live in the build, not here)
 * @param reportsDir where the weekly and monthly client reports are written
 * @param history   how much generated history is sent at full speed before the demo goes live
 * @param liveFor   stop by itself after this much live time (null: run until Ctrl-C)
 */
public record DemoOptions(
        Path stateDir,
        Path reportsDir,
        Path policy,
        int clients,
        long seed,
        Duration history,
        Duration liveFor,
        int parallelism,
        Duration refresh) {}
