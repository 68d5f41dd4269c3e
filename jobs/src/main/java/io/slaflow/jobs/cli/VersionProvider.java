package io.slaflow.jobs.cli;

import picocli.CommandLine;

/** Reports the version the jar was built as (from its manifest), so a support request can name it. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SlaflowCli.class.getPackage().getImplementationVersion();
        return new String[] {"slaflow " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version")};
    }
}
