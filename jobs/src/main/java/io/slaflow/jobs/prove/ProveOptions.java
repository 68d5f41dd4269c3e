package io.slaflow.jobs.prove;

import io.slaflow.es.EsSinkConfig;
import io.slaflow.infra.es.ElasticsearchEndpoint;
import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.ReportChannels;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the Prove layer publishes: Elasticsearch ({@code sla-events}, {@code sla-tickets}, {@code sla-adherence},
 * {@code sla-reports}) and the client reports folder. Either may be absent.
 *
 * @param esHosts     Elasticsearch URLs ({@code http(s)://host:port}); empty: no Elasticsearch
 * @param esUser      basic-auth user, or null
 * @param esPassword  basic-auth password (read from a file or the environment, never from the command line)
 * @param esApiKey    encoded API key, or null
 * @param esCaPem     PEM file of a custom CA for TLS, or null
 * @param reportsDir  where weekly and monthly client reports are written, or null for no reports
 * @param reportChannels how reports leave the job besides the folder (e-mail, webhook, retries); needs reportsDir,
 *                    whose ledger makes each delivery happen once
 */
public record ProveOptions(
        List<String> esHosts,
        String esUser,
        String esPassword,
        String esApiKey,
        String esCaPem,
        Path reportsDir,
        ReportChannels reportChannels)
        implements Serializable {

    public ProveOptions {
        esHosts = List.copyOf(esHosts);
        if (reportChannels == null) reportChannels = ReportChannels.none();
        if (reportChannels.any() && reportsDir == null) {
            throw new IllegalArgumentException(
                    "e-mail or webhook delivery of reports needs a reports folder (--reports-dir): "
                            + "its ledger is what makes each report go out once");
        }
    }

    public static ProveOptions none() {
        return new ProveOptions(List.of(), null, null, null, null, null, null);
    }

    public static ProveOptions elasticsearch(String url, Path reportsDir) {
        return new ProveOptions(List.of(url), null, null, null, null, reportsDir, null);
    }

    public ProveOptions withReportChannels(ReportChannels channels) {
        return new ProveOptions(esHosts, esUser, esPassword, esApiKey, esCaPem, reportsDir, channels);
    }

    /**
     * The report sink's settings: the folder, the channels, and sla-reports on the same Elasticsearch endpoint (hosts,
     * credentials, CA) as the bulk sink.
     */
    public DeliveryConfig deliveryConfig() {
        DeliveryConfig d = DeliveryConfig.folderOnly(reportsDir).withChannels(reportChannels);
        return hasElasticsearch() ? d.withElasticsearch(sinkConfig()) : d;
    }

    public boolean hasElasticsearch() {
        return !esHosts.isEmpty();
    }

    public EsSinkConfig sinkConfig() {
        EsSinkConfig.Builder b = EsSinkConfig.builder(esHosts);
        if (esUser != null) b.basicAuth(esUser, esPassword);
        if (esApiKey != null) b.apiKey(esApiKey);
        if (esCaPem != null) b.caCertificate(esCaPem);
        return b.build();
    }

    /** The endpoint index setup talks to (the first host). */
    public ElasticsearchEndpoint setupEndpoint() {
        String url = esHosts.get(0);
        ElasticsearchEndpoint e = esApiKey != null
                ? ElasticsearchEndpoint.apiKey(url, esApiKey)
                : esUser != null
                        ? ElasticsearchEndpoint.basic(url, esUser, esPassword)
                        : ElasticsearchEndpoint.anonymous(url);
        return esCaPem == null ? e : e.withCaCertificate(esCaPem);
    }

    @Override
    public String toString() {
        return "ProveOptions[es=" + esHosts + (esUser != null ? " (basic auth)" : esApiKey != null ? " (API key)" : "")
                + ", reports=" + reportsDir + ", " + reportChannels + "]";
    }
}
