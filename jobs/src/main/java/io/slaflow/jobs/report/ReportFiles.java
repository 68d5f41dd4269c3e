package io.slaflow.jobs.report;

import io.slaflow.names.SafeName;
import io.slaflow.report.ClientReport;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The reports folder: {@code DIR/<client>/<label>.{html,pdf,json}}, the delivery record
 * {@code <label>.delivery.json}, and the ledger markers {@code <label>.<channel>.sent}. A client's folder is its
 * {@link SafeName} (collision-free: {@code a/b}, {@code a_b} and {@code ACME} each get their own); every file is written to a temporary name and moved into place atomically, so a crash never
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
        return root.resolve(SafeName.of(clientId));
    }

    public Path file(ClientReport r, String suffix) {
        return clientDir(r.client().id()).resolve(r.period().label() + suffix);
    }

    public static String baseName(ClientReport r) {
        return SafeName.of(r.client().id()) + "-" + r.period().label();
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
