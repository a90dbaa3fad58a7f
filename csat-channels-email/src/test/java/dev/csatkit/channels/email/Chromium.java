package dev.csatkit.channels.email;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where Chromium and its driver are: {@code CHROMEDRIVER} and {@code CHROMIUM} when set, else
 * Debian's {@code /usr/bin/chromedriver} and {@code /usr/bin/chromium}, else the first on the
 * {@code PATH}. Nothing is ever downloaded.
 *
 * <p>Without them the browser tests are skipped and one line says so; with
 * {@code CSAT_BROWSER_TESTS=required} (as CI sets it) they fail instead, so that a machine that
 * should have the browser cannot pass without running them.
 */
final class Chromium {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private Chromium() {
    }

    static Optional<Path> driver() {
        return find("CHROMEDRIVER", "chromedriver");
    }

    static Optional<Path> browser() {
        return find("CHROMIUM", "chromium").or(() -> find("CHROMIUM", "chromium-browser"));
    }

    private static Optional<Path> find(String variable, String name) {
        String set = System.getenv(variable);
        if (set != null && !set.isBlank()) {
            return Optional.of(Path.of(set)).filter(Files::isExecutable);
        }
        Path debian = Path.of("/usr/bin", name);
        if (Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs a {@link BrowserTest} only where Chromium and its driver are installed. */
    static final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (driver().isPresent() && browser().isPresent()) {
                return ConditionEvaluationResult.enabled("chromium and chromedriver found");
            }
            String why = "Browser tests not run: chromium and chromium-driver are not installed"
                    + " (apt-get install chromium chromium-driver, or set CHROMIUM and CHROMEDRIVER)";
            if ("required".equals(System.getenv("CSAT_BROWSER_TESTS"))) {
                throw new IllegalStateException(why + ", and CSAT_BROWSER_TESTS=required");
            }
            if (TOLD.compareAndSet(false, true)) {
                System.out.println(why + ".");
            }
            return ConditionEvaluationResult.disabled(why);
        }
    }
}
