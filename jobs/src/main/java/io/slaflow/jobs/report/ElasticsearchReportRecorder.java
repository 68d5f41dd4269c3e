package io.slaflow.jobs.report;

import io.slaflow.es.EsClients;
import io.slaflow.es.EsSinkConfig;
import io.slaflow.infra.es.SlaIndices;
import io.slaflow.report.ClientReport;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Indexes a delivery record into its monthly {@code sla-reports} index under its deterministic id: a repeat overwrites it. Connects
 * exactly like the Elasticsearch sink ({@link EsClients}: every host, basic auth or API key, custom CA or trust
 * store), so it works against the same secured cluster; the credentials stay inside the REST client.
 */
public final class ElasticsearchReportRecorder implements ReportRecorder {
    private final EsSinkConfig config;
    private RestClient client; // created on first use: a job without reports due never connects

    public ElasticsearchReportRecorder(EsSinkConfig config) {
        this.config = config;
    }

    @Override
    public synchronized void record(ReportRecord record) throws IOException, InterruptedException {
        if (client == null) client = EsClients.create(config);
        Request put = new Request(
                "PUT",
                "/" + indexOf(record.report()) + "/_doc/" + URLEncoder.encode(record.id(), StandardCharsets.UTF_8));
        put.setEntity(new ByteArrayEntity(record.toJsonBytes(), ContentType.APPLICATION_JSON));
        // a non-2xx answer is a ResponseException (status line and body, never the request headers)
        try {
            client.performRequest(put);
        } catch (RuntimeException e) {
            // the REST client reports an interrupted wait (the task being cancelled: a stop, a restart) as a
            // RuntimeException around the InterruptedException; say it as what it is, so it stops the delivery quietly
            // instead of being logged as a failed index write
            if (e.getCause() instanceof InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw interrupted;
            }
            throw e;
        }
    }

    /**
     * The monthly {@code sla-reports} index of a report: the month its period starts in, in the client's time zone (a
     * November report of a client in Manila is in {@code sla-reports-2026.11.01}, though its period starts on
     * 31 October in UTC). Derived from the report's period, which its id names, so every rewrite of a record (a
     * retry, a re-emission after a restore) lands in the same index.
     */
    static String indexOf(ClientReport report) {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(report.period().startMs())
                .atZone(report.period().zone()));
        return SlaIndices.monthly(SlaIndices.REPORTS, month);
    }

    @Override
    public synchronized void close() throws IOException {
        if (client != null) client.close();
        client = null;
    }

    @Override
    public String toString() {
        return "ElasticsearchReportRecorder[" + config.hosts() + ", auth=" + config.authMode() + "]";
    }
}
