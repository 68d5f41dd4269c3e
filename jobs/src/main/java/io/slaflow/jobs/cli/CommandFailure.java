package io.slaflow.jobs.cli;

/**
 * A command stopped on something the user can fix: printed as one line ({@code slaflow replay: <message>}), never
 * with a stack trace, and the command exits with {@link #exitCode()}. The message says what is wrong and what to do.
 */
final class CommandFailure extends RuntimeException {
    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** A file or folder named on the command line is missing, unreadable or not what it should be. */
    static CommandFailure inputRefused(String message) {
        return new CommandFailure(ExitCode.INPUT_REFUSED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
