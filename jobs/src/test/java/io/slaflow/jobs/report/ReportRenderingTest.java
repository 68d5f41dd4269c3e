package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportClient;
import io.slaflow.report.ReportJson;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {
    static final Path OUT = Path.of("target/report-rendering");

    @Test
    void htmlIsWellFormedSelfContainedXhtml() throws Exception {
        ClientReport r = SampleReports.week47("acme");
        String html = ReportHtml.render(r);
        var doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(html)
                .contains("2026-W47")
                .contains("acme-B0:RESPONSE:BREACH")
                .contains("Northwind Managed IT Services");
        // no external asset: the logo is inlined, the only other URLs are the namespace and links to tickets
        assertThat(html).contains("src=\"data:image/png;base64,").doesNotContain("src=\"http");
        assertThat(html.replace("http://www.w3.org/1999/xhtml", "")
                        .replace("https://helpdesk.acme.example/Ticket/Display.html?id&#61;", ""))
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        ReportClient acme = SampleReports.DIR.client("acme");
        ReportClient nasty = new ReportClient(
                "x<script>",
                "Fish & <Chips> \"Ltd\"",
                acme.zone(),
                List.of("a@b.example"),
                false,
                acme.targets(),
                acme.clocks(),
                "https://t.example/?id={ticketId}&x=\"",
                acme.contract());
        String subject = "</td><img src=x onerror=alert(1)> & \"q\" {{x}}";
        String html = ReportHtml.render(SampleReports.week47(nasty, 5, 1, subject));
        assertThat(html).doesNotContain("<script>").contains("Fish &amp; &lt;Chips&gt; &quot;Ltd&quot;");
        // a ticket's subject is outside text too: escaped, never markup, never a template
        assertThat(html)
                .doesNotContain("<img src=x")
                .contains("&lt;/td&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt; &amp; &quot;q&quot; {{x}} #0");
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(
                        ReportPdf.render(SampleReports.week47(nasty, 5, 1, subject)), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
    }

    /**
     * Issue 18, items 4 and 7: outside text must not stop the PDF renderer. A client name with a line break
     * ({@code ACME\nBcc: ...}) went raw into the page rule's footer string, which a newline ends: the rule was dropped,
     * the footer fell back to a 'serif' font the renderer has not got, and rendering threw FontNotFoundException. Text
     * DejaVu has no glyph for (emoji, CJK, private use, other planes) renders too, and the attached JSON keeps it exactly.
     */
    @Test
    void lineBreaksAndTextNoFontCanDrawStillGiveAPdfWhoseJsonKeepsThem() throws Exception {
        ReportClient acme = SampleReports.DIR.client("acme");
        String name = "\uD83D\uDE00 \u6771\u4EAC \uE000 \uD800\uDF48 \uD83C\uDDFA\uD83C\uDDF8 ACME";
        String id = "\uD83D\uDE00".repeat(64);
        ReportClient odd = new ReportClient(
                id,
                name,
                acme.zone(),
                List.of("a@b.example"),
                true,
                acme.targets(),
                acme.clocks(),
                null,
                acme.contract());
        ClientReport r = SampleReports.week47(odd, 5, 1, name + "\nline two\u0000\u202E");
        byte[] pdf = ReportPdf.render(r);
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        var attached = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReportPdf.attachedJson(pdf));
        assertThat(attached.toString()).contains(name).contains(id);
        assertThat(attached.path("figures")
                        .path("breaches")
                        .get(0)
                        .path("subject")
                        .asText())
                .isEqualTo(name + "\nline two\u0000\u202E #0");
        // a line break in the name (it goes into the page rule's footer string too) renders as well
        ReportClient broken = new ReportClient(
                "acme\r\nBcc: x@evil.example",
                "ACME\nBcc: x@evil.example\r\n",
                acme.zone(),
                List.of("a@b.example"),
                true,
                acme.targets(),
                acme.clocks(),
                null,
                acme.contract());
        assertThat(new String(ReportPdf.render(SampleReports.week47(broken, 5, 1)), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
    }

    static final String CHINESE = "服务器宕机，无法登录",
            JAPANESE = "サーバーが停止しました",
            KOREAN = "서버가 다운되었습니다",
            ARABIC = "تعطل الخادم",
            CYRILLIC = "Сервер недоступен",
            GREEK = "Διακομιστής",
            EMOJI = "\uD83D\uDE00";

    /**
     * A client name and ticket subjects in Chinese, Japanese, Korean, Arabic, Cyrillic, Greek and an emoticon: every
     * glyph is drawn from an embedded font (DejaVu Sans, or the bundled CJK fallback, subset into the document only when
     * used), none as the renderer's '#' placeholder, Arabic right to left with its letters joined, and the text extracts
     * as it was given. The PDF and HTML are written to target/report-rendering/scripts-2026-W47.* to look at. (Emoji
     * beyond DejaVu's emoticons, e.g. U+1F525, still draw as '#': no font here has them as outlines.)
     */
    @Test
    void everyScriptIsDrawnFromAnEmbeddedFont() throws Exception {
        ReportClient acme = SampleReports.DIR.client("acme");
        ReportClient tokyo = new ReportClient(
                "tokyo",
                "東京電力 株式会社 · 서울 지사",
                acme.zone(),
                List.of("a@b.example"),
                true,
                acme.targets(),
                acme.clocks(),
                null,
                acme.contract());
        String subject = String.join(" / ", CHINESE, JAPANESE, KOREAN, ARABIC, CYRILLIC, GREEK, EMOJI);
        byte[] pdf = ReportPdf.render(SampleReports.week47(tokyo, 5, 2, subject));
        Files.createDirectories(OUT);
        Files.write(OUT.resolve("scripts-2026-W47.pdf"), pdf);
        Files.writeString(
                OUT.resolve("scripts-2026-W47.html"), ReportHtml.render(SampleReports.week47(tokyo, 5, 2, subject)));
        String text;
        java.util.Set<String> fonts = new java.util.TreeSet<>();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    fonts.add(font.getName().replaceFirst("^[A-Z]{6}\\+", ""));
                }
            }
        }
        assertThat(fonts).contains("DejaVuSans", "DejaVuSans-Bold", "WenQuanYiMicroHei");
        // a cell wraps the subject over lines; Arabic extracts as the joined presentation forms drawn (NFKC: the
        // letters)
        String flat = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                .replaceAll("\\s+", "");
        for (String s : List.of("東京電力 株式会社", "서울 지사", CHINESE, JAPANESE, KOREAN, CYRILLIC, GREEK, EMOJI)) {
            assertThat(flat)
                    .contains(java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC)
                            .replaceAll("\\s+", ""));
        }
        assertThat(text).doesNotContain("#" + " /").doesNotContain("##");
        String arabic = ARABIC.replaceAll("\\s+", "");
        // (joined and right to left on the page: seen in the PNG; the text layer maps the joined forms back to letters)
        assertThat(flat)
                .containsAnyOf(arabic, new StringBuilder(arabic).reverse().toString());
        // a Latin-only report does not carry the fallback font at all
        try (var doc = org.apache.pdfbox.Loader.loadPDF(ReportPdf.render(SampleReports.week47("acme")))) {
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(name).getName()).doesNotContain("WenQuanYi");
                }
            }
        }
        assertThat(ReportPdf.render(SampleReports.week47(tokyo, 5, 2, subject)))
                .as("the same bytes on a second render")
                .isEqualTo(pdf);
    }

    /** A subject that would start a spreadsheet formula is a text cell in the targets CSV. */
    @Test
    void aSubjectInTheCsvNeverStartsAFormula() throws Exception {
        String csv = new String(
                ReportCsv.of(SampleReports.week47(
                        SampleReports.DIR.client("acme"), 5, 1, "=HYPERLINK(\"http://evil.example\",\"x\")")),
                StandardCharsets.UTF_8);
        try (var p = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(csv))) {
            assertThat(p.getRecords())
                    .filteredOn(r -> r.get("ticketId").equals("acme-B0"))
                    .isNotEmpty()
                    .allSatisfy(r ->
                            assertThat(r.get("subject")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\") #0"));
        }
    }

    @Test
    void jsonCarriesTheFiguresAndTheTrend() {
        String json = new String(ReportJson.toJsonBytes(SampleReports.week47("globex")), StandardCharsets.UTF_8);
        assertThat(json)
                .contains(
                        "\"id\":\"globex:WEEK:2026-W47\"",
                        "\"timeZone\":\"Asia/Manila\"",
                        "\"periodStart\":\"2026-11-15T16:00:00Z\"",
                        "\"previous\":{\"label\":\"2026-W46\"",
                        "\"p90Ms\":",
                        "\"evidence\":[\"globex-B0:RESPONSE:BREACH\",\"globex-B0:RESPONSE:ESCALATION:1\"]",
                        "\"chainAlerts\":1",
                        "\"openAtPeriodEnd\":true",
                        "\"algorithm\":\"SHA-256\"");
    }

    /** The PDF's first page as PNG (target/report-rendering/acme-2026-W47-1.png): look at it after a change. */
    @Test
    void thePdfRendersAPage() throws Exception {
        File pdftoppm = new File("/usr/bin/pdftoppm");
        Files.createDirectories(OUT);
        Path pdf = OUT.resolve("acme-2026-W47.pdf");
        Files.write(pdf, ReportPdf.render(SampleReports.week47("acme")));
        // for a look in a browser or pdftoppm after a change: the week's HTML, the month with its service credit
        Files.writeString(OUT.resolve("acme-2026-W47.html"), ReportHtml.render(SampleReports.week47("acme")));
        Files.writeString(OUT.resolve("acme-2026-11.html"), ReportHtml.render(SampleReports.november("acme")));
        Files.write(OUT.resolve("acme-2026-11.pdf"), ReportPdf.render(SampleReports.november("acme")));
        assumeTrue(
                pdftoppm.canExecute() || onPath("pdftoppm"),
                "pdftoppm (poppler-utils) is not installed: the PDF was written to " + pdf + " but not rasterised");
        Process p = new ProcessBuilder(
                        "pdftoppm",
                        "-png",
                        "-r",
                        "70",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        pdf.toString(),
                        OUT.resolve("acme-2026-W47").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log).isZero();
        Path png = Files.list(OUT)
                .filter(f -> f.getFileName().toString().matches("acme-2026-W47-0*1\\.png"))
                .findFirst()
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000); // a blank A4 page at 70 dpi is about 2 KB
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) return true;
        }
        return false;
    }
}
