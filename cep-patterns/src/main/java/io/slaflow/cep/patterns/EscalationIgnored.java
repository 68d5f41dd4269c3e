package io.slaflow.cep.patterns;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.ChainPattern;
import io.slaflow.cep.ChainTargets;
import io.slaflow.cep.Evidence;
import io.slaflow.cep.SlaSignal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Escalation ignored (per ticket): an escalation fires and, within {@code chains.escalationIgnored.after} (default
 * 30 min), nobody acts on the ticket → the chain raises it to the next role of the tier's ladder (or
 * {@code fallbackRole} at the top of the ladder), naming the person who holds that role for the client.
 *
 * <p>"Acting" is: a first response or resolution (by anyone), a reassignment to someone other than the escalation's
 * target (the ticketing system carrying out the escalation itself assigns the ticket to the target, which is not
 * acting on it), any lifecycle event whose actor is the target, or a further escalation of the ticket (the ladder has
 * moved on by itself; that escalation starts its own wait).
 *
 * <p>Flink CEP accepts {@code notFollowedBy} as the last step only with a {@code within()} bound: the match is
 * emitted when the watermark passes the escalation time + the bound without an "acted" signal in between.
 */
public record EscalationIgnored(Duration after, String fallbackRole, ChainTargets targets) implements ChainPattern {
    public static final String NAME = "escalation-ignored";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scope scope() {
        return Scope.TICKET;
    }

    @Override
    public boolean relevant(SlaSignal s) {
        return s.kind != SlaSignal.Kind.WARNING && s.kind != SlaSignal.Kind.BREACH;
    }

    /** Every match starts with an escalation, and only what follows it on the same ticket can end it. */
    @Override
    public boolean watchesOnlyEscalatedTickets() {
        return true;
    }

    @Override
    public Pattern<SlaSignal, ?> pattern() {
        return Pattern.<SlaSignal>begin("escalation", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.is(SlaSignal.Kind.ESCALATION)))
                .notFollowedBy("acted")
                .where(new ActedOn())
                .within(after);
    }

    /** True when {@code s} shows someone acting on the ticket after the escalation (see the class comment). */
    static boolean actsOn(SlaSignal escalation, SlaSignal s) {
        return switch (s.kind) {
            case RESPONDED, RESOLVED, CLOSED, ESCALATION -> true;
            case ASSIGNED ->
                s.assignee == null
                        || !s.assignee.equals(escalation.assignee)
                        || (escalation.assignee != null && escalation.assignee.equals(s.actor));
            case STATUS_CHANGED, REOPENED -> escalation.assignee != null && escalation.assignee.equals(s.actor);
            default -> false;
        };
    }

    private static final class ActedOn extends IterativeCondition<SlaSignal> {
        @Override
        public boolean filter(SlaSignal s, Context<SlaSignal> ctx) throws Exception {
            for (SlaSignal escalation : ctx.getEventsForPattern("escalation")) {
                if (actsOn(escalation, s)) return true;
            }
            return false;
        }
    }

    @Override
    public ChainAlert alert(Map<String, List<SlaSignal>> match) {
        SlaSignal x = match.get("escalation").get(0);
        Evidence e = Evidence.of(match);
        String next = targets.nextRole(x.tier, x.metric, x.level);
        String role = next != null ? next : fallbackRole;
        String person = targets.personFor(x.clientId, role);
        return e.alert(
                NAME,
                x.at + after.toMillis(),
                role,
                person,
                "escalation " + x.id + " to " + x.role
                        + (x.assignee != null ? " (" + x.assignee + ")" : "")
                        + " had no response or reassignment within "
                        + after.toMinutes() + " min; raised to " + role
                        + (person != null ? " (" + person + ")" : " (no one on the roster)"));
    }
}
