package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import java.util.List;

/** One way a report leaves the job (e-mail, webhook). Implementations throw on failure; the caller retries. */
public interface DeliveryChannel {

    /** Short stable name ("smtp", "webhook"), used in the ledger and the sla-reports record. */
    String name();

    /** Who receives it through this channel (e-mail addresses, the webhook URL), for the record. */
    List<String> recipients(ClientReport report);

    void deliver(ClientReport report, ReportArtifacts artifacts) throws Exception;
}
