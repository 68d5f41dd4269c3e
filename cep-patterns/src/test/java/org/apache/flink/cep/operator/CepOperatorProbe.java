package org.apache.flink.cep.operator;

/**
 * Test-only window into a {@link CepOperator}'s per-key state: its checks are package-private in Flink
 * ({@code @VisibleForTesting}), hence this class in Flink's package, in test sources only.
 */
public final class CepOperatorProbe {
    private CepOperatorProbe() {}

    /** True when the key has neither partial matches (shared buffer) nor buffered, not yet processed elements. */
    public static <K> boolean holdsNothingFor(CepOperator<?, K, ?> op, K key) throws Exception {
        return !op.hasNonEmptySharedBuffer(key) && !op.hasNonEmptyPQ(key);
    }
}
