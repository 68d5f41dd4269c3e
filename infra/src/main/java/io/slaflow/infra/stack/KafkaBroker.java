package io.slaflow.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Kafka broker in KRaft mode (combined broker+controller, node 1) in its own JVM, listening on 127.0.0.1 only.
 *
 * <p>Ports are picked on the first {@link #start()} and kept, so {@link #stop()}+{@link #start()} and
 * {@link #restart()} come back at the same {@link #bootstrapServers()} with the same data. The first start of an
 * instance begins from an empty data folder (tests must not see a previous run's records).
 */
public final class KafkaBroker extends LocalServer<KafkaBroker> {

    static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackLocation location;
    private final Consumer<String> progress;
    private final Path home;
    private final Path dataDir;
    private final Path logsDir;
    private int brokerPort;
    private int controllerPort;
    private SaslSslListener secured;

    public KafkaBroker(StackLocation location, Consumer<String> progress) {
        super(STOP_GRACE);
        this.location = location;
        this.progress = progress;
        this.home = location.stateSubdir("kafka");
        this.dataDir = home.resolve("data");
        this.logsDir = home.resolve("logs");
    }

    /** Adds a TLS + SCRAM listener (before the first start); {@link SaslSslListener#bootstrapServers()} names it. */
    public synchronized KafkaBroker withListener(SaslSslListener listener) {
        if (brokerPort != 0) {
            throw new IllegalStateException("add the secured listener before the broker's first start");
        }
        this.secured = listener;
        return this;
    }

    /** Starts the broker (a no-op while it runs) and returns once it answers requests. */
    @Override
    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Path libs = location.kafkaLibs();
        if (brokerPort == 0) {
            prepareFirstStart(libs);
        }
        progress.accept("starting Kafka " + location.kafkaVersion() + "…");
        process = ChildProcess.start("kafka", brokerCommand(libs), Map.of(), home, logsDir.resolve("console.log"));
        Readiness.Outcome outcome = Readiness.await(
                "Kafka", process, () -> KafkaProbe.answersRequests(HOST, brokerPort), START_TIMEOUT, progress);
        if (!outcome.ready()) {
            failStart(outcome);
        }
        lastStartTime = outcome.elapsed();
        progress.accept("Kafka ready in " + Readiness.seconds(outcome.elapsed()) + " at " + bootstrapServers()
                + " (pid " + process.handle().pid() + ")");
        return this;
    }

    private void prepareFirstStart(Path libs) {
        int[] ports = FreePorts.pick(3);
        brokerPort = ports[0];
        controllerPort = ports[1];
        StateFiles.deleteRecursively(dataDir);
        StateFiles.createDirectories(dataDir);
        StateFiles.createDirectories(logsDir);
        Map<String, String> server = KafkaBrokerConfig.serverProperties(brokerPort, controllerPort, dataDir);
        if (secured != null) {
            secured.prepare(home.resolve("tls"), ports[2]);
            secured.addTo(server);
        }
        StateFiles.write(serverProperties(), KafkaBrokerConfig.asPropertiesText(server));
        StateFiles.write(log4jConfig(), KafkaBrokerConfig.log4j2Xml(logsDir.resolve("server.log")));
        ChildProcess.runToCompletion(
                "Kafka storage format",
                formatCommand(libs, KafkaBrokerConfig.randomClusterId()),
                home,
                logsDir.resolve("format.log"),
                Duration.ofSeconds(60));
    }

    private void failStart(Readiness.Outcome outcome) {
        String why = outcome.processDied()
                ? "Kafka exited with code " + process.exitCode() + " during start"
                : "Kafka did not answer on " + bootstrapServers() + " within " + START_TIMEOUT.toSeconds() + " s";
        String logs = "--- " + logsDir.resolve("server.log") + " (tail) ---\n"
                + ChildProcess.tail(logsDir.resolve("server.log"), 30) + "\n--- console (tail) ---\n"
                + process.consoleTail(20);
        process.stop(Duration.ofSeconds(5));
        throw new IllegalStateException(why + ". Look for the first ERROR below (a port taken by another process: "
                + "start again; too little memory: free some, the broker needs about 400 MB).\n" + logs);
    }

    List<String> brokerCommand(Path libs) {
        return List.of(
                StackLocation.javaLauncher().toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfig(),
                "-Dkafka.logs.dir=" + logsDir,
                "-cp",
                libs.resolve("*").toString(),
                "kafka.Kafka",
                serverProperties().toString());
    }

    List<String> formatCommand(Path libs, String clusterId) {
        List<String> command = new ArrayList<>(List.of(
                StackLocation.javaLauncher().toString(),
                "-Xmx256m",
                "-Dlog4j2.configurationFile=" + log4jConfig(),
                "-cp",
                libs.resolve("*").toString(),
                "kafka.tools.StorageTool",
                "format",
                "--standalone",
                "-t",
                clusterId,
                "-c",
                serverProperties().toString()));
        if (secured != null) {
            command.addAll(secured.formatArguments());
        }
        return command;
    }

    private Path serverProperties() {
        return home.resolve("server.properties");
    }

    private Path log4jConfig() {
        return home.resolve("log4j2.xml");
    }

    /** {@code 127.0.0.1:<port>}; valid from the first start on. */
    public String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("Kafka has not been started yet: call start() first");
        }
        return HOST + ":" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    @Override
    public String toString() {
        return "Kafka at " + (brokerPort == 0 ? "(not started)" : bootstrapServers());
    }
}
