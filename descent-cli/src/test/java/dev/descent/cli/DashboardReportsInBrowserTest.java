package dev.descent.cli;

import static dev.descent.cli.browser.HeadlessChromium.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.cli.browser.HeadlessChromium;
import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The reports the dashboard finds, as a user reaches them, in headless Chromium: real outputs of
 * {@code descent tune} (a 2 × 2 grid on iris), {@code descent experiment momentum --quick} and {@code descent report}
 * (two iris runs) under one served directory; the runs list links one report of each kind under {@code /files/0/}
 * and lists the tuning's trials as runs; and each report, served with the file policy (no script, {@code sandbox}),
 * renders with its inline styles applied, every image loaded and no console error. Screenshots go to
 * {@code target/screenshots/}, and to {@code -Ddescent.screenshots.dir=DIR} when given.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardReportsInBrowserTest {
    /** Responses.FILE_POLICY of the dashboard (package-private there): what every served file is sent with. */
    private static final String FILE_POLICY = "default-src 'none'; img-src 'self' data:;"
            + " style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none';"
            + " sandbox allow-same-origin";
    private static final Path IRIS_TUNING = Path.of("..", "examples", "tune", "iris-mlp.yaml");
    /** Where each kind of report is made, relative to the served directory. */
    private static final Map<String, String> MADE = Map.of(
            "tune", "tune-iris/results.html",
            "experiment", "exp-momentum/report.html",
            "report", "comparison/report.html",
            "experiments", "suite/index.html");

    private static HeadlessChromium browser;
    private static Dashboard dashboard;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path runs;

    @BeforeAll
    static void makeReportsAndServeThem() throws IOException {
        browser = HeadlessChromium.startOrSkip(); // first, so a machine without Chromium skips without the runs
        long start = System.nanoTime();
        timed("experiment", "experiment", "momentum", "--quick", "--seeds", "2", "--out",
                runs.resolve("exp-momentum").toString());
        // the iris example: optimizer.lr [0.03, 0.3] × model.activation [relu, tanh], two epochs each
        timed("tune", "tune", IRIS_TUNING.toString(), "--out", runs.resolve("tune-iris").toString());
        for (String[] run : List.of(new String[] {"fast", "0.05"}, new String[] {"slow", "0.01"})) {
            timed("train " + run[0], "train", "--dataset", "iris", "--epochs", "2", "--hidden", "8", "--lr", run[1],
                    "--no-plots", "--run-dir", runs.resolve(run[0]).toString());
        }
        timed("report", "report", runs.resolve("fast").toString(), runs.resolve("slow").toString(), "--out",
                runs.resolve("comparison").resolve("report.html").toString());
        // an index as experiment --all writes it: its thumbnails are image files beside it, not data: URIs
        Path suite = Files.createDirectories(runs.resolve("suite"));
        try (var plots = Files.walk(runs.resolve("exp-momentum"))) {
            Files.copy(plots.filter(f -> f.toString().endsWith(".png")).findFirst().orElseThrow(),
                    suite.resolve("thumbnail.png"));
        }
        Files.writeString(suite.resolve("index.html"), "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>suite</title><style>h1 { color: #234; }</style></head><body><h1>Experiments</h1>"
                + "<img class=\"thumbnail\" src=\"thumbnail.png\" alt=\"thumbnail\"></body></html>\n");
        System.out.printf("dashboard reports: outputs made in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        dashboard = Dashboard.start(List.of(runs), "127.0.0.1", 0);
    }

    @AfterAll
    static void stopEverything() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theListLinksOneReportOfEachKindUnderTheServedFiles() {
        Map<String, String> links = reportLinks();

        assertThat(links).as("report links by kind").containsOnlyKeys(MADE.keySet());
        assertThat(links.values()).allSatisfy(href -> assertThat(href).startsWith("/files/0/"));
        MADE.forEach((kind, file) -> assertThat(links.get(kind)).as(kind).isEqualTo("/files/0/" + file));
        assertThat(browser.driver().findElements(By.cssSelector("section#reports a"))).as("one link per report")
                .hasSize(MADE.size());
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("dashboard-runs-with-reports");
    }

    @Test
    @Order(2)
    void theRunsListShowsTheTuningsTrialsAsRuns() {
        browser.open(dashboard.uri());
        awaitTrue(Duration.ofSeconds(10),
                () -> runNames().stream().filter(name -> name.contains("trials/")).count() >= 4, "the trials listed");

        List<String> names = runNames();
        assertThat(names).filteredOn(name -> name.contains("trials/")).as("the tuning's trials")
                .containsExactlyInAnyOrder("tune-iris/trials/001", "tune-iris/trials/002", "tune-iris/trials/003",
                        "tune-iris/trials/004");
        assertThat(names).contains("fast", "slow");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tune", "experiment", "report", "experiments"})
    @Order(3)
    void aLinkedReportRendersUnderTheFilePolicy(String kind) throws IOException, InterruptedException {
        String href = reportLinks().get(kind);
        assertThat(href).as("the " + kind + " link").isNotNull();
        URI page = dashboard.uri().resolve(href);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(page).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(page.toString()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(answer.headers().allValues("Content-Security-Policy")).as("the policy of " + page)
                .containsExactly(FILE_POLICY);

        browser.open(page);
        Path screenshot = browser.screenshot("dashboard-report-" + kind); // taken first: to look at when a check fails

        assertThat(browser.driver().getCurrentUrl()).isEqualTo(page.toString());
        assertThat(browser.driver().findElements(By.tagName("h1"))).as("the heading of " + kind).isNotEmpty();
        assertThat(browser.driver().findElements(By.tagName("img"))).as("plots of " + kind).isNotEmpty();
        assertThat(browser.missingImages()).as("images not loaded").isEmpty();
        // an inline <style> the policy refused has no style sheet: the page would show unstyled
        List<?> rules = (List<?>) browser.script("return Array.from(document.querySelectorAll('style'))"
                + ".map(s => s.sheet ? s.sheet.cssRules.length : -1);");
        assertThat(rules).as("rules of each inline style sheet").isNotEmpty()
                .allSatisfy(count -> assertThat(((Number) count).intValue()).isPositive());
        assertThat(browser.consoleErrors()).as("console errors (an image, style or request refused shows here)")
                .isEmpty();
        HeadlessChromium.copyWhereRequested(screenshot);
    }

    /** Opens the runs list and waits for its report links: kind to href, as written in the page. */
    private static Map<String, String> reportLinks() {
        browser.open(dashboard.uri());
        awaitTrue(Duration.ofSeconds(10),
                () -> !browser.driver().findElements(By.cssSelector("section#reports a")).isEmpty(), "report links");
        Map<String, String> links = new LinkedHashMap<>();
        for (WebElement link : browser.driver().findElements(By.cssSelector("section#reports a"))) {
            String kind = link.findElement(By.cssSelector(".report-kind")).getText().strip();
            assertThat(links.put(kind, link.getDomAttribute("href"))).as("a second " + kind + " report").isNull();
        }
        return links;
    }

    private static List<String> runNames() {
        return browser.driver().findElements(By.cssSelector("table#runs tbody tr.run a.run-link")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    private static void timed(String what, String... args) {
        long start = System.nanoTime();
        CliRun done = CliRun.of(args);
        assertThat(done.code()).as(what + ": " + done.err()).isZero();
        System.out.printf("dashboard reports: %s in %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    }
}
