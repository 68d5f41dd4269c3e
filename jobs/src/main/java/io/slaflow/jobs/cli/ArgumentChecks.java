package io.slaflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The checks a command makes on its arguments before anything starts: a job that runs 13 s and then fails on a
 * path that was wrong from the beginning wastes the user's time and leaves folders behind. A file that is
 * missing or is not what it should be is an {@link ExitCode#INPUT_REFUSED} failure; a value out of range or an
 * output path that cannot be used is a usage error ({@link CommandLine.ParameterException}, {@link ExitCode#USAGE}).
 */
final class ArgumentChecks {
    private final CommandSpec spec;

    ArgumentChecks(CommandSpec spec) {
        this.spec = spec;
    }

    /** {@code path} is a regular file this process can read; {@code what} says what it should hold. */
    void readableFile(String option, Path path, String what) {
        if (Files.isDirectory(path)) {
            throw CommandFailure.inputRefused(option + " " + path + " is a folder: give " + what);
        }
        if (!Files.exists(path)) {
            throw CommandFailure.inputRefused(
                    option + " " + path + ": no such file (looked at " + path.toAbsolutePath() + "); give " + what);
        }
        if (!Files.isRegularFile(path)) {
            throw CommandFailure.inputRefused(
                    option + " " + path + " is not a regular file (a device or a pipe): give " + what);
        }
        if (!Files.isReadable(path)) {
            throw CommandFailure.inputRefused(
                    option + " " + path + ": permission denied; give " + what + " this user can read");
        }
    }

    /** {@code path} is a folder that exists. */
    void existingFolder(String option, Path path, String what) {
        if (!Files.exists(path)) {
            throw CommandFailure.inputRefused(
                    option + " " + path + ": no such folder (looked at " + path.toAbsolutePath() + "); give " + what);
        }
        if (!Files.isDirectory(path)) {
            throw CommandFailure.inputRefused(option + " " + path + " is a file: give " + what);
        }
    }

    /** {@code path} is a folder or can be created as one: nothing on the way to it is a file, and it is writable. */
    void outputFolder(String option, Path path) {
        Path absolute = path.toAbsolutePath();
        Path existing = nearestExisting(absolute);
        if (existing.equals(absolute) && !Files.isDirectory(existing)) {
            throw usage(option + " " + path + " is a file: give a folder (it is created if needed)");
        }
        writableFolderOnTheWay(option, path, existing);
    }

    /** {@code path} can be written as a file: not a folder, nothing on the way to it is a file, and it is writable. */
    void outputFile(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw usage(option + " " + path + " is a folder: give a file name");
        }
        Path parent = path.toAbsolutePath().getParent();
        writableFolderOnTheWay(option, path, nearestExisting(parent));
    }

    private void writableFolderOnTheWay(String option, Path path, Path existing) {
        if (!Files.isDirectory(existing)) {
            throw usage(option + " " + path + " cannot be created: " + existing + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw usage(option + " " + path + ": " + existing + " is not writable for this user; choose another place");
        }
    }

    void atLeast(String option, long value, long minimum, String why) {
        if (value < minimum) {
            throw usage(option + " must be at least " + minimum + " (" + why + "), not " + value);
        }
    }

    void notBlank(String option, String value, String example) {
        if (value == null || value.isBlank()) {
            throw usage(option + " must not be empty: give " + example);
        }
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** {@code path} itself when it exists, else its nearest existing ancestor (the root at worst). */
    private static Path nearestExisting(Path path) {
        Path p = path;
        while (p.getParent() != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }
}
