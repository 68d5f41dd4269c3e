package io.slaflow.jobs.cli;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.run.KafkaEnforcementJob;
import io.slaflow.jobs.run.RunOptions;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.report.ReportChannels;
import io.slaflow.jobs.report.SmtpSettings;
import io.slaflow.policy.InvalidPolicyException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow run}: the streaming enforcement job against Kafka (local MiniCluster, or a cluster via {@code flink run}). */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs the streaming enforcement job against Kafka.",
                "Kafka ticket-events -> sla-breaches, sla-escalations, sla-routing, sla-chains, ticket-events-dlq,",
                "with policy hot reload from sla-policies. Every option can also come from --config FILE (Java properties,",
                "keys are option names without dashes, e.g. bootstrap-servers=broker:9092); the command line wins.",
                "With --reports-dir it writes weekly and monthly client reports; --smtp-host and --report-webhook deliver them.",
                "Submitted with 'flink run slaflow.jar run ...' it runs on that cluster; with 'java -jar' in a local MiniCluster."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Java properties file with defaults for any option below.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Kafka client setting for every source and sink, repeatable (security.protocol=SASL_SSL, sasl.mechanism, sasl.jaas.config, ssl.truststore.location...).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--kafka-properties", paramLabel = "FILE", description = "Kafka client settings from a properties file (e.g. a client.properties with TLS/SASL).")
    Path kafkaPropertiesFile;

    @Option(names = "--group-id", defaultValue = "slaflow", description = "Consumer group and transactional-id prefix (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--from", defaultValue = "earliest", description = "Where to start without committed offsets: earliest or latest (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--policy", paramLabel = "FILE.yaml", defaultValue = "infra/policies/default.yaml",
            description = "The base policy, validated before anything starts (default: ${DEFAULT-VALUE}).")
    Path policy;

    @Option(names = "--input-topic", defaultValue = "ticket-events", description = "(default: ${DEFAULT-VALUE})")
    String inputTopic;
    @Option(names = "--policy-topic", defaultValue = "sla-policies", description = "(default: ${DEFAULT-VALUE})")
    String policyTopic;
    @Option(names = "--breaches-topic", defaultValue = "sla-breaches", description = "(default: ${DEFAULT-VALUE})")
    String breachesTopic;
    @Option(names = "--escalations-topic", defaultValue = "sla-escalations", description = "(default: ${DEFAULT-VALUE})")
    String escalationsTopic;
    @Option(names = "--dlq-topic", defaultValue = "ticket-events-dlq", description = "(default: ${DEFAULT-VALUE})")
    String dlqTopic;
    @Option(names = "--chains-topic", defaultValue = "sla-chains", description = "CEP chain alerts (default: ${DEFAULT-VALUE})")
    String chainsTopic;
    @Option(names = "--routing-topic", defaultValue = "sla-routing",
            description = "The tier and routing of each new ticket, for the ticketing system's connector; the topic must exist (default: ${DEFAULT-VALUE})")
    String routingTopic;

    @Option(names = "--out-of-orderness", converter = DurationConverter.class, defaultValue = "2s",
            description = "Bound on event-time disorder; also how far the watermark trails the wall clock when idle (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;
    @Option(names = "--idle-after", converter = DurationConverter.class, defaultValue = "1s",
            description = "After this long without input the watermark follows the wall clock (default: ${DEFAULT-VALUE}).")
    Duration idleAfter;
    @Option(names = "--backlog-idle-after", converter = DurationConverter.class, defaultValue = "30s",
            description = "While reading a backlog (or before the first event), how long a pause must last before the wall clock takes over (default: ${DEFAULT-VALUE}).")
    Duration backlogIdleAfter;
    @Option(names = "--max-clock-skew", converter = DurationConverter.class, defaultValue = "5m",
            description = "Events dated further ahead of this job's clock are dead letters (CLOCK_SKEW) instead of moving event time (default: ${DEFAULT-VALUE}).")
    Duration maxClockSkew;
    @Option(names = "--allowed-lateness", converter = DurationConverter.class, defaultValue = "5m", description = "(default: ${DEFAULT-VALUE})")
    Duration allowedLateness;
    @Option(names = "--closed-grace", converter = DurationConverter.class, defaultValue = "1h", description = "State kept after CLOSED (default: ${DEFAULT-VALUE}).")
    Duration closedGrace;
    @Option(names = "--resolved-retention", converter = DurationConverter.class, defaultValue = "30d",
            description = "State kept for a resolved ticket never closed (default: ${DEFAULT-VALUE}).")
    Duration resolvedRetention;

    @Option(names = "--delivery", defaultValue = "exactly-once",
            description = "exactly-once (Kafka transactions: visible at each checkpoint) or at-least-once (visible at once; deduplicate by id) (default: ${DEFAULT-VALUE}).")
    String delivery;
    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, defaultValue = "10s", description = "(default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;
    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "e.g. file:///var/lib/slaflow/checkpoints or s3://bucket/slaflow (default: the cluster's).")
    String checkpointDir;
    @Option(names = "--state-backend", defaultValue = "rocksdb", description = "rocksdb (incremental checkpoints) or hashmap (default: ${DEFAULT-VALUE}).")
    String stateBackend;
    @Option(names = "--parallelism", defaultValue = "0", description = "0 = the environment's default.")
    int parallelism;
    @Option(names = "--ticket-cache", paramLabel = "TICKETS", defaultValue = "" + SlaEnforcer.DEFAULT_CACHED_TICKETS,
            description = "Tickets each enforcer subtask keeps as objects in front of RocksDB, about 1 KB of heap each; "
                    + "size it above the open tickets a subtask holds, 0 for none (default: ${DEFAULT-VALUE}).")
    int ticketCache;
    @Option(names = "--held-events", paramLabel = "EVENTS", defaultValue = "" + SlaEnforcer.DEFAULT_MAX_HELD_EVENTS,
            description = "Events ahead of the watermark each enforcer subtask holds on its heap, about 1 KB each; "
                    + "beyond, they wait in keyed state (default: ${DEFAULT-VALUE}).")
    int heldEvents;
    @Option(names = "--max-event-bytes", defaultValue = "" + TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES, description = "(default: ${DEFAULT-VALUE})")
    int maxEventBytes;
    @Option(names = "--es-host", paramLabel = "URL", description = "Elasticsearch http(s)://host:port; repeat for several hosts. None: no Elasticsearch.")
    java.util.List<String> esHosts = new java.util.ArrayList<>();
    @Option(names = "--es-user", description = "Elasticsearch basic-auth user (password from --es-password-file or $SLAFLOW_ES_PASSWORD).")
    String esUser;
    @Option(names = "--es-password-file", paramLabel = "FILE", description = "File holding the Elasticsearch password.")
    Path esPasswordFile;
    @Option(names = "--es-api-key-file", paramLabel = "FILE", description = "File holding an encoded Elasticsearch API key (or $SLAFLOW_ES_API_KEY).")
    Path esApiKeyFile;
    @Option(names = "--es-ca-cert", paramLabel = "FILE.pem", description = "CA certificate for Elasticsearch over TLS.")
    String esCaCert;
    @Option(names = "--reports-dir", paramLabel = "DIR", description = "Write weekly and monthly client reports here (none: no reports).")
    Path reportsDir;

    @Option(names = "--smtp-host", paramLabel = "HOST",
            description = "E-mail each report (HTML body, PDF attached) to the client's report contacts from the policy through this SMTP relay. Needs --reports-dir and --smtp-from.")
    String smtpHost;
    @Option(names = "--smtp-port", paramLabel = "PORT", description = "Default: 587 with starttls, 465 with tls, 25 with none.")
    Integer smtpPort;
    @Option(names = "--smtp-security", paramLabel = "MODE", defaultValue = "starttls",
            description = "starttls (required, not opportunistic), tls (implicit, e.g. port 465) or none (default: ${DEFAULT-VALUE}).")
    String smtpSecurity;
    @Option(names = "--smtp-user", description = "SMTP login (password from --smtp-password-file or $SLAFLOW_SMTP_PASSWORD).")
    String smtpUser;
    @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "File holding the SMTP password.")
    Path smtpPasswordFile;
    @Option(names = "--smtp-from", paramLabel = "ADDRESS", description = "Sender address of the report e-mails, e.g. sla-reports@msp.example.")
    String smtpFrom;
    @Option(names = "--smtp-timeout", converter = DurationConverter.class, defaultValue = "30s",
            description = "Connect, read and write timeout per SMTP operation (default: ${DEFAULT-VALUE}).")
    Duration smtpTimeout;
    @Option(names = "--report-webhook", paramLabel = "URL",
            description = "POST each report's JSON here (header Idempotency-Key: the report id; any 2xx is success). Needs --reports-dir.")
    String reportWebhook;
    @Option(names = "--report-webhook-token-file", paramLabel = "FILE",
            description = "File holding a bearer token sent to the webhook (or $SLAFLOW_REPORT_WEBHOOK_TOKEN).")
    Path reportWebhookTokenFile;
    @Option(names = "--report-attempts", defaultValue = "5",
            description = "Tries per report and channel before the delivery is recorded FAILED and alerted (default: ${DEFAULT-VALUE}).")
    int reportAttempts;
    @Option(names = "--report-retry-backoff", converter = DurationConverter.class, defaultValue = "1s",
            description = "Wait after a failed try; doubles per try, at most 60s (default: ${DEFAULT-VALUE}).")
    Duration reportRetryBackoff;

    /** Where secrets named by environment variable come from; tests replace it. */
    java.util.function.UnaryOperator<String> environment = System::getenv;

    @Option(names = "--inject-failure-after", hidden = true, defaultValue = "0", description = "Testing only.")
    long injectFailureAfter;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunOptions options = options();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(KafkaEnforcementJob.configuration(options));
        try {
            KafkaEnforcementJob.build(env, options, proveOptions());
        } catch (InvalidPolicyException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().println("Nothing was started. Check it with 'slaflow policy validate " + policy + "'.");
            return 1;
        }
        env.execute("slaflow enforcement (" + options.topics().events() + ")");
        return 0;
    }

    /** Secrets come from files or the environment, never from the command line (it shows in process lists). */
    ProveOptions proveOptions() throws IOException {
        String password = secret(esPasswordFile, "SLAFLOW_ES_PASSWORD");
        String apiKey = secret(esApiKeyFile, "SLAFLOW_ES_API_KEY");
        if (esUser != null && password == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--es-user needs a password: --es-password-file FILE or the SLAFLOW_ES_PASSWORD environment variable");
        }
        return new ProveOptions(java.util.List.copyOf(esHosts), esUser, esUser == null ? null : password,
                esUser == null ? apiKey : null, esCaCert, reportsDir, reportChannels());
    }

    /** E-mail and webhook delivery of the reports, checked before anything starts. */
    ReportChannels reportChannels() throws IOException {
        ReportChannels channels = ReportChannels.none();
        if ((smtpHost != null || reportWebhook != null) && reportsDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), (smtpHost != null ? "--smtp-host" : "--report-webhook")
                    + " needs --reports-dir: the folder's ledger is what makes each report go out exactly once");
        }
        if (smtpHost != null) {
            SmtpSettings.Security security = switch (smtpSecurity.toLowerCase(java.util.Locale.ROOT)) {
                case "starttls" -> SmtpSettings.Security.STARTTLS;
                case "tls" -> SmtpSettings.Security.TLS;
                case "none" -> SmtpSettings.Security.NONE;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--smtp-security is starttls, tls or none, not '" + smtpSecurity + "'");
            };
            if (smtpFrom == null || !smtpFrom.contains("@")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--smtp-host needs --smtp-from ADDRESS: the sender of the report e-mails");
            }
            int port = smtpPort != null ? smtpPort
                    : security == SmtpSettings.Security.TLS ? 465 : security == SmtpSettings.Security.STARTTLS ? 587 : 25;
            SmtpSettings smtp = new SmtpSettings(smtpHost, port, security, null, null, smtpFrom,
                    (int) Math.min(Integer.MAX_VALUE, smtpTimeout.toMillis()));
            if (smtpUser != null) {
                String password = secret(smtpPasswordFile, "SLAFLOW_SMTP_PASSWORD");
                if (password == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
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
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                // not echoed: a URL with user info would print the credential
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--report-webhook must be an http(s)://host/... URL without credentials in it (use --report-webhook-token-file)");
            }
            channels = channels.withWebhook(reportWebhook, secret(reportWebhookTokenFile, "SLAFLOW_REPORT_WEBHOOK_TOKEN"));
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
                throw new IOException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
            }
        }
        String v = environment.apply(variable);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The options as a record; public so tests and the demo can reuse the command's defaults. */
    public RunOptions options() throws IOException {
        if (bootstrapServers == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing --bootstrap-servers (or bootstrap-servers= in --config): where is Kafka?");
        }
        if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--delivery is exactly-once or at-least-once, not '" + delivery + "'");
        }
        if (!from.equals("earliest") && !from.equals("latest")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from is earliest or latest, not '" + from + "'");
        }
        Properties kafka = new Properties();
        if (kafkaPropertiesFile != null) {
            try (Reader r = Files.newBufferedReader(kafkaPropertiesFile)) {
                kafka.load(r);
            }
        }
        kafka.putAll(kafkaProperties);
        if (ticketCache < 0 || heldEvents < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    (ticketCache < 0 ? "--ticket-cache" : "--held-events") + " must be 0 or more");
        }
        EnforcerSettings settings = new EnforcerSettings(allowedLateness.toMillis(), closedGrace.toMillis(),
                resolvedRetention.toMillis(), Long.MAX_VALUE, heldEvents, ticketCache);
        return new RunOptions(bootstrapServers, kafka, groupId,
                new RunOptions.Topics(inputTopic, policyTopic, breachesTopic, escalationsTopic, dlqTopic, chainsTopic,
                        routingTopic),
                from.equals("earliest"), policy, outOfOrderness, idleAfter, backlogIdleAfter, maxClockSkew, settings, delivery.equals("exactly-once"),
                checkpointInterval, checkpointDir, stateBackend.equals("rocksdb"), parallelism, maxEventBytes,
                injectFailureAfter);
    }
}
