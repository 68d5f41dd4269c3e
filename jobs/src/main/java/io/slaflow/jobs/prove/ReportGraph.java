package io.slaflow.jobs.prove;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.ReportSink;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportSettings;
import io.slaflow.report.stream.ClientReportBuilder;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.TicketView;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * Weekly and monthly client reports from the Enforce layer's outputs: outcome updates, breaches (warnings are
 * left out) and escalations, plus CEP chain alerts when given, keyed by client into {@link ClientReportBuilder}.
 */
public final class ReportGraph {
    private ReportGraph() {}

    /**
     * Reports close when a late event can no longer change what they count, and remember a satisfied target as long as
     * the enforcer keeps its ticket (a later change becomes a stated correction); a replay reports nothing past as-of.
     */
    public static ReportSettings settingsFor(EnforcerSettings enforcer) {
        ReportSettings live = ReportSettings.live(Duration.ofMillis(enforcer.allowedLatenessMs()))
                .withCorrectionHorizon(
                        Duration.ofMillis(Math.max(enforcer.resolvedRetentionMs(), enforcer.closedGraceMs())
                                + enforcer.allowedLatenessMs()));
        return enforcer.asOfMs() == Long.MAX_VALUE ? live : live.withReportUntil(enforcer.asOfMs());
    }

    /**
     * @param chains  chain alerts (issue 4) mapped to {@link ReportInput.ChainNote}, or null
     * @param tickets the enforcer's ticket views, whose first carries the ticket's subject (breach rows show it), or null
     */
    public static DataStream<ClientReport> build(
            DataStream<OutcomeUpdate> outcomes,
            DataStream<SlaAlert> alerts,
            DataStream<Escalation> escalations,
            DataStream<ReportInput.ChainNote> chains,
            DataStream<TicketView> tickets,
            ReportDirectory directory,
            ReportSettings settings) {
        TypeInformation<ReportInput> type = TypeInformation.of(ReportInput.class);
        DataStream<ReportInput> inputs = outcomes.map(ReportInput::of)
                .returns(type)
                .name("report input: outcomes")
                .union(
                        alerts.filter(a -> a.kind() == SlaAlert.Kind.BREACH)
                                .map(ReportInput::of)
                                .returns(type)
                                .name("report input: breaches"),
                        escalations.map(ReportInput::of).returns(type).name("report input: escalations"));
        if (chains != null) {
            inputs = inputs.union(chains.map(ReportInput::of).returns(type).name("report input: chain alerts"));
        }
        if (tickets != null) {
            inputs = inputs.union(tickets.filter(v -> v.subject() != null)
                    .map(v -> ReportInput.of(new ReportInput.TicketNote(v.ticketId(), v.clientId(), v.subject())))
                    .returns(type)
                    .name("report input: ticket subjects"));
        }
        return inputs.keyBy(ReportInput::clientId)
                .process(new ClientReportBuilder(directory, settings))
                .name("client reports")
                .uid("client-reports");
    }

    /** Chain alerts as the reports list them: id, when detected, what the chain says. */
    public static DataStream<ReportInput.ChainNote> notes(DataStream<io.slaflow.cep.ChainAlert> chains) {
        return chains.map(c -> new ReportInput.ChainNote(c.id(), c.clientId(), c.detectedAt(), c.message()))
                .returns(ReportInput.ChainNote.class)
                .name("chain alerts for reports");
    }

    /** Renders and delivers the reports (folder always; e-mail, webhook, sla-reports as configured). */
    public static DataStreamSink<ClientReport> deliver(DataStream<ClientReport> reports, DeliveryConfig config) {
        return reports.sinkTo(new ReportSink(config)).name("deliver reports").uid("deliver-reports");
    }
}
