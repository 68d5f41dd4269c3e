package io.slaflow.jobs.simulate;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.slaflow.jobs.report.ReportPdf;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.TierPolicy;
import io.slaflow.simulate.Credits.ClientCredits;
import io.slaflow.simulate.Credits.PolicyCredits;
import io.slaflow.simulate.Flips;
import io.slaflow.simulate.PolicyOutcome;
import io.slaflow.simulate.SideBySide.Figures;
import io.slaflow.simulate.SideBySide.Row;
import io.slaflow.simulate.SimulatedPolicy;
import io.slaflow.simulate.SimulatedTarget;
import io.slaflow.simulate.Simulation;
import io.slaflow.simulate.SweepResult;
import io.slaflow.simulate.ThresholdSweep.Tally;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contract proposal in the client reports' look: a logic-less Mustache template ({@code proposal.mustache}, the
 * reports' stylesheet, A4 landscape with page numbers, the MSP's name) that escapes every value; this class only turns
 * the simulation into display strings. The PDF goes through the reports' PDF path with {@code proposal.json} attached.
 * No clock is read (times come from the history).
 */
public final class ProposalReport implements ProposalDocument {
    /** The flips shown in the document; {@code flips.jsonl} lists them all. */
    static final int FLIPS_SHOWN = 40;

    private static final Mustache TEMPLATE =
            new DefaultMustacheFactory("io/slaflow/jobs/simulate/").compile("proposal.mustache");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** The flips' times to the second: a deadline and the response it missed may lie in the same minute. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    @Override
    public String html(Simulation s) {
        return document(s, false);
    }

    @Override
    public byte[] pdf(Simulation s, byte[] json) {
        String xhtml = document(s, true);
        return ReportPdf.document(
                xhtml,
                s.history().asOfMs(),
                "proposal.json",
                json,
                "The proposal as JSON, for tools (the same figures as this document)",
                id(xhtml));
    }

    /** The PDF's document id: the first 16 bytes of the document's SHA-256, so the same simulation gives the same bytes. */
    private static byte[] id(String xhtml) {
        try {
            return Arrays.copyOf(
                    MessageDigest.getInstance("SHA-256").digest(xhtml.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Drops what XML 1.0 cannot carry (the PDF renderer parses the document as XML); Mustache escapes the rest. */
    static String clean(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000) {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    static String title(Simulation s) {
        return "Contract proposal: " + scopeName(s);
    }

    private String document(Simulation s, boolean forPdf) {
        StringWriter out = new StringWriter(32 * 1024);
        TEMPLATE.execute(out, model(s, forPdf));
        return out.toString();
    }

    /** The values the template shows, every one a plain string, boolean or list of such maps; Mustache escapes them. */
    static Map<String, Object> model(Simulation s, boolean forPdf) {
        ZoneId zone = zone(s);
        Map<String, Object> m = new HashMap<>();
        String msp = s.policies().get(0).policy().msp().name();
        m.put("title", clean(title(s)));
        m.put("footerLeft", css(title(s)));
        m.put("msp", msp == null || msp.isBlank() ? null : clean(msp));
        m.put("forPdf", forPdf);
        m.put("history", clean(historyLine(s, zone)));
        m.put("summary", clean(summary(s)));
        List<Map<String, Object>> policies = new ArrayList<>();
        for (SimulatedPolicy p : s.policies()) {
            policies.add(Map.of(
                    "label",
                    clean(p.label()),
                    "version",
                    clean(p.policy().version()),
                    "file",
                    clean(fileName(p.source()))));
        }
        m.put("policies", policies);
        List<Map<String, Object>> heads = new ArrayList<>();
        for (SimulatedPolicy p : s.policies()) heads.add(Map.of("label", clean(p.label())));
        m.put("policyHeads", heads);
        m.put("changeHeads", heads.subList(1, heads.size()));
        List<Map<String, Object>> tierRows = new ArrayList<>();
        for (Row r : s.sideBySide().tiers()) tierRows.add(row(s, r, false, false));
        tierRows.add(row(s, s.sideBySide().overall(), false, true));
        m.put("tierRows", tierRows);
        List<Map<String, Object>> clientRows = new ArrayList<>();
        for (Row r : s.sideBySide().clients()) clientRows.add(row(s, r, true, false));
        m.put("clientRows", clientRows);
        if (s.sweep() != null) m.put("sweep", sweep(s.sweep()));
        m.put("credits", credits(s));
        m.put("flips", flips(s, zone));
        m.put("zone", zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
        return m;
    }

    /** One row of figures per policy and the change under each candidate; per client without the target value. */
    private static Map<String, Object> row(Simulation s, Row r, boolean perClient, boolean total) {
        Map<String, Object> x = new HashMap<>();
        x.put("total", total);
        if (perClient) {
            x.put("client", clean(clientName(s, r.clientId())));
        } else {
            x.put("tier", r.tier() == null ? "All" : clean(r.tier()));
            x.put("metric", r.metric() == null ? "targets" : r.metric().name().toLowerCase(Locale.ROOT));
        }
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int p = 0; p < s.policies().size(); p++) {
            Figures f = r.under(p);
            Map<String, Object> c = new HashMap<>();
            c.put("target", perClient ? null : clean(target(s, p, r)));
            c.put("adherence", pct(f.adherencePercent()));
            c.put("met", count(f.met()));
            c.put("breached", count(f.breached()));
            c.put("pending", count(f.pending()));
            c.put("escalations", count(f.escalations()));
            cells.add(c);
        }
        x.put("cells", cells);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int p = 1; p < s.policies().size(); p++) {
            double c = r.adherenceChange(p);
            boolean none = Double.isNaN(c) || Math.abs(c) < 0.005;
            changes.add(Map.of(
                    "cls",
                    none ? "muted" : c > 0 ? "good" : "bad",
                    "text",
                    Double.isNaN(c) ? "-" : none ? "no change" : String.format(Locale.ROOT, "%+.2f pts", c)));
        }
        x.put("changes", changes);
        return x;
    }

    /** {@code P2 response}: the sweep's target as prose (the PDF would break {@code P2.response} at its dot). */
    private static String prose(io.slaflow.simulate.SweepSpec spec) {
        return spec.tier() + " " + spec.metric().name().toLowerCase(Locale.ROOT);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The client's name as the current policy lists it, with its id when they differ; the id for an unlisted client. */
    private static String clientName(Simulation s, String clientId) {
        ClientProfile c = s.policies().get(0).policy().client(clientId);
        return c.unlisted() || c.name() == null || c.name().equals(clientId)
                ? clientId
                : c.name() + " (" + clientId + ")";
    }

    /** A policy's file name without its folders: the proposal is read outside the MSP's machine. */
    private static String fileName(String source) {
        if (source == null) return "";
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(slash + 1);
    }

    /** Text for a CSS string (the page footer): no quote, backslash or line break can end it early. */
    private static String css(String text) {
        return clean(text).replace("\\", "").replace("\"", "'").replaceAll("[\\r\\n]", " ");
    }

    private static Map<String, Object> sweep(SweepResult r) {
        Map<String, Object> x = new HashMap<>();
        x.put(
                "heading",
                clean("The tightest " + prose(r.spec()) + " target that reaches "
                        + r.spec().goalText()));
        String text = r.reachable()
                ? r.proposedTarget() + " would have reached the goal on this history (" + tally(r.atProposed()) + ")"
                        + (r.tighterTarget() == null
                                ? ""
                                : "; " + r.tighterTarget() + " would not (" + tally(r.atTighter()) + ")")
                        + ". Today's target is " + r.currentTarget() + " (" + tally(r.engine()) + ")."
                : "No target reaches the goal on this history: even the loosest comes to " + tally(r.loosest())
                        + ". Today's target is " + r.currentTarget() + " (" + tally(r.engine()) + ").";
        text += " Computed from the time each of the " + r.population().total()
                + " targets counted on the contract's clock"
                + (r.businessDays()
                        ? ", in whole business days from each ticket's start."
                        : ", rounded up to the minute.");
        x.put("text", clean(text));
        x.put(
                "leftOut",
                r.population().overriddenClients().isEmpty()
                        ? null
                        : clean("Left out, because their own target " + "replaces the tier's: "
                                + String.join(", ", r.population().overriddenClients()) + "."));
        return x;
    }

    private static Map<String, Object> credits(Simulation s) {
        Map<String, Object> x = new HashMap<>();
        x.put("stated", s.credits().anyStated());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ClientCredits c : s.credits().clients()) {
            if (c.byPolicy().stream().noneMatch(PolicyCredits::stated)) continue;
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int p = 0; p < c.byPolicy().size(); p++) {
                PolicyCredits pc = c.byPolicy().get(p);
                boolean fee = s.policies()
                                .get(p)
                                .policy()
                                .client(c.clientId())
                                .contract()
                                .monthlyFee()
                        != null;
                cells.add(Map.of(
                        "owed",
                        !pc.stated() ? "no terms" : !fee ? "no fee stated" : money(pc.owed()),
                        "missed",
                        !pc.stated() ? "" : clean(missed(pc))));
            }
            List<Map<String, Object>> changes = new ArrayList<>();
            for (int p = 1; p < s.policies().size(); p++) {
                Map<String, BigDecimal> d = c.changeOwed(p);
                changes.add(Map.of(
                        "cls",
                        d.isEmpty() ? "muted" : d.values().stream().anyMatch(v -> v.signum() > 0) ? "bad" : "good",
                        "text",
                        signedMoney(d)));
            }
            rows.add(Map.of("client", clean(clientName(s, c.clientId())), "cells", cells, "changes", changes));
        }
        x.put("rows", rows);
        List<Map<String, Object>> totals = new ArrayList<>();
        for (int p = 0; p < s.policies().size(); p++)
            totals.add(Map.of("owed", money(s.credits().totalOwed(p))));
        x.put("totals", totals);
        List<Map<String, Object>> totalChanges = new ArrayList<>();
        for (int p = 1; p < s.policies().size(); p++)
            totalChanges.add(Map.of("text", signedMoney(s.credits().totalChange(p))));
        x.put("totalChanges", totalChanges);
        return x;
    }

    /** The months a tier missed its goal: {@code 2026-11* (P2)}; a partial month marked *. */
    private static String missed(PolicyCredits pc) {
        List<String> months = pc.months().stream()
                .filter(m -> m.credit() != null && !m.credit().missedTiers().isEmpty())
                .map(m -> m.month().month() + (m.month().partial() ? "*" : "") + " ("
                        + String.join(", ", m.credit().missedTiers())
                        + (m.credit().capped() ? ", capped" : "") + ")")
                .toList();
        return months.isEmpty() ? "none" : String.join("; ", months);
    }

    private static Map<String, Object> flips(Simulation s, ZoneId zone) {
        Flips flips = s.flips();
        Map<String, Object> x = new HashMap<>();
        x.put("any", !flips.targets().isEmpty());
        List<String> lines = new ArrayList<>();
        for (int p = 1; p < s.policies().size(); p++) {
            lines.add(clean(s.policies().get(p).label() + ": " + flips.count(p) + " targets change outcome"
                    + (flips.directions(p).isEmpty()
                            ? ""
                            : " ("
                                    + String.join(
                                            ", ",
                                            flips.directions(p).entrySet().stream()
                                                    .map(e -> e.getValue() + " "
                                                            + e.getKey()
                                                                    .from()
                                                                    .name()
                                                                    .toLowerCase(Locale.ROOT) + " → "
                                                            + e.getKey()
                                                                    .to()
                                                                    .name()
                                                                    .toLowerCase(Locale.ROOT))
                                                    .toList())
                                    + ")")
                    + "."));
        }
        x.put("lines", lines);
        List<SimulatedTarget> shown =
                flips.targets().subList(0, Math.min(FLIPS_SHOWN, flips.targets().size()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SimulatedTarget t : shown) {
            PolicyOutcome current = t.under(0);
            List<String> cells = new ArrayList<>();
            for (int p = 0; p < s.policies().size(); p++) {
                PolicyOutcome o = t.under(p);
                cells.add(
                        o == null
                                ? "-"
                                : clean(o.tier()) + " " + seconds(o.deadline(), zone) + ", "
                                        + o.outcome().name().toLowerCase(Locale.ROOT));
            }
            Map<String, Object> r = new HashMap<>();
            r.put("ticket", clean(t.ticketId()));
            r.put("client", clean(clientName(s, t.clientId())));
            r.put("metric", t.metric().name().toLowerCase(Locale.ROOT));
            r.put("created", seconds(t.startedAt(), zone));
            r.put(
                    "completed",
                    current == null
                            ? "-"
                            : current.completedAt() < 0 ? "not yet" : seconds(current.completedAt(), zone));
            r.put("counted", current == null ? "-" : counted(s, t, current));
            r.put("cells", cells);
            rows.add(r);
        }
        x.put("rows", rows);
        x.put(
                "more",
                shown.size() < flips.targets().size()
                        ? "The first " + shown.size() + " of " + flips.targets().size()
                                + " (by client and ticket); flips.jsonl lists every one, with counted times."
                        : null);
        return x;
    }

    private static String summary(Simulation s) {
        Figures current = s.sideBySide().overall().under(0);
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "Under the current policy %s of the %,d targets decided were met.",
                pct(current.adherencePercent()),
                current.decided()));
        for (int p = 1; p < s.policies().size(); p++) {
            Figures f = s.sideBySide().overall().under(p);
            double c = s.sideBySide().overall().adherenceChange(p);
            b.append(String.format(
                    Locale.ROOT,
                    " Under %s (%s) %s would have been (%s); %,d targets change outcome.",
                    s.policies().get(p).label(),
                    s.policies().get(p).policy().version(),
                    pct(f.adherencePercent()),
                    Double.isNaN(c) ? "no comparison" : String.format(Locale.ROOT, "%+.2f points", c),
                    s.flips().count(p)));
        }
        if (s.credits().anyStated()) {
            b.append(" Service credits owed under each policy's contract terms: ")
                    .append(money(s.credits().totalOwed(0)))
                    .append(" under ")
                    .append(s.policies().get(0).label());
            for (int p = 1; p < s.policies().size(); p++) {
                b.append(", ")
                        .append(money(s.credits().totalOwed(p)))
                        .append(" under ")
                        .append(s.policies().get(p).label())
                        .append(" (")
                        .append(signedMoney(s.credits().totalChange(p)))
                        .append(')');
            }
            b.append('.');
        }
        if (s.sweep() != null && s.sweep().reachable()) {
            b.append(" The tightest ")
                    .append(prose(s.sweep().spec()))
                    .append(" target")
                    .append(" reaching ")
                    .append(s.sweep().spec().goalText())
                    .append(" on this history is ")
                    .append(s.sweep().proposedTarget())
                    .append('.');
        }
        return b.toString();
    }

    private static String historyLine(Simulation s, ZoneId zone) {
        return String.format(
                Locale.ROOT,
                "Based on %,d tickets (%,d targets) of %,d clients%s; history from %s to %s " + "(%,d events in %s).",
                s.tickets(),
                s.targets().size(),
                s.clients(),
                window(s, zone),
                day(s.history().firstEventMs(), zone),
                local(s.history().asOfMs(), zone),
                s.history().events(),
                s.history().input());
    }

    private static String window(Simulation s, ZoneId zone) {
        boolean from = s.scope().fromMs() != Long.MIN_VALUE;
        boolean to = s.scope().toMs() != Long.MAX_VALUE;
        if (!from && !to) return "";
        return " created" + (from ? " from " + local(s.scope().fromMs(), zone) : "")
                + (to ? " before " + local(s.scope().toMs(), zone) : "");
    }

    /** One named client: its name; several: their ids; none named: all clients. */
    private static String scopeName(Simulation s) {
        if (s.scope().allClients()) return "all clients";
        if (s.scope().clients().size() == 1) {
            ClientProfile c = s.policies()
                    .get(0)
                    .policy()
                    .client(s.scope().clients().iterator().next());
            return c.unlisted() ? s.scope().clients().iterator().next() : c.name();
        }
        return String.join(", ", s.scope().clients());
    }

    /** The one client's zone when the proposal is for one listed client, else UTC. */
    private static ZoneId zone(Simulation s) {
        if (s.scope().clients().size() == 1)
            return s.policies()
                    .get(0)
                    .policy()
                    .client(s.scope().clients().iterator().next())
                    .zone();
        return ZoneOffset.UTC;
    }

    private static String target(Simulation s, int p, Row r) {
        if (r.tier() == null || r.metric() == null) return "";
        var policy = s.policies().get(p).policy();
        TierPolicy t = r.clientId() == null
                ? policy.tier(r.tier())
                : policy.effectiveTier(r.tier(), policy.client(r.clientId()));
        return t == null ? "-" : t.target(r.metric()).text();
    }

    /** The current policy's counted time for a target, as the policy would write a target: 1h 12m 5s. */
    private static String counted(Simulation s, SimulatedTarget t, PolicyOutcome o) {
        long ms = o.running()
                ? o.countedAt(
                        s.history().asOfMs(),
                        io.slaflow.sla.ContractClock.of(
                                s.policies().get(0).policy(), o.tier(), t.clientId(), t.metric()))
                : o.countedMs();
        long sec = ms / 1000;
        long h = sec / 3600;
        long m = sec % 3600 / 60;
        return (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m " : "") + sec % 60 + "s";
    }

    /** {@code USD 3,600.00}; several currencies joined with +; {@code none} when nothing is owed. */
    static String money(Map<String, BigDecimal> owed) {
        if (owed.isEmpty()) return "none";
        return String.join(
                " + ",
                owed.entrySet().stream()
                        .map(e -> amount(e.getKey(), e.getValue(), false))
                        .toList());
    }

    /** {@code +USD 1,200.00}, {@code -USD 600.00}; {@code no change} when every difference is zero. */
    static String signedMoney(Map<String, BigDecimal> change) {
        if (change.isEmpty()) return "no change";
        return String.join(
                ", ",
                change.entrySet().stream()
                        .map(e -> amount(e.getKey(), e.getValue(), true))
                        .toList());
    }

    private static String amount(String currency, BigDecimal v, boolean signed) {
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        String sign = !signed ? "" : v.signum() < 0 ? "-" : "+";
        return sign + currency + " "
                + String.format(
                        Locale.ROOT, "%,." + digits + "f", v.abs().setScale(digits, java.math.RoundingMode.HALF_UP));
    }

    private static String tally(Tally t) {
        return pct(t.adherencePercent()) + ", " + t.met() + " of " + t.decided() + " met";
    }

    private static String pct(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.2f%%", p);
    }

    private static String local(long ms, ZoneId zone) {
        return ms < 0 ? "-" : LOCAL.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private static String seconds(long ms, ZoneId zone) {
        return ms < 0 ? "-" : SECONDS.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private static String day(long ms, ZoneId zone) {
        return DAY.format(Instant.ofEpochMilli(ms).atZone(zone));
    }
}
