package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code descent experiment} as a user drives it: the list, a quick run and its files, a wrong name. */
class ExperimentCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = DescentCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsEveryExperimentWithItsClaim() {
        Run r = run("experiment", "--list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("batch-noise").contains("sgd-noise").contains("learning-rate")
                .contains("schedules").contains("closed-form").contains("σ/√n_b");
    }

    @Test
    void quickRunLeavesResultsPlotsAndAReport() throws Exception {
        Path out = dir.resolve("bn");
        Run r = run("experiment", "batch-noise", "--quick", "--seed", "3", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("log-log slope").contains("report   " + out.resolve("report.html"));
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("seed").asLong()).isEqualTo(3);
        assertThat(results.get("quick").asBoolean()).isTrue();
        assertThat(out.resolve("batch-noise.png")).isNotEmptyFile();
        assertThat(out.resolve("batch-noise.svg")).isNotEmptyFile();
        assertThat(out.resolve("batch-noise.csv")).isNotEmptyFile();
    }

    @Test
    void unknownExperimentNamesTheKnownOnes() {
        Run r = run("experiment", "batch-nosie", "--quick", "--out", dir.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no experiment named 'batch-nosie'").contains("batch-noise");
    }

    @Test
    void anUnwritableOutputDirectoryFailsBeforeTheRun() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "not a directory");
        Run r = run("experiment", "batch-noise", "--quick", "--out", file.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot create the output directory").contains("--out DIR");
        assertThat(r.out()).doesNotContain("n_b =");
    }

    @Test
    void theReportSaysHowToReproduceIt() throws Exception {
        Path out = dir.resolve("lr");
        Run r = run("experiment", "learning-rate", "--quick", "--seeds", "3", "--seed", "2", "--threads", "1",
                "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("seeds").toString()).isEqualTo("[6,7,8]");
        JsonNode reproduce = results.get("reproduce");
        assertThat(reproduce.get("command").asText())
                .isEqualTo("./descent experiment learning-rate --quick --seeds 3 --seed 2 --threads 1 --out " + out);
        assertThat(reproduce.get("threads").asInt()).isEqualTo(1);
        assertThat(reproduce.get("data_checksum").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(results.get("outcome").asText()).isIn("supported", "not supported", "inconclusive");
        assertThat(results.get("rule").asText()).contains("two standard errors");
        assertThat(results.get("findings").get(1).get("seeds").asInt()).isEqualTo(3);
        String html = java.nio.file.Files.readString(out.resolve("report.html"));
        // plots first, then where the claim comes from, the rule and the findings; the reproduce box last
        assertThat(html.indexOf("data:image/png")).isLessThan(html.indexOf("Where the claim comes from"));
        assertThat(html.indexOf("Where the claim comes from")).isLessThan(html.indexOf("Verdict rule"));
        assertThat(html.indexOf("Verdict rule")).isLessThan(html.indexOf("<h2>Findings"));
        assertThat(html.indexOf("<h2>Findings")).isLessThan(html.indexOf("<h2>Reproduce"));
        assertThat(html).contains(" ± ").contains("sha256:");
    }

    @Test
    void seedsOutOfRangeOrANameWithAllAreRefusedBeforeAnyWork() {
        Run few = run("experiment", "schedules", "--seeds", "0", "--quick", "--out", dir.toString());
        assertThat(few.exitCode()).isEqualTo(2);
        assertThat(few.err()).contains("--seeds must be within 1 to 100, got 0");

        Run both = run("experiment", "schedules", "--all", "--quick", "--out", dir.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either an experiment NAME or --all");
        assertThat(dir.resolve("schedules")).doesNotExist();
    }
}
