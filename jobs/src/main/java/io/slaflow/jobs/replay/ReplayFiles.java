package io.slaflow.jobs.replay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replay's audit files in {@code DIR}: {@code outcomes.jsonl} (the final standing of every ticket × metric),
 * {@code warnings.jsonl}, {@code breaches.jsonl}, {@code escalations.jsonl}, {@code chains.jsonl}, {@code dead-letters.jsonl},
 * {@code tickets.jsonl} (each ticket's subject, what breach rows name it by: one line per ticket, by ticket id) and
 * {@code summary.json} (adherence per client × tier × metric). Every file is sorted (alerts by time then id,
 * outcomes by ticket and metric, dead letters by input line), so the same input always gives byte-identical
 * files whatever the parallelism.
 */
final class ReplayFiles {
    private static final Comparator<ReplayLine> BY_TIME_THEN_ID =
            Comparator.<ReplayLine>comparingLong(l -> l.time).thenComparing(l -> l.id);

    private final Path dir;
    private final List<ReplayLine> warnings = new ArrayList<>();
    private final List<ReplayLine> breaches = new ArrayList<>();
    private final List<ReplayLine> escalations = new ArrayList<>();
    private final List<ReplayLine> deadLetters = new ArrayList<>();
    private final List<ReplayLine> chains = new ArrayList<>();
    private final Map<String, ReplayLine> outcomes = new HashMap<>();
    /** The latest figures per adherence document id (hourly buckets and rolling windows as of the as-of time). */
    private final Map<String, ReplayLine> adherence = new HashMap<>();
    /** Each ticket's subject as it was created (the earliest view; a ticket id created again later keeps the first). */
    private final Map<String, ReplayLine> tickets = new HashMap<>();

    ReplayFiles(Path dir) {
        this.dir = dir;
    }

    void accept(ReplayLine l) {
        switch (l.kind) {
            case WARNING -> warnings.add(l);
            case BREACH -> breaches.add(l);
            case ESCALATION -> escalations.add(l);
            case DEAD_LETTER -> deadLetters.add(l);
            case CHAIN -> chains.add(l);
            case OUTCOME -> outcomes.merge(l.id, l, (a, b) -> b.revision > a.revision ? b : a);
            case ADHERENCE -> adherence.merge(l.id, l, (a, b) -> b.time >= a.time ? b : a);
            case TICKET -> tickets.merge(l.id, l, (a, b) -> b.time < a.time || (b.time == a.time && b.json.compareTo(a.json) < 0) ? b : a);
        }
    }

    ReplayResult write(Instant asOf, InputScan scan, String policyVersion, String input, Duration took, long applied,
                       long duplicates, io.slaflow.enforce.EnforcerSettings settings) throws IOException {
        Files.createDirectories(dir);
        writeLines("warnings.jsonl", warnings, BY_TIME_THEN_ID);
        writeLines("breaches.jsonl", breaches, BY_TIME_THEN_ID);
        writeLines("escalations.jsonl", escalations, BY_TIME_THEN_ID);
        writeLines("dead-letters.jsonl", deadLetters, BY_TIME_THEN_ID);
        writeLines("chains.jsonl", chains, BY_TIME_THEN_ID); // by detectedAt, then id
        List<ReplayLine> finalOutcomes = new ArrayList<>(outcomes.values());
        writeLines("outcomes.jsonl", finalOutcomes, Comparator.comparing(l -> l.id));
        writeLines("adherence.jsonl", new ArrayList<>(adherence.values()), Comparator.comparing(l -> l.id));
        writeLines("tickets.jsonl", new ArrayList<>(tickets.values()), Comparator.comparing(l -> l.id));

        Map<String, Long> byReason = new TreeMap<>();
        deadLetters.forEach(d -> byReason.merge(d.reason, 1L, Long::sum));
        long byEnforcer = deadLetters.stream().filter(d -> BY_ENFORCER.contains(d.reason)).count();
        ReplayResult result = new ReplayResult(asOf, scan.lines, scan.validEvents, scan.afterAsOf, warnings.size(),
                breaches.size(), escalations.size(), deadLetters.size(), byReason, finalOutcomes.size(), took,
                scan.blankLines, deadLetters.size() - byEnforcer, byEnforcer, applied, duplicates);
        writeSummary(result, policyVersion, input, AdherenceTable.of(finalOutcomes), scan, settings);
        return result;
    }

    private void writeLines(String name, List<ReplayLine> lines, Comparator<ReplayLine> order) throws IOException {
        lines.sort(order);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
            for (ReplayLine l : lines) {
                w.write(l.json);
                w.write('\n');
            }
        }
    }

    /** The reasons the enforcer gives to valid events; every other dead letter of a replay is a refused line. */
    private static final java.util.Set<String> BY_ENFORCER = java.util.Set.of("UNKNOWN_TICKET", "LATE", "CONFLICT");

    private void writeSummary(ReplayResult r, String policyVersion, String input, AdherenceTable table, InputScan scan,
                              io.slaflow.enforce.EnforcerSettings settings) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(dir.resolve("summary.json").toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("input", input);
            g.writeStringField("asOf", r.asOf().toString());
            g.writeStringField("policyVersion", policyVersion);
            // every line accounted for: lines = blankLines + rejectedLines + validEvents, and
            // validEvents = eventsAfterAsOf + eventsApplied + duplicateEvents + enforcerDeadLetters
            g.writeNumberField("lines", r.lines());
            g.writeNumberField("blankLines", r.blankLines());
            g.writeNumberField("rejectedLines", r.rejectedLines());
            g.writeNumberField("validEvents", r.events());
            g.writeNumberField("eventsAfterAsOf", r.eventsAfterAsOf());
            g.writeNumberField("eventsApplied", r.eventsApplied());
            g.writeNumberField("duplicateEvents", r.duplicateEvents());
            g.writeNumberField("enforcerDeadLetters", r.enforcerDeadLetters());
            if (scan.window != null) {
                g.writeObjectFieldStart("eventTimeWindow");
                g.writeStringField("from", Instant.ofEpochMilli(scan.window.fromMs()).toString());
                g.writeStringField("to", Instant.ofEpochMilli(scan.window.toMs()).toString());
                g.writeNumberField("outliers", scan.outliers);
                g.writeEndObject();
            }
            g.writeStringField("closedGrace", Duration.ofMillis(settings.closedGraceMs()).toString());
            g.writeStringField("resolvedRetention", Duration.ofMillis(settings.resolvedRetentionMs()).toString());
            g.writeNumberField("warnings", r.warnings());
            g.writeNumberField("breaches", r.breaches());
            g.writeNumberField("escalations", r.escalations());
            g.writeNumberField("deadLetters", r.deadLetters());
            g.writeObjectFieldStart("deadLettersByReason");
            for (var e : r.deadLettersByReason().entrySet()) g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeNumberField("ticketTargets", r.outcomes());
            table.write(g);
            g.writeEndObject();
        }
    }
}
