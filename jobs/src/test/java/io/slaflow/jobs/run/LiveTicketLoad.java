package io.slaflow.jobs.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A steady live load whose SLA outcomes are known in advance: P1 tickets created at a fixed rate, each event sent when
 * its time comes (event time = the wall clock, as a ticketing system would). Four tickets in five are answered after
 * 2 s, resolved after 8 s and closed after 9 s (under any warning point of a policy with targets of 10 s or more);
 * every fifth is never touched again. So with a policy of response {@code R} and resolution {@code S} seconds, a
 * failure-free run breaches exactly the silent tickets, and nothing the harness did not plan.
 */
final class LiveTicketLoad implements AutoCloseable {
    private static final List<String> CLIENTS = List.of("acme", "globex", "initech");
    private static final long RESPONDED_AFTER_MS = 2_000;
    private static final long RESOLVED_AFTER_MS = 8_000;
    private static final long CLOSED_AFTER_MS = 9_000;

    private record Due(long at, String ticket, String type, String client) {}

    private final String topic;
    private final double ticketsPerSecond;
    private final KafkaProducer<byte[], byte[]> producer;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final Set<String> answered = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> silent = Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean creating = true;
    private volatile long lastCreatedAt;
    private volatile Throwable failure;
    private volatile long maxSendDelayMillis;

    LiveTicketLoad(String bootstrap, String topic, double ticketsPerSecond) {
        this.topic = topic;
        this.ticketsPerSecond = ticketsPerSecond;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a broker restart (KafkaRestartIT) is an outage of seconds: keep retrying (idempotent, so no duplicates and
        // the order per partition kept) instead of failing the send; sends buffer meanwhile, they do not block
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        producer = new KafkaProducer<>(p);
        thread = new Thread(this::run, "live ticket load");
        thread.setDaemon(true);
    }

    LiveTicketLoad start() {
        thread.start();
        return this;
    }

    private void run() {
        long start = System.currentTimeMillis();
        long created = 0;
        try {
            while (creating || !queue.isEmpty()) {
                long now = System.currentTimeMillis();
                for (long at; creating && (at = start + (long) (created * 1000 / ticketsPerSecond)) <= now; created++) {
                    String ticket = "OUT-" + created;
                    String client = CLIENTS.get((int) (created % CLIENTS.size()));
                    queue.add(new Due(at, ticket, "CREATED", client));
                    if (created % 5 == 0) {
                        silent.add(ticket);
                    } else {
                        answered.add(ticket);
                        queue.add(new Due(at + RESPONDED_AFTER_MS, ticket, "RESPONDED", client));
                        queue.add(new Due(at + RESOLVED_AFTER_MS, ticket, "RESOLVED", client));
                        queue.add(new Due(at + CLOSED_AFTER_MS, ticket, "CLOSED", client));
                    }
                    lastCreatedAt = at;
                }
                // in event-time order, whatever the kind: after a stall of this thread, a partition must not get a
                // ticket's newer events before another's older ones
                while (!queue.isEmpty() && queue.peek().at <= now) {
                    Due d = queue.poll();
                    maxSendDelayMillis = Math.max(maxSendDelayMillis, System.currentTimeMillis() - d.at);
                    send(
                            d.ticket,
                            d.at,
                            d.type,
                            d.client,
                            d.type.equals("CREATED")
                                    ? ",\"priority\":\"P1\","
                                            + "\"subject\":\"production database down\",\"source\":\"monitoring\",\"assignee\":\"desk\""
                                    : "");
                }
                Thread.sleep(5);
            }
            producer.flush();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void send(String ticket, long at, String type, String client, String more) {
        String json = "{\"eventId\":\"" + ticket + "-" + type.toLowerCase() + "\",\"ticketId\":\"" + ticket
                + "\",\"clientId\":\"" + client + "\",\"type\":\"" + type + "\",\"occurredAt\":\""
                + Instant.ofEpochMilli(at)
                + "\"" + more + "}";
        producer.send(
                new ProducerRecord<>(
                        topic, ticket.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)),
                (metadata, error) -> {
                    if (error != null) failure = error;
                });
        sent.incrementAndGet();
    }

    /** Stops creating tickets, sends the follow-ups still due, and returns once Kafka acknowledged everything. */
    void finish() throws InterruptedException {
        creating = false;
        thread.join();
        if (failure != null) throw new IllegalStateException("the load failed", failure);
    }

    /**
     * The longest an event was sent after its time. The job takes a pause longer than its idleness setting for a quiet
     * input and lets the wall clock move event time, so a load that falls behind (an overloaded machine) makes its
     * own late events: the test's premise holds only while this stays well under a second.
     */
    long maxSendDelayMillis() {
        return maxSendDelayMillis;
    }

    long eventsSent() {
        return sent.get();
    }

    Instant lastCreatedAt() {
        return Instant.ofEpochMilli(lastCreatedAt);
    }

    List<String> answeredTickets() {
        synchronized (answered) {
            return new ArrayList<>(answered);
        }
    }

    List<String> silentTickets() {
        synchronized (silent) {
            return new ArrayList<>(silent);
        }
    }

    static String clientOf(String ticket) {
        return CLIENTS.get((int) (Long.parseLong(ticket.substring("OUT-".length())) % CLIENTS.size()));
    }

    @Override
    public void close() {
        creating = false;
        producer.close();
    }
}
