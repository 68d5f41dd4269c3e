package io.slaflow.jobs.report.bench;

import io.slaflow.jobs.report.ReportPdf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reports' PDF step alone: every {@code .html} under the given folders (a replay's {@code reports/}, for one) to
 * PDF with {@link ReportPdf#document}, on one thread, {@code passes} times in one JVM; prints each pass's time. The
 * later passes show the renderer with its code compiled; run it with {@code -XX:TieredStopAtLevel=1} to see it as
 * a short replay runs it. Nothing is written.
 *
 * <pre>java [-XX:TieredStopAtLevel=1] -cp ... io.slaflow.jobs.report.bench.PdfRenderBench passes DIR...</pre>
 */
public final class PdfRenderBench {
    private PdfRenderBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println(
                    "usage: PdfRenderBench passes DIR... (the folders' .html files, e.g. a replay's reports/)");
            System.exit(2);
        }
        int passes = Integer.parseInt(args[0]);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try (Stream<Path> s = Files.walk(Path.of(args[i]))) {
                s.filter(p -> p.toString().endsWith(".html")).sorted().forEach(files::add);
            }
        }
        List<String> documents = new ArrayList<>();
        for (Path f : files) documents.add(Files.readString(f, StandardCharsets.UTF_8));
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        for (int pass = 1; pass <= passes; pass++) {
            long bytes = 0;
            long start = System.nanoTime();
            for (String xhtml : documents) {
                bytes += ReportPdf.document(xhtml, 0L, "report.json", json, "bench", new byte[16]).length;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "pass %d: %,d documents, %,d bytes of PDF in %,d ms%n", pass, documents.size(), bytes, ms);
        }
    }
}
