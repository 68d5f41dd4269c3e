package io.slaflow.jobs.replay;

import io.slaflow.ingest.RawRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON Lines file as raw records numbered by line, bytes untouched (a line that is not UTF-8 must reach the
 * parser as it is, to be refused with its original bytes). Blank lines are skipped; line numbers count them. Not
 * splittable, so one reader sees the whole file in order and the numbers are exact.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;
    private final String fileName;

    /** @param fileName how dead letters name the file */
    public JsonLinesFormat(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public StreamFormat.Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
        NumberedLines lines = new NumberedLines(in);
        return new StreamFormat.Reader<>() {
            @Override
            public RawRecord read() throws IOException {
                byte[] bytes = lines.next();
                return bytes == null ? null : RawRecord.fromFile(bytes, fileName, lines.lineNumber());
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** A line of only spaces and tabs (its CR already cut): skipped, and counted as blank in the summary. */
    static boolean isBlank(byte[] bytes, int end) {
        for (int i = 0; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') return false;
        }
        return true;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
