package io.slaflow.infra.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A topic to create: name, partition count (replication is always 1 on the local stack) and topic configs. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        if (name == null || name.isBlank() || name.contains("|")) {
            throw new IllegalArgumentException("Invalid topic name: '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + " needs at least 1 partition, got " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** The contract topics (ARCHITECTURE.md, and sla-routing: README "Kafka topics"), each with {@code partitions} partitions. */
    public static List<TopicSpec> contractTopics(int partitions) {
        return List.of(
                new TopicSpec("ticket-events", partitions, Map.of()),
                // Compacted: the latest policy per key is the hot-reload state, older versions can go.
                new TopicSpec("sla-policies", partitions, Map.of("cleanup.policy", "compact")),
                new TopicSpec("sla-breaches", partitions, Map.of()),
                new TopicSpec("sla-escalations", partitions, Map.of()),
                // the tier and routing of each new ticket, for the ticketing system's sink connector
                new TopicSpec("sla-routing", partitions, Map.of()),
                new TopicSpec("sla-chains", partitions, Map.of()),
                new TopicSpec("ticket-events-dlq", partitions, Map.of()));
    }

    /** One command-line argument for {@link CreateTopicsMain}: {@code name|partitions|key=value,key=value}. */
    String toArgument() {
        String configText = new LinkedHashMap<>(configs)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .sorted()
                        .collect(Collectors.joining(","));
        return name + "|" + partitions + "|" + configText;
    }

    static TopicSpec fromArgument(String argument) {
        String[] parts = argument.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Expected name|partitions|key=value,…, got '" + argument + "'");
        }
        Map<String, String> configs = new LinkedHashMap<>();
        for (String pair : parts[2].split(",")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                configs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new TopicSpec(parts[0], Integer.parseInt(parts[1]), configs);
    }
}
