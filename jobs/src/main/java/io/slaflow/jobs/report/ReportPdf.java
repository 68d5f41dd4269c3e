package io.slaflow.jobs.report;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportEvidence;
import io.slaflow.report.ReportJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A report as PDF: the report's XHTML through openhtmltopdf (PDFBox 3), tagged for accessibility (PDF/UA), with
 * DejaVu Sans (regular and bold) embedded as subsets so it looks the same everywhere, page numbers from the template's page rules, and the
 * report's JSON attached ({@code <client>-<period>.json}), so the PDF alone carries the evidence to verify it.
 *
 * <p>Same report, same bytes: every date the renderer or PDFBox would take from the wall clock (document information,
 * XMP metadata, the attachment's dates) is set to the report's issue time (the period's close), and the document
 * {@code /ID} is derived from the evidence digest.
 */
public final class ReportPdf {
    private static final Path[] FONT_DIRS = {
        Path.of("/usr/share/fonts/truetype/dejavu"), Path.of("/usr/share/fonts/TTF"), Path.of("/usr/share/fonts/dejavu")
    };
    private static final Map<String, byte[]> FONTS = loadFonts();
    /** The fallback for what DejaVu Sans cannot draw (CJK ideographs, kana, Hangul): bundled, see fonts/README.md. */
    static final String FALLBACK_FAMILY = "WenQuanYi Micro Hei";

    private static final String FALLBACK_RESOURCE = "fonts/wqy-microhei.ttc";
    private static final byte[] FALLBACK = loadFallback();
    private static final ThreadLocal<Map<String, TrueTypeFont>> PARSED =
            ThreadLocal.withInitial(java.util.HashMap::new);
    private static final Pattern XMP_DATE =
            Pattern.compile("(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)[^<]*(</xmp:)"
                    + "|((?:xmp:)?(?:CreateDate|ModifyDate|MetadataDate)=\")[^\"]*(\")");

    /**
     * zlib level 4 for every Flate stream PDFBox writes (content streams, object streams, fonts, the attachment)
     * instead of its default 6: a report's deflating takes 3.7 ms of CPU instead of 5.9 ms for 4 % more bytes
     * (level 1: 2.4 ms, 14 % more). Lossless either way: the pages and the text are the same. PDFBox reads the level
     * only from this system property, so it is JVM-wide; an operator's own setting of it is kept.
     */
    static final String DEFLATE_LEVEL = "4";

    static {
        // openhtmltopdf logs several INFO lines per document through java.util.logging: keep warnings only
        for (String logger : XRLog.listRegisteredLoggers()) XRLog.setLevel(logger, Level.WARNING);
        if (System.getProperty(org.apache.pdfbox.filter.Filter.SYSPROP_DEFLATELEVEL) == null) {
            System.setProperty(org.apache.pdfbox.filter.Filter.SYSPROP_DEFLATELEVEL, DEFLATE_LEVEL);
        }
    }

    private ReportPdf() {}

    public static byte[] render(ClientReport report) {
        return render(report, ReportHtml.render(report), ReportJson.toJsonBytes(report));
    }

    static byte[] render(ClientReport report, String xhtml, byte[] json) {
        return render(report, xhtml, json, ReportEvidence.digest(report.figures()));
    }

    /** {@code digest}: the report's evidence digest ({@link ReportEvidence#digest}), the document id's source. */
    static byte[] render(ClientReport report, String xhtml, byte[] json, String digest) {
        String name = ReportFiles.baseName(report) + ".json";
        return document(
                xhtml,
                report.generatedAt(),
                name,
                json,
                "The report as JSON with its evidence records: slaflow report verify " + name,
                HexFormat.of().parseHex(digest.substring(0, 32)));
    }

    /**
     * Any SLAflow XHTML document (a report, the simulator's contract proposal) as PDF in the reports' look: tagged,
     * the reports' fonts embedded, {@code json} attached as {@code attachmentName}, every date {@code issuedAtMs} and
     * the document id {@code id} (16 bytes, derived from the content by the caller), so the same input gives the same bytes.
     */
    public static byte[] document(
            String xhtml,
            long issuedAtMs,
            String attachmentName,
            byte[] json,
            String attachmentDescription,
            byte[] id) {
        try (PDDocument doc = new PDDocument()) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.usePdfUaAccessibility(true);
            // right-to-left runs (Arabic, Hebrew) in visual order, Arabic letters joined: ICU's bidi and shaping
            b.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
            b.useUnicodeBidiReorderer(new ICUBidiReorderer());
            b.defaultTextDirection(PdfRendererBuilder.TextDirection.LTR);
            b.withProducer("SLAflow");
            b.usePageSupplier(TaggedPages.INSTANCE); // the same pages, marked content added in linear time
            font(b, doc, "DejaVuSans.ttf", "DejaVu Sans", 400);
            font(b, doc, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700);
            if (needsFallback(xhtml)) fallback(b, doc);
            b.withW3cDocument(parse(xhtml), null);
            b.usePDDocument(doc);
            try (PdfBoxRenderer renderer = b.buildPdfRenderer()) {
                renderer.layout();
                renderer.createPDFWithoutClosing();
            }
            Calendar issued = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            issued.setTimeInMillis(issuedAtMs);
            fixDates(doc, issued);
            attach(doc, attachmentName, json, attachmentDescription, issued);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The XHTML as a DOM from a parser kept per thread. The renderer's own path (a new SAX parser and an identity
     * transform per document) was a twentieth of a report's PDF time. Our templates escape every value, the parser
     * still reads no external entity or DTD: the document is ours, the strings in it are not.
     */
    private static org.w3c.dom.Document parse(String xhtml) throws IOException {
        javax.xml.parsers.DocumentBuilder parser = XHTML_PARSER.get();
        try {
            return parser.parse(new org.xml.sax.InputSource(new java.io.StringReader(xhtml)));
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalStateException("a report template produced malformed XHTML: " + e.getMessage(), e);
        } finally {
            parser.reset();
        }
    }

    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> XHTML_PARSER = ThreadLocal.withInitial(() -> {
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            return f.newDocumentBuilder();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser for the PDF reports", e);
        }
    });

    /**
     * Parsing a TrueType font costs more than laying out a page: each font is parsed once per thread (a parsed font
     * reads its tables lazily, so it is not shared between threads) and only subset into each document.
     */
    private static void font(PdfRendererBuilder b, PDDocument doc, String file, String family, int weight)
            throws IOException {
        if (!FONTS.containsKey(file)) return;
        b.useFont(
                new PDFontSupplier(PDType0Font.load(doc, parsed(file), true)), family, weight, FontStyle.NORMAL, true);
    }

    private static TrueTypeFont parsed(String file) throws IOException {
        TrueTypeFont ttf = PARSED.get().get(file);
        if (ttf == null) {
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(FONTS.get(file)));
            // PDFBox applies a Latin font's GSUB table to every text run it draws, only for the fi/fl ligatures, and
            // builds its regular expressions per run: a tenth of a report's PDF time for no visible gain in a table
            // of figures. Arabic is shaped before it gets here (ICU, see document), so no script needs GSUB.
            ttf.setEnableGsub(false);
            PARSED.get().put(file, ttf);
        }
        return ttf;
    }

    /**
     * Whether the document holds a character DejaVu Sans cannot draw. The renderer realizes every font of a
     * family list to measure line heights, so a registered fallback is loaded into each document even when no glyph
     * is taken from it (a twentieth of a Latin report's PDF time): register it only when a character needs it.
     */
    static boolean needsFallback(String xhtml) throws IOException {
        org.apache.fontbox.ttf.CmapLookup cmap = null;
        for (int i = 0; i < xhtml.length(); ) {
            int cp = xhtml.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x0250) continue; // Latin: always in DejaVu Sans
            if (cmap == null) cmap = parsed("DejaVuSans.ttf").getUnicodeCmapLookup();
            if (cmap.getGlyphId(cp) == 0) return true;
        }
        return false;
    }

    /**
     * The CJK fallback, named second in the templates' font-family lists: the renderer takes each glyph DejaVu lacks
     * from it. Registered only for a document that needs it ({@link #needsFallback}), loaded when the renderer first
     * asks for it, and subset like the others. It has one weight: bold CJK draws regular.
     */
    private static void fallback(PdfRendererBuilder b, PDDocument doc) {
        PDFontSupplier once = new PDFontSupplier(null) {
            private PDType0Font font;

            @Override
            public org.apache.pdfbox.pdmodel.font.PDFont supply() {
                if (font == null) {
                    try {
                        font = PDType0Font.load(doc, parsedFallback(), true);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the bundled font " + FALLBACK_RESOURCE, e);
                    }
                }
                return font;
            }
        };
        b.useFont(once, FALLBACK_FAMILY, 400, FontStyle.NORMAL, true);
        b.useFont(once, FALLBACK_FAMILY, 700, FontStyle.NORMAL, true);
    }

    private static TrueTypeFont parsedFallback() throws IOException {
        TrueTypeFont ttf = PARSED.get().get(FALLBACK_RESOURCE);
        if (ttf == null) {
            // a collection of two faces (proportional and mono) sharing their glyphs: the proportional one
            org.apache.fontbox.ttf.TrueTypeCollection ttc =
                    new org.apache.fontbox.ttf.TrueTypeCollection(new ByteArrayInputStream(FALLBACK));
            ttf = ttc.getFontByName("WenQuanYiMicroHei");
            if (ttf == null) throw new IOException(FALLBACK_RESOURCE + " has no face WenQuanYiMicroHei");
            PARSED.get().put(FALLBACK_RESOURCE, ttf);
        }
        return ttf;
    }

    private static byte[] loadFallback() {
        try (java.io.InputStream in = ReportPdf.class.getResourceAsStream(FALLBACK_RESOURCE)) {
            if (in == null)
                throw new IllegalStateException("the jar lacks the PDF reports' CJK font " + FALLBACK_RESOURCE);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PDF reports' CJK font " + FALLBACK_RESOURCE, e);
        }
    }

    /** The document's dates: the report's issue time, in the information dictionary and the XMP metadata. */
    private static void fixDates(PDDocument doc, Calendar issued) throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setCreationDate(issued);
        info.setModificationDate(issued);
        PDMetadata metadata = doc.getDocumentCatalog().getMetadata();
        if (metadata == null) return;
        String xmp = new String(metadata.toByteArray(), StandardCharsets.UTF_8);
        String when = java.time.Instant.ofEpochMilli(issued.getTimeInMillis()).toString();
        Matcher m = XMP_DATE.matcher(xmp);
        StringBuilder fixed = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? m.group(1) + when + m.group(2) : m.group(3) + when + m.group(4);
            m.appendReplacement(fixed, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(fixed);
        metadata.importXMPMetadata(fixed.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void attach(PDDocument doc, String name, byte[] json, String description, Calendar issued)
            throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(json), COSName.FLATE_DECODE);
        file.setSubtype("application/json");
        file.setSize(json.length);
        file.setCreationDate(issued);
        file.setModDate(issued);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(name);
        spec.setFileUnicode(name);
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        spec.setFileDescription(description);
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(name, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(names);
        COSArray af = new COSArray();
        af.add(spec);
        doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), af);
    }

    /** The attached report JSON of a PDF written here, or null when it has none. */
    public static byte[] attachedJson(byte[] pdf) throws IOException {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            if (names == null
                    || names.getEmbeddedFiles() == null
                    || names.getEmbeddedFiles().getNames() == null) return null;
            for (PDComplexFileSpecification spec :
                    names.getEmbeddedFiles().getNames().values()) {
                if (spec.getFile() != null && spec.getFile().endsWith(".json") && spec.getEmbeddedFile() != null) {
                    return spec.getEmbeddedFile().toByteArray();
                }
            }
            return null;
        }
    }

    private static Map<String, byte[]> loadFonts() {
        Map<String, byte[]> fonts = new java.util.HashMap<>();
        for (String name : List.of("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")) {
            for (Path dir : FONT_DIRS) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) {
                    try {
                        fonts.put(name, Files.readAllBytes(p));
                        break;
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the report font " + p, e);
                    }
                }
            }
        }
        if (!fonts.containsKey("DejaVuSans.ttf")) {
            throw new IllegalStateException("the PDF reports embed DejaVu Sans, which is not installed (looked in "
                    + java.util.Arrays.toString(FONT_DIRS) + "): install it, e.g. apt-get install fonts-dejavu-core");
        }
        return fonts;
    }
}
