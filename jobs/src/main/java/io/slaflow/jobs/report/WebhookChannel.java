package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * POSTs the report's JSON to a URL; any 2xx is success. Header {@code Idempotency-Key} carries the report's delivery
 * key ({@link ClientReport#deliveryKey()}) so the receiver can recognise a repeat. The bearer token (optional) is never logged.
 */
public final class WebhookChannel implements DeliveryChannel {
    private final URI url;
    private final String bearerToken;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookChannel(URI url, String bearerToken, Duration timeout) {
        this.url = url;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public List<String> recipients(ClientReport report) {
        return List.of(url.toString());
    }

    @Override
    public void deliver(ClientReport report, ReportArtifacts artifacts) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(
                        "Idempotency-Key",
                        report.deliveryKey()) // a header value: the client's safe name, never the raw id
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifacts.json()));
        if (bearerToken != null && !bearerToken.isBlank()) b.header("Authorization", "Bearer " + bearerToken);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(
                    "webhook " + url + " answered " + r.statusCode() + " for report " + report.deliveryKey());
        }
    }
}
