package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The reports folder: {@code DIR/<client>/<label>.{html,pdf,json}}, the delivery record
 * {@code <label>.delivery.json}, and the ledger markers {@code <label>.<channel>.sent}. Client ids are made safe
 * for file names; every file is written to a temporary name and moved into place atomically, so a crash never
 * leaves a half-written report or marker.
 */
public final class ReportFiles {
    private final Path root;

    public ReportFiles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path clientDir(String clientId) {
        return root.resolve(safe(clientId));
    }

    public Path file(ClientReport r, String suffix) {
        return clientDir(r.client().id()).resolve(r.period().label() + suffix);
    }

    public static String baseName(ClientReport r) {
        return safe(r.client().id()) + "-" + r.period().label();
    }

    /** Letters, digits, '.', '-', '_' kept; anything else (path separators included) becomes '_'. */
    static String safe(String id) {
        StringBuilder b = new StringBuilder(id.length());
        for (char c : id.toCharArray()) b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        String s = b.toString();
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
