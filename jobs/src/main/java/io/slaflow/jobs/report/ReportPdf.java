package io.slaflow.jobs.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportHtml;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import com.openhtmltopdf.util.XRLog;

/**
 * A report as PDF: the report's XHTML (CSS bar chart: the renderer has no SVG support without Batik) through
 * openhtmltopdf. The built-in Helvetica covers Western European text; when a report holds other characters (a
 * client name in Greek or Cyrillic, say), DejaVu Sans is embedded if the system has it. Loading and subsetting a
 * TrueType font costs more than the rest of a PDF, so it is done only when needed.
 */
public final class ReportPdf {
    private static final File[] DEJAVU = {
            new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            new File("/usr/share/fonts/TTF/DejaVuSans.ttf"),
            new File("/usr/share/fonts/dejavu/DejaVuSans.ttf")};
    private static final File FONT = findFont();

    static {
        // openhtmltopdf logs several INFO lines per document through java.util.logging: keep warnings only
        for (String logger : XRLog.listRegisteredLoggers()) XRLog.setLevel(logger, Level.WARNING);
    }

    private ReportPdf() {}

    public static byte[] render(ClientReport report) {
        return fromXhtml(ReportHtml.render(report, ReportHtml.Chart.CSS));
    }

    /** Any SLAflow XHTML document (a report, the simulator's contract proposal) as PDF, in the reports' fonts. */
    public static byte[] fromXhtml(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            if (FONT != null && needsUnicodeFont(xhtml)) b.useFont(FONT, "DejaVu Sans");
            b.withHtmlContent(xhtml, null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** True when the text has a character beyond Latin-1 other than the en dash (Helvetica has both). */
    static boolean needsUnicodeFont(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF && c != '\u2013') return true;
        }
        return false;
    }

    private static File findFont() {
        for (File f : DEJAVU) if (f.isFile()) return f;
        return null;
    }
}
