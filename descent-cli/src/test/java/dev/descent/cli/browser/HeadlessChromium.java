package dev.descent.cli.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver}: opens a page and tells which images
 * failed to load, what the page logged as errors, and what it looks like (a full-page PNG).
 *
 * <p>Tests get one with {@link #startOrSkip()}, which skips them (a JUnit assumption) when the browser or its driver
 * is absent, and close it when done. One browser serves many pages: each {@link #open} starts a fresh account of
 * console errors. Only local binaries are used: Selenium Manager never downloads a browser or driver here.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Why browser tests were skipped, and what to do about it. */
    public static final String NOT_FOUND = "headless Chromium not found: install Debian's chromium and chromium-driver"
            + " (sudo apt-get install chromium chromium-driver) or set CHROME_BIN and CHROMEDRIVER";

    /** Window size of every page, so screenshots of one page are comparable from run to run. */
    public static final Dimension WINDOW = new Dimension(1280, 1000);

    /** The system property naming where {@link #copyWhereRequested} copies screenshots (docs/images, say). */
    public static final String COPY_SCREENSHOTS_PROPERTY = "descent.screenshots.dir";

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    /*
     * A starting ChromeDriver looks for a selenium-devtools module matching the browser's version and warns when there
     * is none. We speak CDP only through chromedriver (executeCdpCommand), which needs no such module, and Debian's
     * chromium moves on with security updates: the warning would say nothing useful. Held here so it is not collected.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    /** Where the browser and its driver are. */
    public record Installation(Path browser, Path driver) {
    }

    private final ChromeDriver driver;
    private final Path screenshotDirectory;
    private final List<String> consoleErrors = new ArrayList<>();

    private HeadlessChromium(ChromeDriver driver, Path screenshotDirectory) {
        this.driver = driver;
        this.screenshotDirectory = screenshotDirectory;
    }

    /**
     * The browser and driver named by {@code CHROME_BIN} and {@code CHROMEDRIVER}, else Debian's
     * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; empty when either is not an executable file.
     */
    public static Optional<Installation> find() {
        Path browser = executable("CHROME_BIN", "/usr/bin/chromium");
        Path driver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
        return browser == null || driver == null ? Optional.empty() : Optional.of(new Installation(browser, driver));
    }

    private static Path executable(String variable, String debianPath) {
        String named = System.getenv(variable);
        Path path = Path.of(named == null || named.isBlank() ? debianPath : named);
        return Files.isRegularFile(path) && Files.isExecutable(path) ? path : null;
    }

    /**
     * Starts headless Chromium, or skips the calling test with {@link #NOT_FOUND} when it is not installed.
     * Screenshots go to {@code target/screenshots/} of the module under test.
     */
    public static HeadlessChromium startOrSkip() {
        Optional<Installation> installation = find();
        Assumptions.assumeTrue(installation.isPresent(), NOT_FOUND);
        Path module = Path.of(System.getProperty("basedir", "."));
        return start(installation.get(), module.resolve("target").resolve("screenshots"));
    }

    /** Starts headless Chromium from {@code installation}; screenshots go to {@code screenshotDirectory}. */
    public static HeadlessChromium start(Installation installation, Path screenshotDirectory) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installation.browser().toFile());
        // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + WINDOW.width + "," + WINDOW.height, "--hide-scrollbars");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installation.driver().toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_TIMEOUT).scriptTimeout(PAGE_TIMEOUT);
        driver.manage().window().setSize(WINDOW);
        return new HeadlessChromium(driver, screenshotDirectory);
    }

    /** Opens a local file. */
    public void open(Path file) {
        open(file.toAbsolutePath().toUri());
    }

    /**
     * Opens {@code url} ({@code file:} or {@code http:}) and waits until the document and its images have loaded
     * or failed; console errors logged before this call are forgotten.
     */
    public void open(URI url) {
        drainConsole();
        consoleErrors.clear();
        driver.get(url.toString());
        new WebDriverWait(driver, PAGE_TIMEOUT).until(d -> "complete".equals(script("return document.readyState")));
        awaitImages();
    }

    /**
     * Images of the open page that did not load (an {@code img} not {@code complete}, or with
     * {@code naturalWidth == 0}), each described by its {@code src}, shortened; empty when all loaded.
     * CSS background images are not checked.
     */
    public List<String> missingImages() {
        List<?> sources = (List<?>) script("""
                return Array.from(document.images)
                    .filter(img => !img.complete || img.naturalWidth === 0)
                    .map(img => img.getAttribute('src') || '(no src)');""");
        return sources.stream().map(source -> shorten(String.valueOf(source))).toList();
    }

    /** Whether the {@code img} element {@code image} of the open page has loaded. */
    public boolean loaded(WebElement image) {
        return Boolean.TRUE.equals(script("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
    }

    /** What the open page logged at error level (console errors, failed requests, uncaught exceptions). */
    public List<String> consoleErrors() {
        drainConsole();
        return List.copyOf(consoleErrors);
    }

    /**
     * Saves the whole open page, beyond the window's height, as {@code NAME.png} in the screenshot directory.
     *
     * @return the saved file
     */
    public Path screenshot(String name) {
        return screenshot(name, Integer.MAX_VALUE);
    }

    /**
     * Saves the top of the open page, at most {@code maxHeight} pixels of it (a README picture of a long page), as
     * {@code NAME.png} in the screenshot directory.
     *
     * @return the saved file
     */
    public Path screenshot(String name, int maxHeight) {
        List<?> size = (List<?>) script("""
                const root = document.documentElement;
                return [Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0),
                        Math.max(root.scrollHeight, document.body ? document.body.scrollHeight : 0)];""");
        long height = Math.min(((Number) size.get(1)).longValue(), maxHeight);
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get(0), "height", height, "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path file = screenshotDirectory.resolve(name + ".png");
        try {
            Files.createDirectories(screenshotDirectory);
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
        return file;
    }

    /**
     * Copies {@code screenshot} into the directory named by the system property {@value #COPY_SCREENSHOTS_PROPERTY}
     * (relative to the module's directory), when it is set: {@code mvn test -Ddescent.screenshots.dir=…} refreshes
     * the pictures in the documentation.
     *
     * @return the copy, or empty when the property is not set
     */
    public static Optional<Path> copyWhereRequested(Path screenshot) {
        String directory = System.getProperty(COPY_SCREENSHOTS_PROPERTY);
        if (directory == null || directory.isBlank()) {
            return Optional.empty();
        }
        Path copy = Path.of(directory).toAbsolutePath().resolve(screenshot.getFileName());
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(screenshot, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the screenshot " + screenshot + " to " + copy.getParent()
                    + " (" + COPY_SCREENSHOTS_PROPERTY + ")", e);
        }
        return Optional.of(copy);
    }

    /** Waits, polling every 10 ms, until {@code condition} holds; fails naming {@code what} after {@code limit}. */
    public static void awaitTrue(Duration limit, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("waited " + limit + " for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The driver, for what this class does not offer (finding elements by CSS selector, say). */
    public WebDriver driver() {
        return driver;
    }

    /** Runs {@code javaScript} in the open page and returns its result. */
    public Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, arguments);
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Loads lazy images now and waits until every image has loaded or failed. */
    private void awaitImages() {
        ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const pending = Array.from(document.images).filter(img => {
                    img.loading = 'eager';
                    return !img.complete;
                });
                Promise.all(pending.map(img => new Promise(settle => {
                    img.addEventListener('load', settle, {once: true});
                    img.addEventListener('error', settle, {once: true});
                }))).then(() => done(null));""");
    }

    private void drainConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    private static String shorten(String source) {
        return source.length() <= 100 ? source : source.substring(0, 100) + "…";
    }
}
