package io.slaflow.enforce;

import io.slaflow.policy.IcalFiles;
import io.slaflow.policy.PolicyFile;
import io.slaflow.policy.ResolvedIcal;
import java.util.Objects;

/**
 * One policy version as it travels to the enforcer: the YAML text (validated where it is parsed), the holidays of the
 * iCal files it names as they were resolved where it was loaded, and the event time from which new tickets get it. A
 * Flink POJO: it lives in broadcast state and in checkpoints, and text (not a parsed object graph) is what is stored,
 * so a restore never depends on policy classes' serialized form.
 *
 * <p>A task manager never reads a policy's files (it may not have them, and a path in a policy is input): the base
 * version carries its iCal holidays inlined ({@link #loaded}); a version from {@code sla-policies} has no folder and
 * may name no iCal file ({@link #icalFiles}).
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
    /**
     * The holidays of its iCal files, resolved where it was loaded ({@link ResolvedIcal}'s text); null for a version
     * that arrived on {@code sla-policies} (or was stored by a build before this field), which may name no iCal file.
     */
    public String icalHolidays;

    public PolicyVersion() {}

    /** A version without files (from {@code sla-policies}, or a test's YAML). */
    public PolicyVersion(String version, String yaml, String source, long effectiveFrom) {
        this.version = version;
        this.yaml = yaml;
        this.source = source;
        this.effectiveFrom = effectiveFrom;
    }

    /** The version of a policy file read and validated where the job is built: its iCal holidays travel with it. */
    public static PolicyVersion loaded(PolicyFile file, String source, long effectiveFrom) {
        PolicyVersion v = new PolicyVersion(file.policy().version(), file.yaml(), source, effectiveFrom);
        v.icalHolidays = ResolvedIcal.write(file.policy().resolvedIcal());
        return v;
    }

    /**
     * A copy under {@code version} (the id its YAML names), leaving this one as it arrived: a version offered on
     * {@code sla-policies} may carry another id, or none, in its record.
     */
    public PolicyVersion withVersion(String version) {
        PolicyVersion copy = new PolicyVersion(version, yaml, source, effectiveFrom);
        copy.icalHolidays = icalHolidays;
        return copy;
    }

    /** Where the parser finds the version's iCal files: the inlined holidays, never the file system. */
    public IcalFiles icalFiles() {
        if (icalHolidays == null) {
            return IcalFiles.none("a policy version from " + source + " has no folder to read files from (task"
                    + " managers never read policy files): list the holidays under 'dates' instead");
        }
        return IcalFiles.resolved(ResolvedIcal.read(icalHolidays));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyVersion p
                && Objects.equals(version, p.version)
                && Objects.equals(yaml, p.yaml)
                && effectiveFrom == p.effectiveFrom
                && Objects.equals(icalHolidays, p.icalHolidays);
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
