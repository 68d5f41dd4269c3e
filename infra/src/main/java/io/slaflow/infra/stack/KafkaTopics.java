package io.slaflow.infra.stack;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates topics by running {@link CreateTopicsMain} in a child JVM on the broker's own jars, so callers need no
 * kafka-clients (and no particular version of it). Costs about 2 s of JVM start; callers that have an Admin client
 * can instead create {@link TopicSpec#contractTopics(int)} themselves.
 */
final class KafkaTopics {

    private KafkaTopics() {}

    static void create(StackLocation location, String bootstrapServers, List<TopicSpec> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Path logs = location.stateSubdir("kafka", "logs");
        ChildProcess.runToCompletion(
                "Kafka topic creation",
                command(location.kafkaLibs(), bootstrapServers, topics),
                location.stateDir(),
                logs.resolve("create-topics.log"),
                Duration.ofSeconds(120));
    }

    static List<String> command(Path kafkaLibs, String bootstrapServers, List<TopicSpec> topics) {
        List<String> command = new ArrayList<>(List.of(
                StackLocation.javaLauncher().toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1", // a short-lived tool: the C1 compiler alone starts faster
                "-cp",
                kafkaLibs.resolve("*") + java.io.File.pathSeparator + infraCodeLocation(),
                CreateTopicsMain.class.getName(),
                bootstrapServers));
        topics.forEach(topic -> command.add(topic.toArgument()));
        return command;
    }

    /** The jar or classes folder this class was loaded from; it holds {@link CreateTopicsMain}. */
    private static Path infraCodeLocation() {
        try {
            return Path.of(KafkaTopics.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot tell where the slaflow-infra classes are loaded from", e);
        }
    }
}
