package io.slaflow.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code slaflow} command, in one place: the usage help of each command lists them (set by
 * {@link SlaflowCli#commandLine()}), and the README's "Exit codes" table repeats them. A script can tell "fix the
 * command line" (2) from "fix the file it named" (1) from "look at the rejects" (3) from "something broke" (4).
 */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** A file or folder named on the command line is missing, unreadable or refused (policy, mapping, events, export, replay folder). */
    public static final int INPUT_REFUSED = 1;
    /** The command line itself is wrong: an unknown or missing option, a value out of range or of the wrong form, an unusable output path. */
    public static final int USAGE = 2;
    /** {@code import}: every row, or more than {@code --max-rejects}, was rejected (the rejects file says why). */
    public static final int TOO_MANY_REJECTS = 3;
    /** The job or the command failed while running (the message says why; a stack trace only for what looks like a bug). */
    public static final int FAILED = 4;

    private ExitCode() {}

    /** For the usage help: code -> what it means. */
    static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "done");
        codes.put(Integer.toString(INPUT_REFUSED), "a file or folder it names is missing, unreadable or refused");
        codes.put(Integer.toString(USAGE), "the command line is wrong (option, value or output path)");
        codes.put(Integer.toString(TOO_MANY_REJECTS), "import: too many rows rejected (see the rejects file)");
        codes.put(Integer.toString(FAILED), "the job failed while running");
        return codes;
    }
}
