package io.slaflow.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code slaflow --version}: the version and the commit the jar was built from ({@code build.properties}, filled
 * in by the build from git), so a support request can name exactly what ran. A build outside a git clone says so
 * instead of inventing a commit; uncommitted changes are called out.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) build.load(in);
        } catch (IOException ignored) {
            // reported below as unknown
        }
        String version = filled(build.getProperty("version"));
        String commit = filled(build.getProperty("commit"));
        String commitLine = commit == null
                ? "commit unknown (built outside a git clone)"
                : "commit " + commit
                        + (filled(build.getProperty("commitTime")) == null
                                ? ""
                                : " of " + build.getProperty("commitTime"))
                        + ("true".equals(build.getProperty("dirty")) ? ", with uncommitted changes" : "");
        return new String[] {
            "slaflow " + (version == null ? "(development build)" : version) + ", " + commitLine,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** Null for a placeholder the build did not fill ({@code ${git.commit.id.abbrev}} without git). */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
}
