package io.slaflow.infra.stack;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The files a single-node KRaft broker needs: {@code server.properties}, a log4j2 configuration, a cluster id. */
final class KafkaBrokerConfig {

    private KafkaBrokerConfig() {}

    /** One combined broker+controller on 127.0.0.1, sized for tests and the demo (1 replica, small segments). */
    static Map<String, String> serverProperties(int brokerPort, int controllerPort, Path logDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // --standalone formatting makes this node the only voter; the bootstrap servers tell it where that voter is.
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put(
                "advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One broker: every internal topic must accept a single replica, or transactions and groups never start.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        // Tests must not wait 3 s for the first consumer group rebalance.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are the contract: a typo in a topic name must fail, not silently create a new topic.
        p.put("auto.create.topics.enable", "false");
        // Small footprint: a laptop/CI machine runs this next to Elasticsearch and Flink.
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("log.retention.hours", "168");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        return p;
    }

    static String asPropertiesText(Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# Written by SLAflow's KafkaBroker; rewritten on every start.\n");
        properties.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** Broker logs go to a file; config dumps at WARN keep them readable (the dump is hundreds of lines per client). */
    static String log4j2Xml(Path logFile) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <File name="file" fileName="%s" append="true">
                      <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
                    </File>
                  </Appenders>
                  <Loggers>
                    <Logger name="org.apache.kafka.common.config" level="WARN"/>
                    <Logger name="kafka.server.metadata" level="WARN"/>
                    <Logger name="org.apache.kafka.clients" level="WARN"/>
                    <Root level="INFO"><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(xmlEscape(logFile.toString()));
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    /** A random cluster id in Kafka's format (16 bytes, URL-safe base64, no padding; never starts with '-'). */
    static String randomClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            byte[] bytes = ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits())
                    .array();
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) { // the storage tool would read it as an option
                return id;
            }
        }
    }
}
