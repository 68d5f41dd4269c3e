package io.slaflow.infra.workload;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Raises a ticket and plans its whole lifecycle at once: assignment, first response, triage re-prioritisation,
 * waiting on the customer, reassignment to second line, resolution, reopen, closure.
 *
 * <p>Delays are log-normal in the clock the default policy counts the target on (wall-clock for P1/P2, the client's
 * policy business hours for P3), with the median placed so that a client tier's {@link ClientTier#slipShare} of
 * targets fall past the deadline: median = target x exp(-z sigma). Pauses are added on top (they stop the
 * resolution clock), so they never cause a breach; a reopen adds work after the first resolution and sometimes
 * does.
 */
final class TicketPlanner {

    /** Response and resolution targets of default.yaml in minutes (P3: business minutes, 3 days x 8 h). */
    static final double[] RESPONSE = {15, 60, 240};

    static final double[] RESOLUTION = {240, 480, 3 * 8 * 60};
    static final double RESPONSE_SIGMA = 0.7;
    static final double RESOLUTION_SIGMA = 0.6;
    /** Above this many targets a sample is cut (a forgotten ticket still gets picked up eventually). */
    static final double MAX_FACTOR = 4.0;

    private static final String[] SOURCES = {
        "email", "email", "email", "email", "portal", "portal", "portal", "phone", "phone", "chat"
    };
    private static final String[] MONITORS = {"monitoring:zabbix", "monitoring:prtg", "monitoring:datadog"};
    private static final String[] FIRST_NAMES = {
        "jane", "raj", "chloe", "mark", "aiko", "luis", "grace", "omar", "ines", "peter"
    };
    private static final String[] LAST_NAMES = {
        "doe", "patel", "dubois", "smith", "tanaka", "garcia", "reyes", "haddad", "costa", "novak"
    };
    /** Follow-the-sun service desk: who is on shift by UTC hour. */
    private static final String[][] DESKS = {
        {"mnl.maria.santos", "mnl.jose.reyes", "mnl.angelica.cruz", "mnl.paolo.garcia"}, // 00-08 UTC
        {"lon.emma.clarke", "lon.james.wright", "lon.aisha.khan", "lon.liam.murphy"}, // 08-16 UTC
        {"nyc.carlos.rivera", "nyc.megan.brooks", "nyc.david.chen", "nyc.tanya.jones"}
    }; // 16-24 UTC

    private static final String[] SECOND_LINE = {"l2.network", "l2.windows", "l2.database", "l2.m365"};

    private final long endMillis;

    TicketPlanner(long endMillis) {
        this.endMillis = endMillis;
    }

    /** A new ticket of {@code client} raised at {@code at}. */
    Ticket raise(String id, WorkloadClient client, long at, boolean monitoring, SplittableRandom rnd) {
        String source;
        String severity = null;
        String explicit = null;
        String tier;
        TicketTemplates.Template template;
        String reporter;
        if (monitoring) {
            source = "monitoring";
            double u = rnd.nextDouble();
            severity = u < 0.10 ? "critical" : u < 0.40 ? "major" : "minor";
            template = pick(TicketTemplates.monitoring(severity), rnd);
            tier = template.tier();
            // enterprise-monitoring-floor: a listed enterprise client's alert is never below P2
            if (client.policyTier() == ClientTier.ENTERPRISE && tier.equals("P3")) {
                tier = "P2";
            }
            reporter = MONITORS[Math.floorMod(client.id().hashCode(), MONITORS.length)];
        } else {
            source = rnd.nextDouble() < 0.03 ? "api" : SOURCES[rnd.nextInt(SOURCES.length)];
            double u = rnd.nextDouble();
            ClientTier ct = client.tier();
            tier = u < ct.p1Share ? "P1" : u < ct.p1Share + ct.p2Share ? "P2" : "P3";
            template = pick(TicketTemplates.human(tier), rnd);
            // A portal form has a priority field; on the phone the agent sets it. Elsewhere the keywords decide.
            double explicitChance = source.equals("portal") ? 0.5 : source.equals("phone") ? 0.3 : 0.0;
            if (rnd.nextDouble() < explicitChance) {
                explicit = tier;
            }
            reporter = FIRST_NAMES[rnd.nextInt(FIRST_NAMES.length)] + "." + LAST_NAMES[rnd.nextInt(LAST_NAMES.length)]
                    + "@" + client.id() + ".example";
        }
        TicketTemplates.Fillers fillers = TicketTemplates.Fillers.pick(client.id(), rnd);
        String subject = fillers.fill(template.subject());
        String description = fillers.fill(template.description());
        return new Ticket(id, client, at, source, severity, explicit, subject, description, reporter, tier);
    }

    /** The ticket's events in event-time order, strictly increasing by at least a second, cut at the end. */
    List<PlannedEvent> plan(Ticket t, SplittableRandom rnd) {
        long t0 = t.createdAtMillis();
        ClientTier ct = t.client().tier();
        int initial = tierIndex(t.expectedTier());
        int fin = initial;
        boolean human = !t.source().equals("monitoring");
        double change = rnd.nextDouble();
        if (human) {
            if (initial == 2 && change < 0.03) {
                fin = 1; // more users affected than first reported
            } else if (initial == 1 && change < 0.08) {
                fin = 2; // only one person affected after all
            } else if (initial == 0 && change < 0.10) {
                fin = 1; // workaround in place
            }
        }
        int responseTier = Math.min(initial, fin);
        WorkClock responseClock = clockFor(responseTier, t.client());
        WorkClock resolutionClock = clockFor(fin, t.client());

        List<PlannedEvent> events = new ArrayList<>(10);
        PlannedEvent created = new PlannedEvent(t, 0, "CREATED", t0);
        created.status = "new";
        created.actor = t.reporter();
        created.priority = t.explicitPriority();
        events.add(created);

        double r = delay(RESPONSE[responseTier], RESPONSE_SIGMA, ct, rnd, 0.5);
        long respondedAt = responseClock.add(t0, r);
        long assignedAt = t0 + 1000 + (long) ((respondedAt - t0) * (0.1 + 0.7 * rnd.nextDouble()));
        String agent = deskAgent(assignedAt, rnd);
        PlannedEvent assigned = new PlannedEvent(t, 0, "ASSIGNED", assignedAt);
        assigned.assignee = agent;
        assigned.actor = t.source().equals("monitoring") ? "dispatcher" : agent;
        events.add(assigned);
        PlannedEvent responded = new PlannedEvent(t, 0, "RESPONDED", respondedAt);
        responded.status = "in-progress";
        responded.actor = agent;
        events.add(responded);

        double w = delay(RESOLUTION[fin], RESOLUTION_SIGMA, ct, rnd, 5);
        double spentAtResponse = resolutionClock.between(t0, respondedAt);
        if (w < spentAtResponse + 5) {
            w = spentAtResponse + 5 + 30 * rnd.nextDouble();
        }
        long resolvedAt;
        double pauseChance = fin == 0 ? 0.03 : fin == 1 ? 0.10 : 0.18;
        if (rnd.nextDouble() < pauseChance) {
            long pauseStart = resolutionClock.add(t0, w * (0.2 + 0.5 * rnd.nextDouble()));
            if (pauseStart < respondedAt + 60_000) {
                pauseStart = respondedAt + 60_000 + (long) (rnd.nextDouble() * 600_000);
            }
            double spent = resolutionClock.between(t0, pauseStart);
            if (spent < w - 2) {
                // The customer answers after a log-normal wait (median 4 h), during their own working hours.
                double waitMinutes = clamp(240 * Math.exp(0.9 * gaussian(rnd)), 10, 4 * 24 * 60);
                long answered = WorkClock.businessHours(t.client().zone())
                        .add(pauseStart + (long) (waitMinutes * 60_000), 30 * rnd.nextDouble());
                PlannedEvent waiting = new PlannedEvent(t, 0, "STATUS_CHANGED", pauseStart);
                waiting.status = "waiting-on-customer";
                waiting.actor = agent;
                events.add(waiting);
                PlannedEvent back = new PlannedEvent(t, 0, "STATUS_CHANGED", answered);
                back.status = "in-progress";
                back.actor = t.reporter();
                events.add(back);
                resolvedAt = resolutionClock.add(answered, w - spent);
            } else {
                resolvedAt = resolutionClock.add(t0, w);
            }
        } else {
            resolvedAt = resolutionClock.add(t0, w);
        }
        if (fin != initial) {
            long at = respondedAt + 60_000 + (long) (rnd.nextDouble() * 540_000);
            if (at >= resolvedAt) {
                at = respondedAt + (resolvedAt - respondedAt) / 2;
            }
            PlannedEvent pc = new PlannedEvent(t, 0, "PRIORITY_CHANGED", at);
            pc.priority = "P" + (fin + 1);
            pc.actor = agent;
            events.add(pc);
        }
        String resolver = agent;
        if (rnd.nextDouble() < 0.10) {
            long at = respondedAt + (long) ((resolvedAt - respondedAt) * (0.3 + 0.3 * rnd.nextDouble()));
            resolver = SECOND_LINE[rnd.nextInt(SECOND_LINE.length)];
            PlannedEvent reassigned = new PlannedEvent(t, 0, "ASSIGNED", at);
            reassigned.assignee = resolver;
            reassigned.actor = agent;
            events.add(reassigned);
        }
        PlannedEvent resolved = new PlannedEvent(t, 0, "RESOLVED", resolvedAt);
        resolved.status = "resolved";
        resolved.actor = resolver;
        events.add(resolved);
        long lastResolved = resolvedAt;
        if (rnd.nextDouble() < (human ? 0.04 : 0.02)) {
            double gap = clamp(300 * Math.exp(0.8 * gaussian(rnd)), 20, 2 * 24 * 60);
            long reopenedAt = resolvedAt + (long) (gap * 60_000);
            PlannedEvent reopened = new PlannedEvent(t, 0, "REOPENED", reopenedAt);
            reopened.status = "in-progress";
            reopened.actor = t.reporter();
            events.add(reopened);
            lastResolved = resolutionClock.add(reopenedAt, Math.max(5, w * (0.1 + 0.3 * rnd.nextDouble())));
            PlannedEvent again = new PlannedEvent(t, 0, "RESOLVED", lastResolved);
            again.status = "resolved";
            again.actor = resolver;
            events.add(again);
        }
        // Closed by the customer's confirmation within a day, or automatically after 72 h.
        boolean confirmed = rnd.nextDouble() < 0.6;
        long closedAt = lastResolved + (confirmed ? (long) ((1 + 23 * rnd.nextDouble()) * 3_600_000) : 72 * 3_600_000L);
        PlannedEvent closed = new PlannedEvent(t, 0, "CLOSED", closedAt);
        closed.status = "closed";
        closed.actor = confirmed ? t.reporter() : "system";
        events.add(closed);

        // Event-time order (stable: the planned order breaks ties), whole seconds, strictly increasing.
        events.sort(Comparator.comparingLong(e -> e.at));
        List<PlannedEvent> out = new ArrayList<>(events.size());
        long previous = Long.MIN_VALUE;
        for (PlannedEvent e : events) {
            long at = Math.floorDiv(e.at, 1000) * 1000;
            if (previous != Long.MIN_VALUE && at <= previous) {
                at = previous + 1000;
            }
            if (at >= endMillis) {
                break;
            }
            PlannedEvent numbered = new PlannedEvent(t, out.size() + 1, e.type, at);
            numbered.status = e.status;
            numbered.assignee = e.assignee;
            numbered.actor = e.actor;
            numbered.priority = e.priority;
            out.add(numbered);
            previous = at;
        }
        return out;
    }

    /**
     * A log-normal delay in minutes whose share {@link ClientTier#slipShare} lies past {@code target}: median =
     * target x exp(-z sigma), cut at {@link #MAX_FACTOR} targets, at least {@code min}.
     */
    static double delay(double target, double sigma, ClientTier tier, SplittableRandom rnd, double min) {
        double median = target * Math.exp(-tier.slipZ * sigma);
        return clamp(median * Math.exp(sigma * gaussian(rnd)), min, MAX_FACTOR * target);
    }

    static WorkClock clockFor(int tier, WorkloadClient client) {
        return tier < 2 ? WorkClock.WALL : WorkClock.businessHours(client.slaZone());
    }

    static int tierIndex(String tier) {
        return tier.charAt(1) - '1';
    }

    private static String deskAgent(long at, SplittableRandom rnd) {
        int hour = Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC).getHour();
        String[] desk = DESKS[hour / 8];
        return desk[rnd.nextInt(desk.length)];
    }

    private static <T> T pick(List<T> list, SplittableRandom rnd) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** Box-Muller: a standard normal sample that depends only on the generator's sequence. */
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
