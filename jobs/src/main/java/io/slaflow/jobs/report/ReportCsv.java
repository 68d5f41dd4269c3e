package io.slaflow.jobs.report;

import io.slaflow.adherence.TargetContribution;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportPeriod;
import io.slaflow.sla.OutcomeUpdate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every target a report counted, met ones included, one row each (RFC 4180, UTF-8, instants ISO-8601 UTC): what a
 * client's analyst loads into a spreadsheet to check the figures. {@code countsAs} says where the row counts in this
 * period: opened (the ticket's response clock started), open-at-end (in the backlog at the period's end), decided (MET / BREACHED), satisfied (its duration, elapsed
 * wall-clock time; the contract-clock figures are per row in the report).
 */
public final class ReportCsv {
    private static final String[] HEADER = {
        "ticketId",
        "tier",
        "metric",
        "target",
        "clock",
        "outcome",
        "countsAs",
        "startedAt",
        "deadline",
        "decidedAt",
        "satisfiedAt",
        "durationMs",
        "revision",
        "link",
        "subject"
    };

    private ReportCsv() {}

    public static byte[] of(ClientReport r) {
        StringWriter w = new StringWriter(4096);
        try (CSVPrinter p =
                new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            ReportPeriod period = r.period();
            for (OutcomeUpdate u : r.figures().counted()) {
                TargetContribution c = TargetContribution.of(u);
                StringBuilder counts = new StringBuilder();
                if (u.metric() == io.slaflow.policy.Metric.RESPONSE && period.contains(u.startedAt()))
                    counts.append("opened");
                if (c.decided() != null && period.contains(c.decidedAt()))
                    counts.append(counts.isEmpty() ? "" : " ").append("decided");
                if (c.satisfiedAt() >= 0 && period.contains(c.satisfiedAt()))
                    counts.append(counts.isEmpty() ? "" : " ").append("satisfied");
                if (u.metric() == io.slaflow.policy.Metric.RESOLUTION
                        && u.startedAt() < period.endMs()
                        && (u.completedAt() < 0 || u.completedAt() >= period.endMs())) {
                    counts.append(counts.isEmpty() ? "" : " ").append("open-at-end");
                }
                String tier = u.tier();
                p.printRecord(
                        u.ticketId(),
                        tier,
                        u.metric().name(),
                        r.client().target(tier, u.metric()),
                        r.client().clock(tier),
                        u.outcome().name(),
                        counts,
                        time(u.startedAt()),
                        time(u.deadline()),
                        time(c.decidedAt()),
                        time(c.satisfiedAt()),
                        c.durationMs() < 0 ? "" : c.durationMs(),
                        u.revision(),
                        r.client().ticketLink(u.ticketId()) == null
                                ? ""
                                : r.client().ticketLink(u.ticketId()),
                        text(r.figures().subject(u.ticketId())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Outside text as a cell a spreadsheet shows and never evaluates: a leading {@code = + - @}, tab or carriage
     * return would start a formula (CSV injection), so such a cell starts with an apostrophe.
     */
    static String text(String s) {
        if (s == null || s.isEmpty()) return "";
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    private static String time(long ms) {
        return ms < 0 ? "" : Instant.ofEpochMilli(ms).toString();
    }
}
