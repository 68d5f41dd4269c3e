package io.slaflow.jobs.imports;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records one at a time: a configurable delimiter and quote, quoted fields with doubled quotes
 * and embedded line breaks, LF or CRLF. Each record carries the physical line it starts on, so a rejected row
 * can be found in the file. Pure Java, no library: the format is small and the line numbers matter.
 */
final class CsvReader implements Closeable {

    /** One record: its fields, the 1-based line it starts on, and a problem when it could not be read cleanly. */
    record Record(List<String> fields, long line, String problem) {}

    private final BufferedReader in;
    private final char delimiter;
    private final char quote;
    private long nextLine = 1;

    CsvReader(BufferedReader in, char delimiter, char quote) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /** The next record, or null at the end of the input. Blank lines are skipped. */
    Record next() throws IOException {
        String text = in.readLine();
        while (text != null && text.isEmpty()) {
            nextLine++;
            text = in.readLine();
        }
        if (text == null) {
            return null;
        }
        long start = nextLine++;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int i = 0;
        while (true) {
            if (i >= text.length()) {
                if (!quoted) {
                    break;
                }
                // a quoted field goes on over a line break
                String more = in.readLine();
                if (more == null) {
                    fields.add(field.toString());
                    return new Record(fields, start, "unterminated quoted field at the end of the file");
                }
                nextLine++;
                field.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == quote) {
                    if (i < text.length() && text.charAt(i) == quote) {
                        field.append(quote);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == quote && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == '\r' && i == text.length()) {
                // CRLF: readLine left the CR
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return new Record(fields, start, null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
