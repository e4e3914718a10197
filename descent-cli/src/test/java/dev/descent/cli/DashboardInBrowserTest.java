package dev.descent.cli;

import static dev.descent.cli.browser.HeadlessChromium.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.cli.browser.HeadlessChromium;
import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The dashboard as a user sees it, in headless Chromium: {@code descent train --serve} prints a page on which a new
 * epoch's point appears within 2 s of the epoch being written; a page open on another dashboard changes the run's
 * status to finished without a reload and then shows the test report; the comparison draws two runs and lists the
 * configuration keys that differ; and a run named {@code <script>alert(1)</script>} is shown as text. Screenshots
 * go to {@code target/screenshots/}, and to {@code -Ddescent.screenshots.dir=DIR} when given.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardInBrowserTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    /** The bound on a new point reaching an open page. */
    private static final Duration LIVE_BOUND = Duration.ofSeconds(2);
    private static final Pattern LIVE_LINE = Pattern.compile("live +(http\\S+)");

    private static HeadlessChromium browser;
    private static Dashboard dashboard;
    private static ExecutorService background;

    @TempDir
    static Path runs;

    @BeforeAll
    static void startTheBrowserAndMakeTwoFinishedRuns() throws IOException {
        browser = HeadlessChromium.startOrSkip(); // first, so a machine without Chromium skips without training
        for (String[] run : List.of(new String[] {"other", "0.01"}, new String[] {"third", "0.1"})) {
            CliRun done = CliRun.of("train", "--dataset", "digits", "--epochs", "3", "--lr", run[1], "--no-plots",
                    "--run-dir", runs.resolve(run[0]).toString());
            assertThat(done.code()).as(done.err()).isZero();
        }
        copy(runs.resolve("third"), runs.resolve(HOSTILE)); // a folder "<script>alert(1)<" holding "script>"
        dashboard = Dashboard.start(List.of(runs), "127.0.0.1", 0);
        background = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopEverything() {
        if (background != null) {
            background.shutdownNow();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void trainServeShowsEachNewEpochWithinTwoSecondsAndAnotherPageSeesTheRunFinish() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path live = runs.resolve("live");
        Future<Integer> training = background.submit(() -> {
            picocli.CommandLine cli = DescentCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            // a wide network on the digits: epochs of about half a second, long enough to watch several arrive
            return cli.execute("train", "--serve", "--port", "0", "--dataset", "digits", "--epochs", "12",
                    "--batch-size", "8", "--lr", "0.01", "--set", "model.hidden=[1024,1024]", "--run-dir",
                    live.toString());
        });
        URI livePage = awaitLivePage(out, err, training);

        // the page of the test's own dashboard, which outlives the training (train --serve stops with it in a script)
        browser.open(dashboard.uri().resolve("run?id=" + PercentCodingForTests.encode("0/live")));
        browser.script("window.notReloaded = true;");
        String ownTab = browser.driver().getWindowHandle();

        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open(livePage);
        Path epochs = live.resolve("metrics.jsonl");
        List<Long> latencies = new ArrayList<>();
        for (int sample = 0; sample < 3 && !training.isDone(); sample++) {
            long before = lines(epochs);
            awaitTrue(Duration.ofSeconds(30), () -> lines(epochs) > before || training.isDone(), "a new epoch");
            long written = System.nanoTime();
            long onFile = lines(epochs);
            if (onFile == before) {
                break; // training ended
            }
            awaitTrue(LIVE_BOUND.plusSeconds(3), () -> drawnEpochs() >= onFile, "epoch " + onFile + " drawn");
            latencies.add((System.nanoTime() - written) / 1_000_000);
        }
        System.out.println("dashboard: new epoch drawn after " + latencies + " ms");
        assertThat(latencies).as("epochs seen arriving while training").isNotEmpty();
        assertThat(latencies).allSatisfy(ms -> assertThat(ms).as("ms from written to drawn")
                .isLessThan(LIVE_BOUND.toMillis()));
        assertThat(browser.consoleErrors()).isEmpty();
        HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-run-live"));

        // closed before the run ends: train --serve's dashboard stops with it, and its page would then log the lost
        // connection
        browser.driver().close();
        browser.driver().switchTo().window(ownTab);
        assertThat(training.get(120, TimeUnit.SECONDS)).as(err.toString()).isZero();
        awaitTrue(Duration.ofSeconds(5), () -> "finished".equals(text("#status")), "status finished");
        assertThat(browser.script("return window.notReloaded === true;")).as("no reload").isEqualTo(true);
        awaitTrue(Duration.ofSeconds(5), () -> rows("#per-class") >= 10, "the per-class report");
        assertThat(rows("#confusion")).isGreaterThanOrEqualTo(10);
        awaitTrue(Duration.ofSeconds(5), () -> drawnEpochs() == 12, "all 12 epochs drawn");
        assertThat(browser.consoleErrors()).isEmpty();
        HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-run"));
    }

    @Test
    @Order(2)
    void theComparisonDrawsTwoRunsAndTheKeysThatDiffer() {
        browser.open(dashboard.uri().resolve("compare?id=" + PercentCodingForTests.encode("0/other") + "&id="
                + PercentCodingForTests.encode("0/third")));

        awaitTrue(Duration.ofSeconds(10), () -> "2".equals(browser.script("return document.body.dataset.runsDrawn;")),
                "two runs drawn");
        List<WebElement> differing = browser.driver().findElements(By.cssSelector("table#differing tr"));
        assertThat(differing).extracting(WebElement::getText).anySatisfy(row -> assertThat(row)
                .contains("optimizer.lr").contains("0.01").contains("0.1"));
        assertThat(browser.consoleErrors()).isEmpty();
        HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-compare"));
    }

    @Test
    @Order(3)
    void theRunsListShowsAHostileNameAsText() {
        browser.open(dashboard.uri());

        awaitTrue(Duration.ofSeconds(10), () -> !browser.driver().findElements(By.cssSelector("tr.run")).isEmpty(),
                "the runs listed");
        List<WebElement> names = browser.driver().findElements(By.cssSelector("tr.run a.run-link"));
        assertThat(names).extracting(WebElement::getText).contains(HOSTILE, "other", "third");
        assertThat(browser.driver().findElements(By.xpath("//script[contains(., 'alert(1)')]"))).isEmpty();
        assertThat(browser.script("return document.querySelectorAll('tr.run td.status').length;")).isEqualTo(4L);
        assertThat(browser.consoleErrors()).isEmpty();
        HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-runs"));
    }

    private static URI awaitLivePage(StringWriter out, StringWriter err, Future<Integer> training) {
        URI[] page = new URI[1];
        awaitTrue(Duration.ofSeconds(60), () -> {
            Matcher m = LIVE_LINE.matcher(out.toString());
            if (m.find()) {
                page[0] = URI.create(m.group(1));
                return true;
            }
            assertThat(training.isDone()).as("train ended before its page was printed: " + out + err).isFalse();
            return false;
        }, "train --serve to print its page");
        return page[0];
    }

    private static long drawnEpochs() {
        Object drawn = browser.script("return document.body.dataset.epochs;");
        return drawn == null ? 0 : Long.parseLong(drawn.toString());
    }

    private static String text(String selector) {
        List<WebElement> found = browser.driver().findElements(By.cssSelector(selector));
        return found.isEmpty() ? "" : found.get(0).getText().strip();
    }

    private static int rows(String table) {
        return browser.driver().findElements(By.cssSelector(table + " tbody tr")).size();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().startsWith(".")) {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Query values as the pages encode them (encodeURIComponent). */
    private static final class PercentCodingForTests {
        static String encode(String text) {
            return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
