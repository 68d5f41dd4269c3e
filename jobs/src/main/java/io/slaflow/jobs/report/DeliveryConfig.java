package io.slaflow.jobs.report;

import io.slaflow.es.EsSinkConfig;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where reports go, serializable so the sink carries it to the task managers (channels are built there).
 *
 * @param reportsDir    the reports folder (always written: files, ledger, delivery records)
 * @param channels      e-mail, webhook and retries
 * @param elasticsearch where the sla-reports records are indexed: the same hosts, credentials and TLS trust as the
 *                      Elasticsearch sink; or null
 */
public record DeliveryConfig(String reportsDir, ReportChannels channels, EsSinkConfig elasticsearch)
        implements Serializable {

    public static DeliveryConfig folderOnly(Path reportsDir) {
        return new DeliveryConfig(reportsDir.toString(), ReportChannels.none(), null);
    }

    public DeliveryConfig withChannels(ReportChannels c) {
        return new DeliveryConfig(reportsDir, c, elasticsearch);
    }

    public DeliveryConfig withSmtp(SmtpSettings s) {
        return withChannels(channels.withSmtp(s));
    }

    /** @param token the bearer token itself (read from a file or the environment), or null */
    public DeliveryConfig withWebhook(String url, String token) {
        return withChannels(channels.withWebhook(url, token));
    }

    public DeliveryConfig withElasticsearch(EsSinkConfig es) {
        return new DeliveryConfig(reportsDir, channels, es);
    }

    /** An unauthenticated cluster at {@code url} (tests, the local stack). */
    public DeliveryConfig withElasticsearch(String url) {
        return withElasticsearch(EsSinkConfig.builder(url).build());
    }

    public DeliveryConfig withRetries(int attempts, long initialBackoffMs) {
        return withChannels(channels.withRetries(attempts, initialBackoffMs));
    }

    public SmtpSettings smtp() {
        return channels.smtp();
    }

    public String webhookUrl() {
        return channels.webhookUrl();
    }

    public ReportDelivery open() {
        List<DeliveryChannel> list = new ArrayList<>();
        if (channels.smtp() != null) list.add(new SmtpChannel(channels.smtp()));
        if (channels.webhookUrl() != null) {
            list.add(new WebhookChannel(
                    URI.create(channels.webhookUrl()), channels.webhookToken(), Duration.ofSeconds(30)));
        }
        ReportRecorder recorder = elasticsearch == null ? null : new ElasticsearchReportRecorder(elasticsearch);
        return new ReportDelivery(
                new ReportFiles(Path.of(reportsDir)),
                list,
                channels.maxAttempts(),
                channels.initialBackoffMs(),
                recorder,
                Thread::sleep);
    }

    @Override
    public String toString() {
        return "DeliveryConfig[reportsDir=" + reportsDir + ", channels=" + channels + ", elasticsearch=" + elasticsearch
                + "]";
    }
}
