package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportEvidence;
import io.slaflow.report.ReportJson;
import java.util.List;

/**
 * A report in its formats: self-contained HTML, PDF (with the JSON attached), JSON (with its evidence records) and
 * the CSV of every counted target.
 */
public record ReportArtifacts(String html, byte[] pdf, byte[] json, byte[] csv) {

    public static ReportArtifacts render(ClientReport report) {
        // the evidence records once for all formats: writing them (one JSON object per counted target) was made three
        // times per report, by the HTML, the JSON and the PDF's document id, a thirtieth of the report's CPU
        List<byte[]> evidence = ReportEvidence.records(report.figures());
        String html = ReportHtml.render(report, evidence);
        byte[] json = ReportJson.toJsonBytes(report, evidence);
        byte[] pdf = ReportPdf.render(report, html, json, ReportEvidence.digest(evidence));
        return new ReportArtifacts(html, pdf, json, ReportCsv.of(report));
    }
}
