package io.slaflow.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

    private final Map<String, String> properties =
            KafkaBrokerConfig.serverProperties(19092, 19093, Path.of("/state/kafka/data"));

    @Test
    void runsOneCombinedKraftNodeOnLoopbackOnly() {
        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/state/kafka/data");
    }

    @Test
    void internalTopicsWorkWithASingleReplica() {
        assertThat(properties)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void propertiesTextHasOneLinePerEntry() {
        String text = KafkaBrokerConfig.asPropertiesText(Map.of("node.id", "1"));
        assertThat(text).startsWith("#").contains("\nnode.id=1\n");
    }

    @Test
    void log4jConfigWritesToTheGivenFileAndQuietsConfigDumps() {
        String xml = KafkaBrokerConfig.log4j2Xml(Path.of("/state/kafka/logs/server.log"));
        assertThat(xml)
                .contains("fileName=\"/state/kafka/logs/server.log\"")
                .contains("<Logger name=\"org.apache.kafka.common.config\" level=\"WARN\"/>")
                .contains("pattern=\"[%d] %p %m (%c)%n\"");
    }

    @Test
    void clusterIdsAreKafkaUuidsTheStorageToolAccepts() {
        for (int i = 0; i < 1_000; i++) {
            String id = KafkaBrokerConfig.randomClusterId();
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotStartWith("-");
        }
    }
}
