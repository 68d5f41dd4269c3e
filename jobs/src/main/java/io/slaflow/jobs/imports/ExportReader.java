package io.slaflow.jobs.imports;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV export record by record with Apache Commons CSV (RFC 4180: quoted fields with doubled quotes and
 * line breaks, LF or CRLF), gzip-compressed when it starts like gzip, decoded in the mapping's encoding. Each record
 * carries the physical line it starts on, so every rejection can be found in the file. Bytes that are not valid
 * in the encoding are not silently replaced by U+FFFD: they become {@link #UNDECODABLE}, and the row holding them
 * is rejected ({@link RowRejection.Reason#ENCODING}).
 */
final class ExportReader implements Closeable {
    /** Stands for bytes the encoding cannot decode: a noncharacter, which no export has a reason to contain. */
    static final char UNDECODABLE = '\uFFFF';

    /** One record: its fields, the 1-based line it starts on, and a problem when it could not be read as CSV. */
    record Record(long line, List<String> fields, String problem) {}

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private boolean finished;

    private ExportReader(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
        this.records = parser.iterator();
    }

    static ExportReader open(Path file, ImportMapping.Csv csv) throws IOException, UnreadableExportException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (!gzip && file.getFileName().toString().endsWith(".gz")) {
                throw new UnreadableExportException(file
                        + " is named .gz but is not gzip-compressed: rename it to .csv, " + "or compress it with gzip");
            }
            if (gzip) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            CharsetDecoder decoder = csv.encoding()
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(String.valueOf(UNDECODABLE));
            Reader reader = new InputStreamReader(in, decoder);
            CSVFormat format = CSVFormat.RFC4180
                    .builder()
                    .setDelimiter(csv.delimiter())
                    .setQuote(csv.quote())
                    .setIgnoreEmptyLines(false) // kept, and skipped here, so the line numbers stay exact
                    .setTrailingData(true) // "ab"c reads as abc, as spreadsheet exports mean it
                    .setLenientEof(false) // an unterminated quote is reported, not swallowed
                    .get();
            return new ExportReader(file, format.parse(reader));
        } catch (EOFException | ZipException e) {
            in.close();
            throw damaged(file, 0, e);
        } catch (IOException | UnreadableExportException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The next record, or null at the end of the input. Blank lines are skipped. */
    Record next() throws UnreadableExportException {
        while (!finished) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord r;
            try {
                if (!records.hasNext()) {
                    finished = true;
                    return null;
                }
                r = records.next();
            } catch (UncheckedIOException e) {
                finished = true;
                if (e.getCause() instanceof CSVException) {
                    return new Record(
                            line,
                            List.of(),
                            "unterminated quoted field: from line " + line + " to the end of the file (line "
                                    + parser.getCurrentLineNumber() + ") nothing more can be read as CSV");
                }
                throw damaged(file, line - 1, e.getCause());
            }
            List<String> fields = Arrays.asList(r.values());
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue; // a blank line
            }
            return new Record(line, fields, null);
        }
        return null;
    }

    private static UnreadableExportException damaged(Path file, long linesRead, Throwable cause) {
        String where = linesRead > 0 ? " after line " + linesRead : "";
        if (cause instanceof EOFException) {
            return new UnreadableExportException(file + ": the gzip data ends early" + where
                    + " (a truncated download or copy?): nothing was written; fetch or compress the export again");
        }
        if (cause instanceof ZipException) {
            return new UnreadableExportException(file + ": the gzip data is damaged" + where + " (" + cause.getMessage()
                    + "): nothing was written; fetch or compress the export again");
        }
        return new UnreadableExportException(file + ": cannot be read" + where + ": " + cause.getMessage());
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
