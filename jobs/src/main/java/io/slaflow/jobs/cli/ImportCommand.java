package io.slaflow.jobs.cli;

import io.slaflow.jobs.imports.CsvImport;
import io.slaflow.jobs.imports.InvalidMappingException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow import}: a ticket-history CSV export into contract events, through a mapping file. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {"Turns a ticket-history CSV export (.csv or .csv.gz) into contract events (JSON Lines) through a column mapping.",
                "Every refused row goes to the rejects file with its line number and reason; nothing is dropped silently.",
                "Mapping format: infra/mappings/README.md; ready mapping for the BPI Challenge 2013 log: infra/mappings/bpi2013.yaml.",
                "Then: slaflow replay --events EVENTS.jsonl --out DIR"})
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "The column mapping (YAML), e.g. infra/mappings/bpi2013.yaml.")
    Path mapping;
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The CSV export, plain or gzip-compressed (.csv.gz).")
    Path input;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The contract events to write (JSON Lines), sorted by event time.")
    Path out;
    @Option(names = "--rejects", paramLabel = "FILE", description = "Every refused row with its line and reason. Default: the --out file name with .rejects.jsonl.")
    Path rejects;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path rejectsFile = rejects != null ? rejects
                : out.resolveSibling(out.getFileName().toString().replaceFirst("(\\.jsonl)?$", "") + ".rejects.jsonl");
        CsvImport importer;
        try {
            importer = CsvImport.withMapping(mapping);
        } catch (InvalidMappingException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        long t0 = System.nanoTime();
        CsvImport.Summary summary;
        try {
            summary = importer.run(input, out, rejectsFile,
                    rows -> spec.commandLine().getErr().printf("  %,d rows read%n", rows));
        } catch (InvalidMappingException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (java.nio.file.NoSuchFileException e) {
            spec.commandLine().getErr().println(input + ": file not found (looked at " + input.toAbsolutePath() + ")");
            return 1;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf("%s -> %s: %s (%.1f s, %,.0f rows/s); rejects: %s%n", input, out, summary,
                seconds, summary.rows() / Math.max(seconds, 1e-9), rejectsFile);
        return 0;
    }
}
