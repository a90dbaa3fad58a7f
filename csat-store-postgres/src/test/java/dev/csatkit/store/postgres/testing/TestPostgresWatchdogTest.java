package dev.csatkit.store.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed with {@code kill -9} runs no shutdown hook: the embedded server it started must
 * still stop, and its data directory go, or every test JVM a mutation run kills leaves a server
 * and its WAL behind until the disk is full.
 */
class TestPostgresWatchdogTest {

    /** Starts the test server, prints its data directory and the server's process id, then waits. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            TestPostgres pg = TestPostgres.get();
            try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_setting('data_directory')")) {
                rs.next();
                System.out.println(rs.getString(1));
            }
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @Test
    void aServerWhoseJvmIsKilledStopsAndItsDataDirectoryGoes() throws Exception {
        String env = System.getenv("CSAT_TEST_POSTGRES_URL");
        assumeTrue(env == null || env.isBlank(), "a server named by CSAT_TEST_POSTGRES_URL is not the tests' to stop");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(List.of(java.toString(), "-cp", classPath, Holder.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path data;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the holder's data directory").isNotNull();
            data = Path.of(line);
        }
        Path pidFile = data.resolve("postmaster.pid");
        assertThat(pidFile).exists();
        long server = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        assertThat(ProcessHandle.of(server)).as("the holder's server runs").isPresent();

        holder.destroyForcibly(); // kill -9: no shutdown hook runs
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false) || Files.exists(data))
                && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false))
                .as("the server of a killed JVM is stopped").isFalse();
        assertThat(data).as("its data directory is removed").doesNotExist();
    }
}
