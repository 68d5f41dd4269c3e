package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;

/**
 * What an analyst sees of one ticket right now ({@code sla-tickets}): who has it, its status, whether a clock is
 * paused, and the target closest to breach with its deadline and the time left on the contract's clock. Built from
 * the enforcer's state after each change; the descriptive fields come from the CREATED event, once.
 *
 * @param at           the event time the view is as of (what the enforcer had decided up to)
 * @param open         the ticket is neither resolved nor closed
 * @param closedAt     when it was CLOSED, -1 if not
 * @param pausedClocks the clocks a pause status holds (and that can still breach): 1 = response, 2 = resolution
 * @param nextMetric   the unmet, unbreached target closest to its deadline (a running one first), or null when none
 * @param nextDeadline that target's deadline; -1 while it is paused or when there is none
 * @param timeLeftMs   that target's budget left at {@code at}, counted on its calendar (business time on business
 *                     hours): exact while paused, and shrinking from {@code at} on while it runs; -1 when none
 * @param subject      the CREATED event's subject, source, {@code queue} and {@code category} extras and the ticket's
 *                     link from the client's {@code ticketUrl}; null in the views after the first
 */
public record TicketView(
        String ticketId,
        String clientId,
        String tier,
        long at,
        String status,
        String assignee,
        boolean open,
        long closedAt,
        int pausedClocks,
        Metric nextMetric,
        long nextDeadline,
        long timeLeftMs,
        String subject,
        String source,
        String queue,
        String category,
        String ticketUrl) {

    public boolean paused() {
        return pausedClocks != 0;
    }

    /** The view of {@code s} at {@code at} under its pinned {@code policy}; {@code created} when this change created it. */
    public static TicketView of(TicketState s, SlaPolicy policy, long at, TicketEvent created) {
        ClientProfile client = policy.client(s.clientId);
        BusinessCalendar cal = policy.calendarFor(policy.effectiveTier(s.tier, client), client);
        Metric next = null;
        SlaClock nextClock = null;
        int paused = 0;
        for (Metric m : Metric.values()) {
            SlaClock c = s.clock(m);
            if (c.completedAt >= 0 || c.isBreached() || c.state == SlaClock.STOPPED) continue;
            if (c.state == SlaClock.PAUSED) paused |= m == Metric.RESPONSE ? 1 : 2;
            // a running target is closer to breach than any paused one; among running ones the earlier deadline
            if (nextClock == null || (c.isRunning() && (!nextClock.isRunning() || c.deadline < nextClock.deadline))) {
                next = m;
                nextClock = c;
            }
        }
        long left = nextClock == null ? -1 : Math.max(0, nextClock.budgetMs - nextClock.consumedAt(at, cal));
        boolean open = s.closedAt < 0 && s.resolution.completedAt < 0;
        String subject = null, source = null, queue = null, category = null, link = null;
        if (created != null) {
            subject = created.subject;
            source = created.source;
            queue = created.attribute("queue");
            category = created.attribute("category");
            link = client.ticketLink(s.ticketId); // an unlisted client's profile is the default client's
        }
        return new TicketView(
                s.ticketId,
                s.clientId,
                s.tier,
                at,
                s.status,
                s.assignee,
                open,
                s.closedAt,
                paused,
                next,
                nextClock == null || !nextClock.isRunning() ? -1 : nextClock.deadline,
                left,
                subject,
                source,
                queue,
                category,
                link);
    }
}
