package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.jobs.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    private static RunOptions parse(String... args) throws Exception {
        CommandLine cli = SlaflowCli.commandLine(args);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        return run.options();
    }

    @Test
    void defaultsFollowTheContract() throws Exception {
        RunOptions o = parse("run", "--bootstrap-servers", "127.0.0.1:9092");

        assertThat(o.topics()).isEqualTo(RunOptions.Topics.defaults());
        assertThat(o.exactlyOnce()).isTrue();
        assertThat(o.rocksDb()).isTrue();
        assertThat(o.settings().asOfMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(o.settings().allowedLatenessMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(o.policy()).isEqualTo(Path.of("infra/policies/default.yaml"));
    }

    @Test
    void aConfigFileSetsDefaultsAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("slaflow.properties");
        Files.writeString(config, """
                bootstrap-servers=kafka-1:9093,kafka-2:9093
                delivery=at-least-once
                checkpoint-interval=1s
                breaches-topic=msp.sla-breaches
                """);
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        RunOptions o = parse("run", "--config", config.toString(), "--checkpoint-interval", "5s",
                "--kafka-properties", client.toString(), "--kafka-property", "ssl.truststore.location=/etc/kafka/trust.jks");

        assertThat(o.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(o.exactlyOnce()).isFalse();
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.topics().breaches()).isEqualTo("msp.sla-breaches");
        assertThat(o.kafka()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/trust.jks");
    }

    @Test
    void missingKafkaSaysWhatToDo() {
        assertThatThrownBy(() -> parse("run")).hasMessageContaining("Missing --bootstrap-servers");
    }

    @Test
    void aBadDeliveryModeIsRefused() {
        assertThatThrownBy(() -> parse("run", "--bootstrap-servers", "x:1", "--delivery", "maybe"))
                .hasMessageContaining("exactly-once or at-least-once");
    }
}
