package io.slaflow.policy;

import io.slaflow.calendar.Holidays;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the iCalendar files a policy names ({@code holidays: {ical: ...}}) come from. A policy is resolved once, where
 * it is loaded: {@link #inFolder} reads the files (confined to the policy's folder) and the loaded {@link SlaPolicy}
 * keeps the holidays each file held ({@link SlaPolicy#resolvedIcal()}); the job carries them to the task managers,
 * which parse the policy again with {@link #resolved} and never read a file. A policy from the {@code sla-policies}
 * topic has no folder at all ({@link #none}).
 */
public interface IcalFiles {

    /**
     * The holidays of the iCal file written {@code path} in the policy.
     *
     * @throws IllegalArgumentException the policy problem to report (what is wrong, never the file's content)
     */
    Holidays holidays(String path);

    /** Reads {@code .ics} files inside {@code policyFolder} only (see {@link PolicyFolder}). */
    static IcalFiles inFolder(Path policyFolder) {
        return new PolicyFolder(policyFolder);
    }

    /** The holidays resolved where the policy was loaded, by the path the policy writes; no file is read. */
    static IcalFiles resolved(Map<String, Holidays> byPath) {
        Map<String, Holidays> copy = Map.copyOf(byPath);
        return path -> {
            Holidays h = copy.get(path);
            if (h == null) {
                throw new IllegalArgumentException("iCal file '" + path + "' was not resolved where this policy version"
                        + " was loaded (it travels with its holidays inlined)");
            }
            return h;
        };
    }

    /** No file can be named: {@code why} says where the policy came from and what to write instead. */
    static IcalFiles none(String why) {
        return path -> {
            throw new IllegalArgumentException("iCal file '" + path + "' cannot be read: " + why);
        };
    }
}
