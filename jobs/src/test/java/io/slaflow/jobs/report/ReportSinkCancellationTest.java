package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.report.ClientReport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job being stopped (the demo's end, a cancel, a restart) interrupts the report sink while it waits for the
 * sla-reports index (in {@code write}, or in {@code flush} before a checkpoint, where the reports rendered off the task
 * thread are delivered). That is a cancellation, not a failed write: the writer must end with an
 * {@link InterruptedException}, which Flink expects from a cancelled task, instead of an "could not index" error line
 * (the demo printed two at every stop). The stand-in cluster accepts the request and never answers.
 */
class ReportSinkCancellationTest {
    @TempDir
    Path dir;

    HttpServer es;
    final CountDownLatch requestArrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (es != null) es.stop(0);
    }

    @Test
    void anInterruptedWaitForTheIndexEndsTheWriteAsACancellation() throws Exception {
        es = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        es.createContext("/", exchange -> {
            requestArrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        es.start();
        ProveOptions options = new ProveOptions(
                List.of("http://127.0.0.1:" + es.getAddress().getPort()),
                null,
                null,
                null,
                null,
                dir.resolve("reports"),
                null);
        SinkWriter<ClientReport> writer = new ReportSink(options.deliveryConfig()).createWriter(null);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread task = new Thread(
                () -> {
                    try {
                        writer.write(SampleReports.week47("acme"), null);
                        writer.flush(false); // a checkpoint: the sink delivers what it rendered, the record goes to the
                        // index
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                },
                "report sink");
        task.start();
        assertThat(requestArrived.await(30, TimeUnit.SECONDS))
                .as("the record reached the index")
                .isTrue();
        task.interrupt();
        task.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(task.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        // the report itself was written before the record went to the index
        assertThat(Files.list(dir.resolve("reports")).count()).isPositive();
        writer.close();
    }
}
