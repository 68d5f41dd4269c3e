package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.jobs.report.bench.ReportGenerationBenchmark;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A section's heading and table header never stand alone at the foot of a page: the page that shows the heading also
 * shows the section's first row. The benchmark's 30 first weeks put the breach table at many heights on page 1; before
 * the headings asked for room below them, its header stood alone at the foot of page 1 in six of them (clients 3, 8,
 * 13, 18, 23 and 29).
 */
class ReportPageBreaksTest {
    @Test
    void everySectionHeadingSharesItsPageWithTheSectionsFirstRow() throws Exception {
        ReportDirectory dir = ReportGenerationBenchmark.directory();
        List<String> alone = new ArrayList<>();
        int breachTables = 0;
        for (ReportGenerationBenchmark.Week week : ReportGenerationBenchmark.weeks(dir, 30, 140)) {
            ClientReport report = ReportGenerationBenchmark.report(dir, week);
            try (PDDocument doc = Loader.loadPDF(ReportPdf.render(report))) {
                String client = week.client().id();
                breachTables += check(doc, client, "Breached targets (", alone);
                check(doc, client, "Escalations (", alone);
            }
        }
        assertThat(breachTables).as("reports with breach rows").isGreaterThan(20);
        assertThat(alone)
                .as("sections whose heading ends a page without any of its rows")
                .isEmpty();
    }

    /**
     * Whether the page that shows {@code heading} also shows, after it, one of the client's ticket ids (its rows start
     * with one): 1 if so, 0 if the section has no rows at all; else the heading is noted as standing alone.
     */
    private static int check(PDDocument doc, String client, String heading, List<String> alone) throws Exception {
        Pattern ticket = Pattern.compile(Pattern.quote(client) + "-T\\d+");
        for (int page = 1; page <= doc.getNumberOfPages(); page++) {
            String text = pageText(doc, page);
            int at = text.indexOf(heading);
            if (at < 0) continue;
            if (text.startsWith(heading + "0)", at)) return 0;
            if (ticket.matcher(text.substring(at)).find()) return 1;
            alone.add(client + ": '" + heading + "' alone at the foot of page " + page);
            return 0;
        }
        alone.add(client + ": no '" + heading + "' heading");
        return 0;
    }

    private static String pageText(PDDocument doc, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc);
    }
}
