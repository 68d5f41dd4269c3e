package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * Renders and delivers every report that reaches it (HTML, PDF, JSON to the folder; e-mail and webhook as
 * configured), exactly once per client, period and channel thanks to {@link ReportDelivery}'s ledger.
 *
 * <p><b>Rendering runs beside the task thread.</b> Laying out and writing the PDF is most of a report's cost (three
 * quarters of the report operator's CPU in a profiled replay), and done in {@code write} it held up the report builder
 * chained before the sink, and through backpressure the enforcer. {@code write} therefore hands the report to a small
 * pool of render threads and returns; delivery (the files, the channels, the ledger, the sla-reports record) stays on
 * the task thread, in the order the reports arrived, as each one's rendering completes. At most {@link #IN_FLIGHT}
 * reports wait at once (then {@code write} delivers the oldest first: backpressure as before). {@code flush}, which
 * Flink calls before every checkpoint and at the end of the input, delivers everything pending, so a completed
 * checkpoint still means every report before it was delivered; an interrupt while it waits (a cancel) ends it with
 * the {@link InterruptedException} Flink expects. {@code close} without a flush (a cancel, a failure) abandons what is
 * pending: those reports come after the last checkpoint and are emitted again on restore. Rendering is a pure function
 * of the report, so the bytes are the same whichever thread renders them.
 */
public final class ReportSink implements Sink<ClientReport> {
    /** Render threads per writer: the cores, at most 4 (a report is rendered by one thread; several overlap). */
    static final int RENDER_THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Reports rendered or waiting for delivery at once, per writer: each holds its PDF in memory until delivered. */
    static final int IN_FLIGHT = 2 * RENDER_THREADS;

    private final DeliveryConfig config;

    public ReportSink(DeliveryConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter<ClientReport> createWriter(WriterInitContext context) {
        ReportDelivery delivery = config.open();
        // reportDeliveries{status="DELIVERED"|"FAILED"|"GENERATED"}: every delivery recorded (a report already
        // delivered
        // on every channel and emitted again records nothing); FAILED is what "report delivery failed" alerts on
        // without a Flink context (the writer driven directly, as the unit tests do) the counts go nowhere
        MetricGroup metrics = context == null ? new UnregisteredMetricsGroup() : context.metricGroup();
        Map<String, Counter> byStatus = new HashMap<>();
        for (String status : List.of("DELIVERED", "FAILED", "GENERATED")) {
            byStatus.put(status, metrics.addGroup("status", status).counter("reportDeliveries"));
        }
        return new Writer(delivery, metrics, byStatus);
    }

    private static final class Writer implements SinkWriter<ClientReport> {
        private record Pending(ClientReport report, CompletableFuture<ReportArtifacts> rendered) {}

        private final ReportDelivery delivery;
        private final MetricGroup metrics;
        private final Map<String, Counter> byStatus;
        private final ExecutorService renderers = Executors.newFixedThreadPool(RENDER_THREADS, renderThreads());
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();

        Writer(ReportDelivery delivery, MetricGroup metrics, Map<String, Counter> byStatus) {
            this.delivery = delivery;
            this.metrics = metrics;
            this.byStatus = byStatus;
        }

        @Override
        public void write(ClientReport report, Context ctx) throws IOException, InterruptedException {
            // one already delivered everywhere (a re-emission after a restore) is not rendered again
            CompletableFuture<ReportArtifacts> rendered = delivery.alreadyDelivered(report)
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> ReportArtifacts.render(report), renderers);
            pending.add(new Pending(report, rendered));
            while (!pending.isEmpty()
                    && (pending.size() > IN_FLIGHT || pending.peek().rendered().isDone())) deliverOldest();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            while (!pending.isEmpty()) deliverOldest();
        }

        private void deliverOldest() throws IOException, InterruptedException {
            Pending p = pending.poll();
            ReportArtifacts artifacts;
            try {
                artifacts = p.rendered().get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UncheckedIOException io) throw io.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IOException("rendering report " + p.report().deliveryKey() + " failed", cause);
            }
            ReportRecord record = delivery.deliver(p.report(), artifacts);
            if (record != null) {
                byStatus.computeIfAbsent(
                                record.status(),
                                s -> metrics.addGroup("status", s).counter("reportDeliveries"))
                        .inc();
            }
        }

        @Override
        public void close() throws Exception {
            pending.clear();
            renderers.shutdownNow();
            delivery.close();
        }

        private static ThreadFactory renderThreads() {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "report renderer " + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
