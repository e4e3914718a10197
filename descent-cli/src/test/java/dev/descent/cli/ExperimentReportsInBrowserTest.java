package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.cli.browser.HeadlessChromium;
import dev.descent.experiment.Experiments;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages of {@code descent experiment --all --quick} as a reader sees them, in headless Chromium: the index has
 * a row and a thumbnail per experiment, and it and two reports render with every image and no console error.
 * Screenshots go to {@code target/screenshots/}, and to {@code -Ddescent.screenshots.dir=DIR} when given.
 */
class ExperimentReportsInBrowserTest {
    private static HeadlessChromium browser;

    @TempDir
    static Path suite;

    @BeforeAll
    static void runTheSuiteAndStartTheBrowser() {
        browser = HeadlessChromium.startOrSkip(); // first, so a machine without Chromium skips without the run
        CliRun run = CliRun.of("experiment", "--all", "--quick", "--seeds", "2", "--out", suite.toString());
        assertThat(run.code()).as(run.err()).isZero();
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theIndexHasARowWithALoadedThumbnailPerExperiment() {
        browser.open(suite.resolve("index.html"));

        assertThat(browser.missingImages()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.experiment"));
        assertThat(rows).hasSize(Experiments.names().size());
        for (int i = 0; i < rows.size(); i++) {
            String name = Experiments.names().get(i);
            WebElement row = rows.get(i);
            assertThat(row.findElement(By.cssSelector("a")).getDomAttribute("href")).as(name)
                    .isEqualTo(name + "/report.html");
            List<WebElement> thumbnails = row.findElements(By.cssSelector("img.thumbnail"));
            assertThat(thumbnails).as(name + "'s thumbnail").singleElement()
                    .satisfies(thumbnail -> assertThat(browser.loaded(thumbnail)).as(name + "'s thumbnail").isTrue());
        }
        HeadlessChromium.copyWhereRequested(browser.screenshot("experiments-index"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schedules", "gd-vs-sgd"})
    void aReportShowsEveryPlot(String experiment) {
        browser.open(suite.resolve(experiment).resolve("report.html"));

        assertThat(browser.driver().findElements(By.tagName("img"))).as("plots of " + experiment).isNotEmpty();
        assertThat(browser.missingImages()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
        HeadlessChromium.copyWhereRequested(browser.screenshot("experiment-" + experiment));
    }
}
