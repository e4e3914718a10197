package dev.descent.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes run directories as {@code descent train} does, so the dashboard's tests need no real run: config.yaml,
 * metrics.csv, metrics.jsonl, metrics-steps.csv, status.json, summary.json and plots/*.png.
 *
 * <pre>{@code
 * RunFixture run = RunFixture.create(root.resolve("a")).epochs(3).steps(10).status("running", pid);
 * run.appendEpoch();   // one more metrics.jsonl line, as the trainer writes it
 * }</pre>
 */
final class RunFixture {
    static final String EPOCH_HEADER = "epoch,step,lr,train_loss,val_loss,val_accuracy,gap,samples_per_second,seconds";
    static final String STEP_HEADER = "step,epoch,examples_seen,train_loss,lr,elapsed_seconds";
    static final String CONFIG = """
            task: classification
            data:
              dataset: digits
            model:
              kind: mlp
              hidden: [256, 128]
            optimizer:
              name: sgd
              lr: 0.05
            training:
              epochs: 5
              batch_size: 64
            schedule:
              name: linear
            """;
    /** A real 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    final Path dir;
    private int epochs;
    private int steps;

    private RunFixture(Path dir) {
        this.dir = dir;
    }

    /** A run that has started: its config, the metric files' headers, no rows yet, no status. */
    static RunFixture create(Path dir) {
        return create(dir, CONFIG);
    }

    static RunFixture create(Path dir, String configYaml) {
        RunFixture run = new RunFixture(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.write("config.yaml", configYaml);
        run.write("metrics.csv", EPOCH_HEADER + "\n");
        run.write("metrics.jsonl", "");
        run.write("metrics-steps.csv", STEP_HEADER + "\n");
        return run;
    }

    /** A finished run: 3 epochs, 10 steps, status finished, a summary with a test report, two plots. */
    static RunFixture finished(Path dir) {
        return create(dir).epochs(3).steps(10).status("finished", 12345).summary("0", "1", "2").plot("loss.png")
                .plot("accuracy.png");
    }

    /** Appends {@code n} epoch rows (metrics.csv and metrics.jsonl). */
    RunFixture epochs(int n) {
        for (int i = 0; i < n; i++) {
            appendEpoch();
        }
        return this;
    }

    /** Appends {@code n} step rows to metrics-steps.csv. */
    RunFixture steps(int n) {
        for (int i = 0; i < n; i++) {
            appendStep();
        }
        return this;
    }

    int epochCount() {
        return epochs;
    }

    int stepCount() {
        return steps;
    }

    /** One more epoch, written as the trainer does: a whole line at once. */
    RunFixture appendEpoch() {
        epochs++;
        append("metrics.csv", epochCsv(epochs) + "\n");
        append("metrics.jsonl", epochJson(epochs) + "\n");
        return this;
    }

    RunFixture appendStep() {
        steps++;
        append("metrics-steps.csv", stepCsv(steps) + "\n");
        return this;
    }

    static double trainLoss(int epoch) {
        return 2.0 / epoch;
    }

    static double valAccuracy(int epoch) {
        return 0.5 + 0.4 * (1 - 1.0 / epoch);
    }

    static String epochJson(int epoch) {
        return String.format(Locale.ROOT, "{\"epoch\":%d,\"step\":%d,\"lr\":%s,\"train_loss\":%s,\"val_loss\":%s,"
                        + "\"val_accuracy\":%s,\"gap\":%s,\"samples_per_second\":%s,\"seconds\":%s}", epoch, epoch * 21,
                0.05 / epoch, trainLoss(epoch), 2.2 / epoch, valAccuracy(epoch), 0.2 / epoch, 1000.0 * epoch, 0.5);
    }

    static String epochCsv(int epoch) {
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s", epoch, epoch * 21, 0.05 / epoch,
                trainLoss(epoch), 2.2 / epoch, valAccuracy(epoch), 0.2 / epoch, 1000.0 * epoch, 0.5);
    }

    static String stepCsv(int step) {
        return String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%s", step, step / 21.0, step * 64, 2.3 - 0.01 * step, 0.05,
                0.01 * step);
    }

    /** status.json, replaced atomically (temp file + move) as a careful writer does. */
    RunFixture status(String status, long pid) {
        String json = "{\"status\":\"" + status + "\",\"pid\":" + pid + ",\"started\":\"2026-12-07T00:00:00Z\","
                + "\"updated\":\"2026-12-07T00:00:05Z\",\"epochs\":5,\"message\":null}";
        replace("status.json", json);
        return this;
    }

    /** summary.json with a test report whose classes have these names. */
    RunFixture summary(String... classNames) {
        StringBuilder classes = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (String name : classNames) {
            names.add(quote(name));
            classes.append(classes.length() == 0 ? "" : ",").append("{\"name\":").append(quote(name))
                    .append(",\"precision\":0.9,\"recall\":0.8,\"f1\":0.85,\"support\":10}");
        }
        StringBuilder matrix = new StringBuilder();
        for (int i = 0; i < classNames.length; i++) {
            matrix.append(i == 0 ? "" : ",").append("[");
            for (int j = 0; j < classNames.length; j++) {
                matrix.append(j == 0 ? "" : ",").append(i == j ? 9 : 0);
            }
            matrix.append("]");
        }
        String avg = "{\"precision\":0.9,\"recall\":0.8,\"f1\":0.85,\"support\":" + 10 * classNames.length + "}";
        write("summary.json", "{\"task\":\"classification\",\"epochs\":5,\"test_accuracy\":0.91,\"test_loss\":0.33,"
                + "\"test_report\":{\"classes\":[" + classes + "],\"accuracy\":0.91,\"macro_avg\":" + avg
                + ",\"weighted_avg\":" + avg + ",\"confusion_matrix\":[" + matrix + "],\"class_names\":" + names + "}}");
        return this;
    }

    RunFixture plot(String name) {
        try {
            Files.createDirectories(dir.resolve("plots"));
            Files.write(dir.resolve("plots").resolve(name), PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    static String quote(String text) {
        return Json.write(text);
    }

    RunFixture write(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RunFixture write(String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Appends text as is (no newline added): a half-written line is {@code append(f, "{\"epoch\":3,")}. */
    RunFixture append(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces a file by another (a new inode), the way a resumed run rewrites its files. */
    RunFixture replace(String name, String content) {
        try {
            Path temp = dir.resolve("." + name + ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** metrics-steps.csv rewritten (new file, moved over the old) with only its first {@code n} rows. */
    RunFixture rewriteSteps(int n) {
        StringBuilder text = new StringBuilder(STEP_HEADER).append('\n');
        for (int s = 1; s <= n; s++) {
            text.append(stepCsv(s)).append('\n');
        }
        replace("metrics-steps.csv", text.toString());
        steps = n;
        return this;
    }
}
