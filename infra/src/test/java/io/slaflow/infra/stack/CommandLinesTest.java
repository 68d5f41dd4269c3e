package io.slaflow.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines the launcher runs, checked without running them. */
class CommandLinesTest {

    @TempDir
    Path state;

    private StackLocation location() {
        return new StackLocation(Path.of("/artifacts"), state, "4.4.0", "8.19.21");
    }

    @Test
    void kafkaRunsOnTheBrokerJarsWithASmallHeapAndItsOwnLogConfig() {
        KafkaBroker broker = new KafkaBroker(location(), line -> {});
        List<String> command = broker.brokerCommand(Path.of("/artifacts/kafka-libs"));
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command)
                .contains(
                        "-Xmx512m",
                        "-cp",
                        "/artifacts/kafka-libs/*",
                        "kafka.Kafka",
                        "-Dlog4j2.configurationFile=" + state.resolve("kafka/log4j2.xml"));
        assertThat(command.get(command.size() - 1))
                .isEqualTo(state.resolve("kafka/server.properties").toString());
    }

    @Test
    void kafkaStorageIsFormattedStandaloneWithTheGivenClusterId() {
        KafkaBroker broker = new KafkaBroker(location(), line -> {});
        assertThat(broker.formatCommand(Path.of("/artifacts/kafka-libs"), "abc"))
                .containsSubsequence(
                        "kafka.tools.StorageTool",
                        "format",
                        "--standalone",
                        "-t",
                        "abc",
                        "-c",
                        state.resolve("kafka/server.properties").toString());
    }

    @Test
    void topicsAreCreatedByTheToolOnTheBrokerJarsPlusInfraClasses() {
        List<String> command =
                KafkaTopics.command(Path.of("/artifacts/kafka-libs"), "127.0.0.1:1", TopicSpec.contractTopics(2));
        assertThat(command)
                .containsSubsequence(
                        CreateTopicsMain.class.getName(),
                        "127.0.0.1:1",
                        "ticket-events|2|",
                        "sla-policies|2|cleanup.policy=compact");
        assertThat(command.get(command.indexOf("-cp") + 1)).startsWith("/artifacts/kafka-libs/*:");
    }

    @Test
    void elasticsearchIsASingleInsecureNodeOnLoopbackWithDataInTheStateFolder() {
        ElasticsearchNode node = new ElasticsearchNode(location(), line -> {});
        assertThat(node.settings())
                .containsEntry("discovery.type", "single-node")
                .containsEntry("xpack.security.enabled", "false")
                .containsEntry("cluster.name", "slaflow")
                .containsEntry("network.host", "127.0.0.1")
                .containsEntry("path.data", state.resolve("elasticsearch/data").toString())
                .containsEntry("path.logs", state.resolve("elasticsearch/logs").toString());
        assertThat(node.environment())
                .containsEntry("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .containsEntry("ES_JAVA_HOME", System.getProperty("java.home"))
                .containsEntry("ES_TMPDIR", state.resolve("elasticsearch/tmp").toString());
    }

    @Test
    void asRootElasticsearchRunsAsTheUnprivilegedUserWithItsEnvironmentPassedExplicitly() {
        assertThat(UnprivilegedUser.commandAs(
                        "slaflow", Map.of("ES_TMPDIR", "/s/tmp"), List.of("/es/bin/elasticsearch", "-E", "a=b")))
                .containsExactly(
                        "runuser",
                        "-u",
                        "slaflow",
                        "--",
                        "env",
                        "ES_TMPDIR=/s/tmp",
                        "/es/bin/elasticsearch",
                        "-E",
                        "a=b");
    }

    @Test
    void onlyTheLaunchersFinalFlagsFilesCountAsLeftovers() {
        assertThat(LauncherTempFiles.isLauncherLeftover(Path.of("/tmp/final-flags123")))
                .isTrue();
        assertThat(LauncherTempFiles.isLauncherLeftover(Path.of("/tmp/hsperfdata_slaflow")))
                .isFalse();
    }
}
