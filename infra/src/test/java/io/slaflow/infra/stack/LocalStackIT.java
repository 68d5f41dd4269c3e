package io.slaflow.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Starts the real stack (Kafka 4.4.0 in KRaft mode, Elasticsearch 8.19.21), restarts each part, stops it all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final Path STATE = Path.of("target/it-stack");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every process the stack ran, so the last test can prove none outlived close(). */
    private final Set<ProcessHandle> seenProcesses = new HashSet<>();

    private Instant startedAt;
    private LocalStack stack;

    @BeforeAll
    void startStack() {
        startedAt = Instant.now();
        stack = LocalStack.start(STATE);
        rememberProcesses();
        System.out.printf(
                "[it] start times: Kafka %s, Elasticsearch %s; RSS: Kafka %d MB, Elasticsearch %d MB%n",
                Readiness.seconds(stack.kafka().lastStartTime()),
                Readiness.seconds(stack.elasticsearch().lastStartTime()),
                rssMegabytes(stack.kafka().processHandle().orElseThrow()),
                rssMegabytes(stack.elasticsearch().processHandle().orElseThrow()));
    }

    @AfterAll
    void stopStackEvenWhenATestFailed() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void kafkaAcceptsConnectionsAndHasTheContractTopics() throws Exception {
        assertThat(acceptsTcp(stack.kafka().port())).isTrue();
        stack.createContractTopics(2);
        stack.createContractTopics(2); // again: existing topics are kept, not an error
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(contractTopicNames());
            ConfigResource policies = new ConfigResource(ConfigResource.Type.TOPIC, "sla-policies");
            Config config = admin.describeConfigs(List.of(policies))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(policies);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    @Order(2)
    void elasticsearchReportsAUsableClusterHealth() throws Exception {
        assertThat(clusterHealth()).isIn("green", "yellow");
    }

    @Test
    @Order(3)
    void kafkaRestartsOnTheSamePortWithItsTopics() throws Exception {
        String before = stack.kafka().bootstrapServers();
        stack.kafka().restart();
        rememberProcesses();
        System.out.printf(
                "[it] Kafka restart: ready in %s%n",
                Readiness.seconds(stack.kafka().lastStartTime()));
        assertThat(stack.kafka().bootstrapServers()).isEqualTo(before);
        assertThat(acceptsTcp(stack.kafka().port())).isTrue();
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(contractTopicNames());
        }
    }

    @Test
    @Order(4)
    void elasticsearchStopsFreesItsPortAndStartsAgainOnIt() throws Exception {
        String before = stack.elasticsearch().httpUrl();
        stack.elasticsearch().stop();
        assertThat(FreePorts.isFree(stack.elasticsearch().httpPort())).isTrue();
        stack.elasticsearch().start();
        rememberProcesses();
        assertThat(stack.elasticsearch().httpUrl()).isEqualTo(before);
        assertThat(clusterHealth()).isIn("green", "yellow");
        stack.elasticsearch().restart();
        rememberProcesses();
        System.out.printf(
                "[it] Elasticsearch restart: ready in %s%n",
                Readiness.seconds(stack.elasticsearch().lastStartTime()));
        assertThat(clusterHealth()).isIn("green", "yellow");
    }

    @Test
    @Order(5)
    void closeLeavesNoProcessNoBoundPortAndNoLauncherLeftoversInTmp() throws Exception {
        List<Integer> ports = List.of(
                stack.kafka().port(),
                stack.kafka().controllerPort(),
                stack.elasticsearch().httpPort(),
                stack.elasticsearch().transportPort());
        stack.close();
        assertThat(seenProcesses).noneMatch(ProcessHandle::isAlive);
        assertThat(ports).allMatch(FreePorts::isFree);
        String owner = UnprivilegedUser.runAsName(UnprivilegedUser.runningAsRoot());
        try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
            assertThat(tmp.filter(LauncherTempFiles::isLauncherLeftover)
                            .filter(path -> isOwnedBy(path, owner) && modifiedSince(path, startedAt)))
                    .isEmpty();
        }
    }

    private void rememberProcesses() {
        Stream.of(stack.kafka().processHandle(), stack.elasticsearch().processHandle())
                .flatMap(java.util.Optional::stream)
                .forEach(root -> {
                    seenProcesses.add(root);
                    root.descendants().forEach(seenProcesses::add);
                });
    }

    private Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
    }

    private static List<String> contractTopicNames() {
        return TopicSpec.contractTopics(1).stream().map(TopicSpec::name).toList();
    }

    private static boolean acceptsTcp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String clusterHealth() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stack.elasticsearch().httpUrl() + "/_cluster/health"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .path("status")
                .asText();
    }

    /** Resident memory of a process and its descendants (Elasticsearch: launcher CLI + server JVM), from /proc. */
    private static long rssMegabytes(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants())
                        .mapToLong(LocalStackIT::rssKilobytes)
                        .sum()
                / 1024;
    }

    private static long rssKilobytes(ProcessHandle process) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0; // not on Linux, or the process just exited: the measurement is informational
        }
    }

    private static boolean isOwnedBy(Path path, String owner) {
        try {
            return Files.getOwner(path).getName().equals(owner);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean modifiedSince(Path path, Instant since) {
        try {
            return !Files.getLastModifiedTime(path).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }
}
