package io.slaflow.bench;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import io.slaflow.infra.workload.WorkloadStats;
import io.slaflow.jobs.replay.ReplayJob;
import io.slaflow.jobs.replay.ReplayOptions;
import io.slaflow.jobs.replay.ReportSelection;
import io.slaflow.jobs.simulate.ProposalReport;
import io.slaflow.jobs.simulate.SimulationJob;
import io.slaflow.jobs.simulate.SimulationOptions;
import io.slaflow.policy.Metric;
import io.slaflow.simulate.ContractCredits;
import io.slaflow.simulate.SimulationScope;
import io.slaflow.simulate.SweepSpec;
import io.slaflow.simulate.SweptPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 23, item 5: how long {@code slaflow simulate} takes over a quarter of a 200-client MSP (about 500,000 events)
 * with the current policy and two candidates (and a sweep), against {@code slaflow replay} of the same file under the
 * current policy alone, in alternating rounds in one JVM. Wall time from the call to the files written (what a user
 * waits for, MiniCluster start included) and the process CPU time over the same span.
 *
 * <pre>jobs/bench.sh SimulateBench clients=200 days=91 perDay=5.3 parallelism=2 rounds=2</pre>
 */
public final class SimulateBench {
    private SimulateBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int clients = Integer.parseInt(a.getOrDefault("clients", "200"));
        int days = Integer.parseInt(a.getOrDefault("days", "91"));
        double perDay = Double.parseDouble(a.getOrDefault("perDay", "5.3"));
        int parallelism = Integer.parseInt(a.getOrDefault("parallelism", "2"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "2"));
        List<String> modes = List.of(a.getOrDefault("modes", "simulate,replay").split(","));
        Path work = Path.of(a.getOrDefault("dir", "jobs/target/bench-simulate")).toAbsolutePath();
        Path policy = Path.of("infra/policies/default.yaml").toAbsolutePath();
        Files.createDirectories(work);

        Path history = work.resolve("quarter.jsonl");
        WorkloadSpec spec = new WorkloadSpec(
                7,
                clients,
                WorkloadSpec.DEFAULT_START,
                Duration.ofDays(days),
                perDay,
                WorkloadSpec.DEFAULT_MALFORMED_SHARE,
                WorkloadSpec.DEFAULT_OUT_OF_ORDER_SHARE);
        long t0 = System.nanoTime();
        WorkloadStats stats = new WorkloadGenerator(spec).writeJsonLines(history);
        System.out.printf(
                "history: %s, %s (%,d bytes, generated in %.1f s)%n",
                history, stats, Files.size(history), (System.nanoTime() - t0) / 1e9);

        // two candidates a negotiation would compare: P2 responses in 45m (stricter) and 2h (looser) instead of 1h
        String yaml = Files.readString(policy);
        SweepSpec p2 = new SweepSpec("P2", Metric.RESPONSE, new BigDecimal("98"));
        Path stricter = Files.writeString(
                work.resolve("p2-45m.yaml"), SweptPolicy.of(yaml, p2, "45m").yaml());
        Path looser = Files.writeString(
                work.resolve("p2-2h.yaml"), SweptPolicy.of(yaml, p2, "2h").yaml());
        List<Path> candidates = List.of(stricter, looser);

        System.out.printf(
                "cores available %d, parallelism %d, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), parallelism, load());
        List<String[]> rows = new ArrayList<>();
        {
            for (int r = 0; r < rounds; r++) {
                List<String> order = new ArrayList<>(modes);
                if (r % 2 == 1) java.util.Collections.reverse(order);
                for (String mode : order) {
                    Path out = work.resolve(mode + "-" + r);
                    deleteTree(out);
                    String before = load();
                    long cpu0 = cpu();
                    long w0 = System.nanoTime();
                    ByteArrayOutputStream progress = new ByteArrayOutputStream();
                    if (mode.equals("simulate")) {
                        new SimulationJob(
                                        new PrintStream(progress, true),
                                        new ContractCredits(ContractCredits.REPORT_DEFAULT_GOAL_PERCENT),
                                        new ProposalReport())
                                .run(new SimulationOptions(
                                        history,
                                        policy,
                                        candidates,
                                        SimulationScope.ALL,
                                        null,
                                        Duration.ofMinutes(5),
                                        EnforcerSettings.live(),
                                        parallelism,
                                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
                                        "P2.response",
                                        "98%",
                                        out));
                    } else {
                        new ReplayJob(new PrintStream(progress, true))
                                .run(new ReplayOptions(
                                        history,
                                        policy,
                                        out,
                                        null,
                                        Duration.ofMinutes(5),
                                        EnforcerSettings.live(),
                                        parallelism,
                                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
                                        ReportSelection.NONE));
                    }
                    double wall = (System.nanoTime() - w0) / 1e9;
                    double cpuS = (cpu() - cpu0) / 1e9;
                    System.out.printf(
                            "round %d %-8s: %6.1f s wall, %6.1f s CPU (%.2f cores busy), load %s -> %s%n",
                            r, mode, wall, cpuS, cpuS / wall, before, load());
                    System.out.print(progress.toString()
                            .lines()
                            .filter(l -> l.contains("simulate:") || l.contains("replay:"))
                            .map(l -> "    " + l + "\n")
                            .reduce("", String::concat));
                    rows.add(new String[] {mode, String.valueOf(wall), String.valueOf(cpuS)});
                }
            }
        }
        System.out.println("summary (wall s, CPU s per run):");
        for (String mode : modes) {
            System.out.printf(
                    "  %-8s %s%n",
                    mode,
                    rows.stream()
                            .filter(x -> x[0].equals(mode))
                            .map(x -> String.format("%.1f/%.1f", Double.parseDouble(x[1]), Double.parseDouble(x[2])))
                            .toList());
        }
        System.exit(0);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
