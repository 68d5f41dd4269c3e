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

/**
 * At-risk surge (per client): at-risk warnings of tier {@code tier} (default the most severe, P1) on
 * {@code count} distinct tickets (default 3) within {@code within} (default 1 h) → a capacity alert to the client's
 * {@code role} (default team-lead). Tickets are counted once: a ticket's 50 %, 75 % and 90 % warnings are one ticket
 * at risk, not three.
 */
public record AtRiskSurge(int count, String tier, Duration within, String role, ChainTargets targets)
        implements ChainPattern {
    public static final String NAME = "at-risk-surge";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scope scope() {
        return Scope.CLIENT;
    }

    @Override
    public boolean relevant(SlaSignal s) {
        return s.is(SlaSignal.Kind.WARNING) && tier.equals(s.tier);
    }

    @Override
    public Pattern<SlaSignal, ?> pattern() {
        return Pattern.<SlaSignal>begin("warnings", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new NewTicketAtRisk(tier))
                .times(count)
                .within(within);
    }

    /** A warning of the tier on a ticket not yet part of this partial match. */
    private static final class NewTicketAtRisk extends IterativeCondition<SlaSignal> {
        private final String tier;

        NewTicketAtRisk(String tier) {
            this.tier = tier;
        }

        @Override
        public boolean filter(SlaSignal s, Context<SlaSignal> ctx) throws Exception {
            if (!s.is(SlaSignal.Kind.WARNING) || !tier.equals(s.tier)) return false;
            for (SlaSignal earlier : ctx.getEventsForPattern("warnings")) {
                if (earlier.ticketId.equals(s.ticketId)) return false;
            }
            return true;
        }
    }

    @Override
    public ChainAlert alert(Map<String, List<SlaSignal>> match) {
        Evidence e = Evidence.of(match);
        String client = e.first().clientId;
        String person = targets.personFor(client, role);
        return e.alert(
                NAME,
                e.last().at,
                role,
                person,
                count + " " + tier + " tickets of client " + client + " at risk within " + within.toMinutes()
                        + " min: capacity");
    }
}
