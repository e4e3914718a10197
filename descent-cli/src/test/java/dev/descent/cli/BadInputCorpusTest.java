package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad command lines and bad files, each run in-process, against the promises every
 * failure keeps: exit 1 with one line {@code descent: error: ...} (or exit 2 and a pointer to
 * {@code --help} for a mistyped option), never a stack trace, never exit 0, a message that names
 * what is wrong, and no data lost: an existing run or output file keeps its bytes, and a fresh
 * {@code --run-dir} is not created when the data or settings are refused.
 */
class BadInputCorpusTest {

    @TempDir
    static Path shared;

    private static Path inputs;
    private static Path fresh;
    private static Path digitsRun;
    private static Path irisRun;
    private static Path imagesRun;
    private static Path csvRun;
    private static Path changedCsvRun;
    private static Path runWithoutModel;
    private static Path runWithFlippedModel;
    private static Path runWithCorruptCheckpoints;
    private static Path runWithoutConfig;
    private static Path flowersCsv;
    private static Path existingPredictions;

    /**
     * One bad command line: the exit code it must give (1 or 2), the fragments its message must
     * hold, the paths whose bytes must not change, a fresh run directory that must not appear
     * (null when the command has none, or legitimately creates it), and whether an exit 1 is one
     * line (a weights mismatch lists one line per tensor after it, as PyTorch does).
     */
    private record Case(List<String> args, int exitCode, List<String> fragments, List<Path> guarded, Path freshRunDir,
                        boolean oneLine) {

        Case(List<String> args, int exitCode, List<String> fragments, List<Path> guarded, Path freshRunDir) {
            this(args, exitCode, fragments, guarded, freshRunDir, true);
        }

        Case listingDetails() {
            return new Case(args, exitCode, fragments, guarded, freshRunDir, false);
        }

        Case creatingItsDirectory() {
            return new Case(args, exitCode, fragments, guarded, null, oneLine);
        }
    }

    // ---- fixtures -------------------------------------------------------------------------------

    @BeforeAll
    static void trainTheGoodRuns() throws IOException {
        inputs = Files.createDirectories(shared.resolve("inputs"));
        fresh = Files.createDirectories(shared.resolve("fresh"));
        Path runs = Files.createDirectories(shared.resolve("runs"));
        digitsRun = runs.resolve("digits");
        mustSucceed("train", "--dataset", "digits", "--hidden", "16", "--epochs", "1", "--no-plots", "--no-download",
                "--run-dir", digitsRun.toString(), "--set", "training.checkpoint_every=1");
        irisRun = runs.resolve("iris");
        mustSucceed("train", "--dataset", "iris", "--hidden", "8", "--epochs", "1", "--no-plots", "--run-dir",
                irisRun.toString());
        imagesRun = runs.resolve("images");
        mustSucceed("train", "--dataset", "mnist", "--data-dir", mnist("good").toString(), "--hidden", "4", "--epochs",
                "1", "--no-plots", "--no-download", "--run-dir", imagesRun.toString());
        flowersCsv = write("flowers.csv", flowers(60));
        csvRun = runs.resolve("flowers");
        trainOnCsv(flowersCsv, csvRun);
        Path changingCsv = write("changing.csv", flowers(60));
        changedCsvRun = runs.resolve("changed");
        trainOnCsv(changingCsv, changedCsvRun);
        Files.writeString(changingCsv, "1,2,3,north,b\n", StandardOpenOption.APPEND);

        runWithoutModel = copyRun(digitsRun, runs.resolve("no-model"));
        Files.delete(runWithoutModel.resolve("model.safetensors"));
        runWithFlippedModel = copyRun(digitsRun, runs.resolve("flipped-model"));
        flipLastByte(runWithFlippedModel.resolve("model.safetensors"));
        runWithCorruptCheckpoints = copyRun(digitsRun, runs.resolve("corrupt-checkpoints"));
        try (Stream<Path> checkpoints = Files.list(runWithCorruptCheckpoints.resolve("checkpoints"))) {
            for (Path checkpoint : checkpoints.toList()) {
                flipLastByte(checkpoint);
            }
        }
        runWithoutConfig = copyRun(irisRun, runs.resolve("no-config"));
        Files.delete(runWithoutConfig.resolve("config.yaml"));
        existingPredictions = write("existing-predictions.csv", "line,predicted\n2,setosa\n");
    }

    private static void trainOnCsv(Path csv, Path runDir) {
        mustSucceed("train", "--csv", csv.toString(), "--label-column", "species", "--categorical", "site",
                "--hidden", "4", "--epochs", "1", "--no-plots", "--run-dir", runDir.toString());
    }

    /** Rows a,b,c,site,species of two separable classes, site one of three categories. */
    private static String flowers(int rows) {
        StringBuilder csv = new StringBuilder("a,b,c,site,species\n");
        String[] sites = {"north", "south", "east"};
        for (int i = 0; i < rows; i++) {
            int cls = i % 2;
            csv.append(1 + 3 * cls + i % 5 * 0.1).append(',').append(5 - 2 * cls + i % 3 * 0.1).append(',')
                    .append(i % 7 * 0.5).append(',').append(sites[i % 3]).append(',').append(cls == 0 ? "a" : "b")
                    .append('\n');
        }
        return csv.toString();
    }

    private static void mustSucceed(String... args) {
        CliRun result = CliRun.of(args);
        assertThat(result.code()).as(String.join(" ", args) + "\n" + result.err()).isZero();
    }

    private static Path copyRun(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals(".lock")) {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    // The last byte of a safetensors file is tensor data, covered by the checksum.
    private static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
    }

    private static Path write(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Path write(String name, byte[] content) {
        try {
            Path file = inputs.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String name) {
        try {
            return Files.createDirectories(inputs.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] firstBytes(Path file, int count) {
        try {
            return Arrays.copyOf(Files.readAllBytes(file), count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- case builders --------------------------------------------------------------------------

    private static String[] fragments(String... fragments) {
        return fragments;
    }

    /** A train command refused with exit 1; its fresh --run-dir must not be created. */
    private static Arguments train(String name, String[] fragments, String... args) {
        return trainCase(name, 1, fragments, List.of(), args);
    }

    /** A train command whose options picocli itself refuses (exit 2). */
    private static Arguments trainUsage(String name, String[] fragments, String... args) {
        return trainCase(name, 2, fragments, List.of(), args);
    }

    /** A train command refused with exit 1 that must leave the guarded paths as they were. */
    private static Arguments trainGuarded(String name, List<Path> guarded, String[] fragments, String... args) {
        return trainCase(name, 1, fragments, guarded, args);
    }

    private static Arguments trainCase(String name, int exitCode, String[] fragments, List<Path> guarded,
                                       String... args) {
        Path runDir = fresh.resolve(name.replaceAll("[^A-Za-z0-9]+", "-"));
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        if (!all.contains("--run-dir")) {
            all.addAll(List.of("--run-dir", runDir.toString()));
        }
        all.addAll(List.of("--no-plots", "--no-download"));
        return Arguments.of("train: " + name,
                new Case(all, exitCode, List.of(fragments), guarded, all.contains(runDir.toString()) ? runDir : null));
    }

    /** Any other command refused with exit 1, leaving the guarded paths as they were. */
    private static Arguments other(String name, List<Path> guarded, String[] fragments, String... args) {
        return Arguments.of(args[0] + ": " + name, new Case(List.of(args), 1, List.of(fragments), guarded, null));
    }

    /** Any other command whose options picocli itself refuses (exit 2). */
    private static Arguments otherUsage(String name, String[] fragments, String... args) {
        return Arguments.of(args[0] + ": " + name, new Case(List.of(args), 2, List.of(fragments), List.of(), null));
    }

    // ---- the corpus -----------------------------------------------------------------------------

    static Stream<Arguments> corpus() {
        return Stream.of(csvCases(), libSvmCases(), idxCases(), configCases(), hyperParameterCases(), weightsCases(),
                predictCases(), evaluateCases(), tuneCases(), usageCases()).flatMap(List::stream);
    }

    private static final String GOOD_ROWS = "1,2,a\n2,3,b\n3,4,a\n4,5,b\n5,6,a\n6,7,b\n7,8,a\n8,9,b\n9,1,a\n1,1,b\n";

    private static List<Arguments> csvCases() {
        Path empty = write("csv/empty.csv", "");
        Path headerOnly = write("csv/header-only.csv", "x1,x2,label\n");
        Path blank = write("csv/blank-lines.csv", "\n\n\n");
        Path oneClass = write("csv/one-class.csv", "x1,x2,label\n" + "1,2,a\n".repeat(10));
        Path tooFew = write("csv/three-rows.csv", "x1,x2,label\n1,2,a\n2,3,b\n3,4,a\n");
        Path text = write("csv/text-cell.csv", "x1,x2,label\n" + GOOD_ROWS + "abc,2,a\n");
        Path nan = write("csv/nan-cell.csv", "x1,x2,label\n" + GOOD_ROWS + "NaN,2,a\n");
        Path inf = write("csv/inf-cell.csv", "x1,x2,label\n" + GOOD_ROWS + "1,Infinity,a\n");
        Path huge = write("csv/huge-cell.csv", "x1,x2,label\n" + GOOD_ROWS + "1,1e39,a\n");
        Path emptyCell = write("csv/empty-cell.csv", "x1,x2,label\n" + GOOD_ROWS + "1,,a\n");
        Path emptyLabel = write("csv/empty-label.csv", "x1,x2,label\n" + GOOD_ROWS + "1,2,\n");
        Path tooMany = write("csv/too-many-cells.csv", "x1,x2,label\n" + GOOD_ROWS + "1,2,3,a\n");
        Path tooFewCells = write("csv/too-few-cells.csv", "x1,x2,label\n" + GOOD_ROWS + "1,a\n");
        Path unclosed = write("csv/unclosed-quote.csv", "x1,x2,label\n" + GOOD_ROWS + "\"1,2,a\n3,4,b\n");
        Path pipes = write("csv/pipes.csv", "x1|x2|label\n" + GOOD_ROWS.replace(',', '|'));
        Path mixed = write("csv/mixed-delimiters.csv", "x1,x2,label\n" + GOOD_ROWS + "1;2;a\n");
        Path labelOnly = write("csv/label-only.csv", "label\na\nb\na\nb\na\nb\na\nb\n");
        Path binary = write("csv/garbage.csv", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0, 10, 13, 0x7f, 0});
        Path textLabelRegression = write("csv/text-label.csv", "x1,x2,y\n" + GOOD_ROWS);
        Path good = write("csv/good.csv", "x1,x2,label\n" + GOOD_ROWS + GOOD_ROWS);
        Path dir = directory("csv/a-directory.csv");
        Path missing = inputs.resolve("csv/missing.csv");
        return List.of(
                train("csv empty file", fragments(empty.toString(), "empty"), "--csv", empty.toString()),
                train("csv header only", fragments(headerOnly.toString(), "no data rows"), "--csv",
                        headerOnly.toString()),
                train("csv blank lines only", fragments(blank.toString()), "--csv", blank.toString()),
                train("csv one class", fragments(oneClass.toString(), "one class"), "--csv", oneClass.toString()),
                train("csv too few rows for the split", fragments(tooFew.toString(), "has 3 rows"), "--csv",
                        tooFew.toString()),
                train("csv non-numeric cell", fragments(text.toString(), "line 12", "'abc'"), "--csv",
                        text.toString()),
                train("csv NaN cell", fragments(nan.toString(), "line 12", "NaN"), "--csv", nan.toString()),
                train("csv infinite cell", fragments(inf.toString(), "line 12", "Infinity"), "--csv", inf.toString()),
                train("csv cell beyond float32", fragments(huge.toString(), "line 12", "1e39"), "--csv",
                        huge.toString()),
                train("csv empty cell", fragments(emptyCell.toString(), "line 12", "empty"), "--csv",
                        emptyCell.toString()),
                train("csv empty label", fragments(emptyLabel.toString(), "line 12", "empty"), "--csv",
                        emptyLabel.toString()),
                train("csv row with too many cells", fragments(tooMany.toString(), "line 12"), "--csv",
                        tooMany.toString()),
                train("csv row with too few cells", fragments(tooFewCells.toString(), "line 12"), "--csv",
                        tooFewCells.toString()),
                train("csv unclosed quote", fragments(unclosed.toString(), "quote"), "--csv", unclosed.toString()),
                train("csv mixed delimiters", fragments(mixed.toString(), "line 12"), "--csv", mixed.toString()),
                train("csv pipe delimiter", fragments(pipes.toString(), "delimiter"), "--csv", pipes.toString()),
                train("csv unknown label column", fragments(good.toString(), "'species'"), "--csv", good.toString(),
                        "--label-column", "species"),
                train("csv label column index out of range", fragments(good.toString(), "index 9"), "--csv",
                        good.toString(), "--label-column", "9"),
                train("csv negative label column index out of range", fragments(good.toString(), "index -9"), "--csv",
                        good.toString(), "--label-column", "-9"),
                train("csv unknown categorical column", fragments("'colour'"), "--csv", good.toString(),
                        "--categorical", "colour"),
                train("csv label column also categorical", fragments("'label'", "--categorical"), "--csv",
                        good.toString(), "--categorical", "label"),
                train("csv label column only", fragments(labelOnly.toString(), "at least 2"), "--csv",
                        labelOnly.toString()),
                train("csv binary garbage", fragments(binary.toString()), "--csv", binary.toString()),
                train("csv text labels for a regression", fragments(textLabelRegression.toString(), "'a'"), "--csv",
                        textLabelRegression.toString(), "--set", "task=regression"),
                train("csv directory instead of a file", fragments(dir.toString(), "directory"), "--csv",
                        dir.toString()),
                train("csv missing file", fragments(missing.toString(), "not found"), "--csv", missing.toString()),
                train("csv and libsvm together", fragments("more than one source", "data.libsvm"), "--csv",
                        good.toString(), "--libsvm", good.toString()),
                train("test-csv without stream", fragments("data.test_csv", "streaming"), "--csv", good.toString(),
                        "--test-csv", good.toString()));
    }

    private static List<Arguments> libSvmCases() {
        String good = "1 1:0.5 2:0.1\n0 1:-0.5 2:0.3\n".repeat(10);
        Path badToken = write("svm/bad-token.svm", good + "1 1:0.5 abc\n");
        Path indexZero = write("svm/index-zero.svm", good + "1 0:0.5 2:0.1\n");
        Path negativeIndex = write("svm/negative-index.svm", good + "1 -3:0.5\n");
        Path decreasing = write("svm/decreasing.svm", good + "1 2:0.5 1:0.1\n");
        Path repeated = write("svm/repeated.svm", good + "1 2:0.5 2:0.1\n");
        Path missingValue = write("svm/missing-value.svm", good + "1 1: 2:0.1\n");
        Path textValue = write("svm/text-value.svm", good + "1 1:abc\n");
        Path nanValue = write("svm/nan-value.svm", good + "1 1:nan\n");
        Path fractionalLabel = write("svm/fractional-label.svm", good + "1.5 1:0.5\n");
        Path textLabel = write("svm/text-label.svm", good + "cat 1:0.5\n");
        Path empty = write("svm/empty.svm", "");
        Path labelsOnly = write("svm/labels-only.svm", "1\n0\n1\n0\n1\n0\n");
        Path oneClass = write("svm/one-class.svm", "1 1:0.5 2:0.1\n".repeat(20));
        Path missing = inputs.resolve("svm/missing.svm");
        Path goodFile = write("svm/good.svm", good);
        return List.of(
                train("libsvm bad token", fragments(badToken.toString(), "line 21", "'abc'"), "--libsvm",
                        badToken.toString()),
                train("libsvm index 0", fragments(indexZero.toString(), "line 21", "0:0.5"), "--libsvm",
                        indexZero.toString()),
                train("libsvm negative index", fragments(negativeIndex.toString(), "line 21", "-3"), "--libsvm",
                        negativeIndex.toString()),
                train("libsvm decreasing indices", fragments(decreasing.toString(), "line 21", "1:0.1"), "--libsvm",
                        decreasing.toString()),
                train("libsvm repeated index", fragments(repeated.toString(), "line 21", "2:0.1"), "--libsvm",
                        repeated.toString()),
                train("libsvm missing value", fragments(missingValue.toString(), "line 21", "1:"), "--libsvm",
                        missingValue.toString()),
                train("libsvm text value", fragments(textValue.toString(), "line 21", "abc"), "--libsvm",
                        textValue.toString()),
                train("libsvm NaN value", fragments(nanValue.toString(), "line 21", "nan"), "--libsvm",
                        nanValue.toString()),
                train("libsvm fractional class label", fragments(fractionalLabel.toString(), "line 21", "1.5"),
                        "--libsvm", fractionalLabel.toString()),
                train("libsvm text class label", fragments(textLabel.toString(), "line 21", "cat"), "--libsvm",
                        textLabel.toString()),
                train("libsvm empty file", fragments(empty.toString(), "empty"), "--libsvm", empty.toString()),
                train("libsvm labels without features", fragments(labelsOnly.toString(), "feature"), "--libsvm",
                        labelsOnly.toString()),
                train("libsvm one class", fragments(oneClass.toString(), "one class"), "--libsvm",
                        oneClass.toString()),
                train("libsvm missing file", fragments(missing.toString(), "not found"), "--libsvm",
                        missing.toString()),
                train("libsvm stream with zero features", fragments("--features 0"), "--libsvm", goodFile.toString(),
                        "--stream", "--classes", "2", "--features", "0"),
                train("libsvm stream with one class", fragments("--classes 1"), "--libsvm", goodFile.toString(),
                        "--stream", "--classes", "1", "--features", "2"));
    }

    // ---- IDX ------------------------------------------------------------------------------------

    private static final int UNSIGNED_BYTE = 0x08;

    private static byte[] idx(int type, byte[] data, int... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    private static byte[] images(int count, int side) {
        return idx(UNSIGNED_BYTE, new byte[count * side * side], count, side, side);
    }

    private static byte[] labels(int count) {
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = (byte) (i % 2);
        }
        return idx(UNSIGNED_BYTE, values, count);
    }

    /** A directory of the four MNIST files: 20 training and 10 test images of 4×4 pixels. */
    private static Path mnist(String name) {
        Path data = directory("idx/" + name);
        write("idx/" + name + "/train-images-idx3-ubyte", images(20, 4));
        write("idx/" + name + "/train-labels-idx1-ubyte", labels(20));
        write("idx/" + name + "/t10k-images-idx3-ubyte", images(10, 4));
        write("idx/" + name + "/t10k-labels-idx1-ubyte", labels(10));
        return data;
    }

    /** {@link #mnist} with one of its files replaced by {@code content}. */
    private static Path mnistWith(String name, String file, byte[] content) {
        Path data = mnist(name);
        write("idx/" + name + "/" + file, content);
        return data;
    }

    private static Arguments idxCase(String name, Path data, String... fragments) {
        return train(name, fragments, "--dataset", "mnist", "--data-dir", data.toString(), "--hidden", "4",
                "--epochs", "1");
    }

    private static List<Arguments> idxCases() {
        String trainImages = "train-images-idx3-ubyte";
        String trainLabels = "train-labels-idx1-ubyte";
        String testImages = "t10k-images-idx3-ubyte";
        Path emptyDir = directory("idx/empty");
        Path noTestLabels = mnist("no-test-labels");
        deleteQuietly(noTestLabels.resolve("t10k-labels-idx1-ubyte"));
        Path truncated = mnistWith("truncated", trainImages, Arrays.copyOf(images(20, 4), 100));
        Path wrongMagic = mnistWith("wrong-magic", trainImages, "PK\u0003\u0004 this is a zip".getBytes(
                StandardCharsets.ISO_8859_1));
        Path emptyFile = mnistWith("empty-file", trainImages, new byte[0]);
        Path noImages = mnistWith("no-images", trainImages, images(0, 4));
        Path zeroPixels = mnistWith("zero-pixels", trainImages, images(20, 0));
        Path countMismatch = mnistWith("count-mismatch", trainLabels, labels(15));
        Path testSize = mnistWith("test-size", testImages, images(10, 3));
        Path zeroDims = mnistWith("zero-dims", trainImages, idx(UNSIGNED_BYTE, new byte[0]));
        Path floatType = mnistWith("float-type", trainImages, idx(0x0D, new byte[20 * 16 * 4], 20, 4, 4));
        Path trailing = mnistWith("trailing-bytes", trainImages,
                ByteBuffer.allocate(images(20, 4).length + 7).put(images(20, 4)).array());
        Path labelsAsImages = mnistWith("labels-as-images", trainLabels, images(20, 4));
        byte[] badLabel = labels(20);
        badLabel[badLabel.length - 1] = (byte) 200;
        Path labelOutOfRange = mnistWith("label-out-of-range", trainLabels, badLabel);
        Path badGzip = mnist("bad-gzip");
        deleteQuietly(badGzip.resolve(trainImages));
        write("idx/bad-gzip/" + trainImages + ".gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Path aFile = write("idx/not-a-directory", "just text");
        Path missingDir = inputs.resolve("idx/missing");
        return List.of(
                idxCase("idx empty data dir", emptyDir, emptyDir.toString(), trainImages),
                idxCase("idx missing test labels", noTestLabels, "t10k-labels-idx1-ubyte"),
                idxCase("idx truncated images", truncated, trainImages, "truncated"),
                idxCase("idx wrong magic", wrongMagic, trainImages, "magic"),
                idxCase("idx empty images file", emptyFile, trainImages, "empty"),
                idxCase("idx zero images", noImages, trainImages, "no images"),
                idxCase("idx zero-pixel images", zeroPixels, trainImages, "0×0"),
                idxCase("idx label and image counts differ", countMismatch, "20 images", "15 labels"),
                idxCase("idx test images of another size", testSize, testImages, "3×3"),
                idxCase("idx zero dimensions", zeroDims, trainImages, "dimension count is 0"),
                idxCase("idx float32 type", floatType, trainImages, "type"),
                idxCase("idx trailing bytes", trailing, trainImages, "unexpected bytes"),
                idxCase("idx images in the labels file", labelsAsImages, trainLabels),
                idxCase("idx label out of range", labelOutOfRange, trainLabels, "200"),
                idxCase("idx corrupt gzip", badGzip, trainImages + ".gz", "gzip"),
                idxCase("idx data dir is a file", aFile, aFile.toString()),
                idxCase("idx missing data dir", missingDir, missingDir.toString()));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- configuration files and --set ----------------------------------------------------------

    private static final String IRIS_CONFIG = "data:\n  dataset: iris\nmodel:\n  hidden: [4]\ntraining:\n  epochs: 1\n";

    private static Arguments config(String name, String yaml, String... fragments) {
        Path file = write("config/" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".yaml", yaml);
        List<String> all = new ArrayList<>(List.of(fragments));
        all.add(file.getFileName().toString());
        return train(name, all.toArray(String[]::new), "--config", file.toString());
    }

    private static Arguments set(String name, String override, String... fragments) {
        return train(name, fragments, "--dataset", "iris", "--hidden", "4", "--epochs", "1", "--set", override);
    }

    private static List<Arguments> configCases() {
        Path missing = inputs.resolve("config/missing.yaml");
        Path dir = directory("config/a-directory.yaml");
        Path binary = write("config/binary.yaml", new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0, 0});
        return List.of(
                config("config yaml syntax error", "data:\n  dataset: iris\n model: [\n", "line"),
                config("config tab indentation", "data:\n\tdataset: iris\n", "line"),
                config("config cut mid-way", "data:\n  dataset: iris\nmodel: {hidden: [16, ", "line"),
                config("config cut inside a key", IRIS_CONFIG + "optimizer:\n  na", "optimizer.na"),
                config("config unknown key", IRIS_CONFIG + "optimizer:\n  learning_rate: 0.1\n",
                        "optimizer.learning_rate"),
                config("config unknown top-level key", IRIS_CONFIG + "optimiser:\n  lr: 0.1\n", "optimiser"),
                config("config duplicate key", IRIS_CONFIG + "training:\n  epochs: 2\n", "training"),
                config("config wrong type", "data:\n  dataset: iris\ntraining:\n  epochs: ten\n", "training.epochs",
                        "ten"),
                config("config section given a value", IRIS_CONFIG + "optimizer: adam\n", "optimizer"),
                config("config a list at the top", "- a\n- b\n", "list"),
                config("config negative epochs", "data:\n  dataset: iris\ntraining:\n  epochs: -3\n",
                        "training.epochs", "-3"),
                config("config lr 0", IRIS_CONFIG + "optimizer:\n  lr: 0\n", "optimizer.lr"),
                config("config negative lr", IRIS_CONFIG + "optimizer:\n  lr: -0.5\n", "optimizer.lr", "-0.5"),
                config("config unknown optimizer", IRIS_CONFIG + "optimizer:\n  name: adamm\n", "optimizer.name",
                        "adamm"),
                config("config unknown schedule", IRIS_CONFIG + "schedule:\n  name: cosinus\n", "schedule.name",
                        "cosinus"),
                config("config unknown activation", IRIS_CONFIG.replace("[4]", "[4]\n  activation: swish"),
                        "model.activation", "swish"),
                config("config unknown task", "task: clasification\n" + IRIS_CONFIG, "task", "clasification"),
                config("config unknown early stopping metric",
                        IRIS_CONFIG + "  early_stopping:\n    metric: val_f1\n", "early_stopping.metric", "val_f1"),
                config("config dropout 1", IRIS_CONFIG.replace("[4]", "[4]\n  dropout: 1"), "model.dropout"),
                config("config empty csv key", "task: classification\ndata:\n  csv:\n", "data.csv"),
                config("config two data sources", "data:\n  dataset: iris\n  csv: x.csv\n", "data"),
                config("config unknown data set", "data:\n  dataset: cifar-11\n", "cifar-11"),
                train("config csv file missing", fragments(inputs.resolve("config/nowhere.csv").toString(),
                        "not found"), "--config", write("config/csv-missing.yaml", "data:\n  csv: nowhere.csv\n")
                        .toString()),
                train("config missing file", fragments(missing.toString(), "no such file"), "--config",
                        missing.toString()),
                train("config directory", fragments(dir.toString()), "--config", dir.toString()),
                train("config binary garbage", fragments(binary.toString()), "--config", binary.toString()),
                set("set unknown key", "optimizer.learning_rate=0.1", "optimizer.learning_rate"),
                set("set bad value", "optimizer.lr=fast", "optimizer.lr", "fast"),
                set("set missing equals sign", "training.epochs", "training.epochs", "="),
                set("set empty key", "=3", "=3"),
                set("set out of range", "training.batch_size=-8", "training.batch_size", "-8"),
                set("set unknown optimizer", "optimizer.name=adm", "optimizer.name", "adm"));
    }

    // ---- hyper-parameters on the command line ---------------------------------------------------

    /** Iris, one hidden layer of 4 and one epoch, unless the case gives its own (--hidden adds up, --epochs clashes). */
    private static String[] onIris(String... args) {
        List<String> given = List.of(args);
        List<String> all = new ArrayList<>(List.of("--dataset", "iris"));
        if (!given.contains("--hidden")) {
            all.addAll(List.of("--hidden", "4"));
        }
        if (!given.contains("--epochs")) {
            all.addAll(List.of("--epochs", "1"));
        }
        all.addAll(given);
        return all.toArray(String[]::new);
    }

    private static Arguments iris(String name, String[] fragments, String... args) {
        return train(name, fragments, onIris(args));
    }

    private static Arguments irisUsage(String name, String[] fragments, String... args) {
        return trainUsage(name, fragments, onIris(args));
    }

    /** An option value picocli reads but the settings refuse: exit 1, blaming the option as the user gave it. */
    private static Arguments rejected(String flag, String value, String shown) {
        return iris(flag + " " + value, fragments("from the option " + flag + " " + shown), flag, value);
    }

    /** An option value picocli cannot read as its type: exit 2. */
    private static Arguments unparsable(String flag, String value) {
        return irisUsage(flag + " " + value, fragments("'" + flag + "'", "'" + value + "'"), flag, value);
    }

    private static List<Arguments> hyperParameterCases() {
        Path tiny = write("tiny.csv", "x1,x2,label\n" + GOOD_ROWS.repeat(3));
        return List.of(
                rejected("--epochs", "0", "0"),
                rejected("--epochs", "-1", "-1"),
                unparsable("--epochs", "abc"),
                unparsable("--epochs", "1.5"),
                rejected("--lr", "-1", "-1.0"),
                rejected("--lr", "0", "0.0"),
                rejected("--lr", "NaN", "NaN"),
                rejected("--lr", "Infinity", "Infinity"),
                unparsable("--lr", "fast"),
                rejected("--lr-floor", "-1", "-1.0"),
                rejected("--batch-size", "0", "0"),
                rejected("--batch-size", "-4", "-4"),
                unparsable("--seed", "abc"),
                rejected("--test-fraction", "1.5", "1.5"),
                rejected("--test-fraction", "0", "0.0"),
                rejected("--validation-fraction", "1", "1.0"),
                rejected("--hidden", "0", "0"),
                irisUsage("--hidden 16,x", fragments("'--hidden'", "'x'"), "--hidden", "16,x"),
                rejected("--momentum", "1.5", "1.5"),
                rejected("--momentum", "-0.1", "-0.1"),
                rejected("--weight-decay", "-1", "-1.0"),
                rejected("--optimizer", "adm", "adm"),
                rejected("--schedule", "cosinus", "cosinus"),
                rejected("--threads", "0", "0"),
                unparsable("--threads", "many"),
                train("--dataset cifar-11", fragments("from the option --dataset cifar-11"), "--dataset", "cifar-11"),
                irisUsage("unknown option", fragments("--epoch"), "--epoch", "1"),
                irisUsage("option without its value", fragments("--epochs"), "--epochs"),
                irisUsage("stray positional argument", fragments("iris.csv"), "iris.csv"),
                iris("stream without a file", fragments("data.stream", "data.csv"), "--stream"),
                train("--shuffle-buffer 0", fragments("from the option --shuffle-buffer 0"), "--stream", "--csv",
                        tiny.toString(), "--classes", "2", "--shuffle-buffer", "0", "--hidden", "4", "--epochs", "1"),
                // the run has started when the loss explodes
                creatingItsDirectory(train("lr 1e6 diverges", fragments("diverged", "smaller learning rate"),
                        "--csv", tiny.toString(), "--hidden", "4", "--epochs", "5", "--lr", "1e6")));
    }

    // ---- weights, checkpoints and runs ----------------------------------------------------------

    private static List<Arguments> weightsCases() {
        Path digitsModel = digitsRun.resolve("model.safetensors");
        Path irisModel = irisRun.resolve("model.safetensors");
        Path missing = inputs.resolve("weights/missing.safetensors");
        Path text = write("weights/text.safetensors", "these are not weights\n");
        Path empty = write("weights/empty.safetensors", new byte[0]);
        Path truncated = write("weights/truncated.safetensors", firstBytes(digitsModel, 200));
        byte[] hugeHeader = firstBytes(digitsModel, 64);
        Arrays.fill(hugeHeader, 0, 8, (byte) 0x7f);
        Path badHeaderLength = write("weights/huge-header.safetensors", hugeHeader);
        Path flipped = runWithFlippedModel.resolve("model.safetensors");
        Path lastCheckpoint = runWithCorruptCheckpoints.resolve("checkpoints/last.safetensors");
        Path truncatedCheckpoint = write("weights/truncated-checkpoint.safetensors",
                firstBytes(digitsRun.resolve("checkpoints/last.safetensors"), 300));
        Path emptyDir = directory("weights/empty-run");
        Path missingDir = inputs.resolve("weights/missing-run");
        List<String> digits = List.of("--dataset", "digits", "--hidden", "16", "--epochs", "1");
        return List.of(
                digitsTrain("init-from missing file", fragments(missing.toString(), "does not exist"), "--init-from",
                        missing.toString()),
                digitsTrain("init-from text file", fragments(text.toString()), "--init-from", text.toString()),
                digitsTrain("init-from empty file", fragments(empty.toString()), "--init-from", empty.toString()),
                listingDetails(digitsTrain("init-from another model", fragments(irisModel.toString(), "0.weight"),
                        "--init-from", irisModel.toString())),
                digitsTrain("init-from truncated safetensors", fragments(truncated.toString()), "--init-from",
                        truncated.toString()),
                digitsTrain("init-from huge header length", fragments(badHeaderLength.toString()), "--init-from",
                        badHeaderLength.toString()),
                trainGuarded("init-from flipped data byte", List.of(runWithFlippedModel),
                        fragments(flipped.toString(), "checksum"), with(digits, "--init-from", flipped.toString())),
                trainGuarded("init-from a run directory's checkpoints", List.of(runWithCorruptCheckpoints),
                        fragments(lastCheckpoint.toString(), "checksum"),
                        with(digits, "--init-from", lastCheckpoint.toString())),
                train("resume missing dir", fragments(missingDir.toString(), "does not exist"), "--resume",
                        missingDir.toString()),
                train("resume empty dir", fragments(emptyDir.toString()), "--resume", emptyDir.toString()),
                train("resume truncated checkpoint", fragments(truncatedCheckpoint.toString()), "--resume",
                        truncatedCheckpoint.toString()),
                train("resume text file", fragments(text.toString()), "--resume", text.toString()),
                trainGuarded("resume corrupt checkpoints", List.of(runWithCorruptCheckpoints),
                        fragments("checksum", runWithCorruptCheckpoints.toString()), "--resume",
                        runWithCorruptCheckpoints.toString()),
                trainGuarded("resume corrupt checkpoints in place", List.of(runWithCorruptCheckpoints),
                        fragments("checksum", runWithCorruptCheckpoints.toString()), "--resume",
                        runWithCorruptCheckpoints.toString(), "--run-dir", runWithCorruptCheckpoints.toString()),
                trainGuarded("resume in place with a bad lr", List.of(digitsRun),
                        fragments("--lr"), "--resume", digitsRun.toString(), "--run-dir", digitsRun.toString(),
                        "--lr", "-1"),
                trainGuarded("run-dir of an existing run", List.of(digitsRun), fragments(digitsRun.toString(),
                        "already holds a run"), with(digits, "--run-dir", digitsRun.toString())),
                trainGuarded("run-dir is a file", List.of(existingPredictions), fragments(existingPredictions
                        .toString()), with(digits, "--run-dir", existingPredictions.toString())));
    }

    private static Arguments listingDetails(Arguments arguments) {
        Object[] named = arguments.get();
        return Arguments.of(named[0], ((Case) named[1]).listingDetails());
    }

    /** For a failure that comes after the work started: its directory legitimately exists. */
    private static Arguments creatingItsDirectory(Arguments arguments) {
        Object[] named = arguments.get();
        return Arguments.of(named[0], ((Case) named[1]).creatingItsDirectory());
    }

    private static Arguments digitsTrain(String name, String[] fragments, String... args) {
        return train(name, fragments, with(List.of("--dataset", "digits", "--hidden", "16", "--epochs", "1"), args));
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    // ---- predict and evaluate -------------------------------------------------------------------

    private static List<Arguments> predictCases() {
        return modelCases("predict", true);
    }

    private static List<Arguments> evaluateCases() {
        List<Arguments> cases = new ArrayList<>(modelCases("evaluate", false));
        Path unlabelled = write("new/unlabelled.csv", "a,b,c,site\n1,5,0,north\n4,3,1,south\n");
        Path missingWeights = inputs.resolve("new/missing-weights.safetensors");
        Path text = write("new/text-weights.safetensors", "not weights");
        Path irisModel = irisRun.resolve("model.safetensors");
        cases.addAll(List.of(
                other("csv without the label column", List.of(csvRun), fragments(unlabelled.toString(), "species"),
                        "evaluate", csvRun.toString(), "--csv", unlabelled.toString()),
                other("weights missing", List.of(digitsRun), fragments(missingWeights.toString(), "does not exist"),
                        "evaluate",
                        digitsRun.toString(), "--weights", missingWeights.toString()),
                listingDetails(other("weights of another model", List.of(digitsRun, irisRun),
                        fragments(irisModel.toString(), "0.weight"), "evaluate", digitsRun.toString(), "--weights",
                        irisModel.toString())),
                other("weights not safetensors", List.of(digitsRun), fragments(text.toString()), "evaluate",
                        digitsRun.toString(), "--weights", text.toString()),
                other("weights with a flipped byte", List.of(digitsRun, runWithFlippedModel),
                        fragments("checksum"), "evaluate", digitsRun.toString(), "--weights",
                        runWithFlippedModel.resolve("model.safetensors").toString())));
        return cases;
    }

    /** Bad models and bad new data, the same for predict and evaluate. */
    private static List<Arguments> modelCases(String command, boolean predict) {
        String prefix = "new/" + command + "/";
        Path missingRun = inputs.resolve(prefix + "missing-run");
        Path emptyDir = directory(prefix + "empty-run");
        Path textModel = write(prefix + "model.safetensors", "not a model");
        Path truncatedModel = write(prefix + "truncated/model.safetensors",
                firstBytes(digitsRun.resolve("model.safetensors"), 150));
        Path missingColumn = write(prefix + "missing-column.csv", "a,b,site,species\n1,5,north,a\n4,3,south,b\n");
        Path unknownCategory = write(prefix + "unknown-category.csv",
                "a,b,c,site,species\n1,5,0,north,a\n4,3,1,west,b\n");
        Path unknownClass = write(prefix + "unknown-class.csv", "a,b,c,site,species\n1,5,0,north,a\n4,3,1,south,z\n");
        Path textCell = write(prefix + "text-cell.csv", "a,b,c,site,species\n1,5,0,north,a\n4,x,1,south,b\n");
        Path emptyCsv = write(prefix + "empty.csv", "");
        Path missingCsv = inputs.resolve(prefix + "missing.csv");
        Path svm = write(prefix + "wide.svm", "1 1:0.5 99:0.1\n");
        Path images = mnist(command + "-images");
        Path smallerImages = mnistWith(command + "-smaller-images", "t10k-images-idx3-ubyte", images(10, 3));
        String flippedModel = runWithFlippedModel.resolve("model.safetensors").toString();
        List<Arguments> cases = new ArrayList<>(List.of(
                other("missing run", List.of(), fragments(missingRun.toString(), "does not exist"),
                        command, missingRun.toString()),
                other("empty run directory", List.of(emptyDir), fragments(emptyDir.toString(), "model.safetensors"),
                        command, emptyDir.toString()),
                other("run without model.safetensors", List.of(runWithoutModel),
                        fragments(runWithoutModel.toString(), "model.safetensors"), command,
                        runWithoutModel.toString()),
                other("model with a flipped byte", List.of(runWithFlippedModel), fragments(flippedModel, "checksum"),
                        command, runWithFlippedModel.toString()),
                other("model file that is text", List.of(textModel), fragments(textModel.toString()), command,
                        textModel.toString()),
                other("truncated model file", List.of(truncatedModel), fragments(truncatedModel.toString()), command,
                        truncatedModel.toString()),
                other("csv missing a column", List.of(csvRun), fragments(missingColumn.toString(), "'c'"), command,
                        csvRun.toString(), "--csv", missingColumn.toString()),
                other("csv with an unknown category", List.of(csvRun), fragments(unknownCategory.toString(), "west"),
                        command, csvRun.toString(), "--csv", unknownCategory.toString()),
                other("csv with an unknown class", List.of(csvRun), fragments(unknownClass.toString(), "'z'"),
                        command, csvRun.toString(), "--csv", unknownClass.toString()),
                other("csv with a text cell", List.of(csvRun), fragments(textCell.toString(), "line 3"), command,
                        csvRun.toString(), "--csv", textCell.toString()),
                other("empty csv", List.of(csvRun), fragments(emptyCsv.toString(), "no data rows"), command, csvRun.toString(),
                        "--csv", emptyCsv.toString()),
                other("missing csv", List.of(csvRun), fragments(missingCsv.toString(), "not found"), command,
                        csvRun.toString(), "--csv", missingCsv.toString()),
                other("libsvm for a csv model", List.of(csvRun), fragments("--libsvm", "CSV"), command,
                        csvRun.toString(), "--libsvm", svm.toString()),
                other("images for a csv model", List.of(csvRun), fragments("--data-dir", "CSV"), command,
                        csvRun.toString(), "--data-dir", images.toString()),
                other("images for a built-in table's model", List.of(digitsRun), fragments("--data-dir"), command,
                        digitsRun.toString(), "--data-dir", images.toString()),
                other("images of another size", List.of(imagesRun), fragments(smallerImages.toString(), "9 features",
                        "takes 16"),
                        command, imagesRun.toString(), "--data-dir", smallerImages.toString()),
                other("unknown split", List.of(digitsRun), fragments("--split", "holdout"), command,
                        digitsRun.toString(), "--split", "holdout"),
                other("split of a changed training file", List.of(changedCsvRun), fragments("changing.csv"),
                        command, changedCsvRun.toString()),
                other("csv and libsvm together", List.of(csvRun), fragments("--csv", "--libsvm"), command,
                        csvRun.toString(), "--csv", flowersCsv.toString(), "--libsvm", svm.toString()),
                otherUsage("no model", fragments("MODEL"), command),
                otherUsage("two models", fragments(irisRun.toString()), command, digitsRun.toString(),
                        irisRun.toString())));
        if (predict) {
            Path missingFolder = inputs.resolve("new/no-such-folder/p.csv");
            Path outputDir = directory("new/output-dir");
            cases.addAll(List.of(
                    other("output into a missing folder", List.of(digitsRun), fragments(missingFolder.toString()),
                            command, digitsRun.toString(), "--output", missingFolder.toString()),
                    other("output onto a directory", List.of(digitsRun, outputDir), fragments(outputDir.toString()),
                            command, digitsRun.toString(), "--output", outputDir.toString()),
                    other("bad csv keeps the existing output", List.of(csvRun, existingPredictions),
                            fragments(textCell.toString()), command, csvRun.toString(), "--csv", textCell.toString(),
                            "--output", existingPredictions.toString())));
        }
        return cases;
    }

    // ---- tune -----------------------------------------------------------------------------------

    private static final String TUNE_BASE = "data: {dataset: iris}\nmodel: {hidden: [4]}\ntraining: {epochs: 1}\n";

    private static Arguments tune(String name, String yaml, String[] fragments, String... options) {
        Path file = write("tune/" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".yaml", yaml);
        Path out = fresh.resolve("tune-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
        List<String> args = new ArrayList<>(List.of("tune", file.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", out.toString()));
        return Arguments.of("tune: " + name, new Case(args, 1, List.of(fragments), List.of(), out));
    }

    private static List<Arguments> tuneCases() {
        Path missing = inputs.resolve("tune/missing.yaml");
        String search = TUNE_BASE + "search:\n  optimizer.lr: [0.01, 0.1]\n";
        return List.of(
                other("missing config", List.of(), fragments(missing.toString(), "no such file"), "tune",
                        missing.toString()),
                tune("no search section", TUNE_BASE, fragments("no search section")),
                tune("yaml syntax error", TUNE_BASE + "search:\n  optimizer.lr: [0.01, 0.1\n", fragments("line")),
                tune("unknown search key", TUNE_BASE + "search:\n  optimizer.learning_rate: [0.1]\n",
                        fragments("optimizer.learning_rate")),
                tune("empty search list", TUNE_BASE + "search:\n  optimizer.lr: []\n", fragments("optimizer.lr")),
                tune("search value out of range", TUNE_BASE + "search:\n  optimizer.lr: [0.1, -1]\n",
                        fragments("optimizer.lr", "got -1.0")),
                tune("range in a grid", TUNE_BASE + "search:\n  optimizer.lr: {log_uniform: [0.001, 0.1]}\n",
                        fragments("optimizer.lr", "--search random")),
                tune("random without trials", search, fragments("--trials"), "--search", "random"),
                otherUsage("trials 0", fragments("--trials", "got 0"), "tune", missing.toString(), "--search", "random",
                        "--trials", "0"),
                otherUsage("trials -1", fragments("--trials", "got -1"), "tune", missing.toString(), "--trials", "-1"),
                tune("bad run configuration", search + "optimizer:\n  momentum: 1.5\n",
                        fragments("optimizer.momentum", "1.5")),
                // found missing by the first trial, after the results folder is made (it says so)
                creatingItsDirectory(tune("csv file missing",
                        "data: {csv: nowhere.csv}\nsearch:\n  optimizer.lr: [0.01, 0.1]\n", fragments("nowhere.csv"))),
                otherUsage("unknown search mode", fragments("--search", "bayes"), "tune", missing.toString(),
                        "--search", "bayes"),
                otherUsage("trials not a number", fragments("'--trials'", "'many'"), "tune", missing.toString(),
                        "--trials", "many"),
                otherUsage("no config", fragments("CONFIG"), "tune"));
    }

    private static List<Arguments> usageCases() {
        return List.of(
                otherUsage("unknown command", fragments("trian"), "trian"),
                otherUsage("unknown top-level option", fragments("--verbose"), "--verbose"));
    }

    // ---- the promises ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aBadInputFailsCleanlyAndLosesNothing(String name, Case bad) throws IOException {
        check(bad);
    }

    private static void check(Arguments arguments) throws IOException {
        check((Case) arguments.get()[1]);
    }

    private static void check(Case bad) throws IOException {
        Map<Path, Map<String, String>> before = snapshot(bad.guarded());

        CliRun result = CliRun.of(bad.args());

        String context = String.join(" ", bad.args()) + "\nexit " + result.code() + "\nout: " + result.out()
                + "\nerr: " + result.err();
        assertThat(result.code()).as("no silent success: " + context).isNotZero();
        assertThat(result.err()).as("no stack trace: " + context).doesNotContain("\tat ")
                .doesNotContain("internal error");
        assertThat(result.code()).as(context).isEqualTo(bad.exitCode());
        if (bad.exitCode() == 1) {
            if (bad.oneLine()) {
                assertThat(result.err().lines().toList()).as("one line: " + context).hasSize(1);
            }
            assertThat(result.err()).as(context).startsWith("descent: error: ");
        } else {
            assertThat(result.err()).as(context).startsWith("descent: ").contains("See '").contains("--help'");
        }
        for (String fragment : bad.fragments()) {
            assertThat(result.err()).as("names what is wrong: " + context).contains(fragment);
        }
        assertThat(snapshot(bad.guarded())).as("no data lost: " + context).isEqualTo(before);
        if (bad.freshRunDir() != null) {
            assertThat(bad.freshRunDir()).as("validated before the run directory: " + context).doesNotExist();
        }
    }

    @Test
    void theCorpusIsLargeEnoughToQuote() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(80);
    }

    // ---- bugs the corpus found, each fixed; these failed before the fix -------------------------

    @Test
    void overwriteKeepsTheOldRunWhenTheNewSettingsAreRefused() throws IOException {
        Path run = copyRun(digitsRun, shared.resolve("overwrite-me"));
        check(trainGuarded("existing run, overwrite and epochs 0", List.of(run), fragments("--epochs 0"), "--dataset",
                "digits", "--epochs", "0", "--run-dir", run.toString(), "--overwrite"));
    }

    @Test
    void duplicateColumnNamesAreRefusedWhenTraining() throws IOException {
        // predict and evaluate match columns by name, so such a model can never read new data
        Path duplicate = write("csv/duplicate-header.csv", "x1,x1,label\n" + GOOD_ROWS + GOOD_ROWS);
        check(train("csv duplicate header names", fragments(duplicate.toString(), "'x1'"), "--csv",
                duplicate.toString(), "--hidden", "4", "--epochs", "1"));
    }

    @Test
    void aDatasetAndACsvTogetherAreRefused() throws IOException {
        Path good = write("csv/good.csv", "x1,x2,label\n" + GOOD_ROWS + GOOD_ROWS);
        check(train("csv and dataset together", fragments("--dataset", "--csv"), "--csv", good.toString(),
                "--dataset", "iris", "--hidden", "4", "--epochs", "1"));
    }

    @Test
    void aDataOptionIsNotBlamedOnASetThatWasNeverTyped() throws IOException {
        String good = write("csv/good.csv", "x1,x2,label\n" + GOOD_ROWS + GOOD_ROWS).toString();
        assertThat(trainError("--csv", good, "--libsvm", good)).doesNotContain("--set").contains("--libsvm");
        assertThat(trainError("--csv", good, "--test-csv", good)).doesNotContain("--set").contains("--test-csv");
        assertThat(trainError("--dataset", "iris", "--stream")).doesNotContain("--set").contains("--stream");
    }

    @Test
    void evaluatingARunWithoutItsConfigNamesTheMissingFile() throws IOException {
        check(other("run without its config", List.of(runWithoutConfig), fragments(runWithoutConfig.toString(),
                "config.yaml"), "evaluate", runWithoutConfig.toString()));
    }

    @Test
    void aColumnMissingFromTheHeaderPointsAtTheOption() throws IOException {
        String good = write("csv/good.csv", "x1,x2,label\n" + GOOD_ROWS + GOOD_ROWS).toString();
        assertThat(trainError("--csv", good, "--label-column", "species")).doesNotContain("CsvOptions")
                .contains("--label-column");
        assertThat(trainError("--csv", good, "--categorical", "colour")).doesNotContain("CsvOptions")
                .contains("--categorical");
    }

    @Test
    void aTextTargetOfARegressionPointsAtTheTaskSetting() throws IOException {
        Path text = write("csv/text-label.csv", "x1,x2,y\n" + GOOD_ROWS);
        assertThat(trainError("--csv", text.toString(), "--set", "task=regression"))
                .doesNotContain("CsvReader").contains("task=classification");
    }

    @Test
    void aConfigThatIsNotTextSaysSo() throws IOException {
        Path binary = write("config/binary.yaml", new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0, 0});
        assertThat(trainError("--config", binary.toString())).contains(binary.toString())
                .doesNotContain("Input length");
    }

    @Test
    void aDamagedGzipFileSaysWhatIsWrongWithoutNull() throws IOException {
        Path data = mnist("bad-gzip-message");
        deleteQuietly(data.resolve("train-images-idx3-ubyte"));
        write("idx/bad-gzip-message/train-images-idx3-ubyte.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertThat(trainError("--dataset", "mnist", "--data-dir", data.toString())).doesNotContain("null");
    }

    /** Runs a train command (in a fresh run directory) that must fail with exit 1 and one line; that line. */
    private static String trainError(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        all.addAll(List.of("--run-dir", Files.createTempDirectory(fresh, "bug").resolve("run").toString(),
                "--no-plots", "--no-download"));
        CliRun result = CliRun.of(all);
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(result.err().lines().toList()).hasSize(1);
        return result.err().strip();
    }

    /** Every file under each guarded path, by its SHA-256 (a directory maps to its own entries). */
    private static Map<Path, Map<String, String>> snapshot(List<Path> guarded) throws IOException {
        Map<Path, Map<String, String>> all = new TreeMap<>();
        for (Path root : guarded) {
            Map<String, String> files = new TreeMap<>();
            if (Files.exists(root)) {
                try (Stream<Path> paths = Files.walk(root)) {
                    // a stale lock file is how a run marks its directory, not data (see RunSafetyTest)
                    for (Path path : paths.filter(p -> !p.getFileName().toString().equals(".lock")).toList()) {
                        files.put(root.relativize(path).toString(), Files.isDirectory(path) ? "dir" : sha256(path));
                    }
                }
            }
            all.put(root, files);
        }
        return all;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
