package io.slaflow.jobs.replay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
 * <p>
 * In bounded memory whatever the number of lines (issue 25): each file's lines go into an {@link ExternalSort}, and
 * when the lines held by all of them pass one shared budget, the sort holding most writes its lines as a sorted run
 * under {@value #WORK_DIR} (removed by {@link #close}, whether the files were written or not). When everything fits,
 * nothing touches the disk. The per-id files keep one line per id through the order itself: the line to keep sorts
 * first among its id's, and the others are dropped as lines arrive (memory holds one per id, as the maps did) and
 * as the runs are merged. The summary's counts are
 * taken as lines arrive, and its adherence table as the final outcomes are written.
 * <p>
 * Ties are broken by arrival (the order {@link ReplayPartsSink#readAll} hands the lines over), numbered as they
 * come, so the files are the ones the former in-memory lists and maps wrote: a stable sort for the lists, and for the
 * maps the line their merge rule kept.
 */
final class ReplayFiles implements AutoCloseable {
    /** Where runs are written when the lines do not fit the budget, in the output folder. */
    static final String WORK_DIR = ".assemble";
    /** A line held costs more than its text: the line and its number (objects, fields, the list's slot). */
    static final int LINE_OVERHEAD_BYTES = 96;
    /** And each of its strings: header, array header, the reference to it. */
    static final int STRING_OVERHEAD_BYTES = 40;

    /** A line and when it arrived: the tie-break every order ends with. */
    record Numbered(long seq, ReplayLine line) {}

    private static final Comparator<Numbered> BY_ARRIVAL = Comparator.comparingLong(Numbered::seq);
    /** Alerts, escalations, chains (by detectedAt), dead letters (by input line): time then id, then arrival. */
    static final Comparator<Numbered> BY_TIME_THEN_ID = Comparator.<Numbered>comparingLong(n -> n.line().time)
            .thenComparing(n -> n.line().id)
            .thenComparing(BY_ARRIVAL);

    private static final Comparator<Numbered> BY_ID = Comparator.comparing(n -> n.line().id);
    /** An outcome per id: the highest revision; among equal ones, the first to arrive. */
    static final Comparator<Numbered> OUTCOMES = BY_ID.thenComparing(
                    Comparator.<Numbered>comparingInt(n -> n.line().revision).reversed())
            .thenComparing(BY_ARRIVAL);
    /** Adherence figures per document id: the latest; at the same time, the last to arrive. */
    static final Comparator<Numbered> ADHERENCE = BY_ID.thenComparing(
                    Comparator.<Numbered>comparingLong(n -> n.line().time).reversed())
            .thenComparing(BY_ARRIVAL.reversed());
    /** A ticket's subject as it was created: the earliest view (then the smallest JSON; then the first to arrive). */
    static final Comparator<Numbered> TICKETS = BY_ID.thenComparingLong(n -> n.line().time)
            .thenComparing(n -> n.line().json)
            .thenComparing(BY_ARRIVAL);

    private final Path dir;
    private final long budgetBytes;
    private final ExternalSort<Numbered> warnings;
    private final ExternalSort<Numbered> breaches;
    private final ExternalSort<Numbered> escalations;
    private final ExternalSort<Numbered> deadLetters;
    private final ExternalSort<Numbered> chains;
    private final ExternalSort<Numbered> outcomes;
    private final ExternalSort<Numbered> adherence;
    private final ExternalSort<Numbered> tickets;
    private final List<ExternalSort<Numbered>> all;
    private long arrived;
    private long warningCount, breachCount, escalationCount, deadLetterCount, byEnforcer;
    private final Map<String, Long> byReason = new TreeMap<>();

    /** @param budgetBytes the most bytes of lines held in memory at once, by all the files together */
    ReplayFiles(Path dir, long budgetBytes) {
        this.dir = dir;
        this.budgetBytes = budgetBytes;
        Path work = dir.resolve(WORK_DIR);
        warnings = new ExternalSort<>(work, "warnings", BY_TIME_THEN_ID, RUN_FORMAT, null);
        breaches = new ExternalSort<>(work, "breaches", BY_TIME_THEN_ID, RUN_FORMAT, null);
        escalations = new ExternalSort<>(work, "escalations", BY_TIME_THEN_ID, RUN_FORMAT, null);
        deadLetters = new ExternalSort<>(work, "dead-letters", BY_TIME_THEN_ID, RUN_FORMAT, null);
        chains = new ExternalSort<>(work, "chains", BY_TIME_THEN_ID, RUN_FORMAT, null);
        outcomes = new ExternalSort<>(work, "outcomes", OUTCOMES, RUN_FORMAT, BY_ID_KEY);
        adherence = new ExternalSort<>(work, "adherence", ADHERENCE, RUN_FORMAT, BY_ID_KEY);
        tickets = new ExternalSort<>(work, "tickets", TICKETS, RUN_FORMAT, BY_ID_KEY);
        all = List.of(warnings, breaches, escalations, deadLetters, chains, outcomes, adherence, tickets);
    }

    /** Replay's budget: an eighth of the heap, as the sort before the job has (the job is over when the files are written). */
    static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    /** The per-id files keep one line per id. */
    private static final java.util.function.Function<Numbered, String> BY_ID_KEY = n -> n.line().id;

    void accept(ReplayLine l) {
        if (l.json == null) {
            l.json = l.jsonText();
            l.jsonBytes = null;
        }
        ExternalSort<Numbered> into = switch (l.kind) {
            case WARNING -> {
                warningCount++;
                yield warnings;
            }
            case BREACH -> {
                breachCount++;
                yield breaches;
            }
            case ESCALATION -> {
                escalationCount++;
                yield escalations;
            }
            case DEAD_LETTER -> {
                deadLetterCount++;
                byReason.merge(l.reason, 1L, Long::sum);
                if (BY_ENFORCER.contains(l.reason)) byEnforcer++;
                yield deadLetters;
            }
            case CHAIN -> chains;
            case OUTCOME -> outcomes;
            case ADHERENCE -> adherence;
            case TICKET -> tickets;
        };
        long cost = cost(l);
        try {
            makeRoomFor(cost);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        into.add(new Numbered(arrived++, l), cost);
    }

    /** Spills the biggest holders until the line fits the budget (or nothing is held: one line always fits). */
    private void makeRoomFor(long cost) throws IOException {
        while (true) {
            long held = 0;
            ExternalSort<Numbered> biggest = null;
            for (ExternalSort<Numbered> s : all) {
                held += s.held();
                if (s.holdsAny() && (biggest == null || s.held() > biggest.held())) biggest = s;
            }
            if (biggest == null || held + cost <= budgetBytes) return;
            biggest.spill();
        }
    }

    private static long cost(ReplayLine l) {
        return LINE_OVERHEAD_BYTES
                + cost(l.id)
                + cost(l.json)
                + cost(l.clientId)
                + cost(l.tier)
                + cost(l.metric)
                + cost(l.outcome)
                + cost(l.reason);
    }

    private static long cost(String s) {
        return s == null ? 0 : STRING_OVERHEAD_BYTES + s.length();
    }

    /** Runs written so far, by all the files (0: it all fitted in memory). */
    int spilledRuns() {
        return all.stream().mapToInt(ExternalSort::spilledRuns).sum();
    }

    ReplayResult write(
            Instant asOf,
            InputScan scan,
            String policyVersion,
            String input,
            Duration took,
            long applied,
            long duplicates,
            io.slaflow.enforce.EnforcerSettings settings)
            throws IOException {
        Files.createDirectories(dir);
        writeLines("warnings.jsonl", warnings, l -> {});
        writeLines("breaches.jsonl", breaches, l -> {});
        writeLines("escalations.jsonl", escalations, l -> {});
        writeLines("dead-letters.jsonl", deadLetters, l -> {});
        writeLines("chains.jsonl", chains, l -> {}); // by detectedAt, then id
        AdherenceTable table = new AdherenceTable();
        long[] finalOutcomes = {0};
        writeLines("outcomes.jsonl", outcomes, l -> {
            table.add(l);
            finalOutcomes[0]++;
        });
        writeLines("adherence.jsonl", adherence, l -> {});
        writeLines("tickets.jsonl", tickets, l -> {});

        ReplayResult result = new ReplayResult(
                asOf,
                scan.lines,
                scan.validEvents,
                scan.afterAsOf,
                warningCount,
                breachCount,
                escalationCount,
                deadLetterCount,
                byReason,
                finalOutcomes[0],
                took,
                scan.blankLines,
                deadLetterCount - byEnforcer,
                byEnforcer,
                applied,
                duplicates);
        writeSummary(result, policyVersion, input, table, scan, settings);
        return result;
    }

    private void writeLines(String name, ExternalSort<Numbered> lines, java.util.function.Consumer<ReplayLine> written)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
            lines.drain(n -> {
                w.write(n.line().json);
                w.write('\n');
                written.accept(n.line());
            });
        }
    }

    /** Removes the runs and their folder, whether the files were written or not. */
    @Override
    public void close() throws IOException {
        for (ExternalSort<Numbered> s : all) s.close();
        Path work = dir.resolve(WORK_DIR);
        if (!Files.exists(work)) return;
        try (var paths = Files.walk(work)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A line in a run: its number and every field of it (the strings length-prefixed UTF-8, -1 for none). */
    static final ExternalSort.RunFormat<Numbered> RUN_FORMAT = new ExternalSort.RunFormat<>() {
        private final ReplayLine.Kind[] kinds = ReplayLine.Kind.values();

        @Override
        public void write(DataOutputStream out, Numbered n) throws IOException {
            ReplayLine l = n.line();
            out.writeLong(n.seq());
            out.writeByte(l.kind.ordinal());
            out.writeLong(l.time);
            string(out, l.id);
            out.writeInt(l.revision);
            string(out, l.clientId);
            string(out, l.tier);
            string(out, l.metric);
            string(out, l.outcome);
            out.writeBoolean(l.unlistedClient);
            string(out, l.reason);
            string(out, l.json);
        }

        @Override
        public Numbered read(DataInputStream in) throws IOException {
            long seq = in.readLong();
            ReplayLine l = new ReplayLine();
            l.kind = kinds[in.readByte()];
            l.time = in.readLong();
            l.id = string(in);
            l.revision = in.readInt();
            l.clientId = string(in);
            l.tier = string(in);
            l.metric = string(in);
            l.outcome = string(in);
            l.unlistedClient = in.readBoolean();
            l.reason = string(in);
            l.json = string(in);
            return new Numbered(seq, l);
        }

        private void string(DataOutputStream out, String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        private String string(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length < 0) return null;
            byte[] b = new byte[length];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    };

    /** The reasons the enforcer gives to valid events; every other dead letter of a replay is a refused line. */
    private static final java.util.Set<String> BY_ENFORCER = java.util.Set.of("UNKNOWN_TICKET", "LATE", "CONFLICT");

    private void writeSummary(
            ReplayResult r,
            String policyVersion,
            String input,
            AdherenceTable table,
            InputScan scan,
            io.slaflow.enforce.EnforcerSettings settings)
            throws IOException {
        try (JsonGenerator g =
                new JsonFactory().createGenerator(dir.resolve("summary.json").toFile(), JsonEncoding.UTF8)) {
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
                g.writeStringField(
                        "from", Instant.ofEpochMilli(scan.window.fromMs()).toString());
                g.writeStringField(
                        "to", Instant.ofEpochMilli(scan.window.toMs()).toString());
                g.writeNumberField("outliers", scan.outliers);
                g.writeEndObject();
            }
            g.writeStringField(
                    "closedGrace", Duration.ofMillis(settings.closedGraceMs()).toString());
            g.writeStringField(
                    "resolvedRetention",
                    Duration.ofMillis(settings.resolvedRetentionMs()).toString());
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
