package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.cli.SlaflowCli;
import io.slaflow.jobs.replay.ReplayJob;
import io.slaflow.jobs.replay.ReplayOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reports of a replayed history (three weeks, four clients in three time zones) come out of the stream, one
 * per client and completed period, and {@code slaflow report} regenerates the same report from the replay files.
 */
class ReplayReportsTest {
    static final Path POLICY = Path.of("../infra/policies/default.yaml");
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static Path out;

    @BeforeAll
    static void replay() throws Exception {
        Path events = dir.resolve("history.jsonl");
        int generated = new CommandLine(new SlaflowCli()).execute("generate", "--out", events.toString(), "--clients", "4",
                "--days", "17", "--tickets-per-client-per-day", "6", "--seed", "11");
        assertThat(generated).isZero();
        out = dir.resolve("replay");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new ReplayJob(new PrintStream(progress, true)).run(new ReplayOptions(events, POLICY, out, null, Duration.ofMinutes(5),
                EnforcerSettings.live(), 2, TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));
    }

    static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void everyClientGetsItsCompletedWeeksAndMonthsInItsOwnZone() throws Exception {
        List<String> files = files(out.resolve("reports"));
        for (String client : List.of("acme", "globex", "initech", "client-004")) {
            assertThat(files).as(client).contains(client + "/2026-W47.html", client + "/2026-W47.pdf", client + "/2026-W47.json",
                    client + "/2026-W48.json", client + "/2026-W47.delivery.json");
            assertThat(files).as("the history ends on 3 December: week 49 and December are not complete").doesNotContain(
                    client + "/2026-W49.json", client + "/2026-12.json");
        }
        // the history runs past 1 December in every zone: November is complete for all
        assertThat(files).contains("acme/2026-11.json", "globex/2026-11.json", "initech/2026-11.json");
        for (String client : List.of("acme", "globex", "initech")) {
            JsonNode w48 = JSON.readTree(out.resolve("reports/" + client + "/2026-W48.json").toFile());
            assertThat(w48.path("clientId").asText()).isEqualTo(client);
            assertThat(w48.path("previous").path("label").asText()).isEqualTo("2026-W47");
            assertThat(w48.path("figures").path("decided").asLong()).isPositive();
            for (JsonNode b : w48.path("figures").path("breaches")) {
                assertThat(b.path("evidence").toString()).contains(b.path("ticketId").asText());
            }
        }
        assertThat(JSON.readTree(out.resolve("reports/globex/2026-W47.json").toFile()).path("periodStart").asText())
                .isEqualTo("2026-11-15T16:00:00Z");
    }

    @Test
    void slaflowReportRegeneratesTheSameReportFromTheReplayFiles() throws Exception {
        Path regen = dir.resolve("regen");
        for (String[] c : List.of(new String[] {"initech", "--week", "2026-W48"}, new String[] {"globex", "--month", "2026-11"})) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            CommandLine cli = new CommandLine(new SlaflowCli());
            cli.setOut(new java.io.PrintWriter(stdout, true));
            int code = cli.execute("report", "--client", c[0], c[1], c[2], "--from", out.toString(), "--out", regen.toString(),
                    "--policy", POLICY.toString());
            assertThat(code).isZero();
            assertThat(stdout.toString()).contains("report " + c[0] + ":" + (c[1].equals("--week") ? "WEEK" : "MONTH") + ":" + c[2]);
            JsonNode streamed = JSON.readTree(out.resolve("reports/" + c[0] + "/" + c[2] + ".json").toFile());
            JsonNode regenerated = JSON.readTree(regen.resolve(c[0] + "/" + c[2] + ".json").toFile());
            assertThat(regenerated.path("figures")).isEqualTo(streamed.path("figures"));
            assertThat(regenerated.path("summary")).isEqualTo(streamed.path("summary"));
            assertThat(regen.resolve(c[0] + "/" + c[2] + ".pdf")).exists();
        }
    }

    @Test
    void anUnknownPeriodIsAUsageError() {
        CommandLine cli = new CommandLine(new SlaflowCli());
        cli.setErr(new java.io.PrintWriter(new ByteArrayOutputStream(), true));
        assertThat(cli.execute("report", "--client", "acme", "--week", "2026-W60", "--from", out.toString(),
                "--policy", POLICY.toString())).isEqualTo(2);
    }
}
