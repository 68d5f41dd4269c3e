package io.slaflow.jobs.imports;

/**
 * The export itself cannot be read (empty, named {@code .gz} but not gzip, a truncated download, an unreadable
 * header): the import stops and writes nothing. The message names the file and says what to do.
 */
public final class UnreadableExportException extends Exception {
    UnreadableExportException(String message) {
        super(message, null, false, false);
    }
}
