package io.slaflow.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Option defaults from a {@code --config} properties file: the key is the option's long name without dashes
 * ({@code bootstrap-servers=...}). Values given on the command line win.
 */
final class ConfigFileDefaults implements CommandLine.IDefaultValueProvider {
    private final Properties properties = new Properties();

    ConfigFileDefaults(Path file) {
        if (!Files.isRegularFile(file)) {
            // before any reading: a folder or /dev/zero is no properties file
            throw new UncheckedIOException(new IOException("--config " + file
                    + (Files.exists(file)
                            ? " is not a regular file: give a Java properties file"
                            : ": no such file (looked at " + file.toAbsolutePath() + ")")));
        }
        try (Reader r = Files.newBufferedReader(file)) {
            properties.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("--config " + file + " cannot be read as Java properties: "
                    + e.getClass().getSimpleName()));
        }
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec option) {
            String v = properties.getProperty(option.longestName().replaceFirst("^-+", ""));
            if (v != null) {
                return v;
            }
        }
        return arg.defaultValue();
    }

    /** Finds {@code --config FILE} (or {@code --config=FILE}) before picocli parses, so its values become defaults. */
    static Path configArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) return Path.of(args[i + 1]);
            if (args[i].startsWith("--config=")) return Path.of(args[i].substring("--config=".length()));
        }
        return null;
    }
}
