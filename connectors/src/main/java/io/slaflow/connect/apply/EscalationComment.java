package io.slaflow.connect.apply;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The internal comment an escalation leaves on the ticket, saying why: tier, target, deadline, how late, level, role
 * and person, and the ids of the breach and escalation records that are the evidence. Its subject carries the
 * escalation id: the marker by which a retry or a restart sees the command was applied already.
 */
public final class EscalationComment {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private EscalationComment() {}

    /** The marker in the comment's subject; stable across versions (the idempotence check searches for it). */
    public static String subject(EscalationCommand c) {
        return "[SLAflow] escalation " + c.id();
    }

    /** What the owner outcome was, for the comment's first lines. */
    public enum OwnerNote {
        REASSIGNED,
        ALREADY_OWNER,
        NO_ROSTER_PERSON,
        LEFT_WITH_PERSON
    }

    public static String body(EscalationCommand c, OwnerNote note, String currentOwner, String movedToQueue) {
        StringBuilder b = new StringBuilder();
        String metric = c.metric().toLowerCase(Locale.ROOT);
        b.append("SLAflow escalated this ticket: the ")
                .append(c.tier())
                .append(' ')
                .append(metric)
                .append(" target was breached and not met since.\n\n");
        switch (note) {
            case REASSIGNED ->
                b.append("Reassigned to ")
                        .append(c.to())
                        .append(" (")
                        .append(c.role())
                        .append(" in the client's roster), from ")
                        .append(c.from() == null ? "nobody" : c.from())
                        .append(".\n");
            case ALREADY_OWNER -> b.append(c.to()).append(" (").append(c.role()).append(") already owns the ticket.\n");
            case NO_ROSTER_PERSON ->
                b.append("The client's roster names no ")
                        .append(c.role())
                        .append(": the ticket stays with ")
                        .append(currentOwner)
                        .append(movedToQueue == null ? "" : " and moves to queue " + movedToQueue)
                        .append(".\n");
            case LEFT_WITH_PERSON ->
                b.append("Not reassigned to ")
                        .append(c.to())
                        .append(" (")
                        .append(c.role())
                        .append("): the owner was changed to ")
                        .append(currentOwner)
                        .append(" after the escalation fired, and that decision stands.\n");
        }
        b.append('\n');
        line(b, "Client", c.clientId());
        line(b, "Tier", c.tier());
        line(b, "Target", c.target() == null ? metric : metric + " within " + c.target());
        line(b, "Deadline", UTC.format(c.deadlineOrBreach()));
        line(b, "Breached at", UTC.format(c.breachedAt()));
        line(b, "Escalated at", UTC.format(c.firedAt()) + " (" + late(c) + " after the deadline)");
        line(b, "Level", c.level() + " (" + c.role() + ")");
        if (c.reason() != null) line(b, "Rule", c.reason());
        if (c.policyVersion() != null) line(b, "Policy", c.policyVersion());
        line(b, "Evidence", "breach " + c.breachId() + " (sla-breaches), escalation " + c.id() + " (sla-escalations)");
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-13s %s%n", label + ":", value));
    }

    /** How far past the deadline the escalation fired, e.g. {@code 30m}, {@code 1h 5m}, {@code 45s}. */
    static String late(EscalationCommand c) {
        Duration d = Duration.between(c.deadlineOrBreach(), c.firedAt());
        if (d.isNegative()) d = Duration.ZERO;
        long h = d.toHours(), m = d.toMinutesPart(), s = d.toSecondsPart();
        if (h > 0) return h + "h" + (m > 0 ? " " + m + "m" : "");
        if (m > 0) return m + "m" + (s > 0 ? " " + s + "s" : "");
        return s + "s";
    }
}
