package io.slaflow.jobs.cli;

import io.slaflow.jobs.imports.InvalidMappingException;
import io.slaflow.policy.InvalidPolicyException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * How every command reports what went wrong. A user's mistake (a bad option value, a missing or unsuitable file, a
 * refused policy or mapping) is one line naming the command, what is wrong and what to do, with its documented
 * {@link ExitCode}; a Java stack trace is printed only for what is neither, i.e. what looks like a bug in slaflow.
 */
final class ErrorReporting implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Usage errors: the message, picocli's "did you mean" suggestions, where to read more; not the whole usage text. */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        // picocli starts a few of its messages with "Error: "; the command's name already says that much
        err.println(prefix(cmd) + String.valueOf(ex.getMessage()).replaceFirst("^Error: ", ""));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code;
        if (ex instanceof CommandFailure f) {
            err.println(prefix(cmd) + f.getMessage());
            code = f.exitCode();
        } else if (ex instanceof InvalidPolicyException p) {
            err.println(prefix(cmd) + p.getMessage());
            err.println("Nothing was started. Fix the policy and check it with 'slaflow policy validate FILE'.");
            code = ExitCode.INPUT_REFUSED;
        } else if (ex instanceof InvalidMappingException m) {
            err.println(prefix(cmd) + m.getMessage());
            code = ExitCode.INPUT_REFUSED;
        } else if (ex instanceof FileSystemException f) {
            // a path the user named (or its folder) cannot be used: permissions, a full disk, a file in the way
            err.println(prefix(cmd) + describe(f));
            code = ExitCode.INPUT_REFUSED;
        } else {
            err.println(prefix(cmd) + "failed: " + rootMessage(ex));
            err.println("This looks like a bug in slaflow; the stack trace below helps to report it:");
            ex.printStackTrace(err);
            code = ExitCode.FAILED;
        }
        err.flush();
        return code;
    }

    static String describe(FileSystemException f) {
        String path = f.getFile() == null ? "" : f.getFile() + ": ";
        if (f instanceof NoSuchFileException) return path + "no such file or folder";
        if (f instanceof AccessDeniedException) return path + "permission denied";
        return path + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
    }

    private static String rootMessage(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }
}
