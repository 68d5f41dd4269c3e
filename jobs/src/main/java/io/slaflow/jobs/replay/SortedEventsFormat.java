package io.slaflow.jobs.replay;

import io.slaflow.ingest.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads the input {@link EventTimeSorter} sorted as raw records, each with its line number in the original file and
 * the original file's name, so a dead letter names the line exactly as an unsorted replay would. Not splittable, as
 * {@link JsonLinesFormat}: one reader sees the whole sorted file in order.
 */
public final class SortedEventsFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;
    private final String fileName;

    /** @param fileName how dead letters name the original file */
    public SortedEventsFormat(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public StreamFormat.Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        ExternalSort.RunReader<SortedRunFile.Entry> runs = new ExternalSort.RunReader<>(stream, SortedRunFile.FORMAT);
        return new StreamFormat.Reader<>() {
            @Override
            public RawRecord read() throws java.io.IOException {
                SortedRunFile.Entry e = runs.next();
                return e == null ? null : RawRecord.fromFile(e.bytes(), fileName, e.lineNumber());
            }

            @Override
            public void close() throws java.io.IOException {
                runs.close();
            }
        };
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
