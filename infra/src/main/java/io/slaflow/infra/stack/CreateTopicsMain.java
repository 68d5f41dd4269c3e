package io.slaflow.infra.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics with Kafka's Admin client. Runs ONLY in a child JVM whose classpath is the broker's
 * {@code kafka-libs} (see {@link KafkaTopics}): kafka-clients is a <em>provided</em> dependency of infra, so it is not
 * on the classpath of infra's users, and this class must never be loaded there. Kafka 4.4.0's broker jars have no
 * {@code TopicCommand} (it lives in kafka-tools, which the broker does not need), hence this small tool.
 *
 * <p>Arguments: {@code bootstrapServers name|partitions|key=value,… …}. An existing topic is not an error.
 */
public final class CreateTopicsMain {

    private CreateTopicsMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: CreateTopicsMain <bootstrapServers> <name|partitions|key=value,...>...");
            System.exit(2);
        }
        List<TopicSpec> specs =
                Arrays.stream(args).skip(1).map(TopicSpec::fromArgument).toList();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000);
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = specs.stream()
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                    .toList();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            int failures = 0;
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(60, TimeUnit.SECONDS);
                    System.out.println("created " + result.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        System.out.println("exists  " + result.getKey());
                    } else {
                        failures++;
                        System.err.println("FAILED  " + result.getKey() + ": " + e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    failures++;
                    System.err.println("FAILED  " + result.getKey() + ": no answer within 60 s");
                }
            }
            System.exit(failures == 0 ? 0 : 1);
        }
    }
}
