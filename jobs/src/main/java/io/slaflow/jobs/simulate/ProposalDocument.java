package io.slaflow.jobs.simulate;

import io.slaflow.simulate.Simulation;

/**
 * The contract proposal as a client reads it: HTML and PDF of the same document. The seam between the simulator and
 * the client reports' rendering (issue 19 rewrites it on a template engine and PDFBox 3): the simulator hands over the
 * comparison, the document decides how it looks.
 */
public interface ProposalDocument {

    /** A self-contained XHTML document (no external assets, every value escaped). */
    String html(Simulation s);

    /** The same document as PDF with {@code json} (proposal.json) attached; the same simulation gives the same bytes. */
    byte[] pdf(Simulation s, byte[] json);
}
