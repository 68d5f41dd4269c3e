package io.slaflow.simulate;

import static io.slaflow.json.JsonBytes.instant;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import io.slaflow.simulate.Credits.ClientCredits;
import io.slaflow.simulate.Credits.MonthLine;
import io.slaflow.simulate.Credits.PolicyCredits;
import io.slaflow.simulate.SideBySide.Figures;
import io.slaflow.simulate.SideBySide.Row;
import io.slaflow.simulate.ThresholdSweep.Tally;
import io.slaflow.sla.ContractClock;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The simulation as JSON for tools: {@code proposal.json} (history, policies, the side-by-side figures and their
 * differences, the flip counts, the sweep, the credits) and {@code flips.jsonl} (one line per target that flips).
 * Instants are ISO-8601 UTC, counted times in milliseconds, adherence rounded to two decimals; the same simulation
 * always gives the same bytes (everything is sorted, nothing reads a clock).
 */
public final class SimulationJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private SimulationJson() {}

    public static void writeProposal(Simulation s, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            history(g, s);
            g.writeArrayFieldStart("policies");
            for (SimulatedPolicy p : s.policies()) {
                g.writeStartObject();
                g.writeStringField("label", p.label());
                g.writeStringField("version", p.policy().version());
                g.writeStringField("source", p.source());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tiers");
            for (Row r : s.sideBySide().tiers()) row(g, s, r);
            g.writeEndArray();
            g.writeFieldName("overall");
            row(g, s, s.sideBySide().overall());
            g.writeArrayFieldStart("clients");
            for (Row r : s.sideBySide().clients()) row(g, s, r);
            g.writeEndArray();
            g.writeArrayFieldStart("clientTargets");
            for (Row r : s.sideBySide().rows()) row(g, s, r);
            g.writeEndArray();
            flips(g, s);
            if (s.sweep() != null) sweep(g, s.sweep());
            credits(g, s);
            g.writeEndObject();
        }
    }

    /** One line per target that flips, in {@link Flips}' order. */
    public static void writeFlips(Simulation s, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (SimulatedTarget t : s.flips().targets()) {
                g.writeStartObject();
                g.writeStringField("ticketId", t.ticketId());
                g.writeStringField("clientId", t.clientId());
                g.writeStringField("metric", t.metric().name());
                instant(g, "createdAt", t.startedAt());
                g.writeArrayFieldStart("byPolicy");
                for (int p = 0; p < s.policies().size(); p++) {
                    standing(g, s, t, p);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    private static void history(JsonGenerator g, Simulation s) throws IOException {
        History h = s.history();
        g.writeObjectFieldStart("history");
        g.writeStringField("input", h.input());
        instant(g, "from", h.firstEventMs());
        instant(g, "asOf", h.asOfMs());
        g.writeNumberField("lines", h.lines());
        g.writeNumberField("validEvents", h.events());
        g.writeNumberField("tickets", s.tickets());
        g.writeNumberField("targets", s.targets().size());
        g.writeNumberField("clients", s.clients());
        g.writeObjectFieldStart("scope");
        g.writeArrayFieldStart("clients");
        for (String c : s.scope().clients()) g.writeString(c);
        g.writeEndArray();
        instant(
                g,
                "createdFrom",
                s.scope().fromMs() == Long.MIN_VALUE ? -1 : s.scope().fromMs());
        instant(
                g,
                "createdBefore",
                s.scope().toMs() == Long.MAX_VALUE ? -1 : s.scope().toMs());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void row(JsonGenerator g, Simulation s, Row r) throws IOException {
        g.writeStartObject();
        if (r.clientId() != null) g.writeStringField("clientId", r.clientId());
        if (r.tier() != null) g.writeStringField("tier", r.tier());
        if (r.metric() != null) g.writeStringField("metric", r.metric().name());
        g.writeArrayFieldStart("byPolicy");
        for (int p = 0; p < r.byPolicy().size(); p++) {
            Figures f = r.under(p);
            g.writeStartObject();
            g.writeStringField("policy", s.policies().get(p).label());
            if (r.tier() != null && r.metric() != null) {
                g.writeStringField(
                        "target", targetText(s.policies().get(p).policy(), r.tier(), r.clientId(), r.metric()));
            }
            g.writeNumberField("met", f.met());
            g.writeNumberField("breached", f.breached());
            g.writeNumberField("pending", f.pending());
            g.writeNumberField("decided", f.decided());
            percent(g, "adherencePercent", f.adherencePercent());
            g.writeNumberField("escalations", f.escalations());
            if (p > 0) {
                Figures c = r.under(0);
                g.writeObjectFieldStart("change");
                percent(g, "adherencePoints", r.adherenceChange(p));
                g.writeNumberField("met", f.met() - c.met());
                g.writeNumberField("breached", f.breached() - c.breached());
                g.writeNumberField("pending", f.pending() - c.pending());
                g.writeNumberField("escalations", f.escalations() - c.escalations());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void flips(JsonGenerator g, Simulation s) throws IOException {
        g.writeObjectFieldStart("flips");
        g.writeStringField("file", "flips.jsonl");
        g.writeArrayFieldStart("byCandidate");
        for (int p = 1; p < s.policies().size(); p++) {
            g.writeStartObject();
            g.writeStringField("policy", s.policies().get(p).label());
            g.writeNumberField("targets", s.flips().count(p));
            g.writeObjectFieldStart("directions");
            for (Map.Entry<Flips.Direction, Long> e : s.flips().directions(p).entrySet()) {
                g.writeNumberField(e.getKey().toString(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void sweep(JsonGenerator g, SweepResult r) throws IOException {
        g.writeObjectFieldStart("sweep");
        g.writeStringField("target", r.spec().label());
        g.writeStringField("goal", r.spec().goalText());
        g.writeStringField("current", r.currentTarget());
        g.writeStringField("unit", r.businessDays() ? "business days" : "counted time (ms), proposed in whole minutes");
        g.writeObjectFieldStart("population");
        g.writeNumberField("targets", r.population().total());
        g.writeNumberField("decidedByTheirCount", r.population().counted());
        g.writeNumberField("fixedBreached", r.population().fixedBreached());
        g.writeNumberField("approximate", r.population().approximate());
        g.writeArrayFieldStart("clientsWithTheirOwnTarget");
        for (String c : r.population().overriddenClients()) g.writeString(c);
        g.writeEndArray();
        g.writeEndObject();
        tally(g, "engineAtCurrent", r.engine());
        tally(g, "predictedAtCurrent", r.predictedAtCurrent());
        g.writeBooleanField("agreesWithEngine", r.agreesWithEngine());
        g.writeBooleanField("reachable", r.reachable());
        if (r.reachable()) {
            g.writeNumberField(r.businessDays() ? "exactBusinessDays" : "exactMs", r.exact());
            g.writeStringField("proposed", r.proposedTarget());
            tally(g, "atProposed", r.atProposed());
            if (r.tighterTarget() != null) {
                g.writeStringField("tighter", r.tighterTarget());
                tally(g, "atTighter", r.atTighter());
            }
        }
        tally(g, "loosest", r.loosest());
        g.writeEndObject();
    }

    private static void credits(JsonGenerator g, Simulation s) throws IOException {
        g.writeObjectFieldStart("credits");
        g.writeBooleanField("stated", s.credits().anyStated());
        if (!s.credits().anyStated()) {
            g.writeStringField(
                    "note",
                    "no policy states service-credit terms for these clients, so nothing is owed under any of them");
        }
        g.writeArrayFieldStart("totals");
        for (int p = 0; p < s.policies().size(); p++) {
            g.writeStartObject();
            g.writeStringField("policy", s.policies().get(p).label());
            g.writeObjectFieldStart("owed");
            for (Map.Entry<String, BigDecimal> e : s.credits().totalOwed(p).entrySet())
                g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
            if (p > 0) {
                g.writeObjectFieldStart("changeOwed");
                for (Map.Entry<String, BigDecimal> e :
                        s.credits().totalChange(p).entrySet()) g.writeNumberField(e.getKey(), e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("clients");
        for (ClientCredits c : s.credits().clients()) {
            if (c.byPolicy().stream().noneMatch(PolicyCredits::stated)) continue;
            g.writeStartObject();
            g.writeStringField("clientId", c.clientId());
            g.writeArrayFieldStart("byPolicy");
            for (int p = 0; p < c.byPolicy().size(); p++) {
                PolicyCredits pc = c.byPolicy().get(p);
                g.writeStartObject();
                g.writeStringField("policy", s.policies().get(p).label());
                g.writeBooleanField("stated", pc.stated());
                g.writeObjectFieldStart("owed");
                for (Map.Entry<String, BigDecimal> e : pc.owed().entrySet())
                    g.writeNumberField(e.getKey(), e.getValue());
                g.writeEndObject();
                if (p > 0) {
                    g.writeObjectFieldStart("changeOwed");
                    for (Map.Entry<String, BigDecimal> e : c.changeOwed(p).entrySet())
                        g.writeNumberField(e.getKey(), e.getValue());
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("months");
                for (MonthLine m : pc.months()) {
                    g.writeStartObject();
                    g.writeStringField("month", m.month().month().toString());
                    g.writeBooleanField("partial", m.month().partial());
                    if (m.credit() != null) {
                        g.writeNumberField("percentOwed", m.credit().percentOwed());
                        if (m.credit().amount() != null) {
                            g.writeNumberField("amount", m.credit().amount());
                            g.writeStringField("currency", m.credit().currency());
                        }
                        g.writeArrayFieldStart("missedTiers");
                        for (String t : m.credit().missedTiers()) g.writeString(t);
                        g.writeEndArray();
                        g.writeBooleanField("capped", m.credit().capped());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void standing(JsonGenerator g, Simulation s, SimulatedTarget t, int p) throws IOException {
        PolicyOutcome o = t.under(p);
        SimulatedPolicy policy = s.policies().get(p);
        g.writeStartObject();
        g.writeStringField("policy", policy.label());
        if (o == null) {
            g.writeNullField("outcome");
            g.writeEndObject();
            return;
        }
        g.writeStringField("tier", o.tier());
        g.writeStringField("target", targetText(policy.policy(), o.tier(), t.clientId(), t.metric()));
        g.writeStringField("outcome", o.outcome().name());
        instant(g, "deadline", o.deadline());
        instant(g, "satisfiedAt", o.completedAt());
        instant(g, "breachedAt", o.breachedAt());
        g.writeNumberField(
                "countedMs", counted(policy.policy(), t, o, s.history().asOfMs()));
        g.writeNumberField("escalations", o.escalations());
        g.writeEndObject();
    }

    /** Counted time on the target's clock under that policy: at its satisfaction, or up to the as-of time. */
    static long counted(SlaPolicy policy, SimulatedTarget t, PolicyOutcome o, long asOfMs) {
        if (!o.running()) return o.countedMs();
        return o.countedAt(asOfMs, ContractClock.of(policy, o.tier(), t.clientId(), t.metric()));
    }

    /** The target as the policy states it for the tier (and client, overrides applied; null: the tier's own). */
    static String targetText(SlaPolicy policy, String tier, String clientId, Metric metric) {
        TierPolicy t = clientId == null ? policy.tier(tier) : policy.effectiveTier(tier, policy.client(clientId));
        return t == null ? null : t.target(metric).text();
    }

    private static void tally(JsonGenerator g, String field, Tally t) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("met", t.met());
        g.writeNumberField("decided", t.decided());
        percent(g, "adherencePercent", t.adherencePercent());
        g.writeEndObject();
    }

    private static void percent(JsonGenerator g, String field, double p) throws IOException {
        if (Double.isNaN(p)) g.writeNullField(field);
        else g.writeNumberField(field, BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_UP));
    }
}
