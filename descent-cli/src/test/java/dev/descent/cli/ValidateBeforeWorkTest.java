package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Data that cannot make a sound run (one class, too few rows for the split, empty or
 * zero-pixel IDX files, test images of another size than the training images, a test file
 * with other columns than the stream) is refused with one line before a run directory exists.
 */
class ValidateBeforeWorkTest {

    private record Result(int code, String out, String err) {
    }

    private static Result train(Path runDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("train", "--hidden", "4", "--epochs", "1", "--no-plots",
                "--run-dir", runDir.toString()));
        all.addAll(List.of(args));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Exit 1, exactly one line on standard error, and no run directory. */
    private static String refused(Result result, Path runDir) {
        assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("descent: error: ").doesNotContain("\n");
        assertThat(runDir).doesNotExist();
        assertThat(result.out()).doesNotContain("run      ");
        return result.err().strip();
    }

    private static Path csv(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aLabelColumnWithOneClassIsRefused(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "one-class.csv", "x1,x2,species\n1,2,a\n2,3,a\n3,4,a\n4,5,a\n5,6,a\n6,7,a\n"
                + "7,8,a\n8,9,a\n9,1,a\n1,1,a\n");
        Path runDir = dir.resolve("run");

        String error = refused(train(runDir, "--csv", file.toString(), "--label-column", "species"), runDir);

        assertThat(error).isEqualTo("descent: error: " + file + ", label column 'species': only one class ('a') is present;"
                + " classification needs at least two (check --label-column, or train a regression with"
                + " --set task=regression)");
    }

    @Test
    void aCsvTooSmallForTheSplitIsRefusedBeforeTheRunDirectory(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "three-rows.csv", "x1,x2,label\n1,2,a\n2,3,b\n3,4,a\n");
        Path runDir = dir.resolve("run");

        String error = refused(train(runDir, "--csv", file.toString()), runDir);

        assertThat(error).startsWith("descent: error: " + file + " has 3 rows: too few for a test share of 0.2 and a"
                + " validation share of 0.1 with at least one example each in training, validation and test")
                .contains("--test-fraction").contains("--validation-fraction");
    }

    @Test
    void aRegressionCsvTooSmallForTheSplitIsRefused(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "two-rows.csv", "x1,y\n1,2\n2,3\n");
        Path runDir = dir.resolve("run");

        String error = refused(train(runDir, "--csv", file.toString(), "--set", "task=regression"), runDir);

        assertThat(error).startsWith("descent: error: " + file + " has 2 rows: too few for a test share of 0.2");
    }

    @Test
    void aCsvJustLargeEnoughForEveryPartTrains(@TempDir Path dir) throws IOException {
        // Class a has 3 examples: one each for test, validation and training; class b stays in training.
        Path file = csv(dir, "four-rows.csv", "x1,x2,label\n1,2,a\n2,3,b\n3,4,a\n4,1,a\n");
        Path runDir = dir.resolve("run");

        Result result = train(runDir, "--csv", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("train 2, validation 1, test 1");
    }

    // ---------------------------------------------------------------- IDX

    private static byte[] idx(byte[] data, int... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    private static byte[] labels(int count) {
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = (byte) (i % 2);
        }
        return values;
    }

    /** An MNIST directory with {@code n} training and {@code m} test images of the given sizes. */
    private static Path mnist(Path dir, int n, int trainSide, int m, int testSide) throws IOException {
        Path data = Files.createDirectories(dir.resolve("mnist"));
        Files.write(data.resolve("train-images-idx3-ubyte"), idx(new byte[n * trainSide * trainSide], n, trainSide,
                trainSide));
        Files.write(data.resolve("train-labels-idx1-ubyte"), idx(labels(n), n));
        Files.write(data.resolve("t10k-images-idx3-ubyte"), idx(new byte[m * testSide * testSide], m, testSide,
                testSide));
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), idx(labels(m), m));
        return data;
    }

    private static Result trainMnist(Path runDir, Path data) {
        return train(runDir, "--data-dir", data.toString(), "--dataset", "mnist", "--no-download");
    }

    @Test
    void anIdxFileWithNoImagesIsRefused(@TempDir Path dir) throws IOException {
        Path data = mnist(dir, 0, 28, 10, 28);
        Path runDir = dir.resolve("run");

        String error = refused(trainMnist(runDir, data), runDir);

        assertThat(error).startsWith("descent: error: " + data.resolve("train-images-idx3-ubyte")
                + ": holds no images (dims [0, 28, 28])").contains("--data-dir");
    }

    @Test
    void anIdxFileOfZeroPixelImagesIsRefused(@TempDir Path dir) throws IOException {
        Path data = mnist(dir, 20, 0, 10, 0);
        Path runDir = dir.resolve("run");

        String error = refused(trainMnist(runDir, data), runDir);

        assertThat(error).startsWith("descent: error: " + data.resolve("train-images-idx3-ubyte")
                + ": its images have 0×0 pixels (dims [20, 0, 0])").contains("--data-dir");
    }

    @Test
    void testImagesOfAnotherSizeThanTheTrainingImagesAreRefused(@TempDir Path dir) throws IOException {
        Path data = mnist(dir, 20, 28, 10, 14);
        Path runDir = dir.resolve("run");

        String error = refused(trainMnist(runDir, data), runDir);

        assertThat(error).contains(data.resolve("train-images-idx3-ubyte") + " holds 28×28 images")
                .contains(data.resolve("t10k-images-idx3-ubyte") + " holds 14×14 images").contains("--data-dir");
    }

    @Test
    void trainingImagesTooFewForAValidationPartAreRefused(@TempDir Path dir) throws IOException {
        Path data = mnist(dir, 2, 28, 10, 28); // one image of each of two classes: none to hold out
        Path runDir = dir.resolve("run");

        String error = refused(trainMnist(runDir, data), runDir);

        assertThat(error).startsWith("descent: error: " + data.resolve("train-images-idx3-ubyte") + " has 2 images:")
                .contains("--data-dir");
    }

    // ---------------------------------------------------------------- streams

    @Test
    void aStreamTestFileWithOtherColumnsNamesBothFiles(@TempDir Path dir) throws IOException {
        Path stream = csv(dir, "stream.csv", "x1,x2,x3,label\n1,2,3,0\n2,3,4,1\n3,4,5,0\n4,5,6,1\n");
        Path test = csv(dir, "test.csv", "x1,x2,label\n1,2,0\n2,3,1\n");
        Path runDir = dir.resolve("run");

        String error = refused(train(runDir, "--stream", "--csv", stream.toString(), "--classes", "2", "--test-csv",
                test.toString()), runDir);

        assertThat(error).contains("--test-csv " + test + " has 2 features").contains(stream + " has 3");
    }
}
