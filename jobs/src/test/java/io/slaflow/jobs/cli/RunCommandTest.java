package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.ReportChannels;
import io.slaflow.jobs.report.SmtpSettings;
import io.slaflow.jobs.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    private static RunOptions parse(String... args) throws Exception {
        return command(args).options();
    }

    private static RunCommand command(String... args) {
        CommandLine cli = SlaflowCli.commandLine(args);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static ProveOptions prove(Map<String, String> env, String... args) throws Exception {
        RunCommand run = command(args);
        run.environment = env::get;
        return run.proveOptions();
    }

    @Test
    void defaultsFollowTheContract() throws Exception {
        RunOptions o = parse("run", "--bootstrap-servers", "127.0.0.1:9092");

        assertThat(o.topics()).isEqualTo(RunOptions.Topics.defaults());
        assertThat(o.exactlyOnce()).isTrue();
        assertThat(o.rocksDb()).isTrue();
        assertThat(o.settings().asOfMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(o.settings().allowedLatenessMs())
                .isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(o.policy()).as("none named: the built-in default policy").isNull();
        assertThat(o.settings().cachedTickets()).isEqualTo(SlaEnforcer.DEFAULT_CACHED_TICKETS);
        assertThat(o.settings().maxHeldEvents()).isEqualTo(SlaEnforcer.DEFAULT_MAX_HELD_EVENTS);
    }

    @Test
    void theBuilderStartsFromTheCommandsDefaults() throws Exception {
        RunOptions parsed = parse("run", "--bootstrap-servers", "127.0.0.1:9092");
        RunOptions built = RunOptions.builder("127.0.0.1:9092", RunOptions.Topics.defaults(), null)
                .build();

        assertThat(built).isEqualTo(parsed);
        assertThat(parsed.toBuilder().build()).isEqualTo(parsed);
        RunOptions changed =
                parsed.toBuilder().groupId("tenant-a").parallelism(4).build();
        assertThat(changed.groupId()).isEqualTo("tenant-a");
        assertThat(changed.parallelism()).isEqualTo(4);
        assertThat(changed.toBuilder()
                        .groupId(parsed.groupId())
                        .parallelism(parsed.parallelism())
                        .build())
                .isEqualTo(parsed);
    }

    @Test
    void theEnforcersHeapIsSizedFromTheCommandLine() throws Exception {
        RunOptions o =
                parse("run", "--bootstrap-servers", "127.0.0.1:9092", "--ticket-cache", "400000", "--held-events", "0");

        assertThat(o.settings().cachedTickets()).isEqualTo(400_000);
        assertThat(o.settings().maxHeldEvents()).isZero();
        assertThat(o.settings().allowedLatenessMs())
                .as("time settings untouched")
                .isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThatThrownBy(() -> parse("run", "--bootstrap-servers", "127.0.0.1:9092", "--ticket-cache", "-1"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--ticket-cache must be 0 or more");
    }

    @Test
    void aConfigFileSetsDefaultsAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("slaflow.properties");
        Files.writeString(config, """
                bootstrap-servers=kafka-1:9093,kafka-2:9093
                delivery=at-least-once
                checkpoint-interval=1s
                breaches-topic=msp.sla-breaches
                routing-topic=msp.sla-routing
                """);
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        RunOptions o = parse(
                "run",
                "--config",
                config.toString(),
                "--checkpoint-interval",
                "5s",
                "--kafka-properties",
                client.toString(),
                "--kafka-property",
                "ssl.truststore.location=/etc/kafka/trust.jks");

        assertThat(o.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(o.exactlyOnce()).isFalse();
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.topics().breaches()).isEqualTo("msp.sla-breaches");
        assertThat(o.topics().routing()).isEqualTo("msp.sla-routing");
        assertThat(o.kafka())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/trust.jks");
    }

    @Test
    void reportsGoByMailAndWebhookWithSecretsFromFilesAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path password = dir.resolve("smtp-password");
        Files.writeString(password, "hunter2\n");
        Path token = dir.resolve("webhook-token");
        Files.writeString(token, "t0ken-xyz\n");
        ProveOptions p = prove(
                Map.of(),
                "run",
                "--bootstrap-servers",
                "k:9092",
                "--reports-dir",
                "/var/lib/slaflow/reports",
                "--smtp-host",
                "mail.msp.example",
                "--smtp-user",
                "reports",
                "--smtp-password-file",
                password.toString(),
                "--smtp-from",
                "sla-reports@msp.example",
                "--report-webhook",
                "https://hooks.msp.example/sla",
                "--report-webhook-token-file",
                token.toString(),
                "--report-attempts",
                "3",
                "--report-retry-backoff",
                "2s");

        ReportChannels c = p.reportChannels();
        SmtpSettings smtp = c.smtp();
        assertThat(smtp.host()).isEqualTo("mail.msp.example");
        assertThat(smtp.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(smtp.port()).as("the submission port for STARTTLS").isEqualTo(587);
        assertThat(smtp.user()).isEqualTo("reports");
        assertThat(smtp.password()).isEqualTo("hunter2");
        assertThat(smtp.from()).isEqualTo("sla-reports@msp.example");
        assertThat(c.webhookUrl()).isEqualTo("https://hooks.msp.example/sla");
        assertThat(c.webhookToken()).isEqualTo("t0ken-xyz");
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.initialBackoffMs()).isEqualTo(2_000);
        assertThat(List.of(p.toString(), c.toString(), p.deliveryConfig().toString(), smtp.toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain("hunter2").doesNotContain("t0ken-xyz"));
    }

    @Test
    void reportOptionsComeFromTheConfigFileAndSecretsFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("slaflow.properties");
        Files.writeString(config, """
                bootstrap-servers=kafka-1:9093
                reports-dir=/srv/reports
                smtp-host=smtp.msp.example
                smtp-security=tls
                smtp-user=reports
                smtp-from=sla@msp.example
                report-webhook=http://hooks.internal:8080/sla
                es-host=https://es.internal:9200
                es-user=slaflow
                """);
        ProveOptions p = prove(
                Map.of(
                        "SLAFLOW_SMTP_PASSWORD",
                        "env-pass",
                        "SLAFLOW_REPORT_WEBHOOK_TOKEN",
                        "env-token",
                        "SLAFLOW_ES_PASSWORD",
                        "es-pass"),
                "run",
                "--config",
                config.toString());

        assertThat(p.reportsDir()).isEqualTo(Path.of("/srv/reports"));
        assertThat(p.reportChannels().smtp().security()).isEqualTo(SmtpSettings.Security.TLS);
        assertThat(p.reportChannels().smtp().port()).isEqualTo(465);
        assertThat(p.reportChannels().smtp().password()).isEqualTo("env-pass");
        assertThat(p.reportChannels().webhookToken()).isEqualTo("env-token");
        assertThat(p.reportChannels().maxAttempts()).isEqualTo(5);
        // the sla-reports records go to the same secured cluster as the sink, with the same credentials
        DeliveryConfig d = p.deliveryConfig();
        assertThat(d.elasticsearch().hosts()).containsExactly("https://es.internal:9200");
        assertThat(d.elasticsearch().authMode()).isEqualTo("basic");
        assertThat(d.toString())
                .doesNotContain("env-pass")
                .doesNotContain("env-token")
                .doesNotContain("es-pass");
    }

    @Test
    void reportDeliveryOptionsAreCheckedBeforeAnythingStarts(@TempDir Path dir) {
        assertThatThrownBy(() -> prove(
                        Map.of(),
                        "run",
                        "--bootstrap-servers",
                        "k:1",
                        "--smtp-host",
                        "mail",
                        "--smtp-from",
                        "a@b.example"))
                .hasMessageContaining("--smtp-host needs --reports-dir");
        assertThatThrownBy(() -> prove(
                        Map.of(),
                        "run",
                        "--bootstrap-servers",
                        "k:1",
                        "--reports-dir",
                        dir.toString(),
                        "--smtp-host",
                        "mail"))
                .hasMessageContaining("needs --smtp-from");
        assertThatThrownBy(() -> prove(
                        Map.of(),
                        "run",
                        "--bootstrap-servers",
                        "k:1",
                        "--reports-dir",
                        dir.toString(),
                        "--smtp-host",
                        "mail",
                        "--smtp-from",
                        "a@b.example",
                        "--smtp-user",
                        "u"))
                .hasMessageContaining("SLAFLOW_SMTP_PASSWORD");
        assertThatThrownBy(() -> prove(
                        Map.of(),
                        "run",
                        "--bootstrap-servers",
                        "k:1",
                        "--reports-dir",
                        dir.toString(),
                        "--smtp-host",
                        "mail",
                        "--smtp-from",
                        "a@b.example",
                        "--smtp-security",
                        "maybe"))
                .hasMessageContaining("expected one of [starttls, tls, none]")
                .hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> prove(
                        Map.of(),
                        "run",
                        "--bootstrap-servers",
                        "k:1",
                        "--reports-dir",
                        dir.toString(),
                        "--report-webhook",
                        "https://user:pw-in-url@hooks.example/x"))
                .hasMessageContaining("without credentials")
                .hasMessageNotContaining("pw-in-url");
        assertThatThrownBy(() -> prove(
                        Map.of(),
                        "run",
                        "--bootstrap-servers",
                        "k:1",
                        "--reports-dir",
                        dir.toString(),
                        "--report-webhook",
                        "ftp://hooks.example/x"))
                .hasMessageContaining("http(s)://");
    }

    @Test
    void withoutChannelsReportsStayInTheFolder(@TempDir Path dir) throws Exception {
        ProveOptions p = prove(Map.of(), "run", "--bootstrap-servers", "k:1", "--reports-dir", dir.toString());
        assertThat(p.reportChannels().any()).isFalse();
        assertThat(p.deliveryConfig().open().files().root()).isEqualTo(dir);
        assertThat(p.deliveryConfig().elasticsearch()).isNull();
    }

    @Test
    void missingKafkaSaysWhatToDo() {
        assertThatThrownBy(() -> parse("run")).hasMessageContaining("Missing --bootstrap-servers");
    }

    @Test
    void aBadDeliveryModeIsRefused() {
        assertThatThrownBy(() -> parse("run", "--bootstrap-servers", "x:1", "--delivery", "maybe"))
                .hasMessageContaining("expected one of [exactly-once, at-least-once]");
    }

    @Test
    void aTypoInAClosedSetIsRefusedNotGuessed() throws Exception {
        // rocksdbx used to select the heap backend without a word
        assertThatThrownBy(() -> parse("run", "--bootstrap-servers", "x:1", "--state-backend", "rocksdbx"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("expected one of [rocksdb, hashmap]")
                .hasMessageContaining("'rocksdbx'");
        assertThatThrownBy(() -> parse("run", "--bootstrap-servers", "x:1", "--from", "earlyest"))
                .hasMessageContaining("expected one of [earliest, latest]");
        RunOptions o = parse(
                "run",
                "--bootstrap-servers",
                "x:1",
                "--state-backend",
                "HashMap",
                "--from",
                "latest",
                "--delivery",
                "at-least-once");
        assertThat(o.rocksDb()).isFalse();
        assertThat(o.fromEarliest()).isFalse();
        assertThat(o.exactlyOnce()).isFalse();
    }
}
