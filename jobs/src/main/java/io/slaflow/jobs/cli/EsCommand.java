package io.slaflow.jobs.cli;

import io.slaflow.infra.es.ElasticsearchEndpoint;
import io.slaflow.infra.es.IndexRetention;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow es ...}: look after the SLA indices in Elasticsearch. */
@Command(
        name = "es",
        mixinStandardHelpOptions = true,
        description =
                "Look after the SLA indices in Elasticsearch (layout: infra/src/main/resources/kibana/README.md).",
        subcommands = {EsCommand.Retention.class, EsCommand.ClientAccessCommand.class})
final class EsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing command: try 'slaflow es retention --es-host URL' or 'slaflow es client-access --client ID'.");
    }

    /** Where Elasticsearch is and how to log in, as {@code slaflow run} takes it; secrets from files or the environment. */
    static final class Connection {
        @Option(
                names = "--es-host",
                paramLabel = "URL",
                required = true,
                description = "Elasticsearch http(s)://host:port (the first one given is used). Required.")
        java.util.List<String> hosts;

        @Option(
                names = "--es-user",
                paramLabel = "USER",
                description =
                        "Basic-auth user (password from --es-password-file or $SLAFLOW_ES_PASSWORD). Default: none.")
        String user;

        @Option(
                names = "--es-password-file",
                paramLabel = "FILE",
                description = "File holding the Elasticsearch password. Default: none.")
        Path passwordFile;

        @Option(
                names = "--es-api-key-file",
                paramLabel = "FILE",
                description = "File holding an encoded API key (or $SLAFLOW_ES_API_KEY). Default: none.")
        Path apiKeyFile;

        @Option(
                names = "--es-ca-cert",
                paramLabel = "FILE",
                description = "PEM CA certificate for Elasticsearch over TLS. Default: the JDK's CAs.")
        String caCert;

        ElasticsearchEndpoint endpoint(CommandLine cli, UnaryOperator<String> environment) throws IOException {
            String url = hosts.get(0);
            ElasticsearchEndpoint e;
            if (user != null) {
                String password = secret(passwordFile, "SLAFLOW_ES_PASSWORD", environment);
                if (password == null) {
                    throw new CommandLine.ParameterException(
                            cli,
                            "--es-user needs a password: --es-password-file FILE or the SLAFLOW_ES_PASSWORD environment variable");
                }
                e = ElasticsearchEndpoint.basic(url, user, password);
            } else {
                String key = secret(apiKeyFile, "SLAFLOW_ES_API_KEY", environment);
                e = key != null ? ElasticsearchEndpoint.apiKey(url, key) : ElasticsearchEndpoint.anonymous(url);
            }
            return caCert == null ? e : e.withCaCertificate(caCert);
        }

        /** The file's content (trimmed), else the environment variable, else null. Never printed. */
        private static String secret(Path file, String variable, UnaryOperator<String> environment) throws IOException {
            if (file != null) {
                try {
                    return Files.readString(file).strip();
                } catch (IOException e) {
                    throw new IOException(
                            "cannot read " + file + ": " + e.getClass().getSimpleName(), e);
                }
            }
            String v = environment.apply(variable);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    @Command(
            name = "retention",
            mixinStandardHelpOptions = true,
            showDefaultValues = true,
            footerHeading = "%nExamples:%n",
            footer = {
                "  slaflow es retention --es-host http://localhost:9200 --dry-run",
                "  slaflow es retention --es-host https://es:9200 --es-api-key-file /etc/slaflow/es-api-key --closed-tickets 120d"
            },
            description = {
                "Deletes what the retention rules no longer keep, where no ILM runs (the shipped ILM policies do the",
                "same on a production cluster: infra/src/main/resources/elasticsearch/ilm/):",
                "  a monthly index of sla-events, sla-adherence, sla-reports, sla-dead-letters once its month began its",
                "  family's retention ago;",
                "  a sla-tickets document no longer open (resolved or closed) last updated the closed-ticket retention ago.",
                "Open tickets and indices that are not SLAflow's monthly indices are never touched. Run it daily (cron)."
            })
    static final class Retention implements Callable<Integer> {
        @CommandLine.Mixin
        Connection connection;

        @Option(
                names = "--events",
                paramLabel = "DURATION",
                converter = RetentionConverter.class,
                defaultValue = "400d",
                description = "Keep sla-events (warnings, breaches, escalations, chain alerts) this long.")
        Duration events;

        @Option(
                names = "--adherence",
                paramLabel = "DURATION",
                converter = RetentionConverter.class,
                defaultValue = "400d",
                description = "Keep sla-adherence (hourly buckets, daily rolling figures) this long.")
        Duration adherence;

        @Option(
                names = "--reports",
                paramLabel = "DURATION",
                converter = RetentionConverter.class,
                defaultValue = "800d",
                description = "Keep sla-reports (every report delivered) this long.")
        Duration reports;

        @Option(
                names = "--dead-letters",
                paramLabel = "DURATION",
                converter = RetentionConverter.class,
                defaultValue = "90d",
                description = "Keep sla-dead-letters (refused input records, for the operators) this long.")
        Duration deadLetters;

        @Option(
                names = "--closed-tickets",
                paramLabel = "DURATION",
                converter = RetentionConverter.class,
                defaultValue = "90d",
                description = "Keep a ticket no longer open this long after its last update; keep it above the job's "
                        + "--resolved-retention, after which a resolved ticket can no longer reopen.")
        Duration closedTickets;

        @Option(
                names = "--as-of",
                paramLabel = "TIME",
                converter = InstantConverter.class,
                description = "Apply the rules as at this ISO-8601 time (to preview). Default: now.")
        Instant asOf;

        @Option(names = "--dry-run", description = "Print what would be deleted; delete nothing.")
        boolean dryRun;

        /** Where secrets named by environment variable come from; tests replace it. */
        UnaryOperator<String> environment = System::getenv;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            IndexRetention.Rules rules;
            try {
                rules = new IndexRetention.Rules(events, adherence, reports, deadLetters, closedTickets);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            ElasticsearchEndpoint endpoint = connection.endpoint(spec.commandLine(), environment);
            Instant now = asOf != null ? asOf : Instant.now();
            try {
                IndexRetention.Result r = new IndexRetention(endpoint, line -> {
                            out.println(line);
                            out.flush();
                        })
                        .apply(rules, now, dryRun);
                out.printf(
                        "%s: %d monthly indices %s, %d kept; %d tickets %s%n",
                        endpoint,
                        r.deletedIndices().size(),
                        dryRun ? "to delete" : "deleted",
                        r.keptIndices().size(),
                        r.closedTicketsDeleted(),
                        dryRun ? "to delete" : "deleted");
                out.flush();
                return ExitCode.OK;
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                // what was due before the failure is deleted; running again deletes only what is still due
                throw new CommandFailure(ExitCode.FAILED, e.getMessage() + "; fix the cause and run it again");
            }
        }
    }

    @Command(
            name = "client-access",
            mixinStandardHelpOptions = true,
            footerHeading = "%nExamples:%n",
            footer = {"  slaflow es client-access --client acme > /tmp/access.json"},
            description = {
                "Prints, as one JSON document, what gives a client's users read-only access to their own SLA data:",
                "the alias their Kibana data views read, the Elasticsearch role (read on that alias only, document-level",
                "security on clientId), the Kibana role (read on the client's space only) and the space.",
                "Feed the parts to Elasticsearch and Kibana (infra/src/main/resources/kibana/README.md, \"A client-facing space\")."
            })
    static final class ClientAccessCommand implements Callable<Integer> {
        @Option(
                names = "--client",
                paramLabel = "ID",
                required = true,
                description = "The client id as the events carry it. Required.")
        String client;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var doc = json.createObjectNode();
            // named by the client id's safe name, as the job names the alias (ProveGraph.aliases)
            io.slaflow.infra.es.ClientAlias named = io.slaflow.jobs.prove.ProveGraph.aliases(java.util.List.of(client))
                    .get(0);
            doc.put("alias", named.alias());
            doc.put("roleName", io.slaflow.infra.es.ClientAccess.roleName(named));
            doc.set("elasticsearchRole", io.slaflow.infra.es.ClientAccess.elasticsearchRole(named));
            doc.set("kibanaRole", io.slaflow.infra.es.ClientAccess.kibanaRole(named));
            doc.set("space", io.slaflow.infra.es.ClientAccess.space(named, client));
            PrintWriter out = spec.commandLine().getOut();
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            out.flush();
            return ExitCode.OK;
        }
    }
}
