package io.slaflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of one component (a process and its descendants: Elasticsearch runs under its launcher,
 * and under {@code runuser} when we are root) read from Linux's {@code /proc}: {@code utime + stime} of
 * {@code /proc/<pid>/stat} and {@code VmRSS} of {@code /proc/<pid>/status}. A component is given as a supplier of its
 * root process so that a restarted process is followed.
 */
final class ProcessMeter {
    /** Clock ticks per second of {@code /proc/<pid>/stat} times (USER_HZ; 100 on every Linux build we run on). */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    final String name;
    private final Supplier<ProcessHandle> root;
    private final boolean withDescendants;

    ProcessMeter(String name, Supplier<ProcessHandle> root) {
        this(name, root, true);
    }

    private ProcessMeter(String name, Supplier<ProcessHandle> root, boolean withDescendants) {
        this.name = name;
        this.root = root;
        this.withDescendants = withDescendants;
    }

    /**
     * This JVM alone: the broker and the node it started are its child processes and are metered on their own (counted
     * here too, they would be counted twice).
     */
    static ProcessMeter self(String name) {
        return new ProcessMeter(name, ProcessHandle::current, false);
    }

    /** The process and its living descendants. */
    private List<Long> pids() {
        ProcessHandle r = root.get();
        List<Long> pids = new ArrayList<>();
        if (r == null) return pids;
        pids.add(r.pid());
        if (!withDescendants) return pids;
        try (Stream<ProcessHandle> d = r.descendants()) {
            d.forEach(h -> pids.add(h.pid()));
        }
        return pids;
    }

    /** User + system CPU time of the process tree, in nanoseconds. */
    long cpuNanos() {
        long ticks = 0;
        for (long pid : pids()) {
            String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
            if (stat != null) ticks += cpuTicks(stat);
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** Resident set size of the process tree, in bytes. */
    long rssBytes() {
        long kb = 0;
        for (long pid : pids()) {
            String status = read(Path.of("/proc", Long.toString(pid), "status"));
            if (status != null) kb += rssKb(status);
        }
        return kb * 1024;
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may contain
     * spaces and parentheses, so fields are counted after the last ')': state is field 3, utime 14 and stime 15.
     */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // f[0] is field 3
    }

    /** {@code VmRSS} of a {@code /proc/<pid>/status} file, in kB (0 for a zombie, which has none). */
    static long rssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split(" +")[0]);
            }
        }
        return 0;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (NoSuchFileException gone) {
            return null; // the process ended between listing and reading
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + " (this benchmark needs Linux /proc)", e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
