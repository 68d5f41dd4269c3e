package io.slaflow.jobs.simulate;

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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contract proposal in the client reports' look (their stylesheet, A4 with page numbers, the MSP's name; PDF
 * through the reports' PDF path with {@code proposal.json} attached). Still built as XHTML here, every value through
 * {@link #esc}, rather than from a template beside {@code report.mustache}: moving it to a template is the next step.
 * No clock is read (times come from the history).
 */
public final class InterimProposalDocument implements ProposalDocument {
    /** The flips shown in the document; {@code flips.jsonl} lists them all. */
    static final int FLIPS_SHOWN = 40;
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
        return ReportPdf.document(xhtml, s.history().asOfMs(), "proposal.json", json,
                "The proposal as JSON, for tools (the same figures as this document)", id(xhtml));
    }

    /** The PDF's document id: the first 16 bytes of the document's SHA-256, so the same simulation gives the same bytes. */
    private static byte[] id(String xhtml) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(xhtml.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** XML-escapes text for the document (and drops the characters XML 1.0 cannot carry). */
    static String esc(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    static String title(Simulation s) {
        return "Contract proposal: " + scopeName(s);
    }

    private String document(Simulation s, boolean forPdf) {
        ZoneId zone = zone(s);
        StringBuilder h = new StringBuilder(16384);
        String msp = s.policies().get(0).policy().msp().name();
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\" />\n<title>").append(esc(title(s))).append("</title>\n")
                .append("<meta name=\"subject\" content=\"").append(esc(title(s))).append("\" />\n")
                .append("<meta name=\"description\" content=\"").append(esc("Adherence, outcomes and service credits of "
                        + "the current contract and the proposed ones on the same ticket history")).append("\" />\n")
                .append(msp == null || msp.isBlank() ? "" : "<meta name=\"author\" content=\"" + esc(msp) + "\" />\n")
                .append("<style>\n")
                // the client reports' stylesheet (report.mustache), so the two documents read alike; the proposal's tables
                // hold every policy side by side, wider than a report's: landscape on paper
                .append("@page{size:A4 landscape;margin:12mm 12mm 14mm 12mm;")
                .append("@bottom-left{content:\"").append(css(title(s))).append("\";font-family:'DejaVu Sans',sans-serif;font-size:8px;color:#5a6275;}")
                .append("@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-family:'DejaVu Sans',sans-serif;font-size:8px;color:#5a6275;}}\n")
                .append("body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;font-size:10px;color:#1d2433;margin:0;}\n")
                .append(".page{max-width:1200px;margin:0 auto;padding:12px;} .msp{font-size:11px;color:#5a6275;}\n")
                .append("h1{font-size:19px;margin:2px 0 2px 0;} h2{font-size:13px;margin:16px 0 6px 0;border-bottom:1px solid #ccd;padding-bottom:2px;page-break-after:avoid;}\n")
                .append(".sub{color:#5a6275;margin:0 0 8px 0;} .summary{font-size:12px;background:#eef3fb;padding:8px 10px;border-left:4px solid #2f6fd6;margin:8px 0;}\n")
                .append("table{border-collapse:collapse;width:100%;-fs-table-paginate:paginate;} thead tr{page-break-after:avoid;} tr{page-break-inside:avoid;}\n")
                .append("th,td{border-bottom:1px solid #dde;padding:3px 5px;text-align:left;vertical-align:top;} th{background:#f3f5f9;font-weight:bold;}\n")
                .append("td.n,th.n{text-align:right;} .d{white-space:nowrap;} .bad{color:#b3261e;font-weight:bold;} .good{color:#1e7b34;} .muted{color:#5a6275;}\n")
                .append("th.policy{border-left:2px solid #ccd;} td.policy{border-left:2px solid #ccd;}\n")
                .append(forPdf ? "table{font-size:8.5px;}\n" : "")
                .append("tr.total td{font-weight:bold;border-top:1px solid #99a;}\n")
                .append("</style>\n</head>\n<body>\n<div class=\"page\">\n");
        if (msp != null && !msp.isBlank()) h.append("<div class=\"msp\">").append(esc(msp)).append("</div>\n");
        h.append("<h1>").append(esc(title(s))).append("</h1>\n");
        h.append("<p class=\"sub\">").append(esc(historyLine(s, zone))).append("</p>\n");
        h.append("<p class=\"summary\">").append(esc(summary(s))).append("</p>\n");

        h.append("<h2>Policies compared</h2>\n<table>\n<thead><tr><th></th><th>Version</th><th>File</th></tr></thead>\n<tbody>\n");
        for (SimulatedPolicy p : s.policies()) {
            h.append("<tr><td>").append(esc(p.label())).append("</td><td>").append(esc(p.policy().version()))
                    .append("</td><td>").append(esc(fileName(p.source()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        h.append("<h2>Current vs proposed, per tier and target</h2>\n");
        comparison(h, s, s.sideBySide().tiers(), s.sideBySide().overall(), false);

        if (s.sweep() != null) sweep(h, s.sweep());

        h.append("<h2>Service credits</h2>\n");
        credits(h, s);

        h.append("<h2>What flips</h2>\n");
        flips(h, s, zone);

        h.append("<h2>Per client, all targets</h2>\n");
        comparison(h, s, s.sideBySide().clients(), null, true);
        h.append("<p class=\"sub\">Each client's figures per tier and target: proposal.json (clientTargets).</p>\n");

        h.append("<p class=\"sub\">Times are in ").append(esc(zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId())).append(". Every policy ran on the same history through "
                + "the same engine as 'slaflow replay'; a target counts under each policy in the tier that policy gave it, met or "
                + "breached as decided by the end of the history, pending while still open then (pending targets are not in "
                + "adherence, which is met / (met + breached)). Counted time is the time on the target's "
                + "clock (business time where the tier uses business hours, pauses excluded).")
                .append(forPdf ? "" : " Machine-readable: proposal.json, flips.jsonl.").append("</p>\n");
        h.append("</div>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Rows per tier and target (with the total row last), or per client (all its targets: no target value). */
    private static void comparison(StringBuilder h, Simulation s, List<Row> rows, Row total, boolean perClient) {
        h.append("<table>\n<thead><tr>");
        h.append(perClient ? "<th>Client</th>" : "<th>Tier</th><th>Target</th>");
        for (SimulatedPolicy p : s.policies()) {
            h.append(perClient ? "<th class=\"n policy\">" + esc(p.label()) + ": adherence</th>"
                            : "<th class=\"policy\">" + esc(p.label()) + ": target</th><th class=\"n\">Adherence</th>")
                    .append("<th class=\"n\">Met</th><th class=\"n\">Breached</th><th class=\"n\">Pending</th><th class=\"n\">Escalations</th>");
        }
        for (int p = 1; p < s.policies().size(); p++) h.append("<th class=\"n policy\">").append(esc("Change, " + s.policies().get(p).label())).append("</th>");
        h.append("</tr></thead>\n<tbody>\n");
        for (Row r : rows) row(h, s, r, perClient, false);
        if (total != null) row(h, s, total, perClient, true);
        h.append("</tbody>\n</table>\n");
    }

    private static void row(StringBuilder h, Simulation s, Row r, boolean perClient, boolean total) {
        h.append(total ? "<tr class=\"total\">" : "<tr>");
        if (perClient) {
            h.append("<td>").append(esc(clientName(s, r.clientId()))).append("</td>");
        } else {
            h.append("<td>").append(esc(r.tier() == null ? "All" : r.tier())).append("</td><td>")
                    .append(esc(r.metric() == null ? "targets" : r.metric().name().toLowerCase(Locale.ROOT))).append("</td>");
        }
        for (int p = 0; p < s.policies().size(); p++) {
            Figures f = r.under(p);
            if (!perClient) h.append("<td class=\"policy d\">").append(esc(target(s, p, r))).append("</td>");
            h.append("<td class=\"n").append(perClient ? " policy" : "").append("\">").append(esc(pct(f.adherencePercent())))
                    .append("</td><td class=\"n\">").append(count(f.met())).append("</td><td class=\"n\">").append(count(f.breached()))
                    .append("</td><td class=\"n\">").append(count(f.pending())).append("</td><td class=\"n\">").append(count(f.escalations()))
                    .append("</td>");
        }
        for (int p = 1; p < s.policies().size(); p++) {
            double c = r.adherenceChange(p);
            boolean none = Double.isNaN(c) || Math.abs(c) < 0.005;
            h.append("<td class=\"n policy ").append(none ? "muted" : c > 0 ? "good" : "bad").append("\">")
                    .append(esc(Double.isNaN(c) ? "-" : none ? "no change" : String.format(Locale.ROOT, "%+.2f pts", c))).append("</td>");
        }
        h.append("</tr>\n");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The client's name as the current policy lists it, with its id when they differ; the id for an unlisted client. */
    private static String clientName(Simulation s, String clientId) {
        ClientProfile c = s.policies().get(0).policy().client(clientId);
        return c.unlisted() || c.name() == null || c.name().equals(clientId) ? clientId : c.name() + " (" + clientId + ")";
    }

    /** A policy's file name without its folders: the proposal is read outside the MSP's machine. */
    private static String fileName(String source) {
        if (source == null) return "";
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(slash + 1);
    }

    /** Text for a CSS string (the page footer): no quote, backslash or line break can end it early. */
    private static String css(String text) {
        return esc(text).replace("\\", "").replace("\"", "'").replaceAll("[\\r\\n]", " ");
    }

    private static void sweep(StringBuilder h, SweepResult r) {
        h.append("<h2>The tightest ").append(esc(r.spec().label())).append(" that reaches ").append(esc(r.spec().goalText()))
                .append("</h2>\n<p>");
        if (r.reachable()) {
            h.append(esc(r.proposedTarget() + " would have reached the goal on this history (" + tally(r.atProposed()) + ")"))
                    .append(r.tighterTarget() == null ? "" : esc("; " + r.tighterTarget() + " would not (" + tally(r.atTighter()) + ")"))
                    .append(esc(". Today's target is " + r.currentTarget() + " (" + tally(r.engine()) + ")."));
        } else {
            h.append(esc("No target reaches the goal on this history: even the loosest comes to " + tally(r.loosest())
                    + ". Today's target is " + r.currentTarget() + " (" + tally(r.engine()) + ")."));
        }
        h.append(esc(" Computed from the time each of the " + r.population().total() + " targets counted on the contract's clock"
                + (r.businessDays() ? ", in whole business days from each ticket's start." : ", rounded up to the minute.")))
                .append("</p>\n");
        if (!r.population().overriddenClients().isEmpty()) {
            h.append("<p class=\"sub\">").append(esc("Left out, because their own target replaces the tier's: "
                    + String.join(", ", r.population().overriddenClients()) + ".")).append("</p>\n");
        }
    }

    private static void credits(StringBuilder h, Simulation s) {
        if (!s.credits().anyStated()) {
            h.append("<p>").append(esc("No policy compared here states service-credit terms for these clients, so no credit "
                    + "would have been owed under any of them.")).append("</p>\n");
            return;
        }
        h.append("<p class=\"sub\">").append(esc("Each policy's own contract terms (monthly fee, goal and credit per tier, cap) "
                + "applied to each client month of the history, as the monthly client report assesses it; a first or last "
                + "month the history covers only in part is assessed on the part it covers (marked *).")).append("</p>\n");
        h.append("<table>\n<thead><tr><th>Client</th>");
        for (SimulatedPolicy p : s.policies()) {
            h.append("<th class=\"n policy\">Owed under ").append(esc(p.label())).append("</th><th>Months a goal was missed</th>");
        }
        for (int p = 1; p < s.policies().size(); p++) h.append("<th class=\"n policy\">").append(esc("Change, " + s.policies().get(p).label())).append("</th>");
        h.append("</tr></thead>\n<tbody>\n");
        for (ClientCredits c : s.credits().clients()) {
            if (c.byPolicy().stream().noneMatch(PolicyCredits::stated)) continue;
            h.append("<tr><td>").append(esc(clientName(s, c.clientId()))).append("</td>");
            for (int p = 0; p < c.byPolicy().size(); p++) {
                PolicyCredits pc = c.byPolicy().get(p);
                boolean fee = s.policies().get(p).policy().client(c.clientId()).contract().monthlyFee() != null;
                h.append("<td class=\"n policy\">").append(esc(!pc.stated() ? "no terms" : !fee ? "no fee stated" : money(pc.owed()))).append("</td><td>")
                        .append(esc(!pc.stated() ? "" : missed(pc))).append("</td>");
            }
            for (int p = 1; p < s.policies().size(); p++) {
                Map<String, BigDecimal> d = c.changeOwed(p);
                h.append("<td class=\"n policy ").append(d.isEmpty() ? "muted" : d.values().stream().anyMatch(v -> v.signum() > 0) ? "bad" : "good").append("\">")
                        .append(esc(signedMoney(d))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr class=\"total\"><td>All clients</td>");
        for (int p = 0; p < s.policies().size(); p++) h.append("<td class=\"n policy\">").append(esc(money(s.credits().totalOwed(p)))).append("</td><td></td>");
        for (int p = 1; p < s.policies().size(); p++) h.append("<td class=\"n policy\">").append(esc(signedMoney(s.credits().totalChange(p)))).append("</td>");
        h.append("</tr>\n</tbody>\n</table>\n");
    }

    /** The months a tier missed its goal: {@code 2026-11* (P2)}; a partial month marked *. */
    private static String missed(PolicyCredits pc) {
        List<String> months = pc.months().stream().filter(m -> m.credit() != null && !m.credit().missedTiers().isEmpty())
                .map(m -> m.month().month() + (m.month().partial() ? "*" : "") + " (" + String.join(", ", m.credit().missedTiers())
                        + (m.credit().capped() ? ", capped" : "") + ")").toList();
        return months.isEmpty() ? "none" : String.join("; ", months);
    }

    private static void flips(StringBuilder h, Simulation s, ZoneId zone) {
        Flips flips = s.flips();
        if (flips.targets().isEmpty()) {
            h.append("<p>No ticket target's outcome differs between the policies.</p>\n");
            return;
        }
        for (int p = 1; p < s.policies().size(); p++) {
            h.append("<p>").append(esc(s.policies().get(p).label() + ": " + flips.count(p) + " targets change outcome"
                    + (flips.directions(p).isEmpty() ? "" : " (" + String.join(", ", flips.directions(p).entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().from().name().toLowerCase(Locale.ROOT) + " → "
                            + e.getKey().to().name().toLowerCase(Locale.ROOT)).toList()) + ")") + ".")).append("</p>\n");
        }
        List<SimulatedTarget> shown = flips.targets().subList(0, Math.min(FLIPS_SHOWN, flips.targets().size()));
        h.append("<table>\n<thead><tr><th>Ticket</th><th>Client</th><th>Target</th><th>Created</th><th>Responded or resolved</th>")
                .append("<th class=\"n\">Time counted (current)</th>");
        for (SimulatedPolicy p : s.policies()) {
            h.append("<th class=\"policy\">").append(esc(p.label())).append(": tier, deadline, outcome</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (SimulatedTarget t : shown) {
            PolicyOutcome current = t.under(0);
            h.append("<tr><td>").append(esc(t.ticketId())).append("</td><td>").append(esc(clientName(s, t.clientId()))).append("</td><td>")
                    .append(esc(t.metric().name().toLowerCase(Locale.ROOT))).append("</td><td>").append(esc(seconds(t.startedAt(), zone)))
                    .append("</td><td class=\"d\">").append(esc(current == null ? "-" : current.completedAt() < 0 ? "not yet" : seconds(current.completedAt(), zone)))
                    .append("</td><td class=\"n\">").append(esc(current == null ? "-" : counted(s, t, current))).append("</td>");
            for (int p = 0; p < s.policies().size(); p++) {
                PolicyOutcome o = t.under(p);
                h.append("<td class=\"policy\">").append(esc(o == null ? "-" : o.tier() + " " + seconds(o.deadline(), zone) + ", "
                        + o.outcome().name().toLowerCase(Locale.ROOT))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (shown.size() < flips.targets().size()) {
            h.append("<p class=\"sub\">").append(esc("The first " + shown.size() + " of " + flips.targets().size()
                    + " (by client and ticket); flips.jsonl lists every one, with counted times.")).append("</p>\n");
        }
    }

    private static String summary(Simulation s) {
        Figures current = s.sideBySide().overall().under(0);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Under the current policy %s of the %,d targets decided were met.",
                pct(current.adherencePercent()), current.decided()));
        for (int p = 1; p < s.policies().size(); p++) {
            Figures f = s.sideBySide().overall().under(p);
            double c = s.sideBySide().overall().adherenceChange(p);
            b.append(String.format(Locale.ROOT, " Under %s (%s) %s would have been (%s); %,d targets change outcome.",
                    s.policies().get(p).label(), s.policies().get(p).policy().version(), pct(f.adherencePercent()),
                    Double.isNaN(c) ? "no comparison" : String.format(Locale.ROOT, "%+.2f points", c), s.flips().count(p)));
        }
        if (s.credits().anyStated()) {
            b.append(" Service credits owed under each policy's contract terms: ").append(money(s.credits().totalOwed(0)))
                    .append(" under ").append(s.policies().get(0).label());
            for (int p = 1; p < s.policies().size(); p++) {
                b.append(", ").append(money(s.credits().totalOwed(p))).append(" under ").append(s.policies().get(p).label())
                        .append(" (").append(signedMoney(s.credits().totalChange(p))).append(')');
            }
            b.append('.');
        }
        if (s.sweep() != null && s.sweep().reachable()) {
            b.append(" The tightest ").append(s.sweep().spec().label()).append(" reaching ").append(s.sweep().spec().goalText())
                    .append(" on this history is ").append(s.sweep().proposedTarget()).append('.');
        }
        return b.toString();
    }

    private static String historyLine(Simulation s, ZoneId zone) {
        return String.format(Locale.ROOT, "Based on %,d tickets (%,d targets) of %,d clients%s; history from %s to %s "
                        + "(%,d events in %s).", s.tickets(), s.targets().size(), s.clients(), window(s, zone),
                day(s.history().firstEventMs(), zone), local(s.history().asOfMs(), zone), s.history().events(), s.history().input());
    }

    private static String window(Simulation s, ZoneId zone) {
        boolean from = s.scope().fromMs() != Long.MIN_VALUE;
        boolean to = s.scope().toMs() != Long.MAX_VALUE;
        if (!from && !to) return "";
        return " created" + (from ? " from " + local(s.scope().fromMs(), zone) : "") + (to ? " before " + local(s.scope().toMs(), zone) : "");
    }

    /** One named client: its name; several: their ids; none named: all clients. */
    private static String scopeName(Simulation s) {
        if (s.scope().allClients()) return "all clients";
        if (s.scope().clients().size() == 1) {
            ClientProfile c = s.policies().get(0).policy().client(s.scope().clients().iterator().next());
            return c.unlisted() ? s.scope().clients().iterator().next() : c.name();
        }
        return String.join(", ", s.scope().clients());
    }

    /** The one client's zone when the proposal is for one listed client, else UTC. */
    private static ZoneId zone(Simulation s) {
        if (s.scope().clients().size() == 1) return s.policies().get(0).policy().client(s.scope().clients().iterator().next()).zone();
        return ZoneOffset.UTC;
    }

    private static String target(Simulation s, int p, Row r) {
        if (r.tier() == null || r.metric() == null) return "";
        var policy = s.policies().get(p).policy();
        TierPolicy t = r.clientId() == null ? policy.tier(r.tier()) : policy.effectiveTier(r.tier(), policy.client(r.clientId()));
        return t == null ? "-" : t.target(r.metric()).text();
    }

    /** The current policy's counted time for a target, as the policy would write a target: 1h 12m 5s. */
    private static String counted(Simulation s, SimulatedTarget t, PolicyOutcome o) {
        long ms = o.running() ? o.countedAt(s.history().asOfMs(),
                io.slaflow.sla.ContractClock.of(s.policies().get(0).policy(), o.tier(), t.clientId(), t.metric())) : o.countedMs();
        long sec = ms / 1000;
        long h = sec / 3600;
        long m = sec % 3600 / 60;
        return (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m " : "") + sec % 60 + "s";
    }

    /** {@code USD 3,600.00}; several currencies joined with +; {@code none} when nothing is owed. */
    static String money(Map<String, BigDecimal> owed) {
        if (owed.isEmpty()) return "none";
        return String.join(" + ", owed.entrySet().stream().map(e -> amount(e.getKey(), e.getValue(), false)).toList());
    }

    /** {@code +USD 1,200.00}, {@code -USD 600.00}; {@code no change} when every difference is zero. */
    static String signedMoney(Map<String, BigDecimal> change) {
        if (change.isEmpty()) return "no change";
        return String.join(", ", change.entrySet().stream().map(e -> amount(e.getKey(), e.getValue(), true)).toList());
    }

    private static String amount(String currency, BigDecimal v, boolean signed) {
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        String sign = !signed ? "" : v.signum() < 0 ? "-" : "+";
        return sign + currency + " " + String.format(Locale.ROOT, "%,." + digits + "f", v.abs().setScale(digits, java.math.RoundingMode.HALF_UP));
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
