package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.es.IndexRetention;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code slaflow es}: retention's defaults are the shipped ILM policies' ({@link IndexRetention.Rules#defaults}), mistakes are usage errors. */
class EsCommandTest {
    @Test
    void retentionDefaultsAreTheRulesTheIlmPoliciesShip() {
        CommandLine cli = SlaflowCli.commandLine();
        CommandLine.ParseResult r = cli.parseArgs("es", "retention", "--es-host", "http://localhost:9200")
                .subcommand()
                .subcommand();
        EsCommand.Retention retention = (EsCommand.Retention) r.commandSpec().userObject();
        IndexRetention.Rules defaults = IndexRetention.Rules.defaults();
        assertThat(retention.events).isEqualTo(defaults.events());
        assertThat(retention.adherence).isEqualTo(defaults.adherence());
        assertThat(retention.reports).isEqualTo(defaults.reports());
        assertThat(retention.deadLetters).isEqualTo(defaults.deadLetters());
        assertThat(retention.closedTickets).isEqualTo(defaults.closedTickets());
        assertThat(retention.closedTickets)
                .isGreaterThan(Duration.ofDays(30)); // the job's default --resolved-retention
    }

    @Test
    void aMissingHostOrABadDurationIsAUsageError() {
        assertThat(run("es", "retention").code).isEqualTo(2);
        Result bad = run("es", "retention", "--es-host", "http://localhost:9200", "--events", "a year");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("--events");
    }

    @Test
    void clientAccessPrintsTheRolesAndSpaceForOneClient() throws Exception {
        Result r = run("es", "client-access", "--client", "Globex Corp");
        assertThat(r.code).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out);
        // named as the job names the client's alias: its id's safe name (a slug and a hash for an id like this one)
        String name = io.slaflow.names.SafeName.of("Globex Corp");
        assertThat(name).startsWith("globex-corp--");
        assertThat(doc.path("alias").asText()).isEqualTo("sla-client-" + name);
        assertThat(doc.at("/elasticsearchRole/indices/0/names/0").asText()).isEqualTo("sla-client-" + name);
        assertThat(doc.at("/elasticsearchRole/indices/0/query/term/clientId").asText())
                .isEqualTo("Globex Corp");
        assertThat(doc.at("/kibanaRole/kibana/0/spaces/0").asText()).isEqualTo("client-" + name);
        assertThat(doc.at("/space/name").asText()).isEqualTo("SLA Globex Corp");
    }

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cli = SlaflowCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
