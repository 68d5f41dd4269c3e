package io.slaflow.jobs.cli;

import io.slaflow.jobs.demo.DemoOptions;
import io.slaflow.jobs.demo.DemoRunner;
import io.slaflow.jobs.demo.RtLoopDemo;
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
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Starts a local Kafka broker and Elasticsearch node, runs the SLA job in a local Flink MiniCluster, "
                    + "feeds it weeks of generated MSP history at full speed and then live tickets, and shows what happens: "
                    + "the job's own progress (its event time and how far it is behind the input), warnings, breaches, "
                    + "escalations, chain alerts, dead letters and adherence read back from Elasticsearch.",
            "Ctrl-C stops everything. Elasticsearch keeps its data for Kibana until the next demo.",
            "",
            "With --ticketing rt, the loop with a real ticketing system instead: Request Tracker 5 (a queue per client, "
                    + "the rosters' people as agents), Kafka, a Kafka Connect worker with SLAflow's two connectors and the job; "
                    + "a ticket is opened in RT every --ticket-every, some answered and some not, and RT's web address and "
                    + "login are printed so you can watch a ticket get its tier and an unanswered one get reassigned."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow demo",
            "  slaflow demo --clients 10 --history 7d --live-for 10m",
            "  slaflow demo --ticketing rt --live-for 10m"
        })
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "50",
            description = "Generated MSP clients (1 or more).")
    int clients;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "7",
            description = "Seed of the generated workload: same seed, same tickets.")
    long seed;

    @Option(
            names = "--history",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "28d",
            description = "Generated history sent at full speed before going live.")
    Duration history;

    @Option(
            names = "--live-for",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop by itself after this much time of live input. Default: run until Ctrl-C.")
    Duration liveFor;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "The SLA policy (YAML). Default: the default policy built into slaflow.")
    Path policy;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Kafka and Elasticsearch data (with --ticketing rt: RT's), checkpoints; wiped at each start. Default: ~/.slaflow/demo (~/.slaflow/demo-rt).")
    Path stateDir;

    @Option(
            names = "--reports-dir",
            paramLabel = "DIR",
            description = "Where client reports are written. Default: ~/.slaflow/demo-reports.")
    Path reportsDir;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallelism of the local job (1 or more).")
    int parallelism;

    @Option(
            names = "--refresh",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "3s",
            description = "How often the console view is redrawn.")
    Duration refresh;

    @Option(
            names = "--ticketing",
            paramLabel = "MODE",
            defaultValue = "none",
            description = "none, or rt: the ticketing loop with Request Tracker 5 (installed by "
                    + "infra/bin/install-request-tracker.sh, as root, when missing), on the built-in demo-rt policy unless "
                    + "--policy names one.")
    Choices.Ticketing ticketing;

    @Option(
            names = "--ticket-every",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30s",
            description = "With --ticketing rt: how often a ticket is opened in RT.")
    Duration ticketEvery;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private void checkArguments() {
        ArgumentChecks check = new ArgumentChecks(spec);
        check.atLeast("--clients", clients, 1, "the number of generated clients");
        check.atLeast("--parallelism", parallelism, 1, "the number of parallel subtasks of the local job");
        if (refresh.isZero()) throw check.usage("--refresh must be more than 0, e.g. 3s");
        if (ticketEvery.isZero()) throw check.usage("--ticket-every must be more than 0, e.g. 30s");
        if (policy != null)
            check.readableFile(
                    "--policy", policy, "a policy YAML file, or leave --policy out for the built-in default");
        if (stateDir != null) check.outputFolder("--state-dir", stateDir);
        if (reportsDir != null) check.outputFolder("--reports-dir", reportsDir);
    }

    @Override
    public Integer call() throws Exception {
        checkArguments();
        Path home = Path.of(System.getProperty("user.home"), ".slaflow");
        if (ticketing == Choices.Ticketing.RT) {
            return ticketingLoop(home);
        }
        DemoOptions options = new DemoOptions(
                stateDir != null ? stateDir : home.resolve("demo"),
                reportsDir != null ? reportsDir : home.resolve("demo-reports"),
                policy,
                clients,
                seed,
                history,
                liveFor,
                parallelism,
                refresh);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        DemoRunner runner = new DemoRunner(options, out, Clock.systemUTC());
        // a refused policy: InvalidPolicyException, reported before the stack starts
        return untilStopped(runner::requestStop, runner::run);
    }

    /** {@code --ticketing rt}: {@link RtLoopDemo}, with its own state folder and (unless --policy names one) policy. */
    private int ticketingLoop(Path home) throws Exception {
        RtLoopDemo demo = new RtLoopDemo(
                new RtLoopDemo.Options(
                        stateDir != null ? stateDir : home.resolve("demo-rt"), policy, liveFor, ticketEvery),
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true));
        return untilStopped(demo::requestStop, demo::run);
    }

    private interface Demo {
        void run() throws Exception;
    }

    /** Runs a demo; Ctrl-C asks it to stop and lets it stop the job and the stack before the JVM goes. */
    private static int untilStopped(Runnable requestStop, Demo demo) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(
                () -> {
                    requestStop.run();
                    try {
                        finished.await(
                                60, TimeUnit.SECONDS); // let run() stop the job and the stack before the JVM goes
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                },
                "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            demo.run();
            return ExitCode.OK;
        } finally {
            finished.countDown();
        }
    }
}
