package io.slaflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.adherence.TargetContribution;
import io.slaflow.policy.Metric;
import io.slaflow.report.PeriodFigures;
import io.slaflow.report.ReportAccumulator;
import io.slaflow.report.ReportClient;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportEvidence;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportJson;
import io.slaflow.report.ReportPeriod;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code slaflow report verify}: checks a report against its evidence and against the records it came from.
 * <ol>
 *   <li>The evidence list in the report hashes to the digest it states (nothing was added, removed or edited).</li>
 *   <li>Every figure recomputed from that evidence with the code that made the report equals the figure stated; a
 *       difference names the figure and the records that make it up.</li>
 *   <li>Every evidence record is in the source (a replay's folder or Elasticsearch) as counted, and every record of the
 *       source that belongs in the period is in the evidence. A target the source holds in a later revision changed
 *       after the report closed: the report is not wrong, a later report states the correction.</li>
 * </ol>
 */
public final class ReportVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param differences what does not match, each line naming a figure or a record; empty for a MATCH */
    public record Result(String reportId, int records, String digest, List<String> differences, List<String> notes) {
        public boolean match() {
            return differences.isEmpty();
        }
    }

    private ReportVerifier() {}

    public static Result verify(byte[] reportJson, ReportDirectory directory, ReplayRecords source, String sourceName)
            throws IOException {
        JsonNode report = JSON.readTree(reportJson);
        String clientId = report.path("clientId").asText();
        ReportClient client = directory.client(clientId);
        ReportPeriod period = ReportPeriod.parse(report.path("label").asText(), client.zone());
        List<String> diffs = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        // 1. the evidence list as stated, rebuilt from its parsed content, hashes to the stated digest
        JsonNode evidence = report.path("evidence");
        List<OutcomeUpdate> outcomes = new ArrayList<>();
        List<ReportInput> facts = new ArrayList<>();
        for (JsonNode r : evidence.path("records")) {
            switch (r.path("kind").asText()) {
                case "OUTCOME" -> outcomes.add(outcome(r, clientId));
                case "BREACH" -> facts.add(ReportInput.of(breach(r, clientId)));
                case "ESCALATION" -> facts.add(ReportInput.of(escalation(r, clientId)));
                case "CHAIN" ->
                    facts.add(ReportInput.of(new ReportInput.ChainNote(
                            r.path("id").asText(),
                            clientId,
                            ms(r, "firedAt"),
                            r.path("description").asText(null))));
                default ->
                    diffs.add("evidence record of unknown kind: "
                            + r.path("kind").asText() + " " + r.path("id").asText());
            }
        }
        double goal = report.path("goalPercent").asDouble(95.0);
        PeriodFigures recomputed =
                ReportAccumulator.figures(client, directory.clocks(clientId), period, goal, outcomes, facts);
        String digest = ReportEvidence.digest(recomputed);
        String stated = evidence.path("digest").asText();
        if (!digest.equals(stated)) {
            diffs.add("evidence digest: the report states " + stated + ", its "
                    + evidence.path("records").size() + " records give " + digest
                    + " (a record was added, removed or changed in the JSON)");
        }
        if (evidence.path("count").asInt(-1) != evidence.path("records").size()) {
            diffs.add("evidence count: the report states "
                    + evidence.path("count").asInt() + " records and lists "
                    + evidence.path("records").size());
        }

        // 2. every figure recomputed from the evidence
        JsonNode figures = JSON.readTree(ReportJson.figuresJson(recomputed)).path("figures");
        compare("figures", report.path("figures"), figures, diffs, recomputed);

        // 3. the evidence against the source
        if (source != null) checkSource(period, outcomes, facts, source, sourceName, diffs, notes);
        return new Result(report.path("id").asText(), evidence.path("records").size(), stated, diffs, notes);
    }

    private static void compare(String path, JsonNode stated, JsonNode computed, List<String> diffs, PeriodFigures f) {
        if (stated.equals(computed)) return;
        // a breach row's subject is descriptive outside text, not a figure: the evidence does not hold it
        if (path.matches("figures\\.breaches\\[\\d+]\\.subject")) return;
        if (stated.isObject() && computed.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            stated.fieldNames().forEachRemaining(names::add);
            computed.fieldNames().forEachRemaining(names::add);
            for (String n : names) compare(path + "." + n, stated.path(n), computed.path(n), diffs, f);
            return;
        }
        if (stated.isArray() && computed.isArray() && stated.size() == computed.size()) {
            for (int i = 0; i < stated.size(); i++)
                compare(path + "[" + i + "]", stated.get(i), computed.get(i), diffs, f);
            return;
        }
        diffs.add(path + ": the report says " + text(stated) + ", its evidence gives " + text(computed)
                + explain(path, f));
    }

    /** The records behind a figure: the row's targets, or every decided one for a total. */
    private static String explain(String path, PeriodFigures f) {
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("figures\\.targets\\[(\\d+)]\\..*")
                .matcher(path);
        if (row.matches() && Integer.parseInt(row.group(1)) < f.rows().size()) {
            PeriodFigures.TierMetricFigures r = f.rows().get(Integer.parseInt(row.group(1)));
            for (OutcomeUpdate u : f.counted())
                if (u.tier().equals(r.tier()) && u.metric() == r.metric()) ids.add(u.key());
            return ids.isEmpty()
                    ? ""
                    : " (" + r.tier() + " " + r.metric().name().toLowerCase(java.util.Locale.ROOT) + " records: "
                            + abbreviate(ids) + ")";
        }
        if (path.equals("figures.met")
                || path.equals("figures.breached")
                || path.equals("figures.decided")
                || path.equals("figures.adherencePercent")) {
            for (OutcomeUpdate u : f.counted()) if (TargetContribution.of(u).decided() != null) ids.add(u.key());
            return " (decided targets: " + abbreviate(ids) + ")";
        }
        return "";
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 12
                ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 12)) + " and " + (ids.size() - 12) + " more";
    }

    private static void checkSource(
            ReportPeriod period,
            List<OutcomeUpdate> outcomes,
            List<ReportInput> facts,
            ReplayRecords source,
            String sourceName,
            List<String> diffs,
            List<String> notes) {
        Map<String, OutcomeUpdate> inSource = new HashMap<>();
        for (OutcomeUpdate u : source.outcomes)
            inSource.merge(u.key(), u, (a, b) -> b.revision() > a.revision() ? b : a);
        Set<String> counted = new LinkedHashSet<>();
        for (OutcomeUpdate e : outcomes) {
            counted.add(e.key());
            OutcomeUpdate s = inSource.get(e.key());
            if (s == null) {
                diffs.add("record " + e.key() + " (revision " + e.revision() + ") is counted by the report but not in "
                        + sourceName);
            } else if (s.revision() < e.revision()) {
                diffs.add("record " + e.key() + ": the report counts revision " + e.revision() + ", " + sourceName
                        + " holds only revision " + s.revision());
            } else if (s.revision() == e.revision() && !sameOutcome(s, e)) {
                diffs.add("record " + e.key() + " revision " + e.revision() + " differs from " + sourceName
                        + ": report " + describe(e) + ", source " + describe(s));
            } else if (s.revision() > e.revision()) {
                notes.add("record " + e.key() + " changed after the report closed (revision " + e.revision() + " → "
                        + s.revision() + "): a later report states it as a correction");
            }
        }
        for (OutcomeUpdate s : inSource.values()) {
            if (counted.contains(s.key())) continue;
            TargetContribution c = TargetContribution.of(s);
            boolean belongs = (s.metric() == Metric.RESPONSE && period.contains(s.startedAt()))
                    || (c.decided() != null && period.contains(c.decidedAt()));
            if (belongs)
                diffs.add("record " + s.key() + " of " + sourceName + " counts in " + period.label() + " ("
                        + describe(s) + ") but is not in the report's evidence");
        }
        Map<String, ReportInput> sourceFacts = new HashMap<>();
        for (ReportInput in : source.events)
            if (in.ticket() == null) sourceFacts.put(factId(in), in); // subjects: no evidence
        Set<String> listed = new LinkedHashSet<>();
        for (ReportInput f : facts) {
            String id = factId(f);
            listed.add(id);
            ReportInput s = sourceFacts.get(id);
            if (s == null) diffs.add("record " + id + " is counted by the report but not in " + sourceName);
            else if (s.firedAt() != f.firedAt()) {
                diffs.add("record " + id + ": fired at " + Instant.ofEpochMilli(f.firedAt()) + " in the report, at "
                        + Instant.ofEpochMilli(s.firedAt()) + " in " + sourceName);
            }
        }
        for (ReportInput s : source.events) {
            if (s.ticket() == null
                    && !listed.contains(factId(s))
                    && period.contains(s.firedAt())
                    && (s.breach() != null || s.escalation() != null || s.chain() != null)) {
                diffs.add("record " + factId(s) + " of " + sourceName + " fired in " + period.label()
                        + " but is not in the report's evidence");
            }
        }
    }

    private static String factId(ReportInput in) {
        if (in.breach() != null) return in.breach().id();
        if (in.escalation() != null) return in.escalation().id();
        return in.chain().id();
    }

    private static boolean sameOutcome(OutcomeUpdate a, OutcomeUpdate b) {
        return a.tier().equals(b.tier())
                && a.startedAt() == b.startedAt()
                && a.deadline() == b.deadline()
                && a.outcome() == b.outcome()
                && a.completedAt() == b.completedAt()
                && a.breachedAt() == b.breachedAt();
    }

    private static String describe(OutcomeUpdate u) {
        return u.tier() + " " + u.outcome()
                + (u.completedAt() >= 0 ? " satisfied " + Instant.ofEpochMilli(u.completedAt()) : "")
                + (u.breachedAt() >= 0 ? " breached " + Instant.ofEpochMilli(u.breachedAt()) : "");
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() ? "nothing" : n.toString();
    }

    static OutcomeUpdate outcome(JsonNode r, String clientId) {
        return new OutcomeUpdate(
                r.path("ticketId").asText(),
                clientId,
                r.path("tier").asText(),
                Metric.valueOf(r.path("metric").asText()),
                ms(r, "startedAt"),
                ms(r, "deadline"),
                Outcome.valueOf(r.path("outcome").asText()),
                ms(r, "completedAt"),
                ms(r, "breachedAt"),
                null,
                null,
                false,
                r.path("revision").asInt(),
                ReplayRecords.counted(r),
                ms(r, "countingSince"),
                ReplayRecords.budget(r));
    }

    static SlaAlert breach(JsonNode r, String clientId) {
        return new SlaAlert(
                r.path("id").asText(),
                SlaAlert.Kind.BREACH,
                r.path("ticketId").asText(),
                clientId,
                r.path("tier").asText(),
                Metric.valueOf(r.path("metric").asText()),
                100,
                -1,
                ms(r, "deadline"),
                ms(r, "firedAt"),
                null,
                null,
                false);
    }

    static Escalation escalation(JsonNode r, String clientId) {
        return new Escalation(
                r.path("id").asText(),
                r.path("ticketId").asText(),
                clientId,
                r.path("tier").asText(),
                Metric.valueOf(r.path("metric").asText()),
                r.path("level").asInt(),
                r.path("role").asText(null),
                null,
                r.path("to").asText(null),
                ms(r, "breachedAt"),
                ms(r, "firedAt"),
                null,
                null,
                r.path("target").asText(null),
                ms(r, "deadline"),
                r.path("breachId").asText(null));
    }

    private static long ms(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? -1 : Instant.parse(v.asText()).toEpochMilli();
    }
}
