package io.slaflow.jobs.simulate;

import io.slaflow.simulate.Simulation;
import io.slaflow.simulate.SimulationJson;
import io.slaflow.simulate.SweptPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code slaflow simulate} writes to {@code --out}: {@code proposal.json} and {@code flips.jsonl} (for tools),
 * {@code proposal.html} and {@code proposal.pdf} (the contract proposal a client reads) and, after a sweep, the current
 * policy with the swept target set to the answer. Each file is written beside its place and moved there, so a
 * failure never leaves half a file; nothing else in the folder is touched, and a folder simulate did not write is
 * refused (its {@value #MARKER} file says it did).
 */
public final class SimulationFiles {
    static final String MARKER = ".slaflow-simulate";
    public static final String PROPOSAL_JSON = "proposal.json";
    public static final String FLIPS = "flips.jsonl";
    public static final String PROPOSAL_HTML = "proposal.html";
    public static final String PROPOSAL_PDF = "proposal.pdf";

    private final Path dir;
    private final ProposalDocument document;

    public SimulationFiles(Path dir, ProposalDocument document) {
        this.dir = dir;
        this.document = document;
    }

    /**
     * Why {@code dir} cannot take a simulation's files, or null when it can: it does not exist yet, is empty, or holds
     * an earlier simulation's files. Anything else is someone's folder, which simulate does not write into.
     */
    public static String refusal(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(MARKER))) return null;
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) return null;
        }
        return dir + " holds files that 'slaflow simulate' did not write; give a new or empty folder"
                + " (or the --out of an earlier simulation, whose files are replaced)";
    }

    /**
     * Writes every file and removes what an earlier simulation wrote here and this one does not (a sweep file of
     * another target); returns the paths written, in order.
     */
    public List<Path> write(Simulation s, SweptPolicy swept) throws IOException {
        Files.createDirectories(dir);
        List<String> before = earlierFiles();
        List<Path> written = new ArrayList<>();
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream(64 * 1024);
        SimulationJson.writeProposal(s, json);
        written.add(writeAtomically(PROPOSAL_JSON, out -> json.writeTo(out)));
        written.add(writeAtomically(FLIPS, out -> SimulationJson.writeFlips(s, out)));
        written.add(
                writeAtomically(PROPOSAL_HTML, out -> out.write(document.html(s).getBytes(StandardCharsets.UTF_8))));
        written.add(writeAtomically(PROPOSAL_PDF, out -> out.write(document.pdf(s, json.toByteArray()))));
        if (swept != null) {
            written.add(writeAtomically(
                    swept.fileName(), out -> out.write(swept.yaml().getBytes(StandardCharsets.UTF_8))));
        }
        List<String> names =
                written.stream().map(p -> p.getFileName().toString()).toList();
        for (String old : before) {
            if (!names.contains(old)) Files.deleteIfExists(dir.resolve(old));
        }
        writeAtomically(
                MARKER,
                out -> out.write(("# written by slaflow simulate; the next simulation into this folder"
                                + " replaces these files\n" + String.join("\n", names) + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
        return written;
    }

    /** The files the marker of an earlier simulation lists (plain names only: nothing outside the folder). */
    private List<String> earlierFiles() throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) return List.of();
        return Files.readAllLines(marker, StandardCharsets.UTF_8).stream()
                .filter(SimulationFiles::plainName)
                .toList();
    }

    /** A file name of ours: no folder, no hidden file, no comment, nothing a path could climb out with. */
    private static boolean plainName(String line) {
        return line.matches("[A-Za-z0-9][A-Za-z0-9._-]*") && !line.contains("..");
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private Path writeAtomically(String name, Body body) throws IOException {
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            body.write(out);
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
