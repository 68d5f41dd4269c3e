package io.slaflow.jobs.demo;

import io.slaflow.infra.workload.GeneratedRecord;
import io.slaflow.infra.workload.WorkloadGenerator;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the generated MSP workload to {@code ticket-events}: everything dated before now at full speed (the
 * history, weeks of event time in seconds), then each record when the wall clock reaches its time (live).
 * Records are keyed by ticket, as a ticketing system's connector would.
 */
final class WorkloadFeeder implements Runnable {
    private final WorkloadGenerator generator;
    private final String bootstrapServers;
    private final String topic;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lastEventTime = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean live;
    private volatile boolean stopped;
    private volatile Throwable failure;

    WorkloadFeeder(WorkloadGenerator generator, String bootstrapServers, String topic, Clock clock) {
        this.generator = generator;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clock = clock;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            while (!stopped && generator.hasNext()) {
                GeneratedRecord r = generator.next();
                long wait = r.occurredAtMillis() - clock.millis();
                if (wait > 0) {
                    if (!live) {
                        producer.flush();
                        live = true;
                    }
                    Thread.sleep(Math.min(wait, 60_000));
                    if (r.occurredAtMillis() > clock.millis()) {
                        // long quiet spell (night, weekend): keep waiting without holding the record back forever
                        while (!stopped && r.occurredAtMillis() > clock.millis()) Thread.sleep(500);
                    }
                }
                producer.send(new ProducerRecord<>(topic, r.ticketId(), r.json()), (md, e) -> {
                    if (e != null) failure = e;
                });
                sent.incrementAndGet();
                lastEventTime.accumulateAndGet(r.occurredAtMillis(), Math::max);
                if (live) producer.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    void stop() {
        stopped = true;
    }

    long sent() {
        return sent.get();
    }

    long lastEventTime() {
        return lastEventTime.get();
    }

    boolean isLive() {
        return live;
    }

    Throwable failure() {
        return failure;
    }
}
