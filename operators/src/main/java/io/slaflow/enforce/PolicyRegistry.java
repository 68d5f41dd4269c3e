package io.slaflow.enforce;

import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.CompiledPolicy;
import io.slaflow.sla.TicketState;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy versions the enforcer knows, each parsed and compiled once (README, "Enforcement rules", rule 5): the
 * base version given at start, and the versions accepted from {@code sla-policies}. A new ticket gets the version in
 * force at its creation ({@link #inForceAt}) and keeps it ({@link #pinned}); a version is refused if it does not
 * parse or if its id is already taken by different content ({@link #offer}).
 *
 * <p>Free of Flink: the accepted versions themselves are kept by the caller ({@link StoredVersions}: in the job the
 * broadcast state, which checkpoints them), so this holds only what is derived from them. After a restore it starts
 * with the base version and compiles a stored one the first time a ticket needs it.
 */
final class PolicyRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);

    /** The accepted versions as the caller stores them, by version id. */
    interface StoredVersions {
        /** The version stored under {@code version}, or null. */
        PolicyVersion get(String version) throws Exception;

        /** Every stored version; in the store's own order, which decides between versions in force from the same instant. */
        Iterable<Map.Entry<String, PolicyVersion>> all() throws Exception;
    }

    /**
     * The answer to a version offered at run time: {@code accepted}, the version to store (a copy carrying the id
     * its YAML names; the offered one is left as it arrived), or else {@code refusal}, why it changes nothing.
     */
    record Verdict(PolicyVersion accepted, String refusal) {
        boolean isAccepted() {
            return accepted != null;
        }
    }

    private final PolicyVersion baseVersion;
    private final CompiledPolicy base;
    private final StoredVersions stored;
    private final Map<String, CompiledPolicy> compiled = new HashMap<>();

    /** @throws InvalidPolicyException if the base version does not compile (it was validated at job start: a bug) */
    PolicyRegistry(PolicyVersion baseVersion, StoredVersions stored) throws InvalidPolicyException {
        this.baseVersion = baseVersion;
        this.stored = stored;
        this.base = compile(baseVersion);
        compiled.put(base.version(), base);
    }

    CompiledPolicy base() {
        return base;
    }

    /**
     * The version a ticket created at {@code t} gets: of those in force by then, the one in force from the latest
     * instant (the base version if none is).
     */
    CompiledPolicy inForceAt(long t) throws Exception {
        CompiledPolicy best = base;
        long bestFrom = Long.MIN_VALUE;
        for (Map.Entry<String, PolicyVersion> v : stored.all()) {
            long from = v.getValue().effectiveFrom;
            if (from <= t && from >= bestFrom) {
                bestFrom = from;
                best = compiledOf(v.getValue());
            }
        }
        return best;
    }

    /** The version {@code s} was pinned to at its creation; the base version if this job no longer has it. */
    CompiledPolicy pinned(TicketState s) throws Exception {
        CompiledPolicy p = compiled.get(s.policyVersion);
        if (p != null) {
            return p;
        }
        PolicyVersion v = stored.get(s.policyVersion);
        if (v == null) {
            LOG.warn(
                    "Ticket {} is pinned to policy version {}, which this job no longer has; using base version {}",
                    s.ticketId,
                    s.policyVersion,
                    base.version());
            return base;
        }
        return compiledOf(v);
    }

    /**
     * Decides on a version arriving at run time. An accepted one is compiled here, once; the caller stores
     * {@link Verdict#accepted} under its id. A refused one changes nothing.
     */
    Verdict offer(PolicyVersion version) throws Exception {
        CompiledPolicy candidate;
        try {
            candidate = compile(version);
        } catch (InvalidPolicyException e) {
            return new Verdict(null, e.getMessage());
        }
        String id = candidate.version();
        PolicyVersion known = id.equals(base.version()) ? baseVersion : stored.get(id);
        if (known != null && !known.yaml.equals(version.yaml)) {
            return new Verdict(
                    null,
                    "version '" + id + "' already exists with different content (" + known.source
                            + "); a changed contract needs a new version id, so tickets pinned to the old one keep their terms");
        }
        compiled.put(id, new CompiledPolicy(candidate.policy(), candidate.classifier(), version.effectiveFrom));
        return new Verdict(version.withVersion(id), null);
    }

    private CompiledPolicy compiledOf(PolicyVersion v) {
        CompiledPolicy known = compiled.get(v.version);
        if (known != null) {
            return known;
        }
        try {
            CompiledPolicy c = compile(v);
            compiled.put(v.version, c);
            return c;
        } catch (InvalidPolicyException e) {
            // stored by an earlier build that accepted it (a version naming iCal files it read on the task manager):
            // one stored record must not stop the job, and the tickets pinned to it keep the base version's terms
            LOG.error(
                    "Policy {} was valid when stored and is not now ({}); using base version {} instead",
                    v,
                    e.getMessage(),
                    base.version());
            compiled.put(v.version, base);
            return base;
        }
    }

    private static CompiledPolicy compile(PolicyVersion v) throws InvalidPolicyException {
        // the version's own iCal holidays (inlined where it was loaded): a task manager never reads a policy's files
        SlaPolicy policy = new PolicyLoader(v.icalFiles()).parse(v.yaml, v.source);
        return CompiledPolicy.compile(policy, v.effectiveFrom);
    }
}
