package io.slaflow.jobs.cli;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.report.ReportChannels;
import io.slaflow.jobs.report.SmtpSettings;
import io.slaflow.jobs.run.KafkaEnforcementJob;
import io.slaflow.jobs.run.RunOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow run}: the streaming enforcement job against Kafka (local MiniCluster, or a cluster via {@code flink run}). */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        customSynopsis = "slaflow run --bootstrap-servers HOST:PORT [OPTIONS]",
        description = {
            "Runs the streaming enforcement job against Kafka: ticket-events -> sla-breaches, sla-escalations, "
                    + "sla-routing, sla-chains and ticket-events-dlq, with policy hot reload from sla-policies. With --es-host "
                    + "it keeps live adherence in Elasticsearch; with --reports-dir it writes weekly and monthly client reports, delivered by "
                    + "--smtp-host and --report-webhook. Submitted with 'flink run slaflow.jar run ...' it runs on that cluster; "
                    + "with 'java -jar' in a local MiniCluster.",
            "",
            "Every option can also come from --config FILE (Java properties, keys are option names without dashes, "
                    + "e.g. bootstrap-servers=broker:9092); the command line wins. Secrets are read from files or the "
                    + "environment, never from the command line."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow run --bootstrap-servers kafka:9092 \\",
            "      --checkpoint-dir file:///var/lib/slaflow/checkpoints",
            "  slaflow run --config /etc/slaflow/slaflow.properties --policy policy.yaml",
            "  SLAFLOW_SMTP_PASSWORD=... slaflow run --bootstrap-servers kafka:9092 \\",
            "      --es-host https://es:9200 --es-api-key-file /etc/slaflow/es-api-key \\",
            "      --reports-dir /var/lib/slaflow/reports --smtp-host smtp.msp.example \\",
            "      --smtp-user sla-reports --smtp-from sla-reports@msp.example",
            "  flink run -c io.slaflow.jobs.cli.FlinkMain slaflow.jar run \\",
            "      --bootstrap-servers kafka:9092 --policy /etc/slaflow/policy.yaml"
        })
public final class RunCommand implements Callable<Integer> {
    /** How {@code run --help} groups its options; an option missing here still shows, under "Other options". */
    static final Map<String, List<String>> HELP_SECTIONS = sections(
            "Kafka and policy",
                    List.of(
                            "--bootstrap-servers",
                            "--kafka-property",
                            "--kafka-properties",
                            "--group-id",
                            "--from",
                            "--policy",
                            "--input-topic",
                            "--policy-topic",
                            "--breaches-topic",
                            "--escalations-topic",
                            "--dlq-topic",
                            "--chains-topic",
                            "--routing-topic"),
            "Time",
                    List.of(
                            "--out-of-orderness",
                            "--idle-after",
                            "--backlog-idle-after",
                            "--max-clock-skew",
                            "--allowed-lateness",
                            "--closed-grace",
                            "--resolved-retention"),
            "State and delivery guarantees",
                    List.of("--delivery", "--checkpoint-interval", "--checkpoint-dir", "--state-backend"),
            "Elasticsearch",
                    List.of("--es-host", "--es-user", "--es-password-file", "--es-api-key-file", "--es-ca-cert"),
            "Reports and their delivery",
                    List.of(
                            "--reports-dir",
                            "--smtp-host",
                            "--smtp-port",
                            "--smtp-security",
                            "--smtp-user",
                            "--smtp-password-file",
                            "--smtp-from",
                            "--smtp-timeout",
                            "--report-webhook",
                            "--report-webhook-token-file",
                            "--report-attempts",
                            "--report-retry-backoff"),
            "Tuning",
                    List.of("--parallelism", "--ticket-cache", "--held-events", "--max-event-bytes", "--metrics-port"),
            "General", List.of("--config", "--help", "--version"));

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Java properties file with defaults for any option (keys are option names without dashes). Default: none.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers. Required (here or in --config).")
    String bootstrapServers;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description =
                    "Kafka client setting for every source and sink, repeatable (security.protocol=SASL_SSL, sasl.mechanism, sasl.jaas.config, ssl.truststore.location...). Default: none.")
    Map<String, String> kafkaProperties;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "Kafka client settings from a properties file (e.g. a client.properties with TLS/SASL). Default: none.")
    Path kafkaPropertiesFile;

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            defaultValue = "slaflow",
            description = "Consumer group and transactional-id prefix.")
    String groupId;

    @Option(
            names = "--from",
            paramLabel = "OFFSET",
            defaultValue = "earliest",
            description = "Where to start without committed offsets: earliest or latest.")
    Choices.StartingOffsets from;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description =
                    "The base policy (YAML), validated before anything starts. Default: the default policy built into slaflow.")
    Path policy;

    @Option(
            names = "--input-topic",
            paramLabel = "TOPIC",
            defaultValue = "ticket-events",
            description = "Ticket events in.")
    String inputTopic;

    @Option(
            names = "--policy-topic",
            paramLabel = "TOPIC",
            defaultValue = "sla-policies",
            description = "Policy versions in (compacted).")
    String policyTopic;

    @Option(
            names = "--breaches-topic",
            paramLabel = "TOPIC",
            defaultValue = "sla-breaches",
            description = "Warnings and breaches out.")
    String breachesTopic;

    @Option(
            names = "--escalations-topic",
            paramLabel = "TOPIC",
            defaultValue = "sla-escalations",
            description = "Escalations with their reassignment command out.")
    String escalationsTopic;

    @Option(
            names = "--dlq-topic",
            paramLabel = "TOPIC",
            defaultValue = "ticket-events-dlq",
            description = "Dead letters out: refused input with reason and original bytes.")
    String dlqTopic;

    @Option(
            names = "--chains-topic",
            paramLabel = "TOPIC",
            defaultValue = "sla-chains",
            description = "CEP chain alerts out.")
    String chainsTopic;

    @Option(
            names = "--routing-topic",
            paramLabel = "TOPIC",
            defaultValue = "sla-routing",
            description =
                    "The tier and routing of each new ticket out, for the ticketing system's connector; it must exist.")
    String routingTopic;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "2s",
            description = "Bound on event-time disorder; also how far the watermark trails the wall clock when idle.")
    Duration outOfOrderness;

    @Option(
            names = "--idle-after",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1s",
            description = "After this long without input the watermark follows the wall clock.")
    Duration idleAfter;

    @Option(
            names = "--backlog-idle-after",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30s",
            description =
                    "While reading a backlog (or before the first event), how long a pause must last before the wall clock takes over.")
    Duration backlogIdleAfter;

    @Option(
            names = "--max-clock-skew",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description =
                    "Events dated further ahead of this job's clock are dead letters (CLOCK_SKEW) instead of moving event time.")
    Duration maxClockSkew;

    @Option(
            names = "--allowed-lateness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description = "An event this far behind the watermark is still applied; later, it is a dead letter (LATE).")
    Duration allowedLateness;

    @Option(
            names = "--closed-grace",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1h",
            description = "State kept after CLOSED.")
    Duration closedGrace;

    @Option(
            names = "--resolved-retention",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30d",
            description = "State kept for a resolved ticket never closed.")
    Duration resolvedRetention;

    @Option(
            names = "--delivery",
            paramLabel = "MODE",
            defaultValue = "exactly-once",
            description =
                    "exactly-once (Kafka transactions: records visible at each checkpoint) or at-least-once (visible at once; consumers deduplicate by id).")
    Choices.Delivery delivery;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "How often state is checkpointed and, with exactly-once, output committed.")
    Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "URI",
            description = "e.g. file:///var/lib/slaflow/checkpoints or s3://bucket/slaflow. Default: the cluster's.")
    String checkpointDir;

    @Option(
            names = "--state-backend",
            paramLabel = "BACKEND",
            defaultValue = "rocksdb",
            description = "rocksdb (state on local disk, incremental checkpoints) or hashmap (state on the heap).")
    Choices.StateBackend stateBackend;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "0",
            description = "Job parallelism; 0 = the environment's default.")
    int parallelism;

    @Option(
            names = "--ticket-cache",
            paramLabel = "N",
            defaultValue = "" + SlaEnforcer.DEFAULT_CACHED_TICKETS,
            description =
                    "Tickets each enforcer subtask keeps as objects in front of RocksDB, about 1 KB of heap each; "
                            + "size it above the open tickets a subtask holds, 0 for none.")
    int ticketCache;

    @Option(
            names = "--held-events",
            paramLabel = "N",
            defaultValue = "" + SlaEnforcer.DEFAULT_MAX_HELD_EVENTS,
            description = "Events ahead of the watermark each enforcer subtask holds on its heap, about 1 KB each; "
                    + "beyond, they wait in keyed state.")
    int heldEvents;

    @Option(
            names = "--max-event-bytes",
            paramLabel = "N",
            defaultValue = "" + TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
            description = "Larger records are dead letters (OVERSIZED).")
    int maxEventBytes;

    @Option(
            names = "--es-host",
            paramLabel = "URL",
            description =
                    "Elasticsearch http(s)://host:port; repeat for several hosts. Default: none, no Elasticsearch.")
    java.util.List<String> esHosts;

    @Option(
            names = "--es-user",
            paramLabel = "USER",
            description =
                    "Elasticsearch basic-auth user (password from --es-password-file or $SLAFLOW_ES_PASSWORD). Default: none.")
    String esUser;

    @Option(
            names = "--es-password-file",
            paramLabel = "FILE",
            description = "File holding the Elasticsearch password. Default: none ($SLAFLOW_ES_PASSWORD).")
    Path esPasswordFile;

    @Option(
            names = "--es-api-key-file",
            paramLabel = "FILE",
            description = "File holding an encoded Elasticsearch API key. Default: none ($SLAFLOW_ES_API_KEY).")
    Path esApiKeyFile;

    @Option(
            names = "--es-ca-cert",
            paramLabel = "FILE",
            description = "CA certificate (PEM) for Elasticsearch over TLS. Default: the JVM's trust store.")
    String esCaCert;

    @Option(
            names = "--reports-dir",
            paramLabel = "DIR",
            description = "Write weekly and monthly client reports here. Default: none, no reports.")
    Path reportsDir;

    @Option(
            names = "--smtp-host",
            paramLabel = "HOST",
            description =
                    "E-mail each report (HTML body, PDF attached) to the client's report contacts from the policy through this SMTP relay. Needs --reports-dir and --smtp-from. Default: none, no e-mail.")
    String smtpHost;

    @Option(
            names = "--smtp-port",
            paramLabel = "PORT",
            description = "Default: 587 with starttls, 465 with tls, 25 with none.")
    Integer smtpPort;

    @Option(
            names = "--smtp-security",
            paramLabel = "MODE",
            defaultValue = "starttls",
            description = "starttls (required, not opportunistic), tls (implicit, e.g. port 465) or none.")
    Choices.SmtpSecurity smtpSecurity;

    @Option(
            names = "--smtp-user",
            paramLabel = "USER",
            description =
                    "SMTP login (password from --smtp-password-file or $SLAFLOW_SMTP_PASSWORD). Default: none, no login.")
    String smtpUser;

    @Option(
            names = "--smtp-password-file",
            paramLabel = "FILE",
            description = "File holding the SMTP password. Default: none ($SLAFLOW_SMTP_PASSWORD).")
    Path smtpPasswordFile;

    @Option(
            names = "--smtp-from",
            paramLabel = "ADDRESS",
            description =
                    "Sender address of the report e-mails, e.g. sla-reports@msp.example. Required with --smtp-host.")
    String smtpFrom;

    @Option(
            names = "--smtp-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30s",
            description = "Connect, read and write timeout per SMTP operation.")
    Duration smtpTimeout;

    @Option(
            names = "--report-webhook",
            paramLabel = "URL",
            description =
                    "POST each report's JSON here (header Idempotency-Key: the report id; any 2xx is success). Needs --reports-dir. Default: none.")
    String reportWebhook;

    @Option(
            names = "--report-webhook-token-file",
            paramLabel = "FILE",
            description =
                    "File holding a bearer token sent to the webhook. Default: none ($SLAFLOW_REPORT_WEBHOOK_TOKEN, else no token).")
    Path reportWebhookTokenFile;

    @Option(
            names = "--report-attempts",
            paramLabel = "N",
            defaultValue = "5",
            description = "Tries per report and channel before the delivery is recorded FAILED and alerted.")
    int reportAttempts;

    @Option(
            names = "--report-retry-backoff",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1s",
            description = "Wait after a failed try; doubles per try, at most 60s.")
    Duration reportRetryBackoff;

    /** Where secrets named by environment variable come from; tests replace it. */
    java.util.function.UnaryOperator<String> environment = System::getenv;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description =
                    "Local runs: serve the job's metrics for Prometheus at http://localhost:PORT/metrics (a range such as 9249-9259 takes the first free one; on a cluster, config.yaml sets the reporter). Default: none.")
    String metricsPort;

    @Option(names = "--inject-failure-after", hidden = true, defaultValue = "0", description = "Testing only.")
    long injectFailureAfter;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkFiles();
        RunOptions options = options();
        org.apache.flink.configuration.Configuration conf = KafkaEnforcementJob.configuration(options);
        if (metricsPort != null) io.slaflow.jobs.run.PrometheusMetrics.enable(conf, metricsPort);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KafkaEnforcementJob.build(
                env, options, proveOptions()); // a refused policy: InvalidPolicyException, nothing started
        env.execute("slaflow enforcement (" + options.topics().events() + ")");
        return ExitCode.OK;
    }

    /** The files and folders the options name, before anything connects anywhere. */
    private void checkFiles() {
        ArgumentChecks check = new ArgumentChecks(spec);
        if (policy != null)
            check.readableFile(
                    "--policy", policy, "a policy YAML file, or leave --policy out for the built-in default");
        if (kafkaPropertiesFile != null)
            check.readableFile(
                    "--kafka-properties", kafkaPropertiesFile, "a Java properties file of Kafka client settings");
        if (esPasswordFile != null)
            check.readableFile("--es-password-file", esPasswordFile, "a file holding the password");
        if (esApiKeyFile != null)
            check.readableFile("--es-api-key-file", esApiKeyFile, "a file holding the encoded API key");
        if (esCaCert != null) check.readableFile("--es-ca-cert", Path.of(esCaCert), "a PEM certificate file");
        if (smtpPasswordFile != null)
            check.readableFile("--smtp-password-file", smtpPasswordFile, "a file holding the password");
        if (reportWebhookTokenFile != null)
            check.readableFile("--report-webhook-token-file", reportWebhookTokenFile, "a file holding the token");
        if (reportsDir != null) check.outputFolder("--reports-dir", reportsDir);
    }

    /** Secrets come from files or the environment, never from the command line (it shows in process lists). */
    ProveOptions proveOptions() throws IOException {
        String password = secret(esPasswordFile, "SLAFLOW_ES_PASSWORD");
        String apiKey = secret(esApiKeyFile, "SLAFLOW_ES_API_KEY");
        if (esUser != null && password == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--es-user needs a password: --es-password-file FILE or the SLAFLOW_ES_PASSWORD environment variable");
        }
        return new ProveOptions(
                esHosts == null ? List.of() : List.copyOf(esHosts),
                esUser,
                esUser == null ? null : password,
                esUser == null ? apiKey : null,
                esCaCert,
                reportsDir,
                reportChannels());
    }

    /** E-mail and webhook delivery of the reports, checked before anything starts. */
    ReportChannels reportChannels() throws IOException {
        ReportChannels channels = ReportChannels.none();
        if ((smtpHost != null || reportWebhook != null) && reportsDir == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    (smtpHost != null ? "--smtp-host" : "--report-webhook")
                            + " needs --reports-dir: the folder's ledger is what makes each report go out exactly once");
        }
        if (smtpHost != null) {
            SmtpSettings.Security security = smtpSecurity.security;
            if (smtpFrom == null || !smtpFrom.contains("@")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--smtp-host needs --smtp-from ADDRESS: the sender of the report e-mails");
            }
            int port = smtpPort != null ? smtpPort : smtpSecurity.defaultPort;
            SmtpSettings smtp = new SmtpSettings(smtpHost, port, security, null, null, smtpFrom, (int)
                    Math.min(Integer.MAX_VALUE, smtpTimeout.toMillis()));
            if (smtpUser != null) {
                String password = secret(smtpPasswordFile, "SLAFLOW_SMTP_PASSWORD");
                if (password == null) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "--smtp-user needs a password: --smtp-password-file FILE or the SLAFLOW_SMTP_PASSWORD environment variable");
                }
                smtp = smtp.withLogin(smtpUser, password);
            }
            channels = channels.withSmtp(smtp);
        }
        if (reportWebhook != null) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(reportWebhook);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--report-webhook is not a URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                // not echoed: a URL with user info would print the credential
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--report-webhook must be an http(s)://host/... URL without credentials in it (use --report-webhook-token-file)");
            }
            channels =
                    channels.withWebhook(reportWebhook, secret(reportWebhookTokenFile, "SLAFLOW_REPORT_WEBHOOK_TOKEN"));
        }
        if (reportAttempts < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report-attempts must be at least 1");
        }
        return channels.withRetries(reportAttempts, reportRetryBackoff.toMillis());
    }

    /** The content of {@code file} (trimmed), else the environment variable, else null. Never printed. */
    private String secret(Path file, String variable) throws IOException {
        if (file != null) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                // the path is fine to show, the content never is
                throw new IOException(
                        "cannot read " + file + ": " + e.getClass().getSimpleName(), e);
            }
        }
        String v = environment.apply(variable);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The options as a record; public so tests and the demo can reuse the command's defaults. */
    public RunOptions options() throws IOException {
        if (bootstrapServers == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "Missing --bootstrap-servers (or bootstrap-servers= in --config): where is Kafka?");
        }
        Properties kafka = new Properties();
        if (kafkaPropertiesFile != null) {
            try (Reader r = Files.newBufferedReader(kafkaPropertiesFile)) {
                kafka.load(r);
            }
        }
        if (kafkaProperties != null) kafka.putAll(kafkaProperties);
        if (ticketCache < 0 || heldEvents < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), (ticketCache < 0 ? "--ticket-cache" : "--held-events") + " must be 0 or more");
        }
        ArgumentChecks check = new ArgumentChecks(spec);
        check.atLeast("--parallelism", parallelism, 0, "0 = the environment's default");
        check.atLeast("--max-event-bytes", maxEventBytes, 1, "the largest record accepted, in bytes");
        if (checkpointInterval.isZero()) {
            throw check.usage("--checkpoint-interval must be more than 0, e.g. 10s");
        }
        EnforcerSettings settings = new EnforcerSettings(
                allowedLateness.toMillis(),
                closedGrace.toMillis(),
                resolvedRetention.toMillis(),
                Long.MAX_VALUE,
                heldEvents,
                ticketCache);
        return new RunOptions(
                bootstrapServers,
                kafka,
                groupId,
                new RunOptions.Topics(
                        inputTopic, policyTopic, breachesTopic, escalationsTopic, dlqTopic, chainsTopic, routingTopic),
                from == Choices.StartingOffsets.EARLIEST,
                policy,
                outOfOrderness,
                idleAfter,
                backlogIdleAfter,
                maxClockSkew,
                settings,
                delivery == Choices.Delivery.EXACTLY_ONCE,
                checkpointInterval,
                checkpointDir,
                stateBackend == Choices.StateBackend.ROCKSDB,
                parallelism,
                maxEventBytes,
                injectFailureAfter);
    }

    private static Map<String, List<String>> sections(Object... headingThenNames) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < headingThenNames.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) headingThenNames[i + 1];
            out.put((String) headingThenNames[i], names);
        }
        return out;
    }
}
