package io.slaflow.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The local stack: one Kafka broker and one Elasticsearch node, each its own process on 127.0.0.1, data and logs in a
 * state folder. This is the API other modules' integration tests and the demo use:
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(Path.of("target/it-stack"))) {
 *     stack.createContractTopics(3);
 *     String kafka = stack.kafka().bootstrapServers();   // 127.0.0.1:<port>
 *     String es = stack.elasticsearch().httpUrl();       // http://127.0.0.1:<port>
 *     stack.kafka().restart();                           // same port, same data
 * }
 * }</pre>
 *
 * A new stack starts from empty data folders; {@code restart()}/{@code stop()}+{@code start()} of a component keep its
 * port and data.
 */
public final class LocalStack implements AutoCloseable {

    private final StackLocation location;
    private final Consumer<String> progress;
    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;
    private volatile boolean closed;

    private LocalStack(StackLocation location, Consumer<String> progress) {
        this.location = location;
        this.progress = progress;
        this.kafka = new KafkaBroker(location, progress);
        this.elasticsearch = new ElasticsearchNode(location, progress);
    }

    /** Starts Kafka and Elasticsearch, progress printed to stdout; data and logs in {@code stateDir}. */
    public static LocalStack start(Path stateDir) {
        return start(stateDir, line -> System.out.println("[stack] " + line));
    }

    public static LocalStack start(Path stateDir, Consumer<String> progress) {
        LocalStack stack = new LocalStack(StackLocation.withState(stateDir), progress);
        stack.startBoth();
        return stack;
    }

    /** Both in parallel: Elasticsearch takes 20–40 s, Kafka about 6 s, so Kafka's start costs nothing extra. */
    private void startBoth() {
        long start = System.nanoTime();
        location.kafkaLibs(); // fail fast, before starting anything, when the build has not copied the artifacts
        location.elasticsearchZip();
        CompletableFuture<?> kafkaStarted = CompletableFuture.runAsync(kafka::start);
        CompletableFuture<?> elasticsearchStarted = CompletableFuture.runAsync(elasticsearch::start);
        try {
            CompletableFuture.allOf(kafkaStarted, elasticsearchStarted).join();
        } catch (CompletionException e) {
            close(); // the one that started must not outlive the failure
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        progress.accept("stack ready in " + Readiness.seconds(Duration.ofNanos(System.nanoTime() - start))
                + ": Kafka " + kafka.bootstrapServers() + ", Elasticsearch " + elasticsearch.httpUrl()
                + " (state in " + location.stateDir() + ")");
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ElasticsearchNode elasticsearch() {
        return elasticsearch;
    }

    public StackLocation location() {
        return location;
    }

    /** Creates the contract topics (ARCHITECTURE.md), {@code partitions} partitions each; existing ones are kept. */
    public void createContractTopics(int partitions) {
        createTopics(TopicSpec.contractTopics(partitions));
    }

    /** Creates topics through a child JVM on the broker's jars (about 2 s); existing ones are kept. */
    public void createTopics(List<TopicSpec> topics) {
        long start = System.nanoTime();
        KafkaTopics.create(location, kafka.bootstrapServers(), topics);
        progress.accept("created " + topics.size() + " topics in "
                + Readiness.seconds(Duration.ofNanos(System.nanoTime() - start)));
    }

    /** Stops both (in parallel) and waits until their processes are gone. A second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(kafka::stop), CompletableFuture.runAsync(elasticsearch::stop))
                .join();
        progress.accept("stack stopped");
    }
}
