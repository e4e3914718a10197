package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.RegressionDataset;
import dev.descent.data.TableSchema;
import dev.descent.data.TableSchemaReader;
import dev.descent.model.ModelBundle;
import dev.descent.model.Predictor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A trained model on new data: {@code descent predict MODEL --csv …} and {@code descent evaluate
 * MODEL --csv …}, the run's own splits guarded by the data fingerprint, and bad input refused
 * with one line and no partial output.
 */
class PredictNewDataTest {

    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");
    private static final List<String> SITES = List.of("north", "south", "east");

    private record Result(int code, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String run(String... args) {
        Result result = execute(args);
        assertThat(result.code()).as(String.join(" ", args) + "\n" + result.err()).isZero();
        return result.out();
    }

    /** Runs a command that must fail cleanly; returns its one error line. */
    private static String fails(String... args) {
        Result result = execute(args);
        String command = String.join(" ", args);
        assertThat(result.code()).as(command + "\nout: " + result.out() + "\nerr: " + result.err()).isEqualTo(1);
        List<String> lines = result.err().lines().toList();
        assertThat(lines).as(command).hasSize(1);
        assertThat(lines.get(0)).as(command).startsWith("descent: error:");
        assertThat(result.err()).as(command).doesNotContain("\tat ").doesNotContain("internal error");
        return lines.get(0);
    }

    // ---- fixtures ----------------------------------------------------------------------------

    /** One row of three well-separated classes: numeric a, b, c by class, site independent of it. */
    private static String[] row(Random random, int cls) {
        double a = 1 + 4 * cls + random.nextDouble();
        double b = 10 - 3 * cls + random.nextDouble();
        double c = -2 + 2 * cls + 0.5 * random.nextDouble();
        return new String[] {fmt(a), fmt(b), fmt(c), SITES.get(random.nextInt(3)), CLASSES.get(cls)};
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The training CSV: columns a,b,c,site,species, {@code rows} rows. */
    private static Path trainingCsv(Path dir, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("a,b,c,site,species");
        for (int i = 0; i < rows; i++) {
            lines.add(String.join(",", row(random, i % 3)));
        }
        Path file = dir.resolve("train.csv");
        Files.write(file, lines);
        return file;
    }

    /**
     * New rows with shuffled columns (site,c,species?,a,b), a blank line after the tenth data
     * row; with {@code labelled} false there is no species column.
     */
    private static Path newCsv(Path dir, String name, int rows, boolean labelled, boolean blankLine)
            throws IOException {
        Random random = new Random(99);
        List<String> lines = new ArrayList<>();
        lines.add(labelled ? "site,c,species,a,b" : "site,c,a,b");
        for (int i = 0; i < rows; i++) {
            String[] r = row(random, (i * 7 + 1) % 3);
            lines.add(labelled ? String.join(",", r[3], r[2], r[4], r[0], r[1])
                    : String.join(",", r[3], r[2], r[0], r[1]));
            if (blankLine && i == 9) {
                lines.add("");
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }

    private static String train(Path csv, Path runDir, int epochs) {
        return run("train", "--csv", csv.toString(), "--label-column", "species", "--categorical", "site",
                "--hidden", "8", "--epochs", Integer.toString(epochs), "--run-dir", runDir.toString(), "--no-plots",
                "--seed", "1");
    }

    private static String trainedAccuracy(String trainOutput) {
        String line = trainOutput.lines().filter(l -> l.startsWith("test     loss")).findFirst().orElseThrow();
        return line.replaceAll(".*accuracy ([0-9.]+%).*", "$1");
    }

    // ---- 1. round trip -------------------------------------------------------------------------

    @Test
    void predictsNewCsvWithShuffledColumnsAndNoLabelLikeThePredictorInProcess(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        train(trainingCsv(dir, 90, 7), runDir, 30);
        assertThat(runDir.resolve("model.safetensors")).isRegularFile();
        Path newCsv = newCsv(dir, "new.csv", 20, false, true);
        Path predictions = dir.resolve("p.csv");

        String out = run("predict", runDir.toString(), "--csv", newCsv.toString(), "--output", predictions.toString());
        assertThat(out).contains("wrote 20 predictions to " + predictions);

        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.get(0)).isEqualTo("line,predicted,p_setosa,p_versicolor,p_virginica");
        assertThat(rows).hasSize(21);
        List<Integer> keys = rows.stream().skip(1).map(r -> Integer.parseInt(r.split(",")[0])).toList();
        // header is line 1, data rows 2..11, a blank line 12, then 13..22
        List<Integer> expectedKeys = new ArrayList<>();
        IntStream.rangeClosed(2, 11).forEach(expectedKeys::add);
        IntStream.rangeClosed(13, 22).forEach(expectedKeys::add);
        assertThat(keys).isEqualTo(expectedKeys);

        Predictor predictor = Predictor.load(runDir);
        assertThat(predictor.task()).isEqualTo(ModelBundle.Task.CLASSIFICATION);
        assertThat(predictor.outputNames()).containsExactlyElementsOf(CLASSES);
        TableSchemaReader.Chunk chunk = predictor.bundle().preprocessing().table()
                .readAll(newCsv, TableSchema.LabelPolicy.OPTIONAL);
        assertThat(chunk.labels()).isNull();
        assertThat(chunk.rows()).isEqualTo(20);
        assertThat(Arrays.stream(chunk.lineNumbers()).boxed().toList()).isEqualTo(expectedKeys);
        int features = predictor.featureCount();
        assertThat(features).isEqualTo(6); // a, b, c, site=east/north/south
        float[][] raw = new float[chunk.rows()][];
        for (int r = 0; r < raw.length; r++) {
            raw[r] = Arrays.copyOfRange(chunk.features(), r * features, (r + 1) * features);
        }
        float[][] probabilities = predictor.predictProba(raw);
        int[] classes = predictor.predict(raw);
        int expectedCorrect = 0;
        for (int r = 0; r < raw.length; r++) {
            String[] cells = rows.get(r + 1).split(",");
            assertThat(cells).hasSize(5);
            assertThat(cells[1]).isIn(CLASSES).isEqualTo(CLASSES.get(classes[r]));
            for (int c = 0; c < 3; c++) {
                assertThat(cells[2 + c]).as("row %d p_%s", r, CLASSES.get(c))
                        .isEqualTo(String.format(Locale.ROOT, "%.6f", probabilities[r][c]));
            }
            expectedCorrect += cells[1].equals(CLASSES.get((r * 7 + 1) % 3)) ? 1 : 0;
        }
        // well-separated classes: the model trained on the original column order gets them right
        assertThat(expectedCorrect).isGreaterThanOrEqualTo(18);

        // the same to standard output when --output is not given
        String stdout = run("predict", runDir.toString(), "--csv", newCsv.toString());
        assertThat(stdout.lines().toList()).isEqualTo(rows);
        // and the model file itself, not only the run directory, is accepted
        assertThat(run("predict", runDir.resolve("model.safetensors").toString(), "--csv", newCsv.toString())
                .lines().toList()).isEqualTo(rows);
    }

    // ---- 2. evaluate labelled new data ---------------------------------------------------------

    @Test
    void evaluatesLabelledNewCsvWithShuffledColumns(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        train(trainingCsv(dir, 90, 7), runDir, 30);
        Path labelled = newCsv(dir, "labelled.csv", 30, true, false);

        String out = run("evaluate", runDir.toString(), "--csv", labelled.toString());
        assertThat(out).startsWith(labelled + " (30 examples): loss ");
        assertThat(out).containsPattern("accuracy [0-9.]+%").contains("precision").contains("recall")
                .contains("true\\pred");
        for (String name : CLASSES) {
            assertThat(out).containsPattern("(?m)^\\s+" + name + "\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+\\d+$");
        }
        String accuracy = out.lines().findFirst().orElseThrow().replaceAll(".*accuracy ([0-9.]+%).*", "$1");

        // predict on the same labelled file adds the label column; its agreement is evaluate's accuracy
        List<String> rows = run("predict", runDir.toString(), "--csv", labelled.toString()).lines().toList();
        assertThat(rows.get(0)).isEqualTo("line,predicted,label,p_setosa,p_versicolor,p_virginica");
        assertThat(rows).hasSize(31);
        long correct = rows.stream().skip(1).map(r -> r.split(",")).filter(r -> r[1].equals(r[2])).count();
        assertThat(String.format(Locale.ROOT, "%.2f%%", 100.0 * correct / 30)).isEqualTo(accuracy);
        assertThat(correct).isGreaterThanOrEqualTo(27);
    }

    // ---- 3. the run's own split, guarded by the fingerprint ------------------------------------

    @Test
    void evaluatesTheRunsTestSplitOnlyWhileTheTrainingFileIsUnchanged(@TempDir Path dir) throws IOException {
        Path trainCsv = trainingCsv(dir, 90, 7);
        Path runDir = dir.resolve("run");
        String trained = train(trainCsv, runDir, 5);
        String accuracy = trainedAccuracy(trained);

        String evaluated = run("evaluate", runDir.toString());
        assertThat(evaluated).contains("the test split of").contains("accuracy " + accuracy + "\n")
                .contains("setosa").contains("versicolor").contains("virginica");
        // --split validation and the model file path work too
        assertThat(run("evaluate", runDir.resolve("model.safetensors").toString(), "--split", "validation"))
                .contains("the validation split of");

        // the three splits together are the training file: the saved preprocessing (schema and
        // standardisation) read from the raw CSV gives the same confusion matrix and loss
        int[][] sum = new int[3][3];
        int examples = 0;
        double lossSum = 0;
        for (String split : List.of("test", "validation", "train")) {
            String report = run("evaluate", runDir.toString(), "--split", split);
            add(sum, confusion(report));
            int n = examples(report);
            examples += n;
            lossSum += n * loss(report);
        }
        String whole = run("evaluate", runDir.toString(), "--csv", trainCsv.toString());
        assertThat(examples).isEqualTo(90);
        assertThat(examples(whole)).isEqualTo(90);
        assertThat(confusion(whole)).isEqualTo(sum);
        assertThat(loss(whole)).isCloseTo(lossSum / examples, org.assertj.core.data.Offset.offset(2e-4));

        // the training file grows: the splits cannot be rebuilt
        List<String> original = Files.readAllLines(trainCsv);
        Files.write(trainCsv, original.subList(1, 31), StandardOpenOption.APPEND);
        String changed = fails("evaluate", runDir.toString());
        assertThat(changed).contains("changed").contains(trainCsv.toAbsolutePath().normalize().toString());
        String changedPredict = fails("predict", runDir.toString(), "--split", "test");
        assertThat(changedPredict).contains("changed");

        // restored byte for byte: fine again
        Files.write(trainCsv, original);
        assertThat(run("evaluate", runDir.toString())).contains("accuracy " + accuracy + "\n");

        // same size, different content
        List<String> edited = new ArrayList<>(original);
        String first = original.get(1); // "1.xxx,…": one digit changed, same size
        edited.set(1, (first.charAt(0) == '1' ? "2" : "1") + first.substring(1));
        Files.write(trainCsv, edited);
        assertThat(Files.size(trainCsv)).isEqualTo(String.join("\n", original).length() + 1);
        assertThat(fails("evaluate", runDir.toString())).contains("changed").contains("same size");

        Files.delete(trainCsv);
        String missing = fails("evaluate", runDir.toString());
        assertThat(missing).contains("missing").contains(trainCsv.toAbsolutePath().normalize().toString());
        // new data needs no training file
        Path labelled = newCsv(dir, "labelled.csv", 12, true, false);
        assertThat(run("evaluate", runDir.toString(), "--csv", labelled.toString())).contains("(12 examples)");
    }

    /** The confusion matrix of an evaluate report, rows true classes in CLASSES order. */
    private static int[][] confusion(String report) {
        List<String> lines = report.lines().toList();
        int header = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains("true\\pred")).findFirst()
                .orElseThrow();
        assertThat(lines.get(header).trim().split("\\s+")).containsExactly("true\\pred", "setosa", "versicolor",
                "virginica");
        int[][] matrix = new int[3][3];
        for (int r = 0; r < 3; r++) {
            String[] cells = lines.get(header + 1 + r).trim().split("\\s+");
            assertThat(cells[0]).isEqualTo(CLASSES.get(r));
            for (int c = 0; c < 3; c++) {
                matrix[r][c] = Integer.parseInt(cells[c + 1]);
            }
        }
        return matrix;
    }

    private static void add(int[][] sum, int[][] matrix) {
        for (int r = 0; r < sum.length; r++) {
            for (int c = 0; c < sum[r].length; c++) {
                sum[r][c] += matrix[r][c];
            }
        }
    }

    private static int examples(String report) {
        return Integer.parseInt(report.lines().findFirst().orElseThrow().replaceAll(".*\\((\\d+) examples\\).*", "$1"));
    }

    private static double loss(String report) {
        return Double.parseDouble(report.lines().findFirst().orElseThrow().replaceAll(".*: loss ([0-9.]+) .*", "$1"));
    }

    private static double reportValue(String report, String name) {
        return Double.parseDouble(report.lines().findFirst().orElseThrow()
                .replaceAll(".*[:·] " + name + " (-?[0-9.]+).*", "$1"));
    }

    // ---- 4. bad input --------------------------------------------------------------------------

    @Test
    void badInputFailsWithOneLineAndLeavesTheOutputAlone(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        train(trainingCsv(dir, 90, 7), runDir, 5);
        String model = runDir.toString();
        Path good = newCsv(dir, "new.csv", 20, false, false);
        Path existing = dir.resolve("existing.csv");
        Files.writeString(existing, "keep me\n");
        Path fresh = dir.resolve("out").resolve("fresh.csv");
        Files.createDirectories(fresh.getParent());

        Path missingColumn = write(dir, "missing.csv", "site,c,a", "north,1.0,2.0");
        Path extraColumn = write(dir, "extra.csv", "site,c,a,b,colour", "north,-1.0,2.0,10.0,red");
        Path unseenCategory = write(dir, "unseen.csv", "site,c,a,b", "north,-1.0,1.5,10.2", "west,-1.0,1.5,10.2");
        Path notNumber = write(dir, "nan.csv", "site,c,a,b", "north,-1.0,1.5,10.2", "south,-1.0,abc,10.2");
        Path unknownClass = write(dir, "class.csv", "site,c,species,a,b", "north,-1.0,setosa,1.5,10.2",
                "east,0.0,rose,5.5,7.2");
        Path duplicateColumn = write(dir, "dup.csv", "site,c,a,b,a", "north,-1.0,1.5,10.2,1.5");
        Path libsvm = write(dir, "new.svm", "1 1:0.5 2:0.25 3:1");
        Path idx = Files.createDirectories(dir.resolve("idx"));

        List<List<String>> cases = List.of(
                List.of("predict", model, "--csv", missingColumn.toString()),
                List.of("predict", model, "--csv", extraColumn.toString()),
                List.of("predict", model, "--csv", unseenCategory.toString()),
                List.of("predict", model, "--csv", notNumber.toString()),
                List.of("predict", model, "--csv", duplicateColumn.toString()),
                List.of("predict", model, "--libsvm", libsvm.toString()),
                List.of("predict", model, "--data-dir", idx.toString()),
                List.of("predict", model, "--csv", good.toString(), "--libsvm", libsvm.toString()));
        List<String> expected = List.of("'b'", "'colour'", "'west'", "'abc'", "'a'", "--csv", "--csv", "--libsvm");
        for (int i = 0; i < cases.size(); i++) {
            for (Path output : List.of(existing, fresh)) {
                List<String> args = new ArrayList<>(cases.get(i));
                args.addAll(List.of("--output", output.toString()));
                String message = fails(args.toArray(String[]::new));
                assertThat(message).as(args.toString()).contains(expected.get(i));
                assertThat(Files.readString(existing)).as(args.toString()).isEqualTo("keep me\n");
                assertThat(fresh).as(args.toString()).doesNotExist();
                assertThat(leftovers(dir)).as(args.toString()).isEmpty();
                assertThat(leftovers(fresh.getParent())).as(args.toString()).isEmpty();
            }
            // and without --output: nothing on standard output
            Result toStdout = execute(cases.get(i).toArray(String[]::new));
            assertThat(toStdout.code()).isEqualTo(1);
            assertThat(toStdout.out()).as(cases.get(i).toString()).isEmpty();
        }
        assertThat(fails("predict", model, "--csv", missingColumn.toString())).contains("missing column 'b'");
        assertThat(fails("predict", model, "--csv", unseenCategory.toString()))
                .contains("line 3").contains("east").contains("north").contains("south");
        assertThat(fails("predict", model, "--csv", notNumber.toString())).contains("line 3").contains("'a'");

        // evaluate: an unknown class name in the label column; a file without the label column
        String unknown = fails("evaluate", model, "--csv", unknownClass.toString());
        assertThat(unknown).contains("'rose'").contains("line 3").contains("setosa");
        assertThat(fails("evaluate", model, "--csv", good.toString())).contains("species");
        assertThat(fails("evaluate", model, "--libsvm", libsvm.toString())).contains("--csv");
        assertThat(fails("evaluate", model, "--csv", good.toString(), "--data-dir", idx.toString()))
                .contains("--csv").contains("--data-dir");
        // new data and --split together
        assertThat(fails("predict", model, "--csv", good.toString(), "--split", "test")).contains("--split");
        assertThat(fails("predict", model, "--split", "holdout")).contains("holdout");
        // the good file still works into the existing output, replacing it
        run("predict", model, "--csv", good.toString(), "--output", existing.toString());
        assertThat(Files.readAllLines(existing)).hasSize(21);
        assertThat(leftovers(dir)).isEmpty();
    }

    private static Path write(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines));
        return file;
    }

    /** Hidden partial files left beside an output. */
    private static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    // ---- 5. standard input ---------------------------------------------------------------------

    @Test
    void readsTheCsvFromStandardInputLikeTheFile(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        train(trainingCsv(dir, 90, 7), runDir, 5);
        // more rows than one streamed chunk (PredictionInput.STREAM_CHUNK), with a blank line
        for (int rows : new int[] {20, PredictionInput.STREAM_CHUNK + 37}) {
            Path file = newCsv(dir, "new-" + rows + ".csv", rows, false, true);
            String fromFile = run("predict", runDir.toString(), "--csv", file.toString());
            assertThat(fromFile.lines().count()).isEqualTo(rows + 1);
            String fromStdin = withStdin(Files.readAllBytes(file), () -> run("predict", runDir.toString(), "--csv", "-"));
            assertThat(fromStdin).isEqualTo(fromFile);

            Path output = dir.resolve("stdin-" + rows + ".csv");
            withStdin(Files.readAllBytes(file), () -> run("predict", runDir.toString(), "--csv", "-", "--output",
                    output.toString()));
            assertThat(Files.readString(output)).isEqualTo(fromFile);
        }
        // a bad row on standard input: one line, and an --output file is not created
        byte[] bad = "site,c,a,b\nnorth,-1.0,1.5,10.2\nwest,-1.0,1.5,10.2\n".getBytes(StandardCharsets.UTF_8);
        Path output = dir.resolve("bad.csv");
        String message = withStdin(bad, () -> fails("predict", runDir.toString(), "--csv", "-", "--output",
                output.toString()));
        assertThat(message).contains("standard input").contains("'west'");
        assertThat(output).doesNotExist();
        assertThat(leftovers(dir)).isEmpty();
        // ... also when it comes after more than one chunk of good rows were predicted
        StringBuilder late = new StringBuilder("site,c,a,b\n");
        for (int i = 0; i < PredictionInput.STREAM_CHUNK + 10; i++) {
            late.append("north,-1.0,1.5,10.2\n");
        }
        late.append("west,-1.0,1.5,10.2\n");
        Files.writeString(output, "keep me\n");
        String lateMessage = withStdin(late.toString().getBytes(StandardCharsets.UTF_8), () -> fails("predict",
                runDir.toString(), "--csv", "-", "--output", output.toString()));
        assertThat(lateMessage).contains("line " + (PredictionInput.STREAM_CHUNK + 12)).contains("'west'");
        assertThat(Files.readString(output)).isEqualTo("keep me\n");
        assertThat(leftovers(dir)).isEmpty();
        // labelled rows on standard input can be evaluated
        Path labelled = newCsv(dir, "labelled.csv", 30, true, false);
        String fromFile = run("evaluate", runDir.toString(), "--csv", labelled.toString());
        String fromStdin = withStdin(Files.readAllBytes(labelled), () -> run("evaluate", runDir.toString(), "--csv",
                "-"));
        assertThat(fromStdin.replace("standard input", labelled.toString())).isEqualTo(fromFile);
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    private static <T> T withStdin(byte[] bytes, Action<T> action) throws IOException {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(bytes));
        try {
            return action.run();
        } finally {
            System.setIn(saved);
        }
    }

    // ---- 6. regression -------------------------------------------------------------------------

    @Test
    void regressionModelEvaluatesItsSplitAndPredictsValuesFromNamedColumns(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("reg");
        // the default 256-128 SGD lr 0.05 diverges on diabetes' unscaled targets: a small Adam model
        String trained = run("train", "--dataset", "diabetes", "--epochs", "2", "--hidden", "16", "--optimizer",
                "adam", "--lr", "0.01", "--run-dir", runDir.toString(), "--no-plots", "--seed", "1");
        String testLine = trained.lines().filter(l -> l.startsWith("test     rmse")).findFirst().orElseThrow();
        String metrics = testLine.replaceAll("test\\s+(rmse [0-9.]+ · mae [0-9.]+ · r² -?[0-9.]+).*", "$1");
        assertThat(metrics).startsWith("rmse ");

        String evaluated = run("evaluate", runDir.toString());
        assertThat(evaluated).contains("the test split of").contains("rmse").contains("mae").contains("r²")
                .contains(metrics);

        Predictor predictor = Predictor.load(runDir);
        assertThat(predictor.task()).isEqualTo(ModelBundle.Task.REGRESSION);
        List<String> names = BuiltInDatasets.featureNames("diabetes");
        RegressionDataset diabetes = BuiltInDatasets.diabetes();
        int n = 15;
        int d = names.size();
        // columns reversed, no target column
        List<String> lines = new ArrayList<>();
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        lines.add(String.join(",", reversed));
        float[][] raw = new float[n][d];
        for (int r = 0; r < n; r++) {
            List<String> cells = new ArrayList<>();
            for (int c = d - 1; c >= 0; c--) {
                raw[r][c] = diabetes.features().data()[r * d + c];
                cells.add(Float.toString(raw[r][c]));
            }
            lines.add(String.join(",", cells));
        }
        Path csv = dir.resolve("diabetes-new.csv");
        Files.write(csv, lines);

        List<String> rows = run("predict", runDir.toString(), "--csv", csv.toString()).lines().toList();
        assertThat(rows.get(0)).isEqualTo("line,predicted");
        assertThat(rows).hasSize(n + 1);
        float[][] values = predictor.predictValues(raw);
        for (int r = 0; r < n; r++) {
            String[] cells = rows.get(r + 1).split(",");
            assertThat(cells).hasSize(2);
            assertThat(cells[0]).isEqualTo(Integer.toString(r + 2));
            assertThat(Float.parseFloat(cells[1])).as("row %d", r).isEqualTo(values[r][0]);
        }

        // with the target column, predict adds it and evaluate reads it
        List<String> withTarget = new ArrayList<>();
        withTarget.add(lines.get(0) + ",target");
        for (int r = 0; r < n; r++) {
            withTarget.add(lines.get(r + 1) + "," + diabetes.target(r));
        }
        Path labelled = dir.resolve("diabetes-labelled.csv");
        Files.write(labelled, withTarget);
        List<String> labelledRows = run("predict", runDir.toString(), "--csv", labelled.toString()).lines().toList();
        assertThat(labelledRows.get(0)).isEqualTo("line,predicted,target");
        assertThat(run("evaluate", runDir.toString(), "--csv", labelled.toString()))
                .contains("(" + n + " examples): rmse");
        // all 442 rows with their targets: the splits' squared errors add up to the whole file's
        List<String> all = new ArrayList<>();
        all.add("target," + String.join(",", names));
        for (int r = 0; r < diabetes.size(); r++) {
            List<String> cells = new ArrayList<>();
            cells.add(Float.toString(diabetes.target(r)));
            for (int c = 0; c < d; c++) {
                cells.add(Float.toString(diabetes.features().data()[r * d + c]));
            }
            all.add(String.join(",", cells));
        }
        Path allCsv = dir.resolve("diabetes-all.csv");
        Files.write(allCsv, all);
        double squared = 0;
        int examples = 0;
        for (String split : List.of("test", "validation", "train")) {
            String report = run("evaluate", runDir.toString(), "--split", split);
            int count = examples(report);
            examples += count;
            squared += count * reportValue(report, "mse");
        }
        String whole = run("evaluate", runDir.toString(), "--csv", allCsv.toString());
        assertThat(examples).isEqualTo(diabetes.size());
        assertThat(examples(whole)).isEqualTo(diabetes.size());
        assertThat(reportValue(whole, "mse")).isCloseTo(squared / examples,
                org.assertj.core.data.Percentage.withPercentage(0.01));

        // a classification-style bad cell is refused the same way
        Path bad = write(dir, "bad.csv", String.join(",", names), String.join(",", java.util.Collections.nCopies(d - 1,
                "0.01")) + ",x");
        assertThat(fails("predict", runDir.toString(), "--csv", bad.toString())).contains("'x'");
    }

    // ---- 7. a model file outside its run directory ---------------------------------------------

    @Test
    void aModelFileOutsideItsRunDirectoryPredictsNewDataButHasNoSplits(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        train(trainingCsv(dir, 90, 7), runDir, 5);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path copy = elsewhere.resolve("iris-like.safetensors");
        Files.copy(runDir.resolve("model.safetensors"), copy);
        Path newCsv = newCsv(dir, "new.csv", 20, false, true);

        String fromRun = run("predict", runDir.toString(), "--csv", newCsv.toString());
        String fromCopy = run("predict", copy.toString(), "--csv", newCsv.toString());
        assertThat(fromCopy).isEqualTo(fromRun);
        assertThat(fromCopy.lines().findFirst().orElseThrow())
                .isEqualTo("line,predicted,p_setosa,p_versicolor,p_virginica");

        String predictMessage = fails("predict", copy.toString());
        assertThat(predictMessage).contains(copy.toString()).contains("--csv");
        String evaluateMessage = fails("evaluate", copy.toString());
        assertThat(evaluateMessage).contains("--csv");

        // even with the training file gone, new data works
        Files.delete(dir.resolve("train.csv"));
        assertThat(run("predict", copy.toString(), "--csv", newCsv.toString())).isEqualTo(fromRun);
    }

    // ---- 8. a model trained on a streamed CSV --------------------------------------------------

    /**
     * {@code train --csv FILE --stream} reads a CSV with a header; its model should predict on
     * CSV files too, as {@code evaluate RUN} itself advises ("give new data with --csv FILE or
     * --libsvm FILE").
     */
    @Test
    void aModelTrainedOnAStreamedCsvTakesTheCsvItsOwnErrorMessageAsksFor(@TempDir Path dir) throws IOException {
        // numeric columns and integer labels: what a stream accepts
        Random random = new Random(3);
        List<String> trainLines = new ArrayList<>(List.of("a,b,c,species"));
        for (int i = 0; i < 90; i++) {
            String[] r = row(random, i % 3);
            trainLines.add(String.join(",", r[0], r[1], r[2], Integer.toString(i % 3)));
        }
        Path trainCsv = dir.resolve("stream-train.csv");
        Files.write(trainCsv, trainLines);
        List<String> testLines = new ArrayList<>(List.of("a,b,c,species"));
        for (int i = 0; i < 15; i++) {
            String[] r = row(random, i % 3);
            testLines.add(String.join(",", r[0], r[1], r[2], Integer.toString(i % 3)));
        }
        Path testCsv = dir.resolve("stream-test.csv");
        Files.write(testCsv, testLines);
        Path runDir = dir.resolve("stream-run");
        String trained = run("train", "--csv", trainCsv.toString(), "--stream", "--classes", "3", "--test-csv",
                testCsv.toString(), "--label-column", "species", "--hidden", "8", "--epochs", "5", "--run-dir",
                runDir.toString(), "--no-plots", "--seed", "1");
        String accuracy = trainedAccuracy(trained);

        String noSplits = fails("evaluate", runDir.toString());
        assertThat(noSplits).contains("stream").contains("--csv FILE");
        // as advised: the test file, by column names
        Result evaluated = execute("evaluate", runDir.toString(), "--csv", testCsv.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("accuracy " + accuracy);
        Result predicted = execute("predict", runDir.toString(), "--csv", testCsv.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.out().lines().findFirst().orElseThrow()).isEqualTo("line,predicted,label,p_0,p_1,p_2");
    }
}
