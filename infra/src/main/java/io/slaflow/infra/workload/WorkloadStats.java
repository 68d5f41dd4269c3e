package io.slaflow.infra.workload;

import java.util.Map;
import java.util.TreeMap;

/** Counts of what a generator has produced so far. */
public final class WorkloadStats {
    long tickets;
    long events;
    long malformed;
    long outOfOrder;
    long bytes;
    final Map<String, Long> ticketsByExpectedTier = new TreeMap<>();
    final Map<String, Long> ticketsByClientTier = new TreeMap<>();
    final Map<String, Long> ticketsBySource = new TreeMap<>();
    final Map<String, Long> eventsByType = new TreeMap<>();

    public long tickets() {
        return tickets;
    }

    /** Valid events (malformed records not included). */
    public long events() {
        return events;
    }

    public long malformed() {
        return malformed;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public long records() {
        return events + malformed;
    }

    public long bytes() {
        return bytes;
    }

    /** Tickets by the tier the generator expects the default policy to give them at creation. */
    public Map<String, Long> ticketsByExpectedTier() {
        return Map.copyOf(ticketsByExpectedTier);
    }

    public Map<String, Long> ticketsByClientTier() {
        return Map.copyOf(ticketsByClientTier);
    }

    public Map<String, Long> ticketsBySource() {
        return Map.copyOf(ticketsBySource);
    }

    public Map<String, Long> eventsByType() {
        return Map.copyOf(eventsByType);
    }

    @Override
    public String toString() {
        return String.format(
                "tickets=%d events=%d malformed=%d outOfOrder=%d bytes=%d%n"
                        + "  tickets by expected tier: %s%n  tickets by client tier:   %s%n"
                        + "  tickets by source:        %s%n  events by type:           %s",
                tickets,
                events,
                malformed,
                outOfOrder,
                bytes,
                ticketsByExpectedTier,
                ticketsByClientTier,
                ticketsBySource,
                eventsByType);
    }
}
