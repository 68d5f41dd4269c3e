package io.slaflow.jobs.cli;

import io.slaflow.jobs.policy.BasePolicy;
import io.slaflow.jobs.report.ElasticsearchEvidence;
import io.slaflow.jobs.report.ReplayRecords;
import io.slaflow.jobs.report.ReportPdf;
import io.slaflow.jobs.report.ReportVerifier;
import io.slaflow.report.ReportDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slaflow report verify}: recompute a report from its evidence and check the evidence against its source. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies a client report (its .json, or its .pdf, which carries the JSON as an attachment):",
            "the evidence list matches its SHA-256 digest, every figure recomputes from it, and every record is in",
            "the source as counted (a replay's --out folder, or Elasticsearch). Prints MATCH (exit 0), or each",
            "figure or record that differs (exit 1)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow report verify target/replay/reports/acme/2026-W47.json --from target/replay",
            "  slaflow report verify acme-2026-W47.pdf --es-host http://localhost:9200"
        })
final class ReportVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT", description = "The report's .json file, or its .pdf.")
    Path report;

    @Option(
            names = "--from",
            paramLabel = "DIR",
            description = "The --out folder of the replay the report came from. Required: this or --es-host.")
    Path from;

    @Option(
            names = "--es-host",
            paramLabel = "URL",
            description = "Check against the sla-events and sla-tickets indices instead. Required: this or --from.")
    String esHost;

    @Option(
            names = "--es-user",
            paramLabel = "USER",
            description = "Basic-auth user; the password from $SLAFLOW_ES_PASSWORD. Default: no authentication.")
    String esUser;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description =
                    "The policy the report was made with: time zone, targets, goals. Default: the built-in default policy.")
    Path policy;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((from == null) == (esHost == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give where the evidence is: --from REPLAY_DIR or --es-host URL (one of them)");
        }
        if (!Files.isReadable(report)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + report + ": check the path");
        }
        byte[] bytes = Files.readAllBytes(report);
        if (report.getFileName().toString().endsWith(".pdf")) {
            bytes = ReportPdf.attachedJson(bytes);
            if (bytes == null) {
                err.println(report + " carries no report JSON: it was not written by this version of SLAflow");
                return ExitCode.INPUT_REFUSED;
            }
        }
        ReportDirectory directory = ReportDirectory.of(BasePolicy.load(policy).policy());
        String clientId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(bytes)
                .path("clientId")
                .asText(null);
        if (clientId == null) {
            err.println(report + " is not a SLAflow report (no clientId)");
            return ExitCode.INPUT_REFUSED;
        }
        ReplayRecords source;
        String sourceName;
        if (from != null) {
            source = ReplayRecords.read(from, clientId);
            sourceName = from.toString();
        } else {
            String password = System.getenv("SLAFLOW_ES_PASSWORD");
            String auth = esUser == null ? null : ElasticsearchEvidence.basic(esUser, password == null ? "" : password);
            source = ElasticsearchEvidence.read(esHost.replaceAll("/+$", ""), clientId, auth);
            sourceName = "Elasticsearch " + esHost;
        }
        ReportVerifier.Result r = ReportVerifier.verify(bytes, directory, source, sourceName);
        if (r.match()) {
            out.printf(
                    "MATCH: report %s: %d evidence records, SHA-256 %s; every figure recomputes from them and every record is in %s%n",
                    r.reportId(), r.records(), r.digest(), sourceName);
        } else {
            out.printf("DIFFERS: report %s (%d evidence records):%n", r.reportId(), r.records());
            for (String d : r.differences()) out.println("  " + d);
        }
        for (String n : r.notes()) out.println("  note: " + n);
        return r.match() ? ExitCode.OK : ExitCode.INPUT_REFUSED;
    }
}
