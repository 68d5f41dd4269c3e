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
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Breach storm (per client): {@code chains.breachStorm.count} breaches (default 3; any ticket, any metric) within
 * {@code within} (default 24 h) → an account-level alert to the client's {@code role} (default account-director).
 */
public record BreachStorm(int count, Duration within, String role, ChainTargets targets) implements ChainPattern {
    public static final String NAME = "breach-storm";

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
        return s.is(SlaSignal.Kind.BREACH);
    }

    @Override
    public Pattern<SlaSignal, ?> pattern() {
        return Pattern.<SlaSignal>begin("breaches", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.is(SlaSignal.Kind.BREACH)))
                .times(count)
                .within(within);
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
                count + " breaches for client " + client + " within " + within.toHours() + " h on "
                        + e.tickets().size() + " ticket(s)");
    }
}
