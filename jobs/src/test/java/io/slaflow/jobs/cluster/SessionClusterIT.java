package io.slaflow.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 13: the fat jar on a real Flink session cluster (a JobManager and a TaskManager, separate processes
 * with working directories of their own), submitted as {@code flink run} does, with a policy whose holidays come
 * from an iCal file. The policy is named relative to the submitting process's folder, where its {@code holidays/}
 * folder is; the task manager has neither. The job used to re-read the policy's files on the task manager and fail
 * there ({@code iCal file 'holidays/h.ics' not found}); now the version travels with its holidays inlined, and the
 * holiday moves the deadline.
 */
class SessionClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target/slaflow.jar");
    private static FlinkSessionCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Path home = Path.of("target/it-flink-session-" + ProcessHandle.current().pid())
                .toAbsolutePath();
        cluster = FlinkSessionCluster.start(home, Path.of("../infra/flink/config.yaml"), Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void aPolicyWithICalHolidaysRunsOnTheClusterWithoutItsFiles() throws Exception {
        assertThat(JAR)
                .as("built by the package phase before the integration tests")
                .exists();
        Path submitter = Files.createDirectories(cluster.workingDir("submitter"));
        Files.createDirectories(submitter.resolve("holidays"));
        // Tuesday 17 November 2026 is a holiday of the unlisted clients' business hours (UTC, 09:00-17:00)
        Files.writeString(
                submitter.resolve("holidays/h.ics"),
                String.join(
                        "\r\n",
                        "BEGIN:VCALENDAR",
                        "VERSION:2.0",
                        "BEGIN:VEVENT",
                        "UID:h@test",
                        "DTSTART;VALUE=DATE:20261117",
                        "SUMMARY:Company holiday",
                        "END:VEVENT",
                        "END:VCALENDAR",
                        ""));
        String policy = Files.readString(Path.of("../infra/policies/default.yaml"))
                .replace(
                        "      mon-fri: \"09:00-17:00\"\n",
                        "      mon-fri: \"09:00-17:00\"\n    holidays:\n      ical: [holidays/h.ics]\n");
        assertThat(policy).contains("ical: [holidays/h.ics]");
        Files.writeString(submitter.resolve("policy.yaml"), policy);
        List<String> events = new ArrayList<>();
        // a P3 ticket on Monday 15:00: 4 business hours are Monday 15-17 and, past the holiday, Wednesday 09-11
        events.add("{\"eventId\":\"e1\",\"ticketId\":\"P3-HOLIDAY\",\"clientId\":\"walk-in\",\"type\":\"CREATED\","
                + "\"occurredAt\":\"2026-11-16T15:00:00Z\",\"source\":\"email\",\"subject\":\"Printer out of toner\"}");
        events.add("{\"eventId\":\"e2\",\"ticketId\":\"LATER\",\"clientId\":\"walk-in\",\"type\":\"CREATED\","
                + "\"occurredAt\":\"2026-11-24T12:00:00Z\",\"source\":\"email\",\"subject\":\"Printer out of toner\"}");
        Files.write(submitter.resolve("events.jsonl"), events);

        int exit = cluster.flinkRun(
                submitter,
                JAR,
                List.of(
                        "replay",
                        "--events",
                        "events.jsonl",
                        "--out",
                        "out",
                        "--policy",
                        "policy.yaml",
                        "--parallelism",
                        "1"),
                Duration.ofMinutes(3));

        assertThat(exit)
                .as("flink run exit code; its output:%n%s", cluster.clientOutput())
                .isZero();
        assertThat(Files.readString(cluster.log("taskmanager")))
                .as("the job ran on the task manager")
                .contains("enforce SLAs")
                .doesNotContain("not found (looked at");
        Path out = submitter.resolve("out");
        JsonNode response = outcome(out, "P3-HOLIDAY", "RESPONSE");
        assertThat(response.get("tier").asText()).isEqualTo("P3");
        assertThat(response.get("deadline").asText())
                .as("the holiday from the iCal file is skipped")
                .isEqualTo("2026-11-18T11:00:00Z");
        assertThat(Files.readString(out.resolve("breaches.jsonl"))).contains("\"firedAt\":\"2026-11-18T11:00:00Z\"");
        // the reports landed where the submitter's relative --out points, not in the task manager's folder
        assertThat(out.resolve("reports/walk-in/2026-W47.json")).exists();
        assertThat(cluster.workingDir("taskmanager").resolve("out")).doesNotExist();
    }

    private static JsonNode outcome(Path out, String ticket, String metric) throws Exception {
        for (String line : Files.readAllLines(out.resolve("outcomes.jsonl"))) {
            JsonNode o = JSON.readTree(line);
            if (o.get("ticketId").asText().equals(ticket)
                    && o.get("metric").asText().equals(metric)) return o;
        }
        throw new AssertionError("no " + metric + " outcome for " + ticket + " in " + out);
    }
}
