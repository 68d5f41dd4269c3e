package io.slaflow.infra.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The files a one-worker distributed Kafka Connect cluster needs on the local stack. */
final class ConnectWorkerConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectWorkerConfig() {}

    /** A distributed worker sized for tests and the demo; the settings that matter are commented. */
    static Map<String, String> distributed(String bootstrapServers, String groupId, int restPort, Path pluginPath) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", groupId);
        p.put("config.storage.topic", groupId + "-configs");
        p.put("offset.storage.topic", groupId + "-offsets");
        p.put("status.storage.topic", groupId + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "5");
        p.put("status.storage.partitions", "1");
        // records are bytes we wrote ourselves (contract JSON) keyed by a ticket id; connectors may override per
        // connector
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        p.put("listeners", "http://127.0.0.1:" + restPort);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", String.valueOf(restPort));
        p.put("plugin.path", pluginPath.toString());
        // plugins declare themselves in META-INF/services: no scan of every jar at start (seconds on 2 cores)
        p.put("plugin.discovery", "service_load");
        // source records and their offsets in one Kafka transaction (KIP-618): a killed worker neither loses nor
        // repeats an event on the topic
        p.put("exactly.once.source.support", "enabled");
        // the job writes sla-escalations in Kafka transactions: a sink applies only what was committed
        p.put("consumer.isolation.level", "read_committed");
        p.put("offset.flush.interval.ms", "1000");
        // one worker: when it comes back after a crash it must take its connectors at once, not wait up to 5 min for
        // the dead member to return (incremental cooperative rebalancing's default delay)
        p.put("scheduled.rebalance.max.delay.ms", "0");
        p.put("session.timeout.ms", "6000");
        p.put("heartbeat.interval.ms", "2000");
        p.put("task.shutdown.graceful.timeout.ms", "10000");
        return p;
    }

    static String log4j2Xml(Path logFile) {
        return KafkaBrokerConfig.log4j2Xml(logFile);
    }

    static String json(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(config));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("connector config is not JSON-writable: " + e.getMessage(), e);
        }
    }

    /** True when the status document says the connector and every one of its (at least one) tasks is RUNNING. */
    static boolean connectorAndTasksRunning(String statusJson) {
        try {
            JsonNode status = JSON.readTree(statusJson);
            if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
                return false;
            }
            JsonNode tasks = status.path("tasks");
            if (!tasks.isArray() || tasks.isEmpty()) {
                return false;
            }
            for (JsonNode task : tasks) {
                if (!"RUNNING".equals(task.path("state").asText())) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
