package io.slaflow.jobs.run;

import org.apache.flink.configuration.Configuration;

/**
 * Flink's Prometheus reporter ({@code org.apache.flink:flink-metrics-prometheus}, bundled in the fat jar for local
 * runs; a Flink distribution has it under {@code plugins/}): every JobManager and TaskManager serves the metrics in
 * Prometheus' text format at {@code http://host:port/metrics}. On a cluster {@code config.yaml} sets it (the same
 * keys); a job cannot change a running cluster's reporters, so this is for the local MiniCluster of {@code java -jar
 * slaflow.jar run --metrics-port N} and the tests.
 */
public final class PrometheusMetrics {
    public static final String FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private PrometheusMetrics() {}

    /** @param port a port, or a range such as {@code 9249-9259} (one per JVM on one host) */
    public static Configuration enable(Configuration conf, String port) {
        conf.setString("metrics.reporter.prom.factory.class", FACTORY);
        conf.setString("metrics.reporter.prom.port", port);
        return conf;
    }
}
