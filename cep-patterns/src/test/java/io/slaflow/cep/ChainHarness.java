package io.slaflow.cep;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.operator.CepOperatorProbe;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** One chain pattern's CEP operator (built as {@code CEP.pattern(...).process(...)} builds it) in a keyed test harness. */
final class ChainHarness implements AutoCloseable {
    final CepOperator<SlaSignal, String, ChainAlert> operator;
    final KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> harness;
    private final ChainPattern pattern;

    ChainHarness(ChainPattern pattern) throws Exception {
        this.pattern = pattern;
        Pattern<SlaSignal, ?> p = pattern.pattern();
        operator = new CepOperator<>(
                TypeInformation.of(SlaSignal.class).createSerializer(new SerializerConfigImpl()),
                false,
                NFACompiler.compileFactory(p, false),
                new SignalOrder(),
                p.getAfterMatchSkipStrategy(),
                new ChainAlertFunction(pattern),
                null);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, pattern::keyOf, Types.STRING);
        harness.open();
    }

    /** Sends the signals the job would route to this pattern (irrelevant ones are filtered before the operator). */
    ChainHarness send(SlaSignal... signals) throws Exception {
        for (SlaSignal s : signals) {
            if (pattern.relevant(s)) harness.processElement(new StreamRecord<>(s, s.at));
        }
        return this;
    }

    ChainHarness watermark(String isoInstant) throws Exception {
        harness.processWatermark(new Watermark(Instant.parse(isoInstant).toEpochMilli()));
        return this;
    }

    List<ChainAlert> alerts() {
        return harness.extractOutputValues();
    }

    /** No partial match, no buffered signal and no pending timer for the key. */
    boolean holdsNothingFor(String key) throws Exception {
        return CepOperatorProbe.holdsNothingFor(operator, key);
    }

    int pendingTimers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
