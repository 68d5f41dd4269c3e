package io.slaflow.jobs.kafka;

import io.slaflow.ingest.SlaWatermarks;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster of the input answers, for the live watermarks ({@link SlaWatermarks.InputReachability}):
 * while a broker restarts, the source reads nothing, which must not pass for a quiet input (the wall clock would move
 * event time past the events waiting in the producers, and announce breaches of tickets that were answered).
 *
 * <p>One probe per cluster and JVM (every partition's watermark generator asks; the answer comes from memory): a
 * daemon thread that asks the cluster for its nodes every 250 ms with a 1 s timeout, with the job's client settings
 * (TLS, SASL). It stops by itself, closing its client, once nobody has asked for 10 s (job cancelled or restarted
 * elsewhere), or when {@link #stopProbes} is called; the next question starts a new one.
 */
public final class KafkaReachability implements SlaWatermarks.InputReachability {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);
    private static final long PROBE_EVERY_MS = 250;
    private static final int TIMEOUT_MS = 1_000;
    private static final long STOP_WHEN_UNASKED_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Map<String, Probe> PROBES = new ConcurrentHashMap<>();

    private final Properties client;
    private final String key;

    public KafkaReachability(String bootstrapServers, Properties kafka) {
        client = new Properties();
        client.putAll(kafka);
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_MS));
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_MS));
        client.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "250");
        client.put(AdminClientConfig.CLIENT_ID_CONFIG, "slaflow-reachability");
        key = new TreeMap<>(client).toString();
    }

    @Override
    public boolean reachable() {
        Probe probe = PROBES.computeIfAbsent(key, k -> new Probe(k, client));
        return probe.ask();
    }

    /**
     * Stops this JVM's probes and waits for their clients to close. Call it once the job has ended and before the
     * cluster goes away (the demo stops its broker right after its job): a probe left running would log a connection
     * warning every 250 ms until it noticed that nobody asks any more.
     */
    public static void stopProbes() throws InterruptedException {
        for (Probe probe : PROBES.values()) {
            probe.stop();
        }
    }

    /** Probes running in this JVM (tests). */
    static int runningProbes() {
        return PROBES.size();
    }

    private static final class Probe implements Runnable {
        private final String key;
        private final Properties client;
        private final Thread thread;
        private volatile boolean reachable = true; // as before this probe existed, until the cluster fails to answer
        private volatile long lastAsked = System.nanoTime();
        private volatile boolean stopped;

        Probe(String key, Properties client) {
            this.key = key;
            this.client = client;
            thread = new Thread(
                    this, "slaflow kafka reachability " + client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
            thread.setDaemon(true);
            thread.start();
        }

        boolean ask() {
            lastAsked = System.nanoTime();
            return reachable;
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(5_000);
        }

        /**
         * Records an answer, logging each change: while the cluster does not answer, live event time holds (no breach
         * fires by the wall clock), which whoever watches the job must be able to see. Only the exception's type is
         * logged: its message may quote the client settings.
         */
        private void answered(boolean now, Throwable why) {
            if (now != reachable) {
                if (now) {
                    LOG.info("Kafka cluster {} answers again: live event time may follow the wall clock", servers());
                } else {
                    LOG.warn(
                            "Kafka cluster {} did not answer within {} ms ({}): live event time holds until it does",
                            servers(),
                            TIMEOUT_MS,
                            why == null ? "no answer" : why.getClass().getSimpleName());
                }
            }
            reachable = now;
        }

        private Object servers() {
            return client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        }

        @Override
        public void run() {
            try (Admin admin = Admin.create(client)) {
                while (!stopped && System.nanoTime() - lastAsked < STOP_WHEN_UNASKED_NANOS) {
                    try {
                        admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                                .nodes()
                                .get(2L * TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        answered(true, null);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (ExecutionException e) {
                        // no answer (timeout, disconnect: retriable) is an outage; a refusal (authentication,
                        // authorization) is an answer, and the job's own clients report it
                        answered(!(e.getCause() instanceof RetriableException), e.getCause());
                    } catch (java.util.concurrent.TimeoutException e) {
                        answered(false, e);
                    }
                    Thread.sleep(PROBE_EVERY_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                reachable =
                        true; // no client (bad settings): never hold event time back for it; the job's own clients fail
                // loudly
            } finally {
                PROBES.remove(key, this);
            }
        }
    }
}
