package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.data.DatasetLocator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code descent bench logreg} and {@code bench infer} as a user drives them, with a few
 * timed steps or one timed pass so that they are quick. They run on Fashion-MNIST when it is
 * installed and on random data of its shape otherwise; the assertions hold either way.
 */
class BenchCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Run run(String... args) {
        return run(DescentCommand.commandLine(), args);
    }

    /** Runs one bench command on its own, configured as the full command line configures it. */
    private static Run runAlone(Callable<Integer> command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("descent: error: " + e.getMessage());
            return 1;
        });
        return run(commandLine, args);
    }

    private static Run run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode json(Run r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).as(r.out()).hasSize(1);
        return JSON.readTree(r.out());
    }

    private static DatasetLocator findsNothing(Path nowhere) {
        return new DatasetLocator(Map.of(), nowhere, nowhere);
    }

    @Test
    void benchListsLogregAndInfer() {
        Run r = run("bench", "--help");
        assertThat(r.out()).contains("mlp", "logreg", "cnn", "infer", "gemm");
    }

    @Test
    void cnnPrintsOneJsonObjectWithTheMeasurement() throws Exception {
        JsonNode j = json(run("bench", "cnn", "--batch", "16", "--warmup", "1", "--steps", "2", "--json"));
        assertThat(j.get("benchmark").asText()).isEqualTo("fmnist-cnn-train");
        assertThat(j.get("samples_per_second").asDouble()).isPositive();
        assertThat(j.get("batch").asInt()).isEqualTo(16);
        assertThat(j.get("timed_steps").asInt()).isEqualTo(2);
        assertThat(Double.isFinite(j.get("last_loss").asDouble())).isTrue();
        assertThat(run("bench", "cnn", "--batch", "0").err()).contains("--batch must be in 1..60000, got 0");
    }

    @Test
    void inferMeasuresTheCnnToo() throws Exception {
        JsonNode j = json(run("bench", "infer", "--model", "cnn", "--batch", "2500", "--warmup", "0", "--passes", "1",
                "--json"));
        assertThat(j.get("benchmark").asText()).isEqualTo("fmnist-cnn-inference");
        assertThat(j.get("samples_per_second").asDouble()).isPositive();
        assertThat(j.get("timed_passes").asInt()).isEqualTo(1);
        assertThat(run("bench", "infer", "--model", "rnn").err()).contains("--model must be mlp or cnn, got 'rnn'");
    }

    @Test
    void logregPrintsOneJsonObjectWithTheMeasurement() throws Exception {
        JsonNode j = json(run("bench", "logreg", "--batch", "64", "--warmup", "2", "--steps", "3", "--json"));
        assertThat(j.get("benchmark").asText()).isEqualTo("fmnist-logreg-train");
        assertThat(j.get("samples_per_second").asDouble()).isPositive();
        assertThat(j.get("batch").asInt()).isEqualTo(64);
        assertThat(j.get("threads").asInt()).isPositive();
        assertThat(j.get("timed_steps").asInt()).isEqualTo(3);
        assertThat(j.get("seconds").asDouble()).isPositive();
        assertThat(Double.isFinite(j.get("last_loss").asDouble())).isTrue();
        assertThat(j.has("allocated_bytes_per_step")).isTrue();
        assertThat(j.get("gc_collections").asLong()).isNotNegative();
        assertThat(j.get("kernel_provider").asText()).isNotEmpty();
        assertThat(j.get("jdk").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(j.get("data").asText()).containsAnyOf("fashion-mnist train set", "random data");
    }

    @Test
    void logregPrintsAReadableLine() {
        Run r = run("bench", "logreg", "--batch", "1024", "--warmup", "0", "--steps", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("logistic regression training", "samples/s", "batch 1024", "2 timed steps",
                "heap allocated per step", "garbage collections", "data:");
    }

    @Test
    void logregFallsBackToRandomDataOfTheSameShapeAndSaysSo(@TempDir Path nowhere) throws Exception {
        JsonNode j = json(runAlone(new BenchLogregCommand(findsNothing(nowhere)),
                "--warmup", "1", "--steps", "2", "--json"));
        assertThat(j.get("data").asText()).isEqualTo("random data of Fashion-MNIST's shape (Fashion-MNIST not found)");
        assertThat(j.get("batch").asInt()).isEqualTo(64);
    }

    @Test
    void logregRejectsBadArgumentsNamingTheOption() {
        assertBadArgument(run("bench", "logreg", "--batch", "0"), "--batch must be in 1..60000, got 0");
        assertBadArgument(run("bench", "logreg", "--batch", "60001"), "--batch must be in 1..60000, got 60001");
        assertBadArgument(run("bench", "logreg", "--warmup", "-1"), "--warmup must be ≥ 0, got -1");
        assertBadArgument(run("bench", "logreg", "--steps", "0"), "--steps must be in 1..937, got 0");
        assertBadArgument(run("bench", "logreg", "--batch", "1024", "--steps", "59"), "--steps must be in 1..58, got 59");
        Run notANumber = run("bench", "logreg", "--batch", "abc");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--batch").contains("abc");
    }

    @Test
    void inferPrintsOneJsonObjectWithTheMeasurement() throws Exception {
        // batch 3000: three full batches and a last one of 1000, kept as PyTorch's slices keep it
        JsonNode j = json(run("bench", "infer", "--batch", "3000", "--warmup", "1", "--passes", "2", "--json"));
        assertThat(j.get("benchmark").asText()).isEqualTo("fmnist-mlp-inference");
        assertThat(j.get("samples_per_second").asDouble()).isPositive();
        assertThat(j.get("batch").asInt()).isEqualTo(3000);
        assertThat(j.get("threads").asInt()).isPositive();
        assertThat(j.get("timed_passes").asInt()).isEqualTo(2);
        assertThat(j.get("examples").asInt()).isEqualTo(10_000);
        assertThat(j.get("batches_per_pass").asInt()).isEqualTo(4);
        assertThat(j.get("seconds").asDouble()).isPositive();
        assertThat(j.get("samples_per_second").asDouble())
                .isCloseTo(2 * 10_000 / j.get("seconds").asDouble(), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(j.has("allocated_bytes_per_pass")).isTrue();
        assertThat(j.get("gc_collections").asLong()).isNotNegative();
        assertThat(j.get("kernel_provider").asText()).isNotEmpty();
        assertThat(j.get("jdk").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(j.get("data").asText()).containsAnyOf("fashion-mnist test set", "random data");
    }

    @Test
    void inferByDefaultUsesBatch1024AndPrintsAReadableLine() {
        Run r = run("bench", "infer", "--warmup", "0", "--passes", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("FMNIST-MLP inference", "samples/s", "batch 1024", "1 timed pass",
                "10,000 examples in 10 batches", "heap allocated per pass", "garbage collections", "data:");
    }

    @Test
    void inferFallsBackToRandomDataOfTheTestSetsShapeAndSaysSo(@TempDir Path nowhere) throws Exception {
        JsonNode j = json(runAlone(new BenchInferCommand(findsNothing(nowhere)), "--warmup", "0", "--passes", "1",
                "--json"));
        assertThat(j.get("data").asText())
                .isEqualTo("random data of Fashion-MNIST's test-set shape (Fashion-MNIST not found)");
        assertThat(j.get("examples").asInt()).isEqualTo(10_000);
        assertThat(j.get("batch").asInt()).isEqualTo(1024);
    }

    @Test
    void inferRejectsBadArgumentsNamingTheOption() {
        assertBadArgument(run("bench", "infer", "--batch", "0"), "--batch must be in 1..10000, got 0");
        assertBadArgument(run("bench", "infer", "--batch", "10001"), "--batch must be in 1..10000, got 10001");
        assertBadArgument(run("bench", "infer", "--warmup", "-1"), "--warmup must be ≥ 0, got -1");
        assertBadArgument(run("bench", "infer", "--passes", "0"), "--passes must be ≥ 1, got 0");
    }

    @Test
    void anExplicitDataDirWithoutTheFilesIsAnErrorNotAFallback(@TempDir Path empty) {
        Run[] runs = {run("bench", "logreg", "--data-dir", empty.toString(), "--steps", "1"),
                run("bench", "infer", "--data-dir", empty.toString(), "--passes", "1")};
        for (Run r : runs) {
            assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
            assertThat(r.err()).contains(empty.toString()).doesNotContain("random data").doesNotContain("at dev.descent");
        }
    }

    private static void assertBadArgument(Run r, String message) {
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.err()).contains("descent: error: " + message).doesNotContain("at dev.descent");
    }

    @Test
    void mlpWithServeServesWhileTimedAndSaysWhatServingCost() throws Exception {
        Run r = run("bench", "mlp", "--batch", "64", "--warmup", "1", "--steps", "3", "--serve", "--port", "0",
                "--serve-pages", "2", "--json");

        JsonNode j = json(r);
        assertThat(j.get("benchmark").asText()).isEqualTo("fmnist-mlp-train");
        assertThat(r.err()).contains("serving  http://127.0.0.1:").contains("to 2 pages")
                .contains("CPU time of the dashboard").contains("served   ");
    }

    @Test
    void mlpRoundsComparesWithAndWithoutServingInOneJvm() throws Exception {
        JsonNode j = json(run("bench", "mlp", "--batch", "64", "--warmup", "1", "--steps", "2", "--serve", "--port",
                "0", "--rounds", "2", "--json"));

        assertThat(j.get("benchmark").asText()).isEqualTo("fmnist-mlp-train-serve");
        assertThat(j.get("rounds").asInt()).isEqualTo(2);
        assertThat(j.get("samples_per_second_without").asDouble()).isPositive();
        assertThat(j.get("samples_per_second_with").asDouble()).isPositive();
        assertThat(j.get("median_ratio").asDouble()).isPositive();
    }

    @Test
    void roundsWithoutServeOrServePagesOutOfRangeAreRefused() {
        assertThat(run("bench", "mlp", "--rounds", "5").err()).contains("--rounds 5").contains("with --serve");
        assertThat(run("bench", "mlp", "--serve", "--port", "0", "--serve-pages", "0").err())
                .contains("--serve-pages must be in 1..200, got 0");
    }
}
