package io.slaflow.jobs.demo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the job's output topics as an alerting system would ({@code read_committed}) and keeps counts and the
 * latest records for the console view.
 */
final class OutputWatcher implements Runnable {
    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Deque<String> latest = new ArrayDeque<>();

    OutputWatcher(String bootstrapServers, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "slaflow-demo-console");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.topics = topics;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics);
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    count(r.topic(), r.value());
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void count(String topic, String json) {
        String key = topic;
        if (json.contains("\"kind\":\"WARNING\"")) key = topic + ":warnings";
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (!key.endsWith(":warnings") && !topic.endsWith("dlq")) {
            synchronized (latest) {
                latest.addFirst(topic + " " + (json.length() > 150 ? json.substring(0, 150) + "…" : json));
                while (latest.size() > 3) latest.removeLast();
            }
        }
    }

    long count(String key) {
        AtomicLong c = counts.get(key);
        return c == null ? 0 : c.get();
    }

    List<String> latest() {
        synchronized (latest) {
            return List.copyOf(latest);
        }
    }

    void stop() {
        consumer.wakeup();
    }
}
