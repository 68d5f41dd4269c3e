package io.slaflow.sla;

/** How a target stands: a target is MET when satisfied by its deadline, BREACHED the instant the deadline passes unsatisfied. */
public enum Outcome { PENDING, MET, BREACHED }
