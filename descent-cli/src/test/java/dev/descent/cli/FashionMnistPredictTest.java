package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * On the real Fashion-MNIST files: {@code descent predict RUN --data-dir DIR} on the test IDX
 * files reproduces the accuracy that training and {@code descent evaluate} report. Skipped,
 * saying so, when the data set is not installed ({@code apt-get install dataset-fashion-mnist}).
 */
class FashionMnistPredictTest {
    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Pattern ACCURACY = Pattern.compile("accuracy (\\d+\\.\\d+)%");

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
        return out.toString();
    }

    private static String accuracy(String text, String after) {
        Matcher matcher = ACCURACY.matcher(text.substring(text.indexOf(after)));
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }

    @Test
    void predictOnTheTestImagesReproducesTheEvaluatedAccuracy(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(DATA.resolve("t10k-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed in " + DATA + " (apt-get install dataset-fashion-mnist): skipped");
        Path runDir = dir.resolve("run");
        String trained = run("train", "--data-dir", DATA.toString(), "--hidden", "32", "--epochs", "1", "--no-plots",
                "--run-dir", runDir.toString());
        String trainedAccuracy = accuracy(trained, "test     loss");

        assertThat(accuracy(run("evaluate", runDir.toString()), "test split")).isEqualTo(trainedAccuracy);
        assertThat(accuracy(run("evaluate", runDir.toString(), "--data-dir", DATA.toString()), "test images"))
                .isEqualTo(trainedAccuracy);

        Path predictions = dir.resolve("predictions.csv");
        run("predict", runDir.toString(), "--data-dir", DATA.toString(), "--output", predictions.toString());
        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.get(0)).startsWith("index,predicted,label,p_T-shirt/top,p_Trouser");
        assertThat(rows).hasSize(10_001);
        long correct = rows.stream().skip(1).map(row -> row.split(",")).filter(cells -> cells[1].equals(cells[2]))
                .count();
        assertThat(String.format(java.util.Locale.ROOT, "%.2f", correct / 100.0)).isEqualTo(trainedAccuracy);
    }
}
