package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.cli.browser.HeadlessChromium;
import dev.descent.dashboard.Dashboard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's screenshots of the dashboard: {@code descent train --serve} on Fashion-MNIST, its page while it
 * trains and once it has finished, and the runs list and a comparison with a second run. Runs only when asked, with
 * Fashion-MNIST installed:
 * <pre>
 * mvn -B -o -q test -pl descent-cli -Dtest=DashboardScreenshots -Ddescent.screenshots.dir=$PWD/docs/images
 * </pre>
 */
@EnabledIfSystemProperty(named = HeadlessChromium.COPY_SCREENSHOTS_PROPERTY, matches = ".+")
class DashboardScreenshots {
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Pattern LIVE = Pattern.compile("live +(http\\S+)");

    @TempDir
    Path runs;

    @Test
    void fashionMnistWhileItTrainsAndOnceItHasFinished() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FASHION_MNIST), "Fashion-MNIST is not installed");
        CliRun other = CliRun.of("train", "--epochs", "10", "--optimizer", "adam", "--lr", "0.001", "--run-dir",
                runs.resolve("fashion-mnist-adam").toString());
        assertThat(other.code()).as(other.err()).isZero();
        ExecutorService background = Executors.newSingleThreadExecutor();
        StringWriter out = new StringWriter();
        try (HeadlessChromium browser = HeadlessChromium.startOrSkip();
             Dashboard dashboard = Dashboard.start(List.of(runs), "127.0.0.1", 0)) {
            Future<Integer> training = background.submit(() -> {
                picocli.CommandLine cli = DescentCommand.commandLine();
                cli.setOut(new PrintWriter(out, true));
                return cli.execute("train", "--serve", "--port", "0", "--run-dir",
                        runs.resolve("fashion-mnist-sgd").toString());
            });
            URI live = null;
            for (int wait = 0; live == null && wait < 6000; wait++) {
                Matcher m = LIVE.matcher(out.toString());
                live = m.find() ? URI.create(m.group(1)) : null;
                Thread.sleep(10);
            }
            assertThat(live).as(out.toString()).isNotNull();
            Thread.sleep(6_000); // a few epochs in
            browser.open(live);
            Thread.sleep(1_500);
            HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-live", 1_150));

            assertThat(training.get(300, TimeUnit.SECONDS)).isZero();
            browser.open(dashboard.uri().resolve("run?id=" + URLEncoder.encode("0/fashion-mnist-sgd",
                    StandardCharsets.UTF_8)));
            Thread.sleep(1_000);
            HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-finished", 1_900));
            browser.open(dashboard.uri());
            Thread.sleep(1_000);
            HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-runs", 600));
            browser.open(dashboard.uri().resolve("compare?id=" + URLEncoder.encode("0/fashion-mnist-sgd",
                    StandardCharsets.UTF_8) + "&id=" + URLEncoder.encode("0/fashion-mnist-adam",
                    StandardCharsets.UTF_8)));
            Thread.sleep(1_000);
            HeadlessChromium.copyWhereRequested(browser.screenshot("dashboard-compare", 1_000));
        } finally {
            background.shutdownNow();
        }
    }
}
