package io.slaflow.jobs.report;

import com.openhtmltopdf.pdfboxout.PageSupplier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The renderer's pages, as its own page supplier makes them, with one difference in how their resources look up
 * marked-content property lists.
 *
 * <p>A tagged PDF opens a marked-content sequence with its own property list ({@code /MCID n}) for every run of
 * text and every border it draws, and PDFBox's {@link PDResources#add(org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList)}
 * first asks the page's {@code /Properties} dictionary whether it already holds that list: a scan of every value
 * added so far, so a page of n sequences costs n²/2 comparisons (a fifteenth of a report's CPU) to learn each time
 * that a list just made is new. Here the {@code /Properties} dictionary remembers, by identity, every value put in
 * it and answers "no" at once for one it never held; anything else takes PDFBox's own scan, so the answers, the
 * names ({@code /Prop1}, ...) are the same.
 *
 * <p>And the lists are written where they are used, inside the {@code /Properties} dictionary: PDFBox 3 makes an
 * object of its own of every dictionary not marked direct, so a 72-page report with 7,000 table cells was 56,000
 * objects, 45,000 of them these lists ({@code /MCID n}, or {@code /Type /Background} for a border), and saving it
 * took 240 of its 600 ms (C2, warm). Nothing refers to a list but its page's name for it, so the pages, the text and
 * the structure tree are the same; the file is a third smaller, and the 268 reports of the BPI 2013 replay render in
 * about 10 % less time (TaggedPagesTest; BENCHMARKS.md, "Class data sharing, and where a report's PDF time
 * goes").
 */
final class TaggedPages implements PageSupplier {
    static final TaggedPages INSTANCE = new TaggedPages();

    private TaggedPages() {}

    /** As openhtmltopdf's default supplier: a page of the given size, appended to the document. */
    @Override
    public PDPage requestPage(PDDocument doc, float pageWidth, float pageHeight, int pageNumber, int shadowPageNumber) {
        PDPage page = new Page(new PDRectangle(pageWidth, pageHeight));
        doc.addPage(page);
        return page;
    }

    /**
     * A page whose resources, made when first asked for (where PDFBox's content stream would make plain ones, so
     * the page dictionary's entries keep their order), are a {@link Resources} dictionary.
     */
    private static final class Page extends PDPage {
        Page(PDRectangle size) {
            super(size);
        }

        @Override
        public PDResources getResources() {
            PDResources resources = super.getResources();
            if (resources == null) {
                resources = new PDResources(new Resources());
                setResources(resources);
            }
            return resources;
        }
    }

    /**
     * A resources dictionary whose {@code /Properties} entry is a {@link Properties} dictionary, made at the first
     * look-up, which in PDFBox is the first property list being added, just before it would make a plain one.
     */
    private static final class Resources extends COSDictionary {
        @Override
        public COSDictionary getCOSDictionary(COSName key) {
            COSDictionary dict = super.getCOSDictionary(key);
            if (dict == null && COSName.PROPERTIES.equals(key)) {
                dict = new Properties();
                setItem(key, dict);
            }
            return dict;
        }
    }

    /** A dictionary that knows, in constant time, which values it has never held (every value it was given). */
    private static final class Properties extends COSDictionary {
        private final Set<COSBase> given = Collections.newSetFromMap(new IdentityHashMap<>());

        /** Also marks a property list direct, so that it is written here, not as an object of its own. */
        @Override
        public void setItem(COSName key, COSBase value) {
            if (value instanceof COSDictionary list && !(value instanceof org.apache.pdfbox.cos.COSStream)) {
                list.setDirect(true);
            }
            super.setItem(key, value);
            if (value != null) given.add(value);
        }

        @Override
        public void addAll(COSDictionary other) {
            super.addAll(other);
            given.addAll(other.getValues());
        }

        @Override
        public boolean containsValue(Object value) {
            boolean maybe = given.contains(value)
                    || value instanceof COSObject indirect && given.contains(indirect.getObject());
            return maybe && super.containsValue(value);
        }
    }
}
