package io.slaflow.infra.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Kafka Connect worker in distributed mode (its configs, source offsets and statuses in topics on the broker, so a
 * killed worker resumes exactly where its last committed offsets say) in its own JVM, from the Kafka release's jars the
 * infra build copies (the same folder as the broker's: {@link StackLocation#kafkaLibs()}), with connector plugins from
 * {@code pluginPath}. Its REST API listens on 127.0.0.1 only.
 *
 * <p>The port is picked on the first {@link #start()} and kept across {@link #kill()}/{@link #stop()} and
 * {@link #start()}.
 */
public final class ConnectWorker extends LocalServer<ConnectWorker> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackLocation location;
    private final String bootstrapServers;
    private final Path pluginPath;
    private final Consumer<String> progress;
    private final Path home;
    private final Path logsDir;
    private final String groupId;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int port;

    /**
     * @param pluginPath a folder whose sub-folders are connector plugins (Connect's {@code plugin.path})
     * @param groupId    the worker group; its internal topics are named after it, so two groups on one broker never mix
     */
    public ConnectWorker(
            StackLocation location,
            String bootstrapServers,
            Path pluginPath,
            String groupId,
            Consumer<String> progress) {
        super(STOP_GRACE);
        this.location = location;
        this.bootstrapServers = bootstrapServers;
        this.pluginPath = pluginPath.toAbsolutePath().normalize();
        this.groupId = groupId;
        this.progress = progress;
        this.home = location.stateSubdir("connect-" + groupId);
        this.logsDir = home.resolve("logs");
    }

    /** Starts the worker (a no-op while it runs) and returns once its REST API lists connectors. */
    @Override
    public synchronized ConnectWorker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Path libs = location.kafkaLibs();
        if (port == 0) {
            port = FreePorts.pick(1)[0];
            StateFiles.createDirectories(logsDir);
            StateFiles.write(
                    workerProperties(),
                    KafkaBrokerConfig.asPropertiesText(
                            ConnectWorkerConfig.distributed(bootstrapServers, groupId, port, pluginPath)));
            StateFiles.write(log4jConfig(), ConnectWorkerConfig.log4j2Xml(logsDir.resolve("connect.log")));
        }
        progress.accept("starting a Kafka Connect worker (plugins from " + pluginPath + ")…");
        process = ChildProcess.start("connect", command(libs), Map.of(), home, logsDir.resolve("console.log"));
        Readiness.Outcome outcome =
                Readiness.await("Kafka Connect", process, this::listsConnectors, START_TIMEOUT, progress);
        if (!outcome.ready()) {
            String why = outcome.processDied()
                    ? "the Connect worker exited with code " + process.exitCode()
                    : "the Connect worker did not answer on " + url() + " within " + START_TIMEOUT.toSeconds() + " s";
            String logs = ChildProcess.tail(logsDir.resolve("connect.log"), 40);
            stop();
            throw new IllegalStateException(why + ". Its log (tail):\n" + logs);
        }
        lastStartTime = outcome.elapsed();
        progress.accept("Kafka Connect ready in " + Readiness.seconds(outcome.elapsed()) + " at " + url() + " (pid "
                + process.handle().pid() + ")");
        return this;
    }

    List<String> command(Path libs) {
        return List.of(
                StackLocation.javaLauncher().toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfig(),
                "-cp",
                libs.resolve("*").toString(),
                "org.apache.kafka.connect.cli.ConnectDistributed",
                workerProperties().toString());
    }

    private Path workerProperties() {
        return home.resolve("worker.properties");
    }

    private Path log4jConfig() {
        return home.resolve("log4j2.xml");
    }

    private boolean listsConnectors() {
        try {
            return send(HttpRequest.newBuilder(URI.create(url() + "/connectors"))
                                    .GET())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Creates the connector, or updates its configuration (Connect's {@code PUT /connectors/NAME/config} does both).
     * Fails with Connect's own message when it refuses the configuration.
     */
    public void putConnector(String name, Map<String, String> config) {
        String body = ConnectWorkerConfig.json(config);
        HttpResponse<String> response =
                call(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + encode(name) + "/config"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Connect refused connector '" + name + "' (HTTP " + response.statusCode()
                    + "): " + response.body());
        }
    }

    /** Deletes the connector (its tasks stop; its source offsets stay in the offsets topic under its name). */
    public void deleteConnector(String name) {
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + encode(name)))
                .DELETE());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new IllegalStateException("Connect did not delete connector '" + name + "' (HTTP "
                    + response.statusCode() + "): " + response.body());
        }
    }

    /** Connect's status document of the connector and its tasks (JSON), or empty when it does not exist. */
    public Optional<String> connectorStatus(String name) {
        HttpResponse<String> response =
                call(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + encode(name) + "/status"))
                        .GET());
        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    /** Waits until the connector and at least one task report RUNNING; fails with the status (task traces) if one FAILED. */
    public void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(no status yet)";
        while (System.nanoTime() < deadline) {
            Optional<String> status = connectorStatus(name);
            if (status.isPresent()) {
                last = status.get();
                if (last.contains("\"FAILED\"")) {
                    throw new IllegalStateException("connector '" + name + "' failed: " + last);
                }
                if (ConnectWorkerConfig.connectorAndTasksRunning(last)) {
                    return;
                }
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(
                "connector '" + name + "' not running within " + timeout.toSeconds() + " s: " + last);
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return send(request);
        } catch (IOException e) {
            throw new IllegalStateException("Kafka Connect at " + url() + " did not answer: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // between status polls only: the status decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, the worker's REST API; valid from the first start on. */
    public String url() {
        if (port == 0) {
            throw new IllegalStateException("the Connect worker has not been started yet: call start() first");
        }
        return "http://" + KafkaBroker.HOST + ":" + port;
    }

    public Path logFile() {
        return logsDir.resolve("connect.log");
    }

    /** Kills the worker at once (SIGKILL, no shutdown): the crash a recovery test needs. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public String toString() {
        return "Kafka Connect at " + (port == 0 ? "(not started)" : url());
    }
}
