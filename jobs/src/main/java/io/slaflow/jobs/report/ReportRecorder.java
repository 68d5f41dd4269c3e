package io.slaflow.jobs.report;

/** Keeps the record of every delivery (the sla-reports index). */
public interface ReportRecorder {
    void record(ReportRecord record) throws Exception;
}
