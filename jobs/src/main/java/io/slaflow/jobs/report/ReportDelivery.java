package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a report and delivers it exactly once per client, period and channel, across job restarts and replays.
 *
 * <p>The ledger is the reports folder: after a channel succeeds, a marker {@code <label>.<channel>.sent} is written
 * atomically; a channel whose marker exists is never used again for that report. A report re-emitted after a
 * restart or by a replay therefore sends nothing twice (the files are rewritten with the same content). The window
 * left is a crash between the channel's success and the marker write, where one repeat is possible: the webhook's
 * {@code Idempotency-Key} and the e-mail's {@code X-SLAflow-Report} header carry the report's delivery key for that case
 * (logs name reports by it too: a client id is never written raw where a line break could forge a line).
 *
 * <p>Each channel is tried {@code maxAttempts} times with doubling backoff. If it keeps failing the delivery is
 * recorded FAILED (delivery record, {@code failed-deliveries.jsonl} in the folder, sla-reports) and logged at
 * ERROR — never silently lost; the next emission of the same report (a restore from a checkpoint taken before it, a
 * replay) tries the missing channels again.
 */
public final class ReportDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);
    private static final long MAX_BACKOFF_MS = 60_000;

    /** Waiting between attempts; tests pass a recorder instead of sleeping. */
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    private final ReportFiles files;
    private final List<DeliveryChannel> channels;
    private final int maxAttempts;
    private final long initialBackoffMs;
    private final ReportRecorder recorder;
    private final Sleeper sleeper;

    public ReportDelivery(
            ReportFiles files,
            List<DeliveryChannel> channels,
            int maxAttempts,
            long initialBackoffMs,
            ReportRecorder recorder,
            Sleeper sleeper) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        this.files = files;
        this.channels = List.copyOf(channels);
        this.maxAttempts = maxAttempts;
        this.initialBackoffMs = initialBackoffMs;
        this.recorder = recorder;
        this.sleeper = sleeper;
    }

    public ReportFiles files() {
        return files;
    }

    /**
     * @return the delivery record written, or null when this report had already been delivered on every channel
     */
    public ReportRecord deliver(ClientReport report) throws IOException, InterruptedException {
        return deliver(report, null);
    }

    /**
     * Whether {@code report} was delivered on every channel already, so {@link #deliver} would send and write nothing
     * (with no external channel there is nothing to send twice: the files are simply rewritten, so never).
     */
    public boolean alreadyDelivered(ClientReport report) {
        if (channels.isEmpty()) return false;
        for (DeliveryChannel c : channels) if (!Files.exists(marker(report, c))) return false;
        return Files.exists(files.file(report, ".delivery.json")) && Files.exists(files.file(report, ".pdf"));
    }

    /**
     * @param rendered the report's formats when rendered already (the sink renders off the task thread), or null to
     *                 render them here
     * @return the delivery record written, or null when this report had already been delivered on every channel
     */
    public ReportRecord deliver(ClientReport report, ReportArtifacts rendered)
            throws IOException, InterruptedException {
        List<DeliveryChannel> pending = new ArrayList<>();
        for (DeliveryChannel c : channels) if (!Files.exists(marker(report, c))) pending.add(c);
        Path recordFile = files.file(report, ".delivery.json");
        if (alreadyDelivered(report)) {
            LOG.info("report {} already delivered; nothing sent again", report.deliveryKey());
            return null;
        }

        ReportArtifacts a = rendered != null ? rendered : ReportArtifacts.render(report);
        ReportFiles.writeAtomically(files.file(report, ".html"), a.html().getBytes(StandardCharsets.UTF_8));
        ReportFiles.writeAtomically(files.file(report, ".pdf"), a.pdf());
        ReportFiles.writeAtomically(files.file(report, ".json"), a.json());
        ReportFiles.writeAtomically(files.file(report, ".targets.csv"), a.csv());

        int attempts = 0;
        long deliveredAt = -1;
        String error = null;
        List<String> recipients = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DeliveryChannel c : channels) {
            names.add(c.name());
            recipients.addAll(c.recipients(report));
            if (!pending.contains(c)) continue;
            long backoff = initialBackoffMs;
            for (int attempt = 1; ; attempt++) {
                attempts++;
                try {
                    c.deliver(report, a);
                    deliveredAt = System.currentTimeMillis();
                    ReportFiles.writeAtomically(
                            marker(report, c),
                            (Instant.ofEpochMilli(deliveredAt) + " " + String.join(",", c.recipients(report)) + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                    break;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warn(
                            "report {}: {} attempt {}/{} failed: {}",
                            report.deliveryKey(),
                            c.name(),
                            attempt,
                            maxAttempts,
                            e.toString());
                    if (attempt >= maxAttempts) {
                        error = c.name() + ": " + e;
                        break;
                    }
                    sleeper.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                }
            }
        }
        String status = error != null ? "FAILED" : channels.isEmpty() ? "GENERATED" : "DELIVERED";
        List<String> written = List.of(
                relative(files.file(report, ".html")),
                relative(files.file(report, ".pdf")),
                relative(files.file(report, ".json")),
                relative(files.file(report, ".targets.csv")));
        ReportRecord record =
                new ReportRecord(report, status, deliveredAt, names, recipients, attempts, written, error);
        ReportFiles.writeAtomically(recordFile, record.toJsonBytes());
        if (error != null) alert(record);
        if (recorder != null) {
            try {
                recorder.record(record);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // the folder holds the record; the index is a copy that the next emission rewrites
                LOG.error("report {}: could not index the sla-reports record: {}", report.deliveryKey(), e.toString());
            }
        }
        return record;
    }

    /** Closes the sla-reports connection, if any. */
    @Override
    public void close() throws Exception {
        if (recorder != null) recorder.close();
    }

    private void alert(ReportRecord record) throws IOException {
        LOG.error(
                "REPORT DELIVERY FAILED: report {} after {} attempts: {} (recorded in {})",
                record.id(),
                record.attempts(),
                record.error(),
                files.root().resolve("failed-deliveries.jsonl"));
        Files.createDirectories(files.root());
        byte[] line =
                (new String(record.toJsonBytes(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(
                files.root().resolve("failed-deliveries.jsonl"),
                line,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private Path marker(ClientReport r, DeliveryChannel c) {
        return files.file(r, "." + c.name() + ".sent");
    }

    private String relative(Path p) {
        return files.root().relativize(p).toString();
    }
}
