package io.slaflow.jobs.demo;

import io.slaflow.jobs.demo.DemoRunner.DemoSnapshot;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo's console: one compact block per refresh. */
final class ConsoleView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private final PrintStream out;
    private final WorkloadFeeder feeder;
    private final OutputWatcher watcher;
    private final AdherenceProbe adherence;
    private final DemoOptions options;
    private final Instant liveFrom;
    private final int clients;

    ConsoleView(PrintStream out, WorkloadFeeder feeder, OutputWatcher watcher, AdherenceProbe adherence,
                DemoOptions options, Instant liveFrom, int clients) {
        this.out = out;
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
        long eventTime = feeder.lastEventTime();
        String phase;
        if (feeder.isLive()) {
            phase = "LIVE";
        } else {
            Instant historyStart = liveFrom.minus(options.history());
            double done = eventTime == Long.MIN_VALUE ? 0
                    : Math.min(1.0, (eventTime - historyStart.toEpochMilli()) / (double) options.history().toMillis());
            phase = String.format("history %3.0f%%", done * 100);
        }
        Map<String, Double> byTier = adherence.adherenceByTier("7d");
        DemoSnapshot s = new DemoSnapshot(feeder.sent(), feeder.isLive(), watcher.count("sla-breaches"),
                watcher.count("sla-breaches:warnings"), watcher.count("sla-escalations"), watcher.count("sla-chains"),
                watcher.count("ticket-events-dlq"), byTier);
        out.printf("── %s │ %,d events from %d clients │ event time %s%n", phase, s.eventsSent(), clients,
                eventTime == Long.MIN_VALUE ? "-" : TIME.format(Instant.ofEpochMilli(eventTime)));
        out.printf("   warnings %,d │ breaches %,d │ escalations %,d │ chain alerts %,d │ dead letters %,d%n",
                s.warnings(), s.breaches(), s.escalations(), s.chains(), s.deadLetters());
        out.printf("   adherence, last 7 days (Elasticsearch): %s%n", byTier.isEmpty() ? "(not indexed yet)"
                : byTier.entrySet().stream().map(e -> String.format("%s %.1f%%", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" · ")));
        for (String line : watcher.latest()) out.println("   ↳ " + line);
        return s;
    }
}
