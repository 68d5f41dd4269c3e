package io.slaflow.jobs.report;

/** Keeps the record of every delivery (the sla-reports index). */
public interface ReportRecorder extends AutoCloseable {
    void record(ReportRecord record) throws Exception;

    /** Releases connections; nothing to release by default. */
    @Override
    default void close() throws Exception {}
}
