package io.slaflow.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the stack's runtime artifacts are (the Kafka jars and the Elasticsearch zip that the infra build copies out of
 * the Maven repository) and where the running stack keeps its data and logs (the state folder).
 *
 * <p>The artifact folder comes from {@code slaflow-stack.properties}, which the infra build filters with its own
 * {@code target/stack}; the system property {@value #STACK_DIR_PROPERTY} overrides it (for a stack shipped elsewhere).
 */
public final class StackLocation {

    public static final String STACK_DIR_PROPERTY = "slaflow.stack.dir";
    /** Overrides where the SLAflow Kafka Connect plugins are (a folder holding {@code slaflow-connectors/}). */
    public static final String CONNECT_PLUGINS_PROPERTY = "slaflow.connect.plugin.path";

    private static final String PROPERTIES_RESOURCE = "/slaflow-stack.properties";
    private static final String BUILD_HINT = "run `mvn -q -pl infra package` first (it copies the Kafka jars and the "
            + "Elasticsearch zip from the Maven repository), or point -D" + STACK_DIR_PROPERTY
            + " at a folder holding them";

    private final Path artifactsDir;
    private final Path stateDir;
    private final String kafkaVersion;
    private final String elasticsearchVersion;
    private final Path connectPluginsDir;

    StackLocation(Path artifactsDir, Path stateDir, String kafkaVersion, String elasticsearchVersion) {
        this(artifactsDir, stateDir, kafkaVersion, elasticsearchVersion, artifactsDir.resolve("connect-plugins"));
    }

    private StackLocation(
            Path artifactsDir,
            Path stateDir,
            String kafkaVersion,
            String elasticsearchVersion,
            Path connectPluginsDir) {
        this.artifactsDir = artifactsDir.toAbsolutePath().normalize();
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.kafkaVersion = kafkaVersion;
        this.elasticsearchVersion = elasticsearchVersion;
        this.connectPluginsDir = connectPluginsDir.toAbsolutePath().normalize();
    }

    /** The artifacts this build produced, with data and logs going to {@code stateDir} (created when missing). */
    public static StackLocation withState(Path stateDir) {
        Properties build = buildProperties();
        String dir = System.getProperty(STACK_DIR_PROPERTY, build.getProperty("stack.dir"));
        String plugins = System.getProperty(CONNECT_PLUGINS_PROPERTY, build.getProperty("connect.plugins.dir"));
        return new StackLocation(
                Path.of(dir),
                stateDir,
                build.getProperty("kafka.version"),
                build.getProperty("elasticsearch.version"),
                Path.of(plugins));
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = StackLocation.class.getResourceAsStream(PROPERTIES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PROPERTIES_RESOURCE + " is not on the classpath: " + BUILD_HINT);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROPERTIES_RESOURCE, e);
        }
        return properties;
    }

    /** The folder holding the Kafka broker's jars; fails with what to run when the build has not produced it. */
    public Path kafkaLibs() {
        Path libs = artifactsDir.resolve("kafka-libs");
        Path brokerJar = libs.resolve("kafka_2.13-" + kafkaVersion + ".jar");
        if (!Files.isRegularFile(brokerJar)) {
            throw new IllegalStateException("The Kafka broker jar " + brokerJar + " is missing: " + BUILD_HINT);
        }
        return libs;
    }

    /** The Elasticsearch integ-test distribution; fails with what to run when the build has not produced it. */
    public Path elasticsearchZip() {
        Path zip = artifactsDir.resolve("elasticsearch-" + elasticsearchVersion + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The Elasticsearch distribution " + zip + " is missing: " + BUILD_HINT);
        }
        return zip;
    }

    /**
     * The folder holding SLAflow's Kafka Connect plugin ({@code slaflow-connectors/}): a Connect worker's
     * {@code plugin.path}. Fails with what to run when the connectors module has not been packaged.
     */
    public Path connectPlugins() {
        Path plugin = connectPluginsDir.resolve("slaflow-connectors");
        boolean hasJar;
        try (var files = Files.list(plugin)) {
            hasJar = files.anyMatch(f -> f.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            hasJar = false;
        }
        if (!hasJar) {
            throw new IllegalStateException("The SLAflow Kafka Connect plugin is missing from " + plugin + ": run "
                    + "`mvn -q -pl connectors -am package -DskipTests` first, or point -D" + CONNECT_PLUGINS_PROPERTY
                    + " at a folder holding slaflow-connectors/");
        }
        return connectPluginsDir;
    }

    public String kafkaVersion() {
        return kafkaVersion;
    }

    public String elasticsearchVersion() {
        return elasticsearchVersion;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** A folder inside the state folder, created when missing. */
    public Path stateSubdir(String first, String... more) {
        Path dir = stateDir.resolve(Path.of(first, more));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + ": check that the state folder is writable", e);
        }
    }

    /** The {@code java} launcher of the running JDK: the child JVMs run on the same Java as their parent. */
    static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    @Override
    public String toString() {
        return "artifacts " + artifactsDir + ", state " + stateDir;
    }
}
