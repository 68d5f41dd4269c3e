package io.slaflow.jobs.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adherence per client × tier × metric from final outcomes. The definitions (README, "Adherence"): a target is
 * decided when MET or BREACHED; adherence = met / decided; PENDING targets are counted but not in the ratio.
 */
final class AdherenceTable {
    static final class Cell {
        long met;
        long breached;
        long pending;
        boolean unlistedClient;

        long decided() {
            return met + breached;
        }
    }

    private final Map<String, Cell> cells = new TreeMap<>();
    private final Map<String, Cell> totalsByMetric = new TreeMap<>();
    private final Cell overall = new Cell();

    static AdherenceTable of(Collection<ReplayLine> outcomes) {
        AdherenceTable t = new AdherenceTable();
        outcomes.forEach(t::add);
        return t;
    }

    /**
     * Counts one final outcome. The table is a sum, in any order, so it can be taken as the outcomes are written one
     * by one: it holds a cell per client × tier × metric, never the outcomes.
     */
    void add(ReplayLine o) {
        Cell c = cells.computeIfAbsent(o.clientId + "\u0000" + o.tier + "\u0000" + o.metric, k -> new Cell());
        c.unlistedClient |= o.unlistedClient;
        count(c, o.outcome);
        count(totalsByMetric.computeIfAbsent(o.metric, k -> new Cell()), o.outcome);
        count(overall, o.outcome);
    }

    private static void count(Cell c, String outcome) {
        switch (outcome) {
            case "MET" -> c.met++;
            case "BREACHED" -> c.breached++;
            default -> c.pending++;
        }
    }

    void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("overall");
        writeCounts(g, overall);
        g.writeEndObject();
        g.writeObjectFieldStart("byMetric");
        for (var e : totalsByMetric.entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            writeCounts(g, e.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("adherence");
        for (var e : cells.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            g.writeStartObject();
            g.writeStringField("clientId", k[0]);
            g.writeStringField("tier", k[1]);
            g.writeStringField("metric", k[2]);
            if (e.getValue().unlistedClient) g.writeBooleanField("unlistedClient", true);
            writeCounts(g, e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeCounts(JsonGenerator g, Cell c) throws IOException {
        g.writeNumberField("met", c.met);
        g.writeNumberField("breached", c.breached);
        g.writeNumberField("pending", c.pending);
        g.writeNumberField("decided", c.decided());
        if (c.decided() == 0) {
            g.writeNullField("adherencePercent");
        } else {
            g.writeNumberField("adherencePercent", Math.round(10000.0 * c.met / c.decided()) / 100.0);
        }
    }
}
