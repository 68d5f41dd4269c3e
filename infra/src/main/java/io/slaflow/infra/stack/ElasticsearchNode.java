package io.slaflow.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Elasticsearch node (single-node discovery, security off, 512 MB heap) from the integ-test distribution, bound to
 * 127.0.0.1. Started through its own launcher script, as the unprivileged user {@value UnprivilegedUser#NAME} when we
 * are root.
 *
 * <p>Ports are picked on the first {@link #start()} and kept, so {@link #stop()}+{@link #start()} and
 * {@link #restart()} come back at the same {@link #httpUrl()} with the same data. The first start of an instance begins
 * from an empty data folder.
 */
public final class ElasticsearchNode extends LocalServer<ElasticsearchNode> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackLocation location;
    private final Consumer<String> progress;
    private final Path nodeDir;
    private final Path dataDir;
    private final Path logsDir;
    private final Path tmpDir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final boolean root = UnprivilegedUser.runningAsRoot();
    private int httpPort;
    private int transportPort;
    private Path home;
    private Instant startedAt;

    public ElasticsearchNode(StackLocation location, Consumer<String> progress) {
        super(STOP_GRACE);
        this.location = location;
        this.progress = progress;
        this.nodeDir = location.stateSubdir("elasticsearch");
        this.dataDir = nodeDir.resolve("data");
        this.logsDir = nodeDir.resolve("logs");
        this.tmpDir = nodeDir.resolve("tmp");
    }

    /** Starts the node (a no-op while it runs) and returns once {@code /_cluster/health} is green or yellow. */
    @Override
    public synchronized ElasticsearchNode start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (httpPort == 0) {
            prepareFirstStart();
        }
        progress.accept("starting Elasticsearch " + location.elasticsearchVersion() + "…");
        startedAt = Instant.now();
        Map<String, String> env = environment();
        List<String> command =
                root ? UnprivilegedUser.commandAs(UnprivilegedUser.NAME, env, launcherCommand()) : launcherCommand();
        process = ChildProcess.start(
                "elasticsearch", command, root ? Map.of() : env, home, nodeDir.resolve("console.log"));
        Readiness.Outcome outcome = Readiness.await("Elasticsearch", process, this::isHealthy, START_TIMEOUT, progress);
        if (!outcome.ready()) {
            failStart(outcome);
        }
        lastStartTime = outcome.elapsed();
        progress.accept("Elasticsearch ready in " + Readiness.seconds(outcome.elapsed()) + " at " + httpUrl() + " (pid "
                + process.handle().pid() + (root ? ", user " + UnprivilegedUser.NAME : "") + ")");
        return this;
    }

    private void prepareFirstStart() {
        home = ElasticsearchDistribution.unpacked(
                location.elasticsearchZip(),
                location.elasticsearchVersion(),
                location.stateSubdir("elasticsearch-dist"));
        int[] ports = FreePorts.pick(2);
        httpPort = ports[0];
        transportPort = ports[1];
        StateFiles.deleteRecursively(dataDir);
        for (Path dir : List.of(dataDir, logsDir, tmpDir)) {
            StateFiles.createDirectories(dir);
        }
        if (root) {
            UnprivilegedUser.ensureExists(progress);
            // The launcher writes config/elasticsearch.keystore, hence the home too, not only data/logs/tmp.
            UnprivilegedUser.grant(List.of(home, nodeDir), progress);
        }
    }

    private void failStart(Readiness.Outcome outcome) {
        String why = outcome.processDied()
                ? "Elasticsearch exited with code " + process.exitCode() + " during start"
                : "Elasticsearch did not report health on " + httpUrl() + " within " + START_TIMEOUT.toSeconds() + " s";
        Path serverLog = logsDir.resolve("slaflow.log");
        String logs = "--- " + serverLog + " (tail) ---\n" + ChildProcess.tail(serverLog, 30)
                + "\n--- console (tail) ---\n" + process.consoleTail(30);
        stop();
        throw new IllegalStateException(why + ". Look for the first ERROR or exception below. Typical causes: "
                + "too little memory (it needs about 800 MB), a folder '" + UnprivilegedUser.NAME
                + "' cannot write, a port taken by another process (start again).\n" + logs);
    }

    /** The launcher script and its settings; everything else is the distribution's default. */
    List<String> launcherCommand() {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/elasticsearch").toString());
        settings().forEach((key, value) -> {
            command.add("-E");
            command.add(key + "=" + value);
        });
        return command;
    }

    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster.name", "slaflow");
        settings.put("node.name", "slaflow-1");
        settings.put("discovery.type", "single-node");
        settings.put("xpack.security.enabled", "false");
        settings.put("network.host", KafkaBroker.HOST);
        settings.put("http.port", String.valueOf(httpPort));
        settings.put("transport.port", String.valueOf(transportPort));
        settings.put("path.data", dataDir.toString());
        settings.put("path.logs", logsDir.toString());
        // A nearly full CI disk must not turn every index read-only in the middle of a test.
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        return settings;
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put("ES_TMPDIR", tmpDir.toString());
        return env;
    }

    private boolean isHealthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl() + "/_cluster/health"))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode status = JSON.readTree(response.body()).path("status");
            return status.asText().equals("green") || status.asText().equals("yellow");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code http://127.0.0.1:<port>}; valid from the first start on. */
    public String httpUrl() {
        if (httpPort == 0) {
            throw new IllegalStateException("Elasticsearch has not been started yet: call start() first");
        }
        return "http://" + KafkaBroker.HOST + ":" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int transportPort() {
        return transportPort;
    }

    /** After the node has stopped (SIGTERM to its process tree, SIGKILL after 30 s): its /tmp leftovers go too. */
    @Override
    void stopped() {
        LauncherTempFiles.removeCreatedSince(startedAt, UnprivilegedUser.runAsName(root));
    }

    @Override
    public String toString() {
        return "Elasticsearch at " + (httpPort == 0 ? "(not started)" : httpUrl());
    }
}
