package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Renders and delivers every report that reaches it (HTML, PDF, JSON to the folder; e-mail and webhook as
 * configured), exactly once per client, period and channel thanks to {@link ReportDelivery}'s ledger. Reports are
 * rare (one per client per week or month), so delivery runs synchronously in {@code write}.
 */
public final class ReportSink implements Sink<ClientReport> {
    private final DeliveryConfig config;

    public ReportSink(DeliveryConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter<ClientReport> createWriter(WriterInitContext context) {
        ReportDelivery delivery = config.open();
        // reportDeliveries{status="DELIVERED"|"FAILED"|"GENERATED"}: every delivery recorded (a report already delivered
        // on every channel and emitted again records nothing); FAILED is what "report delivery failed" alerts on
        // without a Flink context (the writer driven directly, as the unit tests do) the counts go nowhere
        MetricGroup metrics = context == null ? new UnregisteredMetricsGroup() : context.metricGroup();
        Map<String, Counter> byStatus = new HashMap<>();
        for (String status : List.of("DELIVERED", "FAILED", "GENERATED")) {
            byStatus.put(status, metrics.addGroup("status", status).counter("reportDeliveries"));
        }
        return new SinkWriter<>() {
            @Override
            public void write(ClientReport report, Context ctx) throws IOException, InterruptedException {
                ReportRecord record = delivery.deliver(report);
                if (record != null) {
                    byStatus.computeIfAbsent(record.status(), s -> metrics.addGroup("status", s).counter("reportDeliveries")).inc();
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() throws Exception {
                delivery.close();
            }
        };
    }
}
