package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.classify.Classification;
import io.slaflow.event.EventContent;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.EscalationStep;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The SLA lifecycle of one ticket, as pure logic over {@link TicketState}: no Flink, no wall clock.
 *
 * <p>The caller feeds events in event-time order and calls {@link #advance} to let time pass; everything that
 * becomes due (at-risk warnings, breaches, escalation levels) is emitted in time order with the event time at
 * which it became due. The rules (README, "Enforcement rules"):
 * <ul>
 *   <li>CREATED classifies the ticket, pins the policy version and starts both clocks at the event time (a clock
 *       whose status at creation is a pause status starts paused). An explicit priority that names no tier is
 *       ignored by classification (the rules decide), as the classifier documents; {@link #create} refuses any
 *       other event type. A second CREATED (another eventId) is rejected.</li>
 *   <li>RESPONDED stops the response clock. RESOLVED stops resolution (and response, if still running: a
 *       resolution is a reply). REOPENED of a resolved ticket resumes resolution; time already spent counts, the
 *       event's status applies (a reopen into a pause status stays paused); REOPENED of an open ticket changes
 *       nothing.</li>
 *   <li>CLOSED stops all clocks; a clock still open is judged at the close like a resolution (MET if by its
 *       deadline; a breach stays a breach). CLOSED is final: any later event is rejected, nothing is due any more
 *       ({@link #nextDueAt} is {@link Long#MAX_VALUE}); the state is purged after a grace period (by the caller).</li>
 *   <li>STATUS_CHANGED into a pause status pauses the clocks the policy names; out of it resumes them; from one
 *       pause status to another changes nothing. While paused a clock has no deadline (-1 in its outcome); satisfied
 *       while paused, it is MET, with the deadline it would have had had it resumed then.</li>
 *   <li>PRIORITY_CHANGED re-tiers the ticket (the tier id is matched ignoring case; a priority that names no tier
 *       is rejected): budgets are recomputed from the original start with the time already spent, recounted on
 *       the new tier's calendar; a target already exceeded breaches at the change time, never in the past, even
 *       while its clock is paused, and before any other event at that instant (a response at the change is late).
 *       A resolved clock that a change left over its new target breaches when it is reopened.
 *       Warning points already exceeded under the new target are not replayed one by one: the highest one fires
 *       once (at the change, or when a paused clock resumes). A clock already satisfied keeps its judged outcome
 *       (no retroactive re-judging) but takes the new budget in case it is reopened. A clock already breached stays
 *       breached with its deadline; further escalation follows the new tier's ladder.</li>
 *   <li>A target is MET when the time counted on its clock from the start to its satisfaction is at most the
 *       target, BREACHED at the first instant counted time exceeds it (see {@link SlaClock}). The deadline is that
 *       instant: satisfied at or before it is MET (an event exactly at it meets it), and the breach fires as it
 *       passes. On a business calendar a target used up exactly at a closing has its deadline at the next opening.
 *       A breach is final (a reopen or a priority change does not undo it). At-risk warnings fire at the first
 *       instant counted time exceeds their share of the target.</li>
 *   <li>Escalation levels fire at their trigger after the breach while the clock runs. The clock's goal (response
 *       sent / ticket resolved or closed) cancels the rest. While the clock is paused (waiting on the customer)
 *       the ladder is held: a level whose trigger passed meanwhile fires when the clock resumes, at the resume
 *       time. A reopen of a breached ticket re-arms the remaining levels the same way (the ticket is breached and
 *       unresolved again: what escalation is for). Nothing ever fires at an instant earlier than the event or
 *       advance that made it due.</li>
 *   <li>ASSIGNED records the owner; an escalation reassigns to the roster person for the level's role (from =
 *       the current assignee); when the roster names nobody the command targets the role's queue and the
 *       assignee is unchanged.</li>
 *   <li>A repeated event id is ignored (the last {@value TicketState#SEEN_CAPACITY} ids are remembered).</li>
 * </ul>
 */
public final class TicketSla {
    public static final String PRIORITY_CHANGE_RULE = "priority-change";
    private static final Metric[] METRICS = Metric.values();

    private TicketSla() {}

    /** Opens a ticket from its CREATED event under the pinned policy. */
    public static TicketState create(TicketEvent created, CompiledPolicy compiled, SlaOutputs out) {
        return create(created, EventContent.fingerprint(created), compiled, out);
    }

    /**
     * As {@link #create(TicketEvent, CompiledPolicy, SlaOutputs)}, with the event's fingerprint ({@link EventContent}),
     * which the caller has already computed (the enforcer does for every event it applies): not computed twice.
     */
    public static TicketState create(TicketEvent created, long content, CompiledPolicy compiled, SlaOutputs out) {
        if (created.type != EventType.CREATED) {
            throw new IllegalArgumentException("a ticket is opened by its CREATED event, not " + created);
        }
        SlaPolicy policy = compiled.policy();
        ClientProfile client = policy.client(created.clientId);
        Classification c = compiled.classifier().classify(created, client.clientTier());
        TicketState s = new TicketState();
        s.ticketId = created.ticketId;
        s.clientId = created.clientId;
        s.tier = c.tier();
        s.rule = c.finalRule();
        s.policyVersion = policy.version();
        s.assignee = created.assignee;
        s.status = created.status;
        s.unlistedClient = client.unlisted();
        s.createdAt = created.occurredAt;
        s.markSeen(created.eventId, content);
        TierPolicy tier = policy.effectiveTier(s.tier, client);
        BusinessCalendar cal = policy.calendarFor(tier, client);
        Instant start = Instant.ofEpochMilli(s.createdAt);
        s.response = SlaClock.startedAt(
                s.createdAt, tier.response().budget(start, cal).toMillis(), cal);
        s.resolution = SlaClock.startedAt(
                s.createdAt, tier.resolution().budget(start, cal).toMillis(), cal);
        Set<Metric> paused = policy.pausedBy(s.status);
        for (Metric m : paused) s.clock(m).pause(s.createdAt);
        for (Metric m : METRICS) emitOutcome(s, m, cal, out);
        return s;
    }

    /**
     * Applies a non-CREATED event at its event time {@code t} (events must come in time order; see the Flink
     * function for how late ones are handled). Everything due strictly before {@code t} fires first, so an event
     * exactly at a deadline still meets it. Call {@link #advance}(t) after the last event at {@code t}.
     */
    public static ApplyResult apply(TicketState s, TicketEvent e, SlaPolicy policy, SlaOutputs out) {
        return apply(s, e, policy, out, Long.MIN_VALUE);
    }

    /**
     * As {@link #apply(TicketState, TicketEvent, SlaPolicy, SlaOutputs)}, for a caller that knows nothing is due
     * before {@code nothingDueBefore}: what its last {@link #advance} returned (or less), with no event applied since.
     * An event at or before that instant then skips the search for what is due before it, which would find nothing.
     */
    public static ApplyResult apply(
            TicketState s, TicketEvent e, SlaPolicy policy, SlaOutputs out, long nothingDueBefore) {
        return apply(s, e, EventContent.fingerprint(e), policy, out, nothingDueBefore);
    }

    /**
     * As {@link #apply(TicketState, TicketEvent, SlaPolicy, SlaOutputs, long)}, with the fingerprint of the event as it
     * arrived ({@link EventContent}): the caller may have moved a late event to the instant already decided, and that
     * must not make its resend look like other content. An id seen before is a duplicate when the content is the
     * same (a resend: ignored) and a conflict when it is not (refused: the first event under the id stands).
     */
    public static ApplyResult apply(
            TicketState s, TicketEvent e, long content, SlaPolicy policy, SlaOutputs out, long nothingDueBefore) {
        long t = e.occurredAt;
        switch (s.markSeen(e.eventId, content)) {
            case REPEAT -> {
                return ApplyResult.DUPLICATE;
            }
            case REUSED_ID -> {
                return ApplyResult.rejected("eventId '" + e.eventId + "' was already used by another event of ticket "
                        + s.ticketId + " with different content; this " + e.type + " is refused (a resend must be"
                        + " identical, a new event needs a new eventId)");
            }
            case NEW -> {}
        }
        if (s.closedAt >= 0) {
            return ApplyResult.rejected("ticket " + s.ticketId + " was closed at " + Instant.ofEpochMilli(s.closedAt)
                    + "; a " + e.type + " after CLOSED is refused (a closed ticket is final)");
        }
        computeRestoredDeadlines(s, policy);
        if (t > nothingDueBefore) {
            advance(s, t - 1, policy, out);
        }
        ClientProfile client = policy.client(s.clientId);
        switch (e.type) {
            case CREATED -> {
                return ApplyResult.rejected("ticket " + s.ticketId + " was already created at "
                        + Instant.ofEpochMilli(s.createdAt) + "; a second CREATED with another eventId is refused");
            }
            case RESPONDED -> complete(s, Metric.RESPONSE, t, policy, client, out);
            case ASSIGNED -> s.assignee = e.assignee;
            case STATUS_CHANGED -> changeStatus(s, e.status, t, policy, client, out);
            case PRIORITY_CHANGED -> {
                String tierId = tierId(policy, e.priority);
                if (tierId == null) {
                    return ApplyResult.rejected(
                            "priority '" + e.priority + "' is not a tier of policy " + policy.version());
                }
                retier(s, tierId, t, policy, client, out);
            }
            case RESOLVED -> {
                if (e.status != null) s.status = e.status;
                complete(s, Metric.RESPONSE, t, policy, client, out);
                complete(s, Metric.RESOLUTION, t, policy, client, out);
            }
            case REOPENED -> {
                SlaClock r = s.resolution;
                if (r.state == SlaClock.STOPPED) {
                    // resumes with the time already spent; warnings already fired stay fired, a breach stays final
                    s.status = e.status;
                    TierPolicy tier = policy.effectiveTier(s.tier, client);
                    BusinessCalendar cal = policy.calendarFor(tier, client);
                    r.reopen(t, cal);
                    // a priority change while it was resolved may have left it over its new target: breached now
                    breachIfOver(s, Metric.RESOLUTION, t, tier, cal, client, out);
                    if (policy.pausedBy(s.status).contains(Metric.RESOLUTION)) r.pause(t);
                    emitOutcome(s, Metric.RESOLUTION, cal, out);
                }
            }
            case CLOSED -> {
                if (e.status != null) s.status = e.status;
                complete(s, Metric.RESPONSE, t, policy, client, out);
                complete(s, Metric.RESOLUTION, t, policy, client, out);
                s.closedAt = t;
            }
        }
        return ApplyResult.APPLIED;
    }

    /**
     * Lets event time pass to {@code t} (inclusive): fires everything due at or before it, in time order. Returns
     * {@link #nextDueAt} afterwards, which the loop has just computed (the caller re-arms its timer with it).
     */
    public static long advance(TicketState s, long t, SlaPolicy policy, SlaOutputs out) {
        ClientProfile client = policy.client(s.clientId);
        TierPolicy tier = policy.effectiveTier(s.tier, client);
        BusinessCalendar cal = policy.calendarFor(tier, client);
        computeRestoredDeadlines(s, cal);
        while (true) {
            Due due = nextDue(s, tier, cal);
            if (due == null) return Long.MAX_VALUE;
            if (due.at > t) return due.at;
            fire(s, due, tier, cal, client, out);
        }
    }

    /** The next instant something becomes due for this ticket, or {@link Long#MAX_VALUE} when nothing will. */
    public static long nextDueAt(TicketState s, SlaPolicy policy) {
        ClientProfile client = policy.client(s.clientId);
        TierPolicy tier = policy.effectiveTier(s.tier, client);
        BusinessCalendar cal = policy.calendarFor(tier, client);
        computeRestoredDeadlines(s, cal);
        Due due = nextDue(s, tier, cal);
        return due == null ? Long.MAX_VALUE : due.at;
    }

    /**
     * State written before issue 24 kept a running clock's deadline as the instant its budget runs out; it is read
     * without one ({@link SlaClock#needsDeadline}) and gets this version's deadline from its running intervals here,
     * before anything uses it, so a restored ticket is decided exactly as if this version had run it from the start.
     * (The outcome it last emitted shows the old deadline until its next update.) Nothing to do for any other state.
     */
    private static void computeRestoredDeadlines(TicketState s, SlaPolicy policy) {
        if (s.response.needsDeadline() || s.resolution.needsDeadline()) {
            computeRestoredDeadlines(s, calendar(s, policy, policy.client(s.clientId)));
        }
    }

    private static void computeRestoredDeadlines(TicketState s, BusinessCalendar cal) {
        s.response.computeDeadline(cal);
        s.resolution.computeDeadline(cal);
    }

    // ---- what is due ----

    private enum DueKind {
        WARNING,
        BREACH,
        ESCALATION
    }

    private record Due(long at, DueKind kind, Metric metric, int index) {}

    private static Due nextDue(TicketState s, TierPolicy tier, BusinessCalendar cal) {
        Due best = null;
        for (Metric m : METRICS) {
            SlaClock c = s.clock(m);
            Due d = dueOf(c, m, tier, cal);
            if (d != null
                    && (best == null
                            || d.at < best.at
                            || (d.at == best.at && d.kind.ordinal() < best.kind.ordinal()))) {
                best = d;
            }
        }
        return best;
    }

    private static Due dueOf(SlaClock c, Metric m, TierPolicy tier, BusinessCalendar cal) {
        if (!c.isBreached()) {
            if (c.state == SlaClock.PAUSED && c.deadline != SlaClock.NO_DEADLINE) {
                return new Due(
                        c.deadline, DueKind.BREACH, m, 0); // a priority change put its counted time over the target
            }
            if (c.state != SlaClock.RUNNING) return null;
            List<Double> warnAt = tier.warnAt();
            if (c.warningsPassed < warnAt.size()) {
                long w = c.shareExceededAt(warnAt.get(c.warningsPassed), cal);
                if (w < c.deadline) return new Due(w, DueKind.WARNING, m, c.warningsPassed);
            }
            return new Due(c.deadline, DueKind.BREACH, m, 0);
        }
        // goal reached (STOPPED): the ladder stops; paused (waiting on the customer): the ladder is held, and a level
        // whose trigger passed meanwhile fires when the clock runs again (never in the past)
        if (c.state != SlaClock.RUNNING) return null;
        int applicable = 0;
        List<EscalationStep> ladder = tier.ladder();
        for (int i = 0; i < ladder.size(); i++) {
            EscalationStep step = ladder.get(i);
            if (!step.metrics().contains(m)) continue;
            if (applicable++ == c.escalationsFired) {
                long at = step.trigger()
                        .fireAt(Instant.ofEpochMilli(c.breachedAt), cal)
                        .toEpochMilli();
                return new Due(Math.max(at, Math.max(c.breachedAt, c.runningSince)), DueKind.ESCALATION, m, i);
            }
        }
        return null;
    }

    private static void fire(
            TicketState s, Due due, TierPolicy tier, BusinessCalendar cal, ClientProfile client, SlaOutputs out) {
        SlaClock c = s.clock(due.metric);
        switch (due.kind) {
            case WARNING -> {
                int percent = (int) Math.round(tier.warnAt().get(due.index) * 100);
                c.warningsPassed++;
                out.alert(new SlaAlert(
                        s.ticketId + ":" + due.metric + ":WARNING:" + percent + ":" + s.tier,
                        SlaAlert.Kind.WARNING,
                        s.ticketId,
                        s.clientId,
                        s.tier,
                        due.metric,
                        percent,
                        s.createdAt,
                        c.deadline,
                        due.at,
                        s.assignee,
                        s.policyVersion,
                        s.unlistedClient));
            }
            case BREACH -> {
                c.breachedAt = due.at;
                c.warningsPassed = tier.warnAt().size();
                out.alert(new SlaAlert(
                        breachId(s.ticketId, due.metric),
                        SlaAlert.Kind.BREACH,
                        s.ticketId,
                        s.clientId,
                        s.tier,
                        due.metric,
                        100,
                        s.createdAt,
                        c.deadline,
                        due.at,
                        s.assignee,
                        s.policyVersion,
                        s.unlistedClient));
                emitOutcome(s, due.metric, cal, out);
            }
            case ESCALATION -> {
                EscalationStep step = tier.ladder().get(due.index);
                c.escalationsFired++;
                String to = client.personFor(step.role());
                String reason = s.tier + " " + due.metric.name().toLowerCase() + " breached at "
                        + Instant.ofEpochMilli(c.breachedAt) + "; "
                        + step.trigger().text() + " → " + step.role()
                        + (to == null
                                ? " (the client's roster names no " + step.role() + ": route to the role's queue)"
                                : "");
                out.escalation(new Escalation(
                        s.ticketId + ":" + due.metric + ":ESCALATION:" + step.level(),
                        s.ticketId,
                        s.clientId,
                        s.tier,
                        due.metric,
                        step.level(),
                        step.role(),
                        s.assignee,
                        to,
                        c.breachedAt,
                        due.at,
                        reason,
                        s.policyVersion,
                        tier.target(due.metric).text(),
                        c.deadline,
                        breachId(s.ticketId, due.metric)));
                if (to != null) s.assignee = to;
            }
        }
    }

    /** The breach record's id: deterministic, so an escalation names the breach it follows. */
    private static String breachId(String ticketId, Metric metric) {
        return ticketId + ":" + metric + ":BREACH";
    }

    // ---- event handling ----

    private static void complete(
            TicketState s, Metric m, long t, SlaPolicy policy, ClientProfile client, SlaOutputs out) {
        SlaClock c = s.clock(m);
        if (c.state == SlaClock.STOPPED) return;
        BusinessCalendar cal = calendar(s, policy, client);
        c.complete(t, cal);
        emitOutcome(s, m, cal, out);
    }

    private static void changeStatus(
            TicketState s, String newStatus, long t, SlaPolicy policy, ClientProfile client, SlaOutputs out) {
        Set<Metric> before = policy.pausedBy(s.status);
        Set<Metric> after = policy.pausedBy(newStatus);
        s.status = newStatus;
        BusinessCalendar cal = calendar(s, policy, client);
        for (Metric m : METRICS) {
            SlaClock c = s.clock(m);
            boolean was = before.contains(m);
            boolean now = after.contains(m);
            if (!was && now && c.state == SlaClock.RUNNING) {
                c.pause(t);
                emitOutcome(s, m, cal, out);
            } else if (was && !now && c.state == SlaClock.PAUSED) {
                c.resume(t, cal);
                emitOutcome(s, m, cal, out);
            }
        }
    }

    private static void retier(
            TicketState s, String newTier, long t, SlaPolicy policy, ClientProfile client, SlaOutputs out) {
        if (newTier.equals(s.tier)) return;
        s.tier = newTier;
        s.rule = PRIORITY_CHANGE_RULE;
        TierPolicy tier = policy.effectiveTier(newTier, client);
        BusinessCalendar cal = policy.calendarFor(tier, client);
        Instant start = Instant.ofEpochMilli(s.createdAt);
        for (Metric m : METRICS) {
            SlaClock c = s.clock(m);
            long budget = tier.target(m).budget(start, cal).toMillis();
            // a stopped clock keeps its judged outcome but takes the new budget, in case it is reopened
            c.retarget(t, budget, cal);
            if (c.state == SlaClock.STOPPED) continue;
            if (!c.isBreached()) {
                long spent = c.consumedAt(t, cal);
                if (breachIfOver(s, m, t, tier, cal, client, out)) continue;
                // warning points already behind us under the new target: only the highest of them fires (at t,
                // or when a paused clock resumes); the ones below it are skipped
                int passed = 0;
                while (passed < tier.warnAt().size()
                        && spent >= SlaClock.shareOf(budget, tier.warnAt().get(passed))) passed++;
                c.warningsPassed = Math.max(0, passed - 1);
            }
            emitOutcome(s, m, cal, out);
        }
    }

    /**
     * A clock whose counted time already exceeds its target at {@code t} (a priority change put it over its new
     * target, or reopened it so) is breached at {@code t} itself, before anything else at that instant: an event at the
     * same instant after it (the response, a pause) finds it breached, as its counted time says. Returns whether it was.
     */
    private static boolean breachIfOver(
            TicketState s,
            Metric m,
            long t,
            TierPolicy tier,
            BusinessCalendar cal,
            ClientProfile client,
            SlaOutputs out) {
        SlaClock c = s.clock(m);
        if (c.isBreached() || c.state == SlaClock.STOPPED || c.consumedAt(t, cal) <= c.budgetMs) return false;
        fire(s, new Due(t, DueKind.BREACH, m, 0), tier, cal, client, out);
        return true;
    }

    /** The policy's tier id for a priority as events write it ("P1", " p1 "), or null when it names no tier. */
    private static String tierId(SlaPolicy policy, String priority) {
        if (priority == null) return null;
        String p = priority.strip();
        for (TierPolicy t : policy.tiers()) {
            if (t.id().equalsIgnoreCase(p)) return t.id();
        }
        return null;
    }

    private static BusinessCalendar calendar(TicketState s, SlaPolicy policy, ClientProfile client) {
        return policy.calendarFor(policy.effectiveTier(s.tier, client), client);
    }

    /**
     * @param cal the calendar of the ticket's tier for its client: the clock's closed intervals are counted on it, so
     *            the update says what the clock has counted (what a report or the simulator's sweep reads)
     */
    private static void emitOutcome(TicketState s, Metric m, BusinessCalendar cal, SlaOutputs out) {
        SlaClock c = s.clock(m);
        Outcome o = c.isBreached() ? Outcome.BREACHED : c.completedAt >= 0 ? Outcome.MET : Outcome.PENDING;
        out.outcome(new OutcomeUpdate(
                s.ticketId,
                s.clientId,
                s.tier,
                m,
                s.createdAt,
                c.deadline,
                o,
                c.completedAt,
                c.breachedAt,
                s.rule,
                s.policyVersion,
                s.unlistedClient,
                s.nextRevision(m),
                c.countedClosedMs(cal),
                c.state == SlaClock.RUNNING ? c.runningSince : -1,
                c.budgetMs));
    }
}
