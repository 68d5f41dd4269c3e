package io.slaflow.jobs.bench;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.SlaSignal;
import io.slaflow.jobs.chains.ChainGraph;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * CEP throughput on the SLA signal stream (BENCHMARKS.md "CEP layer"): generated signals for 1,000 clients through
 * the five chain operators of {@link ChainGraph} on a local MiniCluster. Not a test (surefire skips bench/); run:
 * <pre>
 * java -cp ... io.slaflow.jobs.bench.ChainThroughput [signals=1000000] [parallelism=2]
 * </pre>
 *
 * <p>Each ticket yields seven signals, one every 200 ms of event time across the 1,000 clients: a P1 or P2 at-risk
 * warning, a response breach, an escalation, the escalation carried out (ASSIGNED to the target), a response (or,
 * for every third ticket, nothing but a status change, so the escalation is ignored), a resolution and, for every
 * fifth ticket, a reopen (else CLOSED). Every operator keeps partial matches open for its keys all the time; with
 * signals 200 ms apart only breach-storm and at-risk-surge complete (a ticket is resolved long before an escalation's
 * wait ends, it has one response breach and at most one reopen), so the figure is the cost of matching, not of
 * emitting.
 */
public final class ChainThroughput {
    static final int CLIENTS = 1_000;
    static final long BASE = Instant.parse("2026-11-16T00:00:00Z").toEpochMilli();
    static final long STEP_MS = 200;

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        SlaPolicy policy = PolicyLoader.load(Path.of(args.length > 2 ? args[2] : "infra/policies/default.yaml"));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        DataStream<SlaSignal> signals = env.fromSequence(0, n - 1)
                .setParallelism(1)
                .map(ChainThroughput::signal)
                .returns(ChainGraph.SIGNAL)
                .setParallelism(1)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<SlaSignal>forMonotonousTimestamps().withTimestampAssigner((s, ts) -> s.at))
                .setParallelism(1);
        DataStream<ChainAlert> alerts = ChainGraph.build(signals, policy);

        long started = System.nanoTime();
        Map<String, Long> byPattern = new TreeMap<>();
        try (CloseableIterator<ChainAlert> it = alerts.executeAndCollect("cep throughput")) {
            while (it.hasNext()) byPattern.merge(it.next().pattern(), 1L, Long::sum);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        System.out.printf(
                "CEP throughput: %,d signals, %,d clients, parallelism %d: %.1f s (incl. job start) = %,.0f signals/s;"
                        + " alerts %s; load average %.2f%n",
                n, CLIENTS, parallelism, took.toMillis() / 1000.0, n / (took.toMillis() / 1000.0), byPattern, load);
    }

    static SlaSignal signal(long i) {
        long ticket = i / 7;
        int step = (int) (i % 7);
        String client = "client-" + (ticket % CLIENTS);
        String t = "T" + ticket;
        long at = BASE + i * STEP_MS;
        String tier = ticket % 2 == 0 ? "P1" : "P2";
        SlaSignal s;
        switch (step) {
            case 0 -> {
                s = new SlaSignal(t + ":RESPONSE:WARNING:50:" + tier, SlaSignal.Kind.WARNING, t, client, at);
                s.metric = "RESPONSE";
            }
            case 1 -> {
                s = new SlaSignal(t + ":RESPONSE:BREACH", SlaSignal.Kind.BREACH, t, client, at);
                s.metric = "RESPONSE";
            }
            case 2 -> {
                s = new SlaSignal(t + ":RESPONSE:ESCALATION:1", SlaSignal.Kind.ESCALATION, t, client, at);
                s.metric = "RESPONSE";
                s.level = 1;
                s.role = "account-director";
                s.assignee = "ad-" + client;
            }
            case 3 -> {
                s = new SlaSignal("e" + i, SlaSignal.Kind.ASSIGNED, t, client, at);
                s.assignee = "ad-" + client;
            }
            case 4 ->
                s = new SlaSignal(
                        "e" + i,
                        ticket % 3 == 0 ? SlaSignal.Kind.STATUS_CHANGED : SlaSignal.Kind.RESPONDED,
                        t,
                        client,
                        at);
            case 5 -> s = new SlaSignal("e" + i, SlaSignal.Kind.RESOLVED, t, client, at);
            default ->
                s = new SlaSignal(
                        "e" + i, ticket % 5 == 0 ? SlaSignal.Kind.REOPENED : SlaSignal.Kind.CLOSED, t, client, at);
        }
        if (s.metric != null) s.tier = tier;
        return s;
    }
}
