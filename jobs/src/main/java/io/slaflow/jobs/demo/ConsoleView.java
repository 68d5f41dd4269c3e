package io.slaflow.jobs.demo;

import io.slaflow.jobs.demo.DemoRunner.DemoSnapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's console: one compact block per refresh. Its first two lines say what was sent and where the job
 * itself is (its event time and how far it is behind the input, from {@link JobProgress}); "LIVE" only once the job
 * has caught up ({@link DemoPhase}).
 */
final class ConsoleView {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private final PrintStream out;
    private final WorkloadFeeder feeder;
    private final OutputWatcher watcher;
    private final AdherenceProbe adherence;
    private final JobProgress job;
    private final DemoOptions options;
    private final Instant liveFrom;
    private final int clients;

    ConsoleView(
            PrintStream out,
            WorkloadFeeder feeder,
            OutputWatcher watcher,
            AdherenceProbe adherence,
            JobProgress job,
            DemoOptions options,
            Instant liveFrom,
            int clients) {
        this.out = out;
        this.job = job;
        this.feeder = feeder;
        this.watcher = watcher;
        this.adherence = adherence;
        this.options = options;
        this.liveFrom = liveFrom;
        this.clients = clients;
    }

    /** On a terminal each refresh redraws the screen; into a file or pipe, blocks are appended. */
    private static final boolean TERMINAL = System.console() != null;

    DemoSnapshot print() {
        if (TERMINAL) out.print("\033[H\033[2J");
        long inputTime = feeder.lastEventTime();
        JobProgress.Snapshot position = jobPosition();
        DemoPhase phase = DemoPhase.of(feeder.isLive(), inputTime, position);
        Duration lag = DemoPhase.lag(inputTime, position);
        String phaseText = switch (phase) {
            case HISTORY -> {
                Instant historyStart = liveFrom.minus(options.history());
                double done = inputTime == Long.MIN_VALUE
                        ? 0
                        : Math.min(
                                1.0,
                                (inputTime - historyStart.toEpochMilli())
                                        / (double) options.history().toMillis());
                yield String.format("history %3.0f%% sent", done * 100);
            }
            case CATCHING_UP -> "catching up: all history sent, the job is still behind";
            case LIVE -> "LIVE";
        };
        Map<String, Double> byTier = adherence.adherenceByTier("7d");
        DemoSnapshot s = new DemoSnapshot(
                feeder.sent(),
                phase == DemoPhase.LIVE,
                watcher.count("sla-breaches"),
                watcher.count("sla-breaches:warnings"),
                watcher.count("sla-escalations"),
                watcher.count("sla-chains"),
                watcher.count("ticket-events-dlq"),
                byTier,
                position.eventTime(),
                position.eventsBehind());
        out.printf(
                "── %s │ %,d events sent from %d clients │ input at %s%n",
                phaseText, s.eventsSent(), clients, time(inputTime));
        out.printf(
                "   job at %s (its event time at the last checkpoint) │ %s%n",
                time(position.eventTime()),
                lag == null
                        ? "waiting for its first checkpoint"
                        : lag.isZero() && position.eventsBehind() == 0
                                ? "caught up with the input"
                                : String.format(
                                        "%s and %,d events behind the input",
                                        DemoPhase.human(lag), position.eventsBehind()));
        out.printf(
                "   warnings %,d │ breaches %,d │ escalations %,d │ chain alerts %,d │ dead letters %,d%n",
                s.warnings(), s.breaches(), s.escalations(), s.chains(), s.deadLetters());
        out.printf(
                "   adherence, last 7 days (Elasticsearch): %s%n",
                byTier.isEmpty()
                        ? "(not indexed yet)"
                        : byTier.entrySet().stream()
                                .map(e -> String.format("%s %.1f%%", e.getKey(), e.getValue()))
                                .collect(Collectors.joining(" · ")));
        for (String line : watcher.latest()) out.println("   ↳ " + line);
        return s;
    }

    /** The job's position; a broker that does not answer for a moment must not stop the view. */
    private JobProgress.Snapshot jobPosition() {
        try {
            return job.read();
        } catch (Exception e) {
            return JobProgress.Snapshot.NOTHING_YET;
        }
    }

    private static String time(long epochMs) {
        return epochMs == Long.MIN_VALUE ? "-" : TIME.format(Instant.ofEpochMilli(epochMs));
    }
}
