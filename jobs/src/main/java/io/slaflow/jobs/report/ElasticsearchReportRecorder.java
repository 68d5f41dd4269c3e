package io.slaflow.jobs.report;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Indexes a delivery record into {@code sla-reports} under its deterministic id: a repeat overwrites it. */
public final class ElasticsearchReportRecorder implements ReportRecorder {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ElasticsearchReportRecorder(URI base) {
        this.base = base;
    }

    @Override
    public void record(ReportRecord record) throws IOException, InterruptedException {
        String id = URLEncoder.encode(record.id(), StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/sla-reports/_doc/" + id))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(record.toJsonBytes())).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("sla-reports indexing answered " + r.statusCode() + ": " + r.body());
        }
    }
}
