package dev.csatkit.channels.email;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through Debian's chromedriver, that switches
 * between a phone (390 CSS pixels wide, touch, the page's viewport honoured) and a desktop
 * (1280 pixels) without starting again.
 */
final class Browser implements AutoCloseable {

    /** Where screenshots go, for people to look at. */
    static final Path SHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.browser().orElseThrow().toFile());
        // Root on CI has no sandbox to enter; /dev/shm is small in containers.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--window-size=1280,900", "--lang=en");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.driver().orElseThrow().toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** From the next page on: an iPhone-sized phone, 390 x 844 CSS pixels at 3x. */
    Browser phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        return this;
    }

    /** From the next page on: a desktop window, 1280 x 900. */
    Browser desktop() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
        return this;
    }

    /** @param enabled whether pages may run their scripts, from the next page on */
    Browser scripts(boolean enabled) {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
        return this;
    }

    Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Does what leads to another page (a click, a key) and waits until that page is there. */
    Browser andWait(Runnable action) {
        WebElement before = find("html");
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                break;
            } catch (WebDriverException e) {
                // Chromedriver sometimes loses a node it has just found while the page settles;
                // the action did not happen unless the page has already moved on.
                boolean lostNode = e instanceof StaleElementReferenceException
                        || String.valueOf(e.getMessage()).contains("does not belong to the document");
                if (!lostNode || attempt == 3) {
                    throw e;
                }
                if (ExpectedConditions.stalenessOf(before).apply(driver)) {
                    break;
                }
            }
        }
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(before));
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** @return how far the page is wider than the screen, in CSS pixels: 0 when nothing overflows */
    long overflow() {
        return ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
    }

    /** @return the element's rendered width and height in CSS pixels */
    double[] size(WebElement e) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) js(
                "var r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height};", e);
        return new double[] {((Number) r.get("w")).doubleValue(), ((Number) r.get("h")).doubleValue()};
    }

    /** The whole page as a PNG under {@link #SHOTS}, however long it is. */
    Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) content.get("width")).doubleValue();
        double height = ((Number) content.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SHOTS);
            Path file = SHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core on the page.
     *
     * @return the serious and critical violations, one line each; empty when there are none
     */
    List<String> seriousAccessibilityViolations() {
        Results results = new AxeBuilder().analyze(driver);
        return results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Browser::describe).collect(Collectors.toList());
    }

    private static String describe(Rule r) {
        return r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at "
                + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", "));
    }

    /**
     * @return the console's errors and warnings since the last call, such as a blocked inline
     *     style; the error status of the page itself (410 for an expired link) is no problem
     */
    List<String> consoleProblems() {
        String page = driver.getCurrentUrl();
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage)
                .filter(m -> !(m.startsWith(page + " - Failed to load resource: the server responded with a status of 4")))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
