package io.slaflow.enforce;

import java.util.Objects;

/**
 * One policy version as it travels to the enforcer: the YAML text (validated where it is parsed) and the event
 * time from which new tickets get it. A Flink POJO: it lives in broadcast state and in checkpoints, and the text
 * (not a parsed object graph) is what is stored, so a restore never depends on policy classes' serialized form.
 */
public class PolicyVersion implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The policy's {@code version}; a ticket pins it at creation. */
    public String version;
    /** The policy YAML. */
    public String yaml;
    /** Where it came from (file path, {@code sla-policies@partition:offset}); named in errors. */
    public String source;
    /** Tickets created at or after this event time (epoch ms) get this version. */
    public long effectiveFrom;

    public PolicyVersion() {}

    public PolicyVersion(String version, String yaml, String source, long effectiveFrom) {
        this.version = version;
        this.yaml = yaml;
        this.source = source;
        this.effectiveFrom = effectiveFrom;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyVersion p && Objects.equals(version, p.version) && Objects.equals(yaml, p.yaml)
                && effectiveFrom == p.effectiveFrom;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, effectiveFrom);
    }

    @Override
    public String toString() {
        return "policy " + version + " from " + source + " effective " + java.time.Instant.ofEpochMilli(effectiveFrom);
    }
}
