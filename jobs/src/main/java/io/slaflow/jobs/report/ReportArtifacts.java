package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportJson;

/**
 * A report in its formats: self-contained HTML, PDF (with the JSON attached), JSON (with its evidence records) and
 * the CSV of every counted target.
 */
public record ReportArtifacts(String html, byte[] pdf, byte[] json, byte[] csv) {

    public static ReportArtifacts render(ClientReport report) {
        String html = ReportHtml.render(report);
        byte[] json = ReportJson.toJsonBytes(report);
        return new ReportArtifacts(html, ReportPdf.render(report, html, json), json, ReportCsv.of(report));
    }
}
