package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives the same figures, bit for bit; the index links every report and thumbnail. */
class SuiteAndReproducibilityTest {
    @TempDir
    Path dir;

    private static final Dataset DIGITS = BuiltInDatasets.load(BuiltInDatasets.DIGITS);

    private Results run(String name, Path out, long seed) {
        ExperimentContext context = new ExperimentContext(out, seed, true, DIGITS, "digits",
                new PrintWriter(new StringWriter()), 2, Reproduce.unknown());
        return Experiments.named(name).run(context);
    }

    @Test
    void theSameSeedGivesBitIdenticalFindingsAndAnotherSeedOthers() {
        for (String name : List.of("schedules", "learning-rate")) {
            List<Finding> first = run(name, dir.resolve(name + "-a"), 4).findings();
            List<Finding> again = run(name, dir.resolve(name + "-b"), 4).findings();
            List<Finding> other = run(name, dir.resolve(name + "-c"), 5).findings();
            assertThat(again).as(name).isEqualTo(first);
            assertThat(other).as(name).isNotEqualTo(first);
        }
    }

    @Test
    void seedsOfDifferentBaseSeedsDoNotOverlap() {
        ExperimentContext zero = new ExperimentContext(dir, 0, false, DIGITS, "digits", new PrintWriter(new StringWriter()));
        ExperimentContext one = new ExperimentContext(dir, 1, false, DIGITS, "digits", new PrintWriter(new StringWriter()));
        assertThat(zero.seeds()).containsExactly(0, 1, 2, 3, 4);
        assertThat(one.seeds()).containsExactly(5, 6, 7, 8, 9);
    }

    @Test
    void theIndexLinksEachReportAndThumbnailRelatively() throws Exception {
        ExperimentContext suite = new ExperimentContext(dir, 0, true, DIGITS, "digits",
                new PrintWriter(new StringWriter()), 2, Reproduce.unknown());
        ExperimentContext one = new ExperimentContext(dir.resolve("batch-noise"), 0, true, DIGITS, "digits",
                new PrintWriter(new StringWriter()), 2, Reproduce.unknown());
        Results results = Experiments.named("batch-noise").run(one);
        Path report = ResultsWriter.write(results, one, 1.5, true);
        Path index = SuiteIndex.write(dir, List.of(SuiteIndex.Entry.of(results, report, 1.5)), suite);

        String html = Files.readString(index);
        assertThat(html).contains("<tr class=\"experiment\">").contains("href=\"batch-noise/report.html\"")
                .contains("class=\"thumbnail\" src=\"batch-noise/batch-noise.png\"");
        String page = Files.readString(report);
        assertThat(page).contains("href=\"../index.html\"").contains("<img src=\"batch-noise.png\"")
                .doesNotContain("data:image/png");
    }

    @Test
    void timesAreShownInTheirNaturalUnit() {
        assertThat(Quantities.scaled(474289.7823, "µs")).isEqualTo("474.3 ms");
        assertThat(Quantities.scaled(0.0123, "s")).isEqualTo("12.3 ms");
        assertThat(Quantities.scaled(4.3, "µs")).isEqualTo("4.3 µs");
        assertThat(Quantities.scaled(0.3284, "nats")).isEqualTo("0.3284 nats");
        assertThat(Quantities.scaled(new Finding("t", 73000, "µs", 5000, 5))).isEqualTo("73.0 ± 5.0 ms");
        assertThat(Quantities.number(168350)).isEqualTo("168\u2009350");
        // no digit beyond what the noise leaves meaningful
        assertThat(Quantities.scaled(new Finding("l", 0.41123, "nats", 0.004539, 5))).isEqualTo("0.4112 ± 0.0045 nats");
        assertThat(Quantities.scaled(new Finding("c", 58950, "", 6012, 5))).isEqualTo("59000 ± 6000");
    }
}
