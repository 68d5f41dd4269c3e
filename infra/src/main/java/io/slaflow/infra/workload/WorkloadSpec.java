package io.slaflow.infra.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: an MSP's ticket stream for {@code clients} clients from {@code start} for {@code duration}.
 *
 * @param seed                   the only source of randomness: same spec, same bytes
 * @param clients                number of clients (the first three are acme, globex, initech of default.yaml)
 * @param start                  first instant of the workload (inclusive)
 * @param duration               length of the workload; no event at or after {@code start + duration} is emitted
 * @param ticketsPerClientPerDay mean new tickets per client per day, averaged over the week and over client tiers
 * @param malformedShare         share of all records that are malformed (extra records, never a lost event)
 * @param outOfOrderShare        share of events emitted late (by up to {@link #MAX_SKEW}) behind later events
 */
public record WorkloadSpec(
        long seed,
        int clients,
        Instant start,
        Duration duration,
        double ticketsPerClientPerDay,
        double malformedShare,
        double outOfOrderShare) {

    /** Monday 2026-11-16 00:00 UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-16T00:00:00Z");

    public static final int DEFAULT_CLIENTS = 50;
    /** 50 clients x 28 days x 20 = 28,000 tickets. */
    public static final double DEFAULT_TICKETS_PER_CLIENT_PER_DAY = 20.0;

    public static final double DEFAULT_MALFORMED_SHARE = 0.005;
    public static final double DEFAULT_OUT_OF_ORDER_SHARE = 0.01;
    /** The largest delay of an out-of-order event behind its event time. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(2);

    public WorkloadSpec {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, was " + clients);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (!(ticketsPerClientPerDay > 0) || ticketsPerClientPerDay > 10_000) {
            throw new IllegalArgumentException(
                    "ticketsPerClientPerDay must be in (0, 10000], was " + ticketsPerClientPerDay);
        }
        if (!(malformedShare >= 0 && malformedShare < 0.5)) {
            throw new IllegalArgumentException("malformedShare must be in [0, 0.5), was " + malformedShare);
        }
        if (!(outOfOrderShare >= 0 && outOfOrderShare <= 1)) {
            throw new IllegalArgumentException("outOfOrderShare must be in [0, 1], was " + outOfOrderShare);
        }
    }

    /** The defaults: 50 clients, 28 days from {@link #DEFAULT_START}. */
    public static WorkloadSpec defaults(long seed) {
        return new WorkloadSpec(
                seed,
                DEFAULT_CLIENTS,
                DEFAULT_START,
                Duration.ofDays(28),
                DEFAULT_TICKETS_PER_CLIENT_PER_DAY,
                DEFAULT_MALFORMED_SHARE,
                DEFAULT_OUT_OF_ORDER_SHARE);
    }

    public WorkloadSpec withClients(int n) {
        return new WorkloadSpec(seed, n, start, duration, ticketsPerClientPerDay, malformedShare, outOfOrderShare);
    }

    public WorkloadSpec withDuration(Duration d) {
        return new WorkloadSpec(seed, clients, start, d, ticketsPerClientPerDay, malformedShare, outOfOrderShare);
    }

    public WorkloadSpec withStart(Instant s) {
        return new WorkloadSpec(seed, clients, s, duration, ticketsPerClientPerDay, malformedShare, outOfOrderShare);
    }

    public WorkloadSpec withTicketsPerClientPerDay(double t) {
        return new WorkloadSpec(seed, clients, start, duration, t, malformedShare, outOfOrderShare);
    }

    public WorkloadSpec withMalformedShare(double m) {
        return new WorkloadSpec(seed, clients, start, duration, ticketsPerClientPerDay, m, outOfOrderShare);
    }

    public WorkloadSpec withOutOfOrderShare(double o) {
        return new WorkloadSpec(seed, clients, start, duration, ticketsPerClientPerDay, malformedShare, o);
    }

    public WorkloadSpec withSeed(long s) {
        return new WorkloadSpec(s, clients, start, duration, ticketsPerClientPerDay, malformedShare, outOfOrderShare);
    }

    public Instant end() {
        return start.plus(duration);
    }
}
