package io.slaflow.cep;

import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** The CEP match function of a {@link ChainPattern}: thin, the pattern builds the alert. */
public final class ChainAlertFunction extends PatternProcessFunction<SlaSignal, ChainAlert> {
    private final ChainPattern pattern;

    public ChainAlertFunction(ChainPattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public void processMatch(Map<String, List<SlaSignal>> match, Context ctx, Collector<ChainAlert> out) {
        out.collect(pattern.alert(match));
    }
}
