package io.slaflow.jobs.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Where a replay's outputs land while the job runs: one part file per sink subtask, a line per record (tab-separated
 * fields, the JSON last — JSON text never contains a raw tab or newline). After the job, {@link #readAll} feeds them to
 * {@link ReplayFiles}, which sorts and writes the audit files (in bounded memory). Writing to files (not collecting to
 * the client) means nothing depends on the MiniCluster still answering once the job has finished.
 */
final class ReplayPartsSink implements Sink<ReplayLine> {
    private static final long serialVersionUID = 1L;
    private final String dir;

    ReplayPartsSink(Path dir) {
        this.dir = dir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<ReplayLine> createWriter(WriterInitContext context) throws IOException {
        Path parts = Paths.get(dir);
        Files.createDirectories(parts);
        Path file = parts.resolve("part-" + context.getTaskInfo().getIndexOfThisSubtask() + ".tsv");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return new SinkWriter<>() {
            @Override
            public void write(ReplayLine l, Context ctx) throws IOException {
                text(l.kind.name());
                field(l.time);
                field(l.id);
                field(l.revision);
                field(l.clientId);
                field(l.tier);
                field(l.metric);
                field(l.outcome);
                field(l.unlistedClient);
                field(l.reason);
                // the JSON's bytes as the job wrote them: UTF-8, as the text fields are
                out.write('\t');
                if (l.jsonBytes != null) out.write(l.jsonBytes);
                else text(l.json);
                out.write('\n');
            }

            private void field(Object v) throws IOException {
                out.write('\t');
                text(v);
            }

            private void text(Object v) throws IOException {
                if (v != null) out.write(v.toString().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** Bytes written so far (progress). */
    static long bytesWritten(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Every line, in a fixed order: the part files by name, each in the order it was written. {@link ReplayFiles}
     * breaks ties by this order (the sink runs as one subtask, so it is the order the job emitted the lines in).
     */
    static void readAll(Path dir, Consumer<ReplayLine> sink) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    lines.forEach(s -> sink.accept(parse(s)));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
    }

    private static ReplayLine parse(String s) {
        String[] f = s.split("\t", 11);
        ReplayLine l = new ReplayLine();
        l.kind = ReplayLine.Kind.valueOf(f[0]);
        l.time = Long.parseLong(f[1]);
        l.id = f[2];
        l.revision = Integer.parseInt(f[3]);
        l.clientId = empty(f[4]);
        l.tier = empty(f[5]);
        l.metric = empty(f[6]);
        l.outcome = empty(f[7]);
        l.unlistedClient = Boolean.parseBoolean(f[8]);
        l.reason = empty(f[9]);
        l.json = f[10];
        return l;
    }

    private static String empty(String s) {
        return s.isEmpty() ? null : s;
    }
}
