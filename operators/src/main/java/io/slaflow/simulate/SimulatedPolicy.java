package io.slaflow.simulate;

import io.slaflow.policy.SlaPolicy;

/**
 * A policy the history is simulated under: the current one (index 0) or a candidate.
 *
 * @param label  how the outputs name it: {@code current}, {@code candidate 1}, ...
 * @param source the file it was read from, as the user named it
 */
public record SimulatedPolicy(String label, String source, SlaPolicy policy) {

    public static String labelOf(int index) {
        return index == 0 ? "current" : "candidate " + index;
    }
}
