package io.slaflow.report;

import static io.slaflow.json.JsonBytes.instant;

import com.fasterxml.jackson.core.JsonGenerator;
import io.slaflow.json.JsonBytes;
import io.slaflow.report.PeriodFigures.EscalationLine;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical list of evidence records a report counted, and its SHA-256 digest. Canonical: one JSON object per
 * record with a fixed field order, outcomes (the target versions counted) first, then breaches, escalations and chain
 * alerts, each sorted by id, written as one compact JSON array in UTF-8. Ticket subjects are not evidence (no figure
 * rests on them, a ticketing system may edit them, and a replay's record files do not hold them), so the digest does
 * not cover them. Anyone holding the records can recompute the
 * digest; {@code slaflow report verify} does, and recomputes every figure from them.
 */
public final class ReportEvidence {
    public static final String ALGORITHM = "SHA-256";

    private ReportEvidence() {}

    /** The evidence records of a period's figures, canonical order. */
    public static List<byte[]> records(PeriodFigures f) {
        List<byte[]> out = new ArrayList<>();
        List<OutcomeUpdate> outcomes = new ArrayList<>(f.counted());
        outcomes.sort(Comparator.comparing(OutcomeUpdate::key));
        for (OutcomeUpdate u : outcomes) out.add(JsonBytes.write(g -> outcome(g, u)));
        List<SlaAlert> breaches = new ArrayList<>(f.breachRecords());
        breaches.sort(Comparator.comparing(SlaAlert::id));
        for (SlaAlert a : breaches) out.add(JsonBytes.write(g -> breach(g, a)));
        Map<String, EscalationLine> escalations = new LinkedHashMap<>();
        for (EscalationLine x : f.escalations()) escalations.put(x.id(), x);
        for (PeriodFigures.BreachedTarget b : f.breaches())
            for (EscalationLine x : b.escalations()) escalations.put(x.id(), x);
        List<EscalationLine> xs = new ArrayList<>(escalations.values());
        xs.sort(Comparator.comparing(EscalationLine::id));
        for (EscalationLine x : xs) out.add(JsonBytes.write(g -> escalation(g, x)));
        List<ReportInput.ChainNote> chains = new ArrayList<>(f.chains());
        chains.sort(Comparator.comparing(ReportInput.ChainNote::id));
        for (ReportInput.ChainNote c : chains) out.add(JsonBytes.write(g -> chain(g, c)));
        return out;
    }

    /** The canonical bytes: {@code [record,record,...]}. */
    public static byte[] canonical(List<byte[]> records) {
        int size = 2;
        for (byte[] r : records) size += r.length + 1;
        byte[] out = new byte[size];
        int i = 0;
        out[i++] = '[';
        for (int k = 0; k < records.size(); k++) {
            if (k > 0) out[i++] = ',';
            System.arraycopy(records.get(k), 0, out, i, records.get(k).length);
            i += records.get(k).length;
        }
        out[i++] = ']';
        return java.util.Arrays.copyOf(out, i);
    }

    public static String digest(List<byte[]> records) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(ALGORITHM).digest(canonical(records)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    public static String digest(PeriodFigures f) {
        return digest(records(f));
    }

    static void outcome(JsonGenerator g, OutcomeUpdate u) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "OUTCOME");
        g.writeStringField("id", u.key());
        g.writeStringField("ticketId", u.ticketId());
        g.writeStringField("metric", u.metric().name());
        g.writeStringField("tier", u.tier());
        g.writeNumberField("revision", u.revision());
        instant(g, "startedAt", u.startedAt());
        instant(g, "deadline", u.deadline());
        g.writeStringField("outcome", u.outcome().name());
        instant(g, "completedAt", u.completedAt());
        instant(g, "breachedAt", u.breachedAt());
        // the clock's count: what a breach row's paused time is computed from (null when the record has none)
        if (u.countedMs() < 0) g.writeNullField("countedMs");
        else g.writeNumberField("countedMs", u.countedMs());
        instant(g, "countingSince", u.countingSince());
        // the target as counted time, what late by is counted beyond; absent when not known (records of earlier
        // versions), so their evidence and its digest read as they were written
        if (u.knowsBudget()) g.writeNumberField("budgetMs", u.budgetMs());
        g.writeEndObject();
    }

    static void breach(JsonGenerator g, SlaAlert a) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "BREACH");
        g.writeStringField("id", a.id());
        g.writeStringField("ticketId", a.ticketId());
        g.writeStringField("metric", a.metric().name());
        g.writeStringField("tier", a.tier());
        instant(g, "deadline", a.deadline());
        instant(g, "firedAt", a.firedAt());
        g.writeEndObject();
    }

    static void escalation(JsonGenerator g, EscalationLine x) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "ESCALATION");
        g.writeStringField("id", x.id());
        g.writeStringField("ticketId", x.ticketId());
        g.writeStringField("metric", x.metric().name());
        g.writeStringField("tier", x.tier());
        g.writeNumberField("level", x.level());
        g.writeStringField("role", x.role());
        g.writeStringField("to", x.to());
        instant(g, "breachedAt", x.breachedAt());
        instant(g, "firedAt", x.firedAt());
        g.writeEndObject();
    }

    static void chain(JsonGenerator g, ReportInput.ChainNote c) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "CHAIN");
        g.writeStringField("id", c.id());
        instant(g, "firedAt", c.firedAt());
        g.writeStringField("description", c.description());
        g.writeEndObject();
    }

    /** The bytes of one record as text (for the report JSON, which embeds the records as they are hashed). */
    public static String text(byte[] record) {
        return new String(record, StandardCharsets.UTF_8);
    }
}
