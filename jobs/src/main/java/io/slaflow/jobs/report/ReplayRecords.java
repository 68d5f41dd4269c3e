package io.slaflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.policy.Metric;
import io.slaflow.report.ReportInput;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a replay's output folder back ({@code outcomes.jsonl}, {@code breaches.jsonl}, {@code escalations.jsonl}:
 * the JSON written by {@code SlaRecordJson}; {@code chains.jsonl}; {@code tickets.jsonl}, the subjects) for one client, so {@code slaflow report} can
 * rebuild a report and {@code slaflow report verify} can check one.
 */
public final class ReplayRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<OutcomeUpdate> outcomes = new ArrayList<>();
    public final List<ReportInput> events = new ArrayList<>();

    private ReplayRecords() {}

    /** Records read from elsewhere (Elasticsearch). */
    static ReplayRecords of(List<OutcomeUpdate> outcomes, List<ReportInput> events) {
        ReplayRecords r = new ReplayRecords();
        r.outcomes.addAll(outcomes);
        r.events.addAll(events);
        return r;
    }

    public static ReplayRecords read(Path dir, String clientId) throws IOException {
        ReplayRecords r = new ReplayRecords();
        Path outcomes = dir.resolve("outcomes.jsonl");
        if (!Files.isReadable(outcomes)) {
            throw new IOException(
                    "no outcomes.jsonl in " + dir + ": point --from at the --out folder of 'slaflow replay'");
        }
        forEach(outcomes, clientId, n -> r.outcomes.add(outcome(n)));
        forEach(dir.resolve("breaches.jsonl"), clientId, n -> {
            SlaAlert a = alert(n);
            if (a.kind() == SlaAlert.Kind.BREACH) r.events.add(ReportInput.of(a));
        });
        forEach(dir.resolve("escalations.jsonl"), clientId, n -> r.events.add(ReportInput.of(escalation(n))));
        forEach(dir.resolve("chains.jsonl"), clientId, n -> r.events.add(ReportInput.of(chain(n))));
        // the subjects breach rows show (a folder written before tickets.jsonl existed gives rows without one)
        forEach(dir.resolve("tickets.jsonl"), clientId, n -> r.events.add(ReportInput.of(TicketSubjects.note(n))));
        return r;
    }

    private interface LineHandler {
        void accept(JsonNode n) throws IOException;
    }

    private static void forEach(Path file, String clientId, LineHandler handler) throws IOException {
        if (!Files.exists(file)) return;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                // cheap pre-filter before parsing: most lines of a multi-client file are someone else's
                if (!line.contains(clientId)) continue;
                JsonNode n = JSON.readTree(line);
                if (clientId.equals(n.path("clientId").asText(null))) handler.accept(n);
            }
        }
    }

    static OutcomeUpdate outcome(JsonNode n) {
        return new OutcomeUpdate(
                n.path("ticketId").asText(),
                n.path("clientId").asText(),
                n.path("tier").asText(),
                Metric.valueOf(n.path("metric").asText()),
                ms(n, "startedAt"),
                ms(n, "deadline"),
                Outcome.valueOf(n.path("outcome").asText()),
                ms(n, "completedAt"),
                ms(n, "breachedAt"),
                n.path("rule").asText(null),
                n.path("policyVersion").asText(null),
                n.path("unlistedClient").asBoolean(),
                n.path("revision").asInt(),
                counted(n),
                ms(n, "countingSince"),
                budget(n));
    }

    /** The target as counted time, -1 in files written before it was recorded. */
    static long budget(JsonNode n) {
        JsonNode v = n.get("budgetMs");
        return v == null || v.isNull() ? -1 : v.asLong();
    }

    /** The clock's count, -1 in files written before it was recorded. */
    static long counted(JsonNode n) {
        JsonNode v = n.get("countedMs");
        return v == null || v.isNull() ? -1 : v.asLong();
    }

    static SlaAlert alert(JsonNode n) {
        return new SlaAlert(
                n.path("id").asText(),
                SlaAlert.Kind.valueOf(n.path("kind").asText()),
                n.path("ticketId").asText(),
                n.path("clientId").asText(),
                n.path("tier").asText(),
                Metric.valueOf(n.path("metric").asText()),
                n.path("percent").asInt(),
                ms(n, "startedAt"),
                ms(n, "deadline"),
                ms(n, "firedAt"),
                n.path("assignee").asText(null),
                n.path("policyVersion").asText(null),
                n.path("unlistedClient").asBoolean());
    }

    static Escalation escalation(JsonNode n) {
        return new Escalation(
                n.path("id").asText(),
                n.path("ticketId").asText(),
                n.path("clientId").asText(),
                n.path("tier").asText(),
                Metric.valueOf(n.path("metric").asText()),
                n.path("level").asInt(),
                n.path("role").asText(null),
                n.path("from").asText(null),
                n.path("to").asText(null),
                ms(n, "breachedAt"),
                ms(n, "firedAt"),
                n.path("reason").asText(null),
                n.path("policyVersion").asText(null),
                n.path("target").asText(null),
                ms(n, "deadline"),
                n.path("breachId").asText(null));
    }

    static ReportInput.ChainNote chain(JsonNode n) {
        return new ReportInput.ChainNote(
                n.path("id").asText(),
                n.path("clientId").asText(),
                ms(n, "detectedAt"),
                n.path("message").asText(null));
    }

    /** Whether the replay folder names the client at all (in any of its record files). */
    public boolean isEmpty() {
        return outcomes.isEmpty() && events.stream().allMatch(e -> e.ticket() != null);
    }

    private static long ms(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? -1 : Instant.parse(v.asText()).toEpochMilli();
    }
}
