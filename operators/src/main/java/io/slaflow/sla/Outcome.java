package io.slaflow.sla;

/**
 * How a target stands: MET when the time counted on its clock from start to satisfaction is at most the target (it
 * was satisfied by its deadline), BREACHED the instant counted time exceeds it unsatisfied (its deadline passes).
 */
public enum Outcome {
    PENDING,
    MET,
    BREACHED
}
