package io.slaflow.policy;

/**
 * A policy file as read once at job start: its YAML text and the validated policy, iCal holidays resolved in the
 * file's folder ({@link SlaPolicy#resolvedIcal()}). Reading both from one read means the version the job carries is
 * exactly the one that was validated.
 */
public record PolicyFile(String yaml, SlaPolicy policy) {}
