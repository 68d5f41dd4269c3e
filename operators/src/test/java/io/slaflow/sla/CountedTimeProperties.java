package io.slaflow.sla;

import static io.slaflow.sla.MinuteByMinuteClock.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.Metric;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import io.slaflow.report.ContractClocks;
import io.slaflow.report.ReportAccumulator;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 24's definition, checked against an independent oracle ({@link MinuteByMinuteClock}): for random calendars
 * (split shifts, half days, windows across DST changes, holidays, six zones, 24×7), starts, pauses and completions
 * (many of them outside working time right after the target is used up), a target is MET exactly when the time counted
 * on its clock from the start to the completion is at most the target; its breach, its deadline, its at-risk warnings
 * and its escalation fire at the first instant counted time exceeds the target (or the warning's share of it), and the
 * escalation at its trigger after that breach while the clock is not paused. {@link ContractClock}, which reports
 * count with, gives the oracle's counted time and "late by".
 *
 * <p>The oracle takes two things from the code under test: the budget of a business-days target (the business time to
 * the same working moment N business days later, which the calendar's own properties test) and nothing else.
 */
class CountedTimeProperties {

    private static final List<String> ZONES =
            List.of("UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Manila", "America/St_Johns");
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    /** Weekly hours as [open, close) minutes per day (null: 24×7), a zone, holidays as days after the start's date. */
    record CalendarCase(String zone, Map<DayOfWeek, List<int[]>> week, List<Integer> holidayOffsets) {
        int weeklyMinutes() {
            if (week == null) return 7 * 24 * 60;
            return week.values().stream()
                    .flatMap(List::stream)
                    .mapToInt(w -> w[1] - w[0])
                    .sum();
        }

        @Override
        public String toString() {
            if (week == null) return zone + " 24x7";
            return zone + " "
                    + week.entrySet().stream()
                            .map(e -> e.getKey().toString().substring(0, 3) + " "
                                    + e.getValue().stream()
                                            .map(w -> hhmm(w[0]) + "-" + hhmm(w[1]))
                                            .collect(Collectors.joining(",")))
                            .collect(Collectors.joining("; "))
                    + " holidays+" + holidayOffsets;
        }
    }

    /** How the target is completed, relative to what the oracle finds without a completion. */
    enum Completion {
        NEVER,
        ANYWHERE,
        BETWEEN_RUN_OUT_AND_BREACH,
        AT_BREACH,
        AFTER_BREACH
    }

    record CompletionCase(Completion kind, double fraction, int offset) {}

    /**
     * Pauses as (minutes after the start, length in minutes); a pause starting exactly as the budget runs out; and a
     * pause after the breach (minutes after it, length; length 0: none), e.g. waiting on the customer once late.
     */
    record PauseCase(
            boolean createdPaused,
            List<Tuple.Tuple2<Integer, Integer>> pauses,
            int pauseAtRunOutMinutes,
            Tuple.Tuple2<Integer, Integer> afterBreach) {}

    record TargetCase(
            Metric metric, int minutes, int businessDays, List<Integer> warningPercents, int escalateAfterMinutes) {
        /** A target in the policy's words: business days when set, else minutes of the tier's clock. */
        String text() {
            return businessDays > 0 ? businessDays + " business day" + (businessDays > 1 ? "s" : "") : minutes + "m";
        }

        String trigger() {
            return escalateAfterMinutes < 0
                    ? "next business day after breach"
                    : escalateAfterMinutes + "m after breach";
        }
    }

    @Property(tries = 500)
    void aTargetIsMetExactlyWhileItsCountedTimeIsWithinIt(
            @ForAll("calendars") CalendarCase calendar,
            @ForAll("starts") long startMinute,
            @ForAll("targetSeeds") TargetCase target,
            @ForAll("pauses") PauseCase pauseCase,
            @ForAll("completions") CompletionCase completion)
            throws Exception {
        TargetCase t = fitted(target, calendar);
        long start = startMinute * MINUTE;
        ZoneId zone = ZoneId.of(calendar.zone());
        LocalDate startDate = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
        Set<LocalDate> holidays = new TreeSet<>();
        if (calendar.week() != null) calendar.holidayOffsets().forEach(d -> holidays.add(startDate.plusDays(d)));
        SlaPolicy policy = new PolicyLoader(Path.of(".")).parse(policyYaml(calendar, holidays, t), "property");
        ClientProfile client = policy.client("any");
        TierPolicy tier = policy.effectiveTier("P1", client);
        BusinessCalendar cal = policy.calendarFor(tier, client);
        long budget =
                tier.target(t.metric()).budget(Instant.ofEpochMilli(start), cal).toMillis();

        // pauses, then where the budget runs out with them: a pause may start exactly there (a status changed at 17:00)
        List<long[]> pauses = pauses(pauseCase, start);
        if (pauseCase.pauseAtRunOutMinutes() > 0) {
            long runOut = oracle(calendar, holidays, zone, start, pauses).reachesAt(budget);
            pauses.removeIf(p -> p[0] >= runOut);
            if (pauses.stream().noneMatch(p -> p[1] > runOut)) {
                pauses.add(new long[] {runOut, runOut + pauseCase.pauseAtRunOutMinutes() * MINUTE});
            }
        }
        if (pauseCase.afterBreach().get2()
                > 0) { // a pause after the breach: the breach stays, the lateness does not grow
            // every pause that starts before the breach ends by it (a paused clock cannot exceed its target), so one
            // a minute or more after it leaves the breach where it was; later ones it overlaps give way
            long breachBefore = oracle(calendar, holidays, zone, start, pauses).exceedsAt(budget);
            long from = breachBefore + (1 + pauseCase.afterBreach().get1()) * MINUTE;
            long until = from + pauseCase.afterBreach().get2() * MINUTE;
            pauses.removeIf(p -> p[0] < until + MINUTE && p[1] + MINUTE > from); // disjoint, as the others are
            pauses.add(new long[] {from, until});
            pauses.sort((a, b) -> Long.compare(a[0], b[0]));
        }
        MinuteByMinuteClock untilNow = oracle(calendar, holidays, zone, start, pauses);
        long completedAt = completedAt(completion, untilNow.reachesAt(budget), untilNow.exceedsAt(budget), start);
        List<long[]> before = truncated(pauses, completedAt); // what happens after the completion is never sent
        MinuteByMinuteClock oracle = oracle(calendar, holidays, zone, start, before);

        // the code under test, fed the same story
        Outputs out = new Outputs(t.metric());
        TicketState s = run(policy, start, pauseCase.createdPaused(), before, t.metric(), completedAt, out);
        long breach = oracle.exceedsAt(budget);
        long escalation = oracle.unpausedFrom(
                t.escalateAfterMinutes() < 0
                        ? oracle.nextBusinessDayAfter(breach)
                        : breach + t.escalateAfterMinutes() * MINUTE);
        long end = Math.max(escalation, completedAt == Long.MAX_VALUE ? breach : completedAt) + 2 * 24 * 60 * MINUTE;
        TicketSla.advance(s, end, policy, out);

        boolean completed = completedAt != Long.MAX_VALUE;
        boolean met = completed && oracle.countedAt(completedAt) <= budget;
        long runOut = oracle.reachesAt(budget);
        Statistics.label("outcome").collect(met ? "MET" : "BREACHED");
        Statistics.label("paused after the breach")
                .collect(met ? "met" : before.stream().anyMatch(p -> p[0] >= breach) ? "yes" : "no");
        Statistics.label("budget used up")
                .collect(runOut == breach ? "while the clock runs on" : "where it stops counting");
        Statistics.label("completed after the budget was used up and by the breach")
                .collect(
                        completed && runOut <= completedAt && completedAt <= breach
                                ? (cal.isWorkingTime(Instant.ofEpochMilli(completedAt))
                                        ? "in working time"
                                        : "outside working time")
                                : "no");
        OutcomeUpdate last = out.last;
        assertThat(last.outcome())
                .as(
                        "counted %s ms of %s ms, completed %s",
                        completed ? oracle.countedAt(completedAt) : "-",
                        budget,
                        completed ? Instant.ofEpochMilli(completedAt) : "never")
                .isEqualTo(met ? Outcome.MET : Outcome.BREACHED);
        assertThat(last.deadline()).as("the deadline is the breach instant").isEqualTo(breach);
        if (met) {
            assertThat(out.breaches).isEmpty();
            assertThat(last.breachedAt()).isEqualTo(-1);
        } else {
            assertThat(out.breaches).as("breaches").containsExactly(breach);
            assertThat(last.breachedAt()).isEqualTo(breach);
        }
        if (completed) { // the report engineer's API counts the same
            ContractClock clock = ContractClock.of(policy, "P1", "any", t.metric());
            List<ContractClock.Pause> paused = before.stream()
                    .map(p -> new ContractClock.Pause(Instant.ofEpochMilli(p[0]), Instant.ofEpochMilli(p[1])))
                    .toList();
            Instant from = Instant.ofEpochMilli(start);
            Instant to = Instant.ofEpochMilli(completedAt);
            assertThat(clock.counted(from, to, paused).toMillis()).isEqualTo(oracle.countedAt(completedAt));
            assertThat(clock.met(from, to, paused)).isEqualTo(met);
            assertThat(clock.lateBy(from, to, paused).toMillis())
                    .isEqualTo(Math.max(0, oracle.countedAt(completedAt) - budget));
        }
        // what the last update says its clock counted (closed intervals, plus the running one from countingSince) is
        // the oracle's count, at the completion or, for a target left open, after its last event: the contract
        // simulator's sweep
        // and the reports read it instead of counting again
        ContractClock onItsClock = ContractClock.of(policy, "P1", "any", t.metric());
        long countedTo = completed
                ? completedAt
                : Math.max(end, before.stream().mapToLong(p -> p[1]).max().orElse(end));
        long running = last.countingSince() < 0
                ? 0
                : onItsClock
                        .counted(Instant.ofEpochMilli(last.countingSince()), Instant.ofEpochMilli(countedTo))
                        .toMillis();
        assertThat(last.countedMs() + running)
                .as("the update's count at %s", Instant.ofEpochMilli(countedTo))
                .isEqualTo(oracle.countedAt(countedTo));
        if (completed)
            assertThat(last.countingSince())
                    .as("a satisfied target's clock does not run")
                    .isEqualTo(-1);
        // and "late by" as a report shows it, from that update alone (its count and the budget it carries): the
        // oracle's counted time beyond the target at the satisfaction, or at a later period's end while still open,
        // a pause after the breach excluded
        assertThat(last.budgetMs()).as("the update's budget").isEqualTo(budget);
        ContractClocks clocks = tierId -> cal;
        long reportEnd = completed ? completedAt : countedTo;
        assertThat(ReportAccumulator.lateByMs(clocks, last, completed ? completedAt : -1, reportEnd))
                .as("late by at %s", Instant.ofEpochMilli(reportEnd))
                .isEqualTo(Math.max(0, oracle.countedAt(reportEnd) - budget));
        List<String> warnings = new ArrayList<>();
        for (int percent : t.warningPercents()) {
            long at = oracle.exceedsAt((long) Math.ceil(budget * (percent / 100.0)));
            if (at < completedAt) warnings.add(percent + "% " + Instant.ofEpochMilli(at));
        }
        assertThat(out.warnings).as("warnings").isEqualTo(warnings);
        assertThat(out.escalations)
                .as("escalations")
                .isEqualTo(!met && escalation < completedAt ? List.of(escalation) : List.of());
    }

    // ---- the code under test ----

    private static TicketState run(
            SlaPolicy policy,
            long start,
            boolean createdPaused,
            List<long[]> pauses,
            Metric metric,
            long completedAt,
            Outputs out) {
        TicketEvent created = new TicketEvent("e0", "T", "any", EventType.CREATED, start);
        created.priority = "P1";
        created.status = createdPaused ? "on-hold" : "new";
        TicketState s = TicketSla.create(created, CompiledPolicy.compile(policy, 0), out);
        TicketSla.advance(s, start, policy, out);
        int n = 0;
        for (long[] p : pauses) {
            if (p[0] > start || !createdPaused) n = send(s, policy, out, n, EventType.STATUS_CHANGED, p[0], "on-hold");
            if (p[1] < completedAt) n = send(s, policy, out, n, EventType.STATUS_CHANGED, p[1], "in-progress");
        }
        if (completedAt != Long.MAX_VALUE) {
            send(
                    s,
                    policy,
                    out,
                    n,
                    metric == Metric.RESPONSE ? EventType.RESPONDED : EventType.RESOLVED,
                    completedAt,
                    null);
        }
        return s;
    }

    private static int send(
            TicketState s, SlaPolicy policy, Outputs out, int n, EventType type, long at, String status) {
        TicketEvent e = new TicketEvent("e" + (n + 1), "T", "any", type, at);
        e.status = status;
        assertThat(TicketSla.apply(s, e, policy, out)).isEqualTo(ApplyResult.APPLIED);
        TicketSla.advance(s, at, policy, out);
        return n + 1;
    }

    /** The tested metric's outputs. */
    private static final class Outputs implements SlaOutputs {
        final Metric metric;
        final List<Long> breaches = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<Long> escalations = new ArrayList<>();
        OutcomeUpdate last;

        Outputs(Metric metric) {
            this.metric = metric;
        }

        @Override
        public void alert(SlaAlert a) {
            if (a.metric() != metric) return;
            if (a.kind() == SlaAlert.Kind.BREACH) {
                breaches.add(a.firedAt());
                assertThat(a.deadline()).isEqualTo(a.firedAt());
            } else {
                warnings.add(a.percent() + "% " + Instant.ofEpochMilli(a.firedAt()));
            }
        }

        @Override
        public void escalation(Escalation x) {
            if (x.metric() == metric) escalations.add(x.firedAt());
        }

        @Override
        public void outcome(OutcomeUpdate u) {
            if (u.metric() == metric) last = u;
        }
    }

    // ---- the story ----

    private static MinuteByMinuteClock oracle(
            CalendarCase c, Set<LocalDate> holidays, ZoneId zone, long start, List<long[]> pauses) {
        return new MinuteByMinuteClock(c.week(), holidays, zone, start, pauses);
    }

    private static List<long[]> pauses(PauseCase c, long start) {
        List<long[]> pauses = new ArrayList<>();
        long free = start; // disjoint and in order: a pause starts after the previous one ended
        if (c.createdPaused()) {
            long end = start + (1 + c.pauses().size()) * 97 * MINUTE;
            pauses.add(new long[] {start, end});
            free = end + MINUTE;
        }
        for (Tuple.Tuple2<Integer, Integer> p : c.pauses()) {
            long from = Math.max(free, start + p.get1() * MINUTE);
            pauses.add(new long[] {from, from + p.get2() * MINUTE});
            free = from + p.get2() * MINUTE + MINUTE;
        }
        return pauses;
    }

    private static List<long[]> truncated(List<long[]> pauses, long completedAt) {
        List<long[]> before = new ArrayList<>();
        for (long[] p : pauses) {
            if (p[0] < completedAt) before.add(new long[] {p[0], Math.min(p[1], completedAt)});
        }
        return before;
    }

    private static long completedAt(CompletionCase c, long runOut, long breach, long start) {
        return switch (c.kind()) {
            case NEVER -> Long.MAX_VALUE;
            case ANYWHERE -> start + Math.round(c.fraction() * (breach + 24 * 60 * MINUTE - start) / MINUTE) * MINUTE;
            // e.g. Saturday 10:00 after a budget used up at Friday's close, or exactly at either end
            case BETWEEN_RUN_OUT_AND_BREACH -> runOut + Math.round(c.fraction() * (breach - runOut));
            case AT_BREACH -> breach + (c.offset() % 3) - 1; // a millisecond before, at, a millisecond after
            case AFTER_BREACH -> breach + (1 + c.offset()) * MINUTE;
        };
    }

    /** A span target no longer than about three weeks of the calendar's working time, so the oracle's walk stays short. */
    private static TargetCase fitted(TargetCase t, CalendarCase c) {
        if (t.businessDays() > 0) return t;
        int max = Math.max(1, Math.min(3 * 24 * 60, 3 * c.weeklyMinutes()));
        return new TargetCase(
                t.metric(), 1 + (t.minutes() - 1) % max, 0, t.warningPercents(), t.escalateAfterMinutes());
    }

    private static String policyYaml(CalendarCase c, Set<LocalDate> holidays, TargetCase t) {
        StringBuilder y = new StringBuilder();
        y.append("version: \"property\"\nroles: [team-lead]\ncalendars:\n  cal:\n    timeZone: ")
                .append(c.zone())
                .append('\n');
        if (c.week() == null) {
            y.append("    hours: always\n");
        } else {
            y.append("    hours:\n");
            for (int d = 0; d < 7; d++) {
                List<int[]> windows = c.week().getOrDefault(DayOfWeek.of(d + 1), List.of());
                y.append("      ")
                        .append(DAYS[d])
                        .append(": ")
                        .append(
                                windows.isEmpty()
                                        ? "closed"
                                        : '"'
                                                + windows.stream()
                                                        .map(w -> hhmm(w[0]) + "-" + hhmm(w[1]))
                                                        .collect(Collectors.joining(", "))
                                                + '"')
                        .append('\n');
            }
            if (!holidays.isEmpty()) {
                y.append("    holidays:\n      dates: ").append(holidays).append('\n');
            }
        }
        y.append("warnings: ")
                .append(t.warningPercents().stream().map(p -> p + "%").toList())
                .append('\n');
        String tested = t.text();
        y.append("tiers:\n  - id: P1\n    calendar: cal\n")
                .append("    response: ")
                .append(t.metric() == Metric.RESPONSE ? tested : "1m")
                .append('\n')
                .append("    resolution: ")
                .append(t.metric() == Metric.RESOLUTION ? tested : "1m")
                .append('\n')
                .append("    escalation:\n      - when: ")
                .append(t.trigger())
                .append("\n        role: team-lead\n")
                .append("        metrics: [")
                .append(t.metric().name().toLowerCase(Locale.ROOT))
                .append("]\n");
        y.append("pauses:\n  on-hold: [response, resolution]\n");
        y.append("defaultClient:\n  tier: standard\n  calendar: cal\n  roster: {team-lead: lee}\n");
        y.append("classification:\n  default: P1\n");
        return y.toString();
    }

    private static String hhmm(int minuteOfDay) {
        return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    // ---- generators ----

    @Provide
    Arbitrary<CalendarCase> calendars() {
        Arbitrary<Map<DayOfWeek, List<int[]>>> week = day().list().ofSize(7).map(days -> {
            Map<DayOfWeek, List<int[]>> m = new EnumMap<>(DayOfWeek.class);
            for (int d = 0; d < 7; d++) if (!days.get(d).isEmpty()) m.put(DayOfWeek.of(d + 1), days.get(d));
            if (m.isEmpty()) m.put(DayOfWeek.MONDAY, List.of(new int[] {9 * 60, 17 * 60}));
            return m;
        });
        Arbitrary<Map<DayOfWeek, List<int[]>>> weekOr24x7 = Arbitraries.frequencyOf(
                Tuple.of(4, week), Tuple.of(1, Arbitraries.just((Map<DayOfWeek, List<int[]>>) null)));
        Arbitrary<List<Integer>> holidays =
                Arbitraries.integers().between(-1, 20).list().ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(ZONES), weekOr24x7, holidays).as(CalendarCase::new);
    }

    /** One day's windows: closed, an office day, a half day, a split shift, or windows across the DST hours. */
    private Arbitrary<List<int[]>> day() {
        Arbitrary<List<int[]>> anyBounds = Arbitraries.integers()
                .between(0, 48)
                .set()
                .ofMinSize(2)
                .ofMaxSize(4)
                .map(b -> windows(b, 30));
        Arbitrary<List<int[]>> dstHours = Arbitraries.integers()
                .between(0, 8)
                .set()
                .ofMinSize(2)
                .ofMaxSize(4)
                .map(b -> windows(b, 30));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<int[]>of())),
                Tuple.of(3, Arbitraries.just(List.of(new int[] {9 * 60, 17 * 60}))),
                Tuple.of(2, Arbitraries.just(List.of(new int[] {9 * 60, 13 * 60}))),
                Tuple.of(2, Arbitraries.just(List.of(new int[] {8 * 60, 12 * 60}, new int[] {13 * 60, 17 * 60}))),
                Tuple.of(3, anyBounds),
                Tuple.of(2, dstHours));
    }

    /** Sorted distinct bounds (in steps of {@code step} minutes) paired into windows; an odd last bound is dropped. */
    private static List<int[]> windows(Set<Integer> bounds, int step) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(bounds));
        List<int[]> windows = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i += 2)
            windows.add(new int[] {sorted.get(i) * step, sorted.get(i + 1) * step});
        return windows;
    }

    /** Whole minutes of 2026, half of them on the half hour; a third within a week of a DST change somewhere. */
    @Provide
    Arbitrary<Long> starts() {
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() / 60;
        long to = Instant.parse("2026-12-20T00:00:00Z").getEpochSecond() / 60;
        Arbitrary<Long> any = Arbitraries.longs().between(from, to);
        Arbitrary<Long> nearDst = Arbitraries.of(
                        "2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01")
                .flatMap(d -> {
                    long day = Instant.parse(d + "T00:00:00Z").getEpochSecond() / 60;
                    return Arbitraries.longs().between(day - 7 * 24 * 60, day + 2 * 24 * 60);
                });
        Arbitrary<Long> minute = Arbitraries.oneOf(any, any, nearDst);
        return Arbitraries.oneOf(minute, minute.map(m -> m - Math.floorMod(m, 30)));
    }

    @Provide
    Arbitrary<TargetCase> targetSeeds() {
        Arbitrary<Integer> minutes = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 3 * 24 * 60),
                Arbitraries.integers().between(1, 6 * 48).map(h -> h * 30));
        Arbitrary<Integer> days = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 3)));
        Arbitrary<List<Integer>> warnings =
                Arbitraries.of(List.of(), List.of(50), List.of(25, 75), List.of(50, 75, 90));
        Arbitrary<Integer> escalation =
                Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 600));
        return Combinators.combine(Arbitraries.of(Metric.class), minutes, days, warnings, escalation)
                .as(TargetCase::new);
    }

    @Provide
    Arbitrary<PauseCase> pauses() {
        Arbitrary<Tuple.Tuple2<Integer, Integer>> pause = Combinators.combine(
                        Arbitraries.integers().between(0, 6 * 24 * 60),
                        Arbitraries.integers().between(1, 3 * 24 * 60))
                .as(Tuple::of);
        Arbitrary<Integer> atRunOut = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 3 * 24 * 60)));
        Arbitrary<Tuple.Tuple2<Integer, Integer>> afterBreach = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Tuple.of(0, 0))),
                Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 600),
                                        Arbitraries.integers().between(1, 3 * 24 * 60))
                                .as(Tuple::of)));
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5).map(i -> i == 0),
                        pause.list().ofMaxSize(3),
                        atRunOut,
                        afterBreach)
                .as((paused, list, runOut, late) -> new PauseCase(paused, sortedByStart(list), runOut, late));
    }

    private static List<Tuple.Tuple2<Integer, Integer>> sortedByStart(List<Tuple.Tuple2<Integer, Integer>> pauses) {
        List<Tuple.Tuple2<Integer, Integer>> sorted = new ArrayList<>(pauses);
        sorted.sort((a, b) -> Integer.compare(a.get1(), b.get1()));
        return sorted;
    }

    @Provide
    Arbitrary<CompletionCase> completions() {
        return Combinators.combine(
                        Arbitraries.of(Completion.class),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(0, 600))
                .as(CompletionCase::new);
    }
}
