package io.slaflow.jobs.report;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where reports go, serializable so the sink carries it to the task managers (channels are built there).
 *
 * @param reportsDir       the reports folder (always written: files, ledger, delivery records)
 * @param smtp             e-mail delivery, or null
 * @param webhookUrl       webhook delivery, or null
 * @param webhookTokenRef  the bearer token's source, never the token: {@code env:NAME} or {@code file:PATH}; or null
 * @param elasticsearchUrl where the sla-reports records are indexed (e.g. http://localhost:9200), or null
 * @param maxAttempts      tries per channel before the delivery is recorded FAILED and alerted
 * @param initialBackoffMs wait after the first failure; doubles per try, at most 60 s
 */
public record DeliveryConfig(String reportsDir, SmtpSettings smtp, String webhookUrl, String webhookTokenRef,
                             String elasticsearchUrl, int maxAttempts, long initialBackoffMs) implements Serializable {

    public static DeliveryConfig folderOnly(Path reportsDir) {
        return new DeliveryConfig(reportsDir.toString(), null, null, null, null, 5, 1_000);
    }

    public DeliveryConfig withSmtp(SmtpSettings s) {
        return new DeliveryConfig(reportsDir, s, webhookUrl, webhookTokenRef, elasticsearchUrl, maxAttempts, initialBackoffMs);
    }

    public DeliveryConfig withWebhook(String url, String tokenRef) {
        return new DeliveryConfig(reportsDir, smtp, url, tokenRef, elasticsearchUrl, maxAttempts, initialBackoffMs);
    }

    public DeliveryConfig withElasticsearch(String url) {
        return new DeliveryConfig(reportsDir, smtp, webhookUrl, webhookTokenRef, url, maxAttempts, initialBackoffMs);
    }

    public DeliveryConfig withRetries(int attempts, long initialBackoffMs) {
        return new DeliveryConfig(reportsDir, smtp, webhookUrl, webhookTokenRef, elasticsearchUrl, attempts, initialBackoffMs);
    }

    public ReportDelivery open() {
        List<DeliveryChannel> channels = new ArrayList<>();
        if (smtp != null) channels.add(new SmtpChannel(smtp));
        if (webhookUrl != null) channels.add(new WebhookChannel(URI.create(webhookUrl), token(), Duration.ofSeconds(30)));
        ReportRecorder recorder = elasticsearchUrl == null ? null : new ElasticsearchReportRecorder(URI.create(elasticsearchUrl));
        return new ReportDelivery(new ReportFiles(Path.of(reportsDir)), channels, maxAttempts, initialBackoffMs,
                recorder, Thread::sleep);
    }

    private String token() {
        if (webhookTokenRef == null) return null;
        if (webhookTokenRef.startsWith("env:")) return System.getenv(webhookTokenRef.substring(4));
        if (webhookTokenRef.startsWith("file:")) {
            try {
                return Files.readString(Path.of(webhookTokenRef.substring(5)), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the webhook token file", e);
            }
        }
        throw new IllegalArgumentException("webhook token reference must be env:NAME or file:PATH");
    }

    @Override
    public String toString() {
        return "DeliveryConfig[reportsDir=" + reportsDir + ", smtp=" + smtp + ", webhookUrl=" + webhookUrl
                + ", elasticsearchUrl=" + elasticsearchUrl + ", maxAttempts=" + maxAttempts + "]";
    }
}
