package io.slaflow.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe against an address where nothing listens: it reports the outage, and stops when told to. */
class KafkaReachabilityTest {

    @AfterEach
    void stop() throws InterruptedException {
        KafkaReachability.stopProbes();
    }

    @Test
    void aClusterThatDoesNotAnswerIsReportedUnreachableAndTheProbeStopsWhenTold() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        KafkaReachability reachability = new KafkaReachability("127.0.0.1:" + port, new Properties());

        assertThat(reachability.reachable())
                .as("reachable until the first probe has no answer")
                .isTrue();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (reachability.reachable() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(reachability.reachable()).as("unreachable within 15 s").isFalse();
        assertThat(KafkaReachability.runningProbes()).isEqualTo(1);
        assertThat(probeThreads()).isEqualTo(1);

        KafkaReachability.stopProbes();

        assertThat(KafkaReachability.runningProbes()).isZero();
        assertThat(probeThreads()).as("its thread has ended, its client closed").isZero();
    }

    private static long probeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("slaflow kafka reachability") && t.isAlive())
                .count();
    }
}
