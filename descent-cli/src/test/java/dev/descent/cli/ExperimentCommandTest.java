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
}
