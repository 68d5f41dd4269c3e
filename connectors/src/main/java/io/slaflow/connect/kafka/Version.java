package io.slaflow.connect.kafka;

/** The plugin's version, as Connect lists it (from the jar's manifest when packaged). */
final class Version {
    private Version() {}

    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
