package io.slaflow.report;

import io.slaflow.report.PeriodFigures.BreachedTarget;
import io.slaflow.report.PeriodFigures.EscalationLine;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A report as one self-contained XHTML document (no external assets, all text escaped), which is also the input
 * of the PDF renderer. The adherence chart is inline SVG in the e-mail/browser form; the PDF renderer has no SVG
 * support without Batik, so its form draws the same bars with plain CSS boxes.
 */
public final class ReportHtml {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public enum Chart { SVG, CSS }

    private ReportHtml() {}

    public static String render(ClientReport r) {
        return render(r, Chart.SVG);
    }

    public static String render(ClientReport r, Chart chart) {
        PeriodFigures f = r.figures();
        ZoneId zone = r.client().zone();
        StringBuilder h = new StringBuilder(8192);
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\" />\n<title>").append(esc(title(r))).append("</title>\n<style>\n")
                .append("body{font-family:Helvetica,'DejaVu Sans',Arial,sans-serif;font-size:11px;color:#1d2433;margin:24px;}\n")
                .append("h1{font-size:20px;margin:0 0 4px 0;} h2{font-size:14px;margin:18px 0 6px 0;border-bottom:1px solid #ccd;}\n")
                .append(".sub{color:#5a6275;margin:0 0 12px 0;} .summary{font-size:13px;background:#eef3fb;padding:10px;border-left:4px solid #2f6fd6;}\n")
                .append("table{border-collapse:collapse;width:100%;} th,td{border-bottom:1px solid #dde;padding:3px 6px;text-align:left;}\n")
                .append("th{background:#f3f5f9;} td.n{text-align:right;} .bad{color:#b3261e;} .good{color:#1e7b34;}\n")
                .append(".kpi{display:inline-block;width:13%;margin-right:1%;padding:6px;background:#f3f5f9;vertical-align:top;}\n")
                .append(".kpi b{display:block;font-size:16px;}\n")
                .append(".bar{height:12px;background:#e6e9f0;position:relative;width:100%;} .fill{height:12px;background:#2f6fd6;}\n")
                .append(".fill.under{background:#d9534f;}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title(r))).append("</h1>\n");
        h.append("<p class=\"sub\">").append(esc(r.period().kind() == ReportPeriod.Kind.WEEK ? "Week " : "Month "))
                .append(esc(r.period().label())).append(" (").append(esc(r.period().dayRange())).append(", ")
                .append(esc(zone.getId())).append(") · for ").append(esc(String.join(", ", r.client().contacts())))
                .append("</p>\n");
        h.append("<p class=\"summary\">").append(esc(r.summary())).append("</p>\n");

        h.append("<div>");
        kpi(h, "Tickets opened", Long.toString(f.ticketsCreated()));
        kpi(h, "Targets met", Long.toString(f.met()));
        kpi(h, "Targets breached", Long.toString(f.breached()));
        kpi(h, "Adherence", pct(f.adherencePercent()));
        kpi(h, "Escalations", Integer.toString(f.escalations().size()));
        kpi(h, "Chain alerts", Integer.toString(f.chains().size()));
        h.append("</div>\n");

        h.append("<h2>Adherence per tier and target (goal ").append(pct(r.goalPercent())).append(")</h2>\n");
        if (f.rows().isEmpty()) h.append("<p>No targets were decided or satisfied in this period.</p>\n");
        else if (chart == Chart.SVG) svgChart(h, r);
        else cssChart(h, r);

        h.append("<h2>Figures</h2>\n<table>\n<thead><tr><th>Tier</th><th>Target</th><th>Contract</th><th>Met</th><th>Breached</th>")
                .append("<th>Adherence</th><th>Trend vs last ").append(r.period().noun()).append("</th><th>Mean</th><th>p90</th></tr></thead>\n<tbody>\n");
        for (TierMetricFigures row : f.rows()) {
            double prev = r.previousPercent(row.tier(), row.metric());
            h.append("<tr><td>").append(esc(row.tier())).append("</td><td>").append(esc(metric(row)))
                    .append("</td><td>").append(esc(row.target() == null ? "-" : row.target()))
                    .append("</td><td class=\"n\">").append(row.met()).append("</td><td class=\"n\">").append(row.breached())
                    .append("</td><td class=\"n ").append(!Double.isNaN(row.adherencePercent()) && row.adherencePercent() < r.goalPercent() ? "bad" : "good")
                    .append("\">").append(pct(row.adherencePercent())).append("</td><td>").append(esc(trend(row.adherencePercent(), prev)))
                    .append("</td><td class=\"n\">").append(esc(duration(row.meanMs()))).append("</td><td class=\"n\">")
                    .append(esc(duration(row.p90Ms()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        h.append("<h2>Breached targets (").append(f.breaches().size()).append(")</h2>\n");
        if (f.breaches().isEmpty()) h.append("<p>None.</p>\n");
        else {
            h.append("<table>\n<thead><tr><th>Ticket</th><th>Tier</th><th>Target</th><th>Deadline</th><th>Breached</th>")
                    .append("<th>Escalated</th><th>Evidence</th></tr></thead>\n<tbody>\n");
            for (BreachedTarget b : f.breaches()) {
                h.append("<tr><td>").append(esc(b.ticketId())).append("</td><td>").append(esc(b.tier())).append("</td><td>")
                        .append(esc(b.metric().name().toLowerCase(Locale.ROOT))).append("</td><td>").append(esc(local(b.deadline(), zone)))
                        .append("</td><td>").append(esc(local(b.breachedAt(), zone))).append("</td><td>")
                        .append(esc(b.firstEscalatedAt() < 0 ? "-" : "after " + ReportSummary.minutes(b.firstEscalatedAt() - b.breachedAt())))
                        .append("</td><td>").append(esc(String.join(", ", b.evidence()))).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<h2>Escalations (").append(f.escalations().size()).append(")</h2>\n");
        if (f.escalations().isEmpty()) h.append("<p>None.</p>\n");
        else {
            h.append("<table>\n<thead><tr><th>Ticket</th><th>Tier</th><th>Target</th><th>Level</th><th>Role</th><th>To</th><th>At</th></tr></thead>\n<tbody>\n");
            for (EscalationLine x : f.escalations()) {
                h.append("<tr><td>").append(esc(x.ticketId())).append("</td><td>").append(esc(x.tier())).append("</td><td>")
                        .append(esc(x.metric().name().toLowerCase(Locale.ROOT))).append("</td><td class=\"n\">").append(x.level())
                        .append("</td><td>").append(esc(x.role())).append("</td><td>").append(esc(x.to() == null ? "(role queue)" : x.to()))
                        .append("</td><td>").append(esc(local(x.firedAt(), zone))).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<h2>Chain alerts (").append(f.chains().size()).append(")</h2>\n");
        if (f.chains().isEmpty()) h.append("<p>None.</p>\n");
        else {
            h.append("<ul>\n");
            for (ReportInput.ChainNote c : f.chains()) {
                h.append("<li>").append(esc(local(c.firedAt(), zone))).append(": ").append(esc(c.description()))
                        .append(" (").append(esc(c.id())).append(")</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p class=\"sub\">Times are in ").append(esc(zone.getId()))
                .append(". A target counts in the period it was met or breached; durations count when satisfied.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    public static String title(ClientReport r) {
        return "SLA report: " + r.client().name() + " " + r.period().label();
    }

    private static void svgChart(StringBuilder h, ClientReport r) {
        List<TierMetricFigures> rows = r.figures().rows();
        int rowH = 22, left = 130, width = 520, height = rows.size() * rowH + 24;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(left + width + 60).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"adherence per tier and target\">\n");
        int y = 4;
        for (TierMetricFigures row : rows) {
            double p = row.adherencePercent();
            int w = Double.isNaN(p) ? 0 : (int) Math.round(width * p / 100.0);
            String color = !Double.isNaN(p) && p < r.goalPercent() ? "#d9534f" : "#2f6fd6";
            h.append("<text x=\"0\" y=\"").append(y + 13).append("\" font-size=\"11\">").append(esc(row.tier() + " " + metric(row))).append("</text>\n");
            h.append("<rect x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"16\" fill=\"#e6e9f0\"/>\n");
            h.append("<rect x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"16\" fill=\"").append(color).append("\"/>\n");
            double prev = r.previousPercent(row.tier(), row.metric());
            if (!Double.isNaN(prev)) {
                int px = left + (int) Math.round(width * prev / 100.0);
                h.append("<line x1=\"").append(px).append("\" x2=\"").append(px).append("\" y1=\"").append(y - 2)
                        .append("\" y2=\"").append(y + 18).append("\" stroke=\"#1d2433\" stroke-dasharray=\"2,2\"/>\n");
            }
            h.append("<text x=\"").append(left + width + 6).append("\" y=\"").append(y + 13).append("\" font-size=\"11\">")
                    .append(esc(pct(p) + arrow(p, prev))).append("</text>\n");
            y += rowH;
        }
        int gx = left + (int) Math.round(width * r.goalPercent() / 100.0);
        h.append("<line x1=\"").append(gx).append("\" x2=\"").append(gx).append("\" y1=\"0\" y2=\"").append(y)
                .append("\" stroke=\"#1e7b34\" stroke-width=\"2\"/>\n");
        h.append("<text x=\"").append(gx - 30).append("\" y=\"").append(y + 14).append("\" font-size=\"10\" fill=\"#1e7b34\">goal ")
                .append(esc(pct(r.goalPercent()))).append("</text>\n</svg>\n");
    }

    private static void cssChart(StringBuilder h, ClientReport r) {
        h.append("<table>\n<tbody>\n");
        for (TierMetricFigures row : r.figures().rows()) {
            double p = row.adherencePercent();
            int w = Double.isNaN(p) ? 0 : (int) Math.round(p);
            boolean under = !Double.isNaN(p) && p < r.goalPercent();
            h.append("<tr><td style=\"width:18%\">").append(esc(row.tier() + " " + metric(row))).append("</td><td style=\"width:62%\">")
                    .append("<div class=\"bar\"><div class=\"fill").append(under ? " under" : "").append("\" style=\"width:").append(w)
                    .append("%\"></div></div></td><td>").append(esc(pct(p) + " " + trend(p, r.previousPercent(row.tier(), row.metric()))))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void kpi(StringBuilder h, String label, String value) {
        h.append("<div class=\"kpi\"><b>").append(esc(value)).append("</b>").append(esc(label)).append("</div>");
    }

    private static String metric(TierMetricFigures row) {
        return row.metric().name().toLowerCase(Locale.ROOT);
    }

    static String trend(double now, double prev) {
        if (Double.isNaN(prev) || Double.isNaN(now)) return "new";
        double d = now - prev;
        if (Math.abs(d) < 0.05) return "level";
        return String.format(Locale.ROOT, "%s %.1f pt", d > 0 ? "up" : "down", Math.abs(d));
    }

    private static String arrow(double now, double prev) {
        if (Double.isNaN(prev) || Double.isNaN(now) || Math.abs(now - prev) < 0.05) return "";
        return now > prev ? " \u25B2" : " \u25BC";
    }

    static String pct(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String duration(long ms) {
        if (ms < 0) return "-";
        long min = Math.round(ms / 60_000.0);
        if (min < 60) return min + " min";
        if (min < 48 * 60) return String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
        return String.format(Locale.ROOT, "%.1f d", min / 1440.0);
    }

    private static String local(long ms, ZoneId zone) {
        return ms < 0 ? "-" : LOCAL.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    /** XML-escapes text; drops characters XML 1.0 cannot carry, so the PDF renderer's parser never fails. */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        if (c != 0xFFFE && c != 0xFFFF) b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
