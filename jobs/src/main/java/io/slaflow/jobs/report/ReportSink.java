package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import java.io.IOException;
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
        return new SinkWriter<>() {
            @Override
            public void write(ClientReport report, Context ctx) throws IOException, InterruptedException {
                delivery.deliver(report);
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
