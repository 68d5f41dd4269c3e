package io.slaflow.jobs.policy;

import io.slaflow.enforce.PolicyVersion;
import io.slaflow.policy.IcalFiles;
import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.policy.PolicyFile;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The policy a job starts with: the file the user named, or — when none is named — the default policy built into
 * the jar ({@code infra/policies/default.yaml} as it was at build time), so {@code java -jar slaflow.jar replay}
 * works from any folder. It keeps the YAML text as well, because the base version travels inside the job
 * ({@link PolicyVersion}) and task managers never read the policy's file.
 *
 * @param source where it came from, as named in messages and in the job's policy version
 */
public record BasePolicy(SlaPolicy policy, String yaml, String source, boolean builtIn) {
    /** The classpath resource of the built-in default (the infra module ships it). */
    public static final String BUILT_IN_RESOURCE = "io/slaflow/policies/default.yaml";

    static final String BUILT_IN_SOURCE = "built-in default policy (slaflow.jar!/" + BUILT_IN_RESOURCE + ")";

    /** {@code file} when given, else the built-in default; nothing starts on a refused policy. */
    public static BasePolicy load(Path file) throws InvalidPolicyException {
        if (file == null) {
            return builtInDefault();
        }
        PolicyFile read = PolicyLoader.read(file); // one read: the text that travels is the text validated
        return new BasePolicy(read.policy(), read.yaml(), file.toString(), false);
    }

    /** The policy shipped in the jar; it names no other file (no iCal), so it needs no folder around it. */
    public static BasePolicy builtInDefault() throws InvalidPolicyException {
        String yaml;
        try (InputStream in = BasePolicy.class.getClassLoader().getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN_RESOURCE
                        + " is not on the classpath: the jar was built without the infra module's resources");
            }
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SlaPolicy policy = new PolicyLoader(IcalFiles.none("the built-in default policy has no folder"))
                .parse(yaml, BUILT_IN_SOURCE);
        return new BasePolicy(policy, yaml, BUILT_IN_SOURCE, true);
    }

    /**
     * The base version of the job: in force from the beginning of time until {@code sla-policies} says otherwise. Its
     * iCal holidays, resolved where the policy was loaded, travel inlined with it (task managers read no file).
     */
    public PolicyVersion baseVersion() {
        return PolicyVersion.loaded(new PolicyFile(yaml, policy), source, Long.MIN_VALUE);
    }

    /** For banners: which policy a run uses, e.g. {@code default-2026.11 (built in; --policy FILE for your own)}. */
    public String describe() {
        return policy.version()
                + (builtIn ? " (the built-in default policy; --policy FILE for your own)" : " from " + source);
    }
}
