package io.slaflow.cep.patterns;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.ChainPattern;
import io.slaflow.cep.Evidence;
import io.slaflow.cep.SlaSignal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Double breach (per ticket): the ticket breaches its response target and later its resolution target, within
 * {@code chains.doubleBreach.within} (default 14 days) of the response breach. The alert goes to no particular role:
 * both breaches have already escalated the ticket; the chain marks the account as at risk.
 */
public record DoubleBreach(Duration within) implements ChainPattern {
    public static final String NAME = "double-breach";

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
        return s.is(SlaSignal.Kind.BREACH);
    }

    @Override
    public Pattern<SlaSignal, ?> pattern() {
        return Pattern.<SlaSignal>begin("responseBreach", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(breachOf("RESPONSE"))
                .followedBy("resolutionBreach")
                .where(breachOf("RESOLUTION"))
                .within(within);
    }

    private static SimpleCondition<SlaSignal> breachOf(String metric) {
        return SimpleCondition.of(s -> s.is(SlaSignal.Kind.BREACH) && metric.equals(s.metric));
    }

    @Override
    public ChainAlert alert(Map<String, List<SlaSignal>> match) {
        Evidence e = Evidence.of(match);
        SlaSignal response = match.get("responseBreach").get(0);
        return e.alert(
                NAME,
                e.last().at,
                null,
                null,
                "ticket " + response.ticketId + " (" + response.tier
                        + ") breached its response target and then its resolution target");
    }
}
