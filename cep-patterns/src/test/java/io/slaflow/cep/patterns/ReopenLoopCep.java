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
 * The CEP reopen-loop pattern as the job ran it until issue 25, kept in test code only as the reference that
 * {@code ReopenLoopEquivalenceProperties} compares {@link io.slaflow.cep.reopen.ReopenLoopRule} with: the ticket is
 * resolved and then reopened {@code count} times, all within {@code within} of the first resolution. A group pattern
 * (resolved → reopened) repeated {@code count} times. It kept a partial match per resolution for 7 days and woke every
 * ticket with one at every watermark (~17 % of the job's CPU): the job runs the keyed rule instead.
 */
public record ReopenLoopCep(int count, Duration within) implements ChainPattern {
    public static final String NAME = "reopen-loop";

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
        return s.is(SlaSignal.Kind.RESOLVED) || s.is(SlaSignal.Kind.REOPENED);
    }

    @Override
    public Pattern<SlaSignal, ?> pattern() {
        Pattern<SlaSignal, SlaSignal> cycle = Pattern.<SlaSignal>begin("resolved")
                .where(SimpleCondition.of(s -> s.is(SlaSignal.Kind.RESOLVED)))
                .followedBy("reopened")
                .where(SimpleCondition.of(s -> s.is(SlaSignal.Kind.REOPENED)));
        return Pattern.begin(cycle, AfterMatchSkipStrategy.skipPastLastEvent())
                .times(count)
                .within(within);
    }

    @Override
    public ChainAlert alert(Map<String, List<SlaSignal>> match) {
        Evidence e = Evidence.of(match);
        return e.alert(
                NAME,
                e.last().at,
                null,
                null,
                "ticket " + e.first().ticketId + " was resolved and reopened " + count + " times within "
                        + within.toDays() + " days");
    }
}
