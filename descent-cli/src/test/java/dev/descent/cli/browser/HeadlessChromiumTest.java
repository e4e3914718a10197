package dev.descent.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The browser harness on hand-written pages: a missing image is named, a good one is not, screenshots are whole. */
class HeadlessChromiumTest {
    private static HeadlessChromium browser;

    @TempDir
    static Path pages;

    @BeforeAll
    static void start() throws IOException {
        browser = HeadlessChromium.startOrSkip();
        BufferedImage square = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = square.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        ImageIO.write(square, "png", pages.resolve("good.png").toFile());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path page(String name, String body) throws IOException {
        return Files.writeString(pages.resolve(name), "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>" + name + "</title></head><body>" + body + "</body></html>");
    }

    @Test
    void aMissingImageIsNamedAndLoggedAndAGoodOneIsNot() throws IOException {
        browser.open(page("one-missing.html", "<img src=\"good.png\"><img src=\"plots/missing.png\">"));

        assertThat(browser.missingImages()).containsExactly("plots/missing.png");
        assertThat(browser.driver().findElements(By.tagName("img"))).map(browser::loaded).containsExactly(true, false);
        assertThat(browser.consoleErrors()).singleElement().asString().contains("missing.png");
    }

    @Test
    void aPageWhoseImagesAllLoadReportsNothing() throws IOException {
        browser.open(page("all-good.html", "<img src=\"good.png\"><img loading=\"lazy\" style=\"margin-top:3000px\""
                + " src=\"good.png\">"));

        assertThat(browser.missingImages()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void scriptErrorsAreConsoleErrorsOfTheirPageOnly() throws IOException {
        browser.open(page("throws.html", "<script>console.error('plot data absent');</script>"));
        assertThat(browser.consoleErrors()).singleElement().asString().contains("plot data absent");

        browser.open(page("quiet.html", "<p>quiet</p>"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aScreenshotHoldsTheWholePageBeyondTheWindow() throws IOException {
        browser.open(page("tall.html", "<div style=\"height:2400px;background:linear-gradient(#fff,#36c)\"></div>"));

        Path file = browser.screenshot("headless-chromium-tall-page");

        BufferedImage shot = ImageIO.read(file.toFile());
        assertThat(file.getFileName()).hasToString("headless-chromium-tall-page.png");
        assertThat(shot.getWidth()).isEqualTo(HeadlessChromium.WINDOW.width);
        assertThat(shot.getHeight()).isGreaterThanOrEqualTo(2400);
    }

    @Test
    void screenshotsAreCopiedOnlyWhereRequested(@TempDir Path docs) throws IOException {
        Path shot = Files.write(pages.resolve("shot.png"), new byte[] {1, 2, 3});
        String before = System.getProperty(HeadlessChromium.COPY_SCREENSHOTS_PROPERTY);
        try {
            System.clearProperty(HeadlessChromium.COPY_SCREENSHOTS_PROPERTY);
            assertThat(HeadlessChromium.copyWhereRequested(shot)).isEmpty();

            System.setProperty(HeadlessChromium.COPY_SCREENSHOTS_PROPERTY, docs.resolve("images").toString());
            assertThat(HeadlessChromium.copyWhereRequested(shot)).hasValue(docs.resolve("images").resolve("shot.png"));
            assertThat(docs.resolve("images").resolve("shot.png")).hasBinaryContent(new byte[] {1, 2, 3});
        } finally {
            if (before == null) {
                System.clearProperty(HeadlessChromium.COPY_SCREENSHOTS_PROPERTY);
            } else {
                System.setProperty(HeadlessChromium.COPY_SCREENSHOTS_PROPERTY, before);
            }
        }
    }
}
