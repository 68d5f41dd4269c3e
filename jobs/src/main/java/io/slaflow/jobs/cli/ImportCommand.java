package io.slaflow.jobs.cli;

import io.slaflow.jobs.imports.CsvImport;
import io.slaflow.jobs.imports.UnreadableExportException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow import}: a ticket-history CSV export into contract events, through a mapping file. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Turns a ticket-history CSV export (plain or gzip-compressed) into contract events (JSON Lines) through "
                    + "a column mapping. Each ticket's rows are put in time order first; every refused row goes to the rejects "
                    + "file with its line number and reason, nothing is dropped silently.",
            "",
            "Mapping format, and a complete mapping for a ServiceNow-style export: infra/mappings/README.md. Ready "
                    + "mapping for the BPI Challenge 2013 log: infra/mappings/bpi2013.yaml."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow import --mapping infra/mappings/servicenow-incidents.yaml \\",
            "      --input infra/samples/servicenow-incidents.csv --out events.jsonl",
            "  slaflow replay --events events.jsonl --out target/replay"
        })
final class ImportCommand implements Callable<Integer> {
    @Option(
            names = "--mapping",
            required = true,
            paramLabel = "FILE",
            description = "The column mapping (YAML), e.g. infra/mappings/bpi2013.yaml.")
    Path mapping;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "The CSV export, plain or gzip-compressed (.csv.gz).")
    Path input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The contract events to write (JSON Lines), sorted by event time.")
    Path out;

    @Option(
            names = "--rejects",
            paramLabel = "FILE",
            description =
                    "Every refused row with its line and reason. Default: the --out file name with .rejects.jsonl.")
    Path rejects;

    @Option(
            names = "--max-rejects",
            paramLabel = "PERCENT",
            description =
                    "Refuse the import (exit 3, no events written) when more than this share of the rows is rejected, "
                            + "0 to 100. Default: only when every row is.")
    Double maxRejects;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path rejectsFile = rejects != null
                ? rejects
                : out.resolveSibling(out.getFileName().toString().replaceFirst("(\\.jsonl)?$", "") + ".rejects.jsonl");
        checkArguments(rejectsFile);
        CsvImport importer = CsvImport.withMapping(mapping); // a refused mapping: every problem, exit 1
        long t0 = System.nanoTime();
        CsvImport.Summary summary;
        try {
            summary = importer.run(
                    input,
                    out,
                    rejectsFile,
                    rows -> spec.commandLine().getErr().printf("  %,d rows read%n", rows),
                    maxRejects);
        } catch (UnreadableExportException e) {
            throw CommandFailure.inputRefused(e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        summary.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
        if (summary.refused()) {
            String which = summary.rejected() == summary.rows()
                    ? "every row (" + String.format("%,d", summary.rows()) + ") was rejected"
                    : String.format(
                            "%,d of %,d rows (%.1f%%) were rejected, more than --max-rejects %s%%",
                            summary.rejected(), summary.rows(), summary.rejectedPercent(), maxRejects);
            throw new CommandFailure(
                    ExitCode.TOO_MANY_REJECTS,
                    "import refused: " + which + " " + summary.rejectedByReason()
                            + "; first, line " + summary.firstRejection().line() + ": "
                            + summary.firstRejection().message()
                            + ". Nothing written to " + out + "; every reason is in " + rejectsFile);
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "%s -> %s: %s (%.1f s, %,.0f rows/s); rejects: %s%n",
                        input, out, summary, seconds, summary.rows() / Math.max(seconds, 1e-9), rejectsFile);
        return ExitCode.OK;
    }

    private void checkArguments(Path rejectsFile) {
        ArgumentChecks check = new ArgumentChecks(spec);
        check.readableFile("--mapping", mapping, "a mapping YAML file, e.g. infra/mappings/bpi2013.yaml");
        check.readableFile("--input", input, "a CSV export (.csv or .csv.gz)");
        check.outputFile("--out", out);
        check.outputFile("--rejects", rejectsFile);
        if (out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            throw check.usage("--out " + out + " is the --input file: give another file name for the events");
        }
        if (rejectsFile.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw check.usage("--rejects " + rejectsFile + " is the --out file: give another file name");
        }
        if (maxRejects != null && !(maxRejects >= 0 && maxRejects <= 100)) {
            throw check.usage("--max-rejects is a percentage from 0 to 100, not " + maxRejects);
        }
    }
}
