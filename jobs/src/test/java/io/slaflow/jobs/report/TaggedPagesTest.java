package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.junit.jupiter.api.Test;

/**
 * The report PDF's tagging as {@link TaggedPages} writes it: every marked-content sequence's property list sits in
 * its page's {@code /Properties} dictionary itself rather than as an object of its own (they were 45,000 of the
 * 56,000 objects of a 72-page report, and most of its writing time), and the structure tree still finds every piece
 * of content it names on its page.
 */
class TaggedPagesTest {

    @Test
    void propertyListsAreWrittenInlineAndTheStructureTreeFindsEveryMarkedSequence() throws Exception {
        byte[] pdf = ReportPdf.render(SampleReports.week47("acme"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();

            Map<COSDictionary, Set<Integer>> mcidsByPage = new HashMap<>();
            int sequences = 0;
            for (PDPage page : doc.getPages()) {
                COSDictionary properties = page.getResources().getCOSObject().getCOSDictionary(COSName.PROPERTIES);
                assertThat(properties).isNotNull();
                Set<Integer> mcids = new HashSet<>();
                for (COSName name : properties.keySet()) {
                    COSBase list = properties.getItem(name);
                    assertThat(list).as(name.getName() + " is inline").isInstanceOf(COSDictionary.class);
                    int mcid = ((COSDictionary) list).getInt(COSName.MCID, -1);
                    if (mcid >= 0) mcids.add(mcid);
                }
                mcidsByPage.put(page.getCOSObject(), mcids);
                // every sequence the page's content opens names a list the page holds
                for (String used : sequencesOpened(page)) {
                    assertThat(properties.containsKey(COSName.getPDFName(used)))
                            .as(used)
                            .isTrue();
                    sequences++;
                }
            }
            assertThat(sequences).as("text and borders are marked").isGreaterThan(100);

            List<int[]> missing = new ArrayList<>();
            int[] found = {0};
            walk(doc.getDocumentCatalog().getStructureTreeRoot(), null, mcidsByPage, missing, found);
            assertThat(found[0]).as("content the structure tree names").isGreaterThan(50);
            assertThat(missing)
                    .as("structure elements naming content their page lacks")
                    .isEmpty();

            for (COSObjectKey key : doc.getDocument().getXrefTable().keySet()) {
                COSBase object = doc.getDocument().getObjectFromPool(key).getObject();
                if (object instanceof COSDictionary d) {
                    assertThat(d.keySet().equals(Set.of(COSName.MCID))
                                    || COSName.BACKGROUND.equals(d.getCOSName(COSName.TYPE)))
                            .as("object " + key + " is a property list of its own")
                            .isFalse();
                }
            }
        }
    }

    private static List<String> sequencesOpened(PDPage page) throws Exception {
        List<String> names = new ArrayList<>();
        PDFStreamParser parser = new PDFStreamParser(page);
        Object previous = null;
        for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
            if (token instanceof Operator op && op.getName().equals("BDC") && previous instanceof COSName n) {
                names.add(n.getName());
            }
            previous = token;
        }
        return names;
    }

    private static void walk(
            PDStructureNode node,
            COSDictionary page,
            Map<COSDictionary, Set<Integer>> mcidsByPage,
            List<int[]> missing,
            int[] found) {
        if (node instanceof PDStructureElement e && e.getPage() != null)
            page = e.getPage().getCOSObject();
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureNode child) {
                walk(child, page, mcidsByPage, missing, found);
            } else if (kid instanceof Integer mcid && page != null) {
                found[0]++;
                if (!mcidsByPage.getOrDefault(page, Set.of()).contains(mcid)) missing.add(new int[] {mcid});
            }
        }
    }
}
