package io.slaflow.jobs.cli;

import io.slaflow.jobs.demo.DemoOptions;
import io.slaflow.jobs.demo.DemoRunner;
import io.slaflow.jobs.demo.RtLoopDemo;
import io.slaflow.policy.InvalidPolicyException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow demo}: the whole product on this machine, in one command. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Starts a local Kafka broker and Elasticsearch node, runs the SLA job in a local Flink MiniCluster,",
                "feeds it weeks of generated MSP history at full speed and then live tickets, and shows what happens.",
                "Ctrl-C stops everything. Elasticsearch keeps its data for Kibana until the next demo.",
                "With --ticketing rt: the loop with Request Tracker 5 instead (RT, Kafka, a Connect worker with SLAflow's",
                "connectors, the job, tickets opened in RT); it prints RT's web address and login so you can watch."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "50", description = "(default: ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--seed", defaultValue = "7", description = "(default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--history", converter = DurationConverter.class, defaultValue = "28d",
            description = "Generated history sent at full speed before going live (default: ${DEFAULT-VALUE}).")
    Duration history;
    @Option(names = "--live-for", converter = DurationConverter.class,
            description = "Stop by itself after this much live time (default: run until Ctrl-C).")
    Duration liveFor;
    @Option(names = "--policy", paramLabel = "FILE.yaml", defaultValue = "infra/policies/default.yaml",
            description = "(default: ${DEFAULT-VALUE})")
    Path policy;
    @Option(names = "--state-dir", description = "Kafka and Elasticsearch data (with --ticketing rt: RT), checkpoints; wiped at each start (default: ~/.slaflow/demo, ~/.slaflow/demo-rt).")
    Path stateDir;
    @Option(names = "--reports-dir", description = "Where client reports are written (default: ~/.slaflow/demo-reports).")
    Path reportsDir;
    @Option(names = "--parallelism", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
    int parallelism;
    @Option(names = "--refresh", converter = DurationConverter.class, defaultValue = "3s", description = "Console refresh (default: ${DEFAULT-VALUE}).")
    Duration refresh;

    /** Which demo: the product on generated history, or the loop with a real ticketing system. */
    enum Ticketing { none, rt }

    @Option(names = "--ticketing", defaultValue = "none",
            description = "rt: run the ticketing loop with Request Tracker 5 (installed by infra/bin/install-request-tracker.sh "
                    + "as root when missing); policy infra/policies/demo-rt.yaml unless --policy is given (${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}).")
    Ticketing ticketing;
    @Option(names = "--ticket-every", converter = DurationConverter.class, defaultValue = "30s",
            description = "With --ticketing rt: how often a ticket is opened in RT (default: ${DEFAULT-VALUE}).")
    Duration ticketEvery;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("user.home"), ".slaflow");
        if (ticketing == Ticketing.rt) {
            return ticketingLoop(home);
        }
        DemoOptions options = new DemoOptions(stateDir != null ? stateDir : home.resolve("demo"),
                reportsDir != null ? reportsDir : home.resolve("demo-reports"), policy, clients, seed, history, liveFor,
                parallelism, refresh);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        DemoRunner runner = new DemoRunner(options, out, Clock.systemUTC());
        return untilStopped(runner::requestStop, runner::run);
    }

    /** {@code --ticketing rt}: {@link RtLoopDemo}, its own state folder and (unless --policy says) its own policy. */
    private int ticketingLoop(Path home) throws Exception {
        boolean ownPolicy = spec.commandLine().getParseResult().hasMatchedOption("--policy");
        RtLoopDemo demo = new RtLoopDemo(new RtLoopDemo.Options(stateDir != null ? stateDir : home.resolve("demo-rt"),
                ownPolicy ? policy : Path.of("infra/policies/demo-rt.yaml"), liveFor, ticketEvery),
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true));
        return untilStopped(demo::requestStop, demo::run);
    }

    private interface Demo {
        void run() throws Exception;
    }

    /** Runs a demo; Ctrl-C asks it to stop and lets it stop the job and the stack before the JVM goes. */
    private int untilStopped(Runnable requestStop, Demo demo) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            requestStop.run();
            try {
                finished.await(60, TimeUnit.SECONDS); // let run() stop the job and the stack before the JVM goes
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            demo.run();
            return 0;
        } catch (InvalidPolicyException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } finally {
            finished.countDown();
        }
    }
}
