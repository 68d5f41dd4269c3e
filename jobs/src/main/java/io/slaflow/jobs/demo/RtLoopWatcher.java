package io.slaflow.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.stack.RtConnectLoop;
import io.slaflow.infra.stack.RtPerson;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the demo tells the person watching: each routing and escalation record as the sink connector receives it
 * ({@code read_committed}), and, by looking at RT, the moment an escalated ticket shows its new owner.
 */
final class RtLoopWatcher implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RtPerson root;
    private final String rtUrl;
    private final PrintStream console;
    /** RT ticket number → the person an escalation hands it to, until RT shows them as its owner. */
    private final Map<String, Escalated> awaitingRt = new ConcurrentHashMap<>();

    private record Escalated(String to, Instant firedAt) {}

    RtLoopWatcher(String bootstrapServers, RtConnectLoop loop, PrintStream console) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "slaflow-demo-rt-console");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.root = loop.root();
        this.rtUrl = loop.rt().url();
        this.console = console;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(RtConnectLoop.ROUTING_TOPIC, RtConnectLoop.ESCALATIONS_TOPIC));
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    show(r.topic(), JSON.readTree(r.value()));
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (IOException e) {
            console.printf(
                    "[demo] cannot read the job's output (%s); the loop goes on, the console no longer follows%n",
                    e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void show(String topic, JsonNode n) {
        String number = n.path("ticketId").asText().replaceFirst("^rt-", "");
        if (topic.equals(RtConnectLoop.ROUTING_TOPIC)) {
            String queue = n.path("queue").isTextual()
                    ? " and moves it to queue " + n.path("queue").asText()
                    : "";
            console.printf(
                    "[demo] SLAflow: RT #%s is %s (rule %s): the sink sets it as the ticket's priority%s%n",
                    number, n.path("tier").asText(), n.path("rule").asText(), queue);
        } else {
            String to = n.path("to").asText(null);
            Instant firedAt = Instant.parse(n.path("firedAt").asText());
            console.printf(
                    "[demo] SLAflow: RT #%s breached its %s %s target (%s) at %s — escalating to %s (%s)%n",
                    number,
                    n.path("tier").asText(),
                    n.path("metric").asText().toLowerCase(java.util.Locale.ROOT),
                    n.path("target").asText("?"),
                    TIME.format(firedAt),
                    to == null ? "nobody (no one in the roster)" : to,
                    n.path("role").asText());
            if (to != null) awaitingRt.put(number, new Escalated(to, firedAt));
        }
    }

    /** Looks in RT for the escalated tickets not yet shown reassigned; prints each once RT has it. */
    void checkRt() {
        for (var e : awaitingRt.entrySet()) {
            String owner = root.ticket(e.getKey()).path("Owner").path("id").asText();
            if (!owner.equals(e.getValue().to())) continue;
            long after = Duration.between(e.getValue().firedAt(), Instant.now()).toSeconds();
            console.printf(
                    "[demo] RT: #%s now belongs to %s, with SLAflow's comment (seen %d s after the breach): "
                            + "%s/Ticket/Display.html?id=%s%n",
                    e.getKey(), owner, after, rtUrl, e.getKey());
            awaitingRt.remove(e.getKey());
        }
    }

    void stop() {
        consumer.wakeup();
    }
}
