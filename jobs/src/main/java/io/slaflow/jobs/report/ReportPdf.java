package io.slaflow.jobs.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportHtml;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A report as PDF: the report's XHTML (CSS bar chart: the renderer has no SVG support without Batik) through
 * openhtmltopdf. DejaVu Sans is embedded when the system has it, so names in any Latin, Greek or Cyrillic script
 * print; otherwise the renderer's built-in Helvetica is used.
 */
public final class ReportPdf {
    private static final File[] DEJAVU = {
            new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            new File("/usr/share/fonts/TTF/DejaVuSans.ttf"),
            new File("/usr/share/fonts/dejavu/DejaVuSans.ttf")};
    private static final File FONT = findFont();

    private ReportPdf() {}

    public static byte[] render(ClientReport report) {
        return fromXhtml(ReportHtml.render(report, ReportHtml.Chart.CSS));
    }

    static byte[] fromXhtml(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            if (FONT != null) b.useFont(FONT, "DejaVu Sans");
            b.withHtmlContent(xhtml, null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static File findFont() {
        for (File f : DEJAVU) if (f.isFile()) return f;
        return null;
    }
}
