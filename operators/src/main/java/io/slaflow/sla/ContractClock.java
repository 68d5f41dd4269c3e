package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.SlaTarget;
import io.slaflow.policy.TierPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The clock one target of a ticket is judged on, for anyone who recounts an outcome (reports, audits): the tier's
 * calendar for the ticket's client and the target, with the client's overrides. <b>Counted time</b> is business time on
 * that calendar (working time on business hours, wall-clock time on 24×7) outside the ticket's pauses; a target is met
 * when the time counted from its start to its satisfaction is at most the target, and <b>late by</b> is how much more
 * was counted. The enforcer decides by the same rule ({@link SlaClock}), so a report built on this agrees with the
 * outcomes and alerts (README, "Adherence: the definitions").
 *
 * <p>Pure and immutable; the calendar arithmetic is {@link BusinessCalendar}'s.
 */
public final class ContractClock {

    /** A span during which the clock was paused (a pause status), from inclusive to until exclusive. */
    public record Pause(Instant from, Instant until) {
        public Pause {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
        }
    }

    private final BusinessCalendar calendar;
    private final SlaTarget target;

    public ContractClock(BusinessCalendar calendar, SlaTarget target) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * The clock of {@code metric} for a ticket of tier {@code tierId} and client {@code clientId} under {@code policy}
     * (the version pinned to the ticket; an unlisted client gets the default profile, as in the enforcer).
     *
     * @throws IllegalArgumentException if the policy has no tier {@code tierId}
     */
    public static ContractClock of(SlaPolicy policy, String tierId, String clientId, Metric metric) {
        ClientProfile client = policy.client(clientId);
        TierPolicy tier = policy.effectiveTier(tierId, client);
        if (tier == null) {
            throw new IllegalArgumentException("policy " + policy.version() + " has no tier '" + tierId + "'");
        }
        return new ContractClock(policy.calendarFor(tier, client), tier.target(metric));
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    public SlaTarget target() {
        return target;
    }

    /** The target as counted time for a clock started at {@code start} (business days depend on the start). */
    public Duration budget(Instant start) {
        return target.budget(start, calendar);
    }

    /** Time counted on this clock from {@code from} to {@code to}, with no pauses. */
    public Duration counted(Instant from, Instant to) {
        return calendar.businessTimeBetween(from, to);
    }

    /**
     * Time counted on this clock from {@code from} to {@code to}: business time outside the {@code paused} spans
     * (which may overlap each other or reach outside {@code [from, to)}). Zero when {@code to} is not after
     * {@code from}.
     */
    public Duration counted(Instant from, Instant to, List<Pause> paused) {
        Duration counted = counted(from, to);
        for (Pause p : merged(paused)) {
            Instant lo = p.from().isAfter(from) ? p.from() : from;
            Instant hi = p.until().isBefore(to) ? p.until() : to;
            counted = counted.minus(calendar.businessTimeBetween(lo, hi));
        }
        return counted;
    }

    /**
     * How much more than the target was counted from {@code start} to {@code end} (the satisfaction, or "now" for a
     * target still open): zero when the target is met.
     */
    public Duration lateBy(Instant start, Instant end, List<Pause> paused) {
        Duration over = counted(start, end, paused).minus(budget(start));
        return over.isNegative() ? Duration.ZERO : over;
    }

    /** Whether a target started at {@code start} and satisfied at {@code satisfiedAt} is met. */
    public boolean met(Instant start, Instant satisfiedAt, List<Pause> paused) {
        return counted(start, satisfiedAt, paused).compareTo(budget(start)) <= 0;
    }

    /** The pauses sorted and with overlapping or touching ones joined, so no paused time is subtracted twice. */
    private static List<Pause> merged(List<Pause> paused) {
        List<Pause> sorted = new ArrayList<>(paused);
        sorted.sort(Comparator.comparing(Pause::from));
        List<Pause> merged = new ArrayList<>();
        for (Pause p : sorted) {
            if (!p.until().isAfter(p.from())) continue;
            Pause last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !p.from().isAfter(last.until())) {
                if (p.until().isAfter(last.until())) merged.set(merged.size() - 1, new Pause(last.from(), p.until()));
            } else {
                merged.add(p);
            }
        }
        return merged;
    }

    @Override
    public String toString() {
        return "ContractClock{" + calendar.id() + ", " + target.text() + "}";
    }
}
