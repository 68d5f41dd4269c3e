package io.slaflow.infra.workload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code java -cp ... io.slaflow.infra.workload.WorkloadMain --clients 50 --days 28 --seed 7 --out FILE}: writes an
 * MSP workload as JSON Lines, printing progress and a summary.
 */
public final class WorkloadMain {

    private static final String USAGE = """
            usage: WorkloadMain --out FILE [--clients N] [--days D] [--seed S] [--start INSTANT]
                                [--tickets-per-day T] [--malformed-share M] [--out-of-order-share O]
              --out FILE               where to write the JSON Lines (required)
              --clients N              number of clients (default 50; the first three are acme, globex, initech)
              --days D                 length in days (default 28)
              --seed S                 random seed (default 7): same arguments, same bytes
              --start INSTANT          first instant (default 2026-11-16T00:00:00Z, a Monday)
              --tickets-per-day T      mean tickets per client per day (default 20)
              --malformed-share M      share of malformed records (default 0.005)
              --out-of-order-share O   share of events emitted up to 2 minutes late (default 0.01)
            """;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        WorkloadSpec spec = WorkloadSpec.defaults(7);
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    out.print(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--out" -> file = Path.of(v);
                    case "--clients" -> spec = spec.withClients(Integer.parseInt(v));
                    case "--days" -> spec = spec.withDuration(Duration.ofDays(Long.parseLong(v)));
                    case "--seed" -> spec = spec.withSeed(Long.parseLong(v));
                    case "--start" -> spec = spec.withStart(Instant.parse(v));
                    case "--tickets-per-day" -> spec = spec.withTicketsPerClientPerDay(Double.parseDouble(v));
                    case "--malformed-share" -> spec = spec.withMalformedShare(Double.parseDouble(v));
                    case "--out-of-order-share" -> spec = spec.withOutOfOrderShare(Double.parseDouble(v));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("--out FILE is required");
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        WorkloadGenerator generator = new WorkloadGenerator(spec);
        out.printf(
                "generating %d clients x %s from %s (seed %d) into %s%n",
                spec.clients(), spec.duration(), spec.start(), spec.seed(), file);
        long day = 86_400_000L;
        long nextReport = spec.start().toEpochMilli() + day;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                while (generator.hasNext()) {
                    GeneratedRecord r = generator.next();
                    if (r.occurredAtMillis() >= nextReport) {
                        WorkloadStats s = generator.stats();
                        out.printf(
                                "  up to %s: %d tickets, %d records%n",
                                Instant.ofEpochMilli(nextReport), s.tickets(), s.records());
                        nextReport += day;
                    }
                    os.write(r.json());
                    os.write('\n');
                }
            }
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
        WorkloadStats s = generator.stats();
        out.println("done: " + s);
        return 0;
    }

    private WorkloadMain() {}
}
