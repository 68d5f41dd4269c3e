package io.slaflow.infra.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Request Tracker 5 instance (Debian's packages, SQLite, its standalone {@code rt-server}) on 127.0.0.1, with its
 * own copy of a fresh database and its own site configuration, so instances are independent of each other and of the
 * system-wide RT: the package's database file is only ever copied, never written.
 *
 * <p>RT is installed from Debian's packages when missing ({@code infra/bin/install-request-tracker.sh}, as root). The
 * port is picked on the first {@link #start()} and kept, so {@link #stop()}+{@link #start()} come back at the same
 * {@link #url()} with the same tickets. A fresh database answers to {@value #ROOT_USER}/{@value #ROOT_PASSWORD}.
 */
public final class RequestTracker extends LocalServer<RequestTracker> {

    public static final String ROOT_USER = "root";
    public static final String ROOT_PASSWORD = "password";
    static final Path RT_SERVER = Path.of("/usr/share/request-tracker5/libexec/rt-server");
    static final Path SETUP_DATABASE = Path.of("/usr/sbin/rt-setup-database-5");
    static final Path DBCONFIG = Path.of("/etc/request-tracker5/RT_SiteConfig.d/51-dbconfig-common.pm");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final StackLocation location;
    private final Consumer<String> progress;
    private final Path home;
    private final Path database;
    private final Path configDir;
    private final Path logsDir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int port;

    public RequestTracker(StackLocation location, Consumer<String> progress) {
        super(STOP_GRACE);
        this.location = location;
        this.progress = progress;
        this.home = location.stateSubdir("rt");
        this.database = home.resolve("rtdb");
        this.configDir = home.resolve("site-config");
        this.logsDir = home.resolve("logs");
    }

    /** Starts RT (a no-op while it runs) and returns once REST2 answers an authenticated request. */
    @Override
    public synchronized RequestTracker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (port == 0) {
            prepareFirstStart();
        }
        progress.accept("starting Request Tracker 5…");
        process = ChildProcess.start(
                "rt-server",
                List.of(RT_SERVER.toString(), "--port", String.valueOf(port)),
                environment(),
                home,
                logsDir.resolve("console.log"));
        Readiness.Outcome outcome = Readiness.await("Request Tracker", process, this::answers, START_TIMEOUT, progress);
        if (!outcome.ready()) {
            String why = outcome.processDied()
                    ? "rt-server exited with code " + process.exitCode() + " during start"
                    : "Request Tracker did not answer on " + url() + " within " + START_TIMEOUT.toSeconds() + " s";
            String console = process.consoleTail(30);
            stop();
            throw new IllegalStateException(why + ". Its console (tail):\n" + console);
        }
        lastStartTime = outcome.elapsed();
        // its command line names no state folder: CI's clean-up finds a leaked server through this file
        StateFiles.write(home.resolve("rt-server.pid"), process.handle().pid() + "\n");
        progress.accept("Request Tracker ready in " + Readiness.seconds(outcome.elapsed()) + " at " + url() + " (pid "
                + process.handle().pid() + ")");
        return this;
    }

    private void prepareFirstStart() {
        ensureInstalled(progress);
        port = FreePorts.pick(1)[0];
        StateFiles.createDirectories(logsDir);
        try {
            Files.copy(packageDatabase(), database, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot copy RT's fresh database into " + database + ": " + e.getMessage(), e);
        }
        StateFiles.deleteRecursively(configDir);
        StateFiles.write(configDir.resolve("99-slaflow.pm"), RequestTrackerConfig.siteConfig(database, port));
    }

    /** Installs RT from Debian's packages when {@code rt-server} is missing (needs root). */
    static void ensureInstalled(Consumer<String> progress) {
        if (Files.isExecutable(RT_SERVER) && Files.isRegularFile(DBCONFIG)) {
            return;
        }
        Path script = installScript();
        progress.accept("Request Tracker 5 is not installed: running " + script + " (about 80 s)");
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "install-request-tracker.log");
        ChildProcess.runToCompletion(
                "Request Tracker installation",
                List.of("bash", script.toString()),
                Path.of(System.getProperty("java.io.tmpdir")),
                log,
                Duration.ofMinutes(10));
    }

    private static Path installScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("infra/bin/install-request-tracker.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException(
                "Request Tracker 5 is not installed (" + RT_SERVER + " is missing) and "
                        + "infra/bin/install-request-tracker.sh is not found from "
                        + Path.of("").toAbsolutePath()
                        + ": run it as root from the repository, or apt-get install request-tracker5 rt5-db-sqlite rt5-standalone");
    }

    /**
     * The fresh database the package created, as its dbconfig-common file names it: Perl evaluates the file (it is
     * generated Perl, not a format to parse with a regex).
     */
    static Path packageDatabase() {
        String perl = "no strict; sub Set(\\[$@%]@) { my ($r, @v) = @_; $$r = $v[0] if ref $r eq 'SCALAR'; } "
                + "do $ARGV[0]; print $DatabaseName;";
        try {
            Process p = new ProcessBuilder("perl", "-e", perl, DBCONFIG.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            Path db = Path.of(out);
            if (p.exitValue() != 0 || !db.isAbsolute() || !Files.isRegularFile(db)) {
                throw new IllegalStateException("RT's database named in " + DBCONFIG + " is not a file ('" + out
                        + "'): reinstall with infra/bin/install-request-tracker.sh");
            }
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run perl to read " + DBCONFIG + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + DBCONFIG, e);
        }
    }

    /**
     * Loads an RT initialdata file (Perl: {@code @Users}, {@code @Queues}, {@code @ACL}, {@code @CustomFields}...)
     * into this instance's database with {@code rt-setup-database --action insert}: how tests and the demo create
     * users, queues and the rights RT checks (a user needs {@code OwnTicket} on a queue to become its owner).
     */
    public synchronized void insertData(String name, String initialData) {
        if (port == 0) {
            prepareFirstStart();
        }
        Path file = home.resolve("initialdata-" + name + ".pl");
        StateFiles.write(file, initialData);
        ChildProcess.runToCompletion(
                "RT initialdata " + name,
                List.of(
                        SETUP_DATABASE.toString(),
                        "--action",
                        "insert",
                        "--datafile",
                        file.toString(),
                        "--skip-create"),
                home,
                logsDir.resolve("initialdata-" + name + ".log"),
                Duration.ofMinutes(5),
                environment());
        progress.accept("loaded RT initialdata '" + name + "'");
    }

    private Map<String, String> environment() {
        // RT reads RT_SiteConfig.pm, then every *.pm in this folder: the instance's database, port and URLs
        return Map.of("RT_SITE_CONFIG_DIR", configDir.toString());
    }

    private boolean answers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + "rt"))
                    .header("Authorization", basicAuth(ROOT_USER, ROOT_PASSWORD))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code http://127.0.0.1:<port>} (the web UI); valid from the first start on. */
    public String url() {
        if (port == 0) {
            throw new IllegalStateException("Request Tracker has not been started yet: call start() first");
        }
        return "http://" + KafkaBroker.HOST + ":" + port;
    }

    /** {@code http://127.0.0.1:<port>/REST/2.0/}. */
    public String restUrl() {
        return url() + "/REST/2.0/";
    }

    public int port() {
        return port;
    }

    /** This instance's SQLite database file. */
    public Path database() {
        return database;
    }

    @Override
    public String toString() {
        return "Request Tracker at " + (port == 0 ? "(not started)" : url());
    }
}
