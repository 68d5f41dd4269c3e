package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportHtml;
import io.slaflow.report.ReportJson;

/** A report in its three formats: self-contained HTML (inline SVG chart), PDF and JSON. */
public record ReportArtifacts(String html, byte[] pdf, byte[] json) {

    public static ReportArtifacts render(ClientReport report) {
        return new ReportArtifacts(ReportHtml.render(report), ReportPdf.render(report), ReportJson.toJsonBytes(report));
    }
}
