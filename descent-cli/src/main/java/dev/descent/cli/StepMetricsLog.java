package dev.descent.cli;

import dev.descent.train.EpochReport;
import dev.descent.train.TrainingCallback;
import dev.descent.train.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * {@code metrics-steps.csv}: the training curve within epochs, where {@code metrics.csv} has one
 * row per epoch. A row every {@code training.log_every_steps} updates of an epoch (by default
 * max(1, ⌊updates per epoch / 50⌋), about 50 rows an epoch) and one at each epoch's end:
 * <ul>
 *   <li>{@code step}: updates done in all, as in {@code metrics.csv};</li>
 *   <li>{@code epoch}: fractional, {@code epoch − 1 + updates of the epoch / updates per epoch}, so the row at an
 *       epoch's end reads 1.0, 2.0…;</li>
 *   <li>{@code examples_seen}: training examples trained on in all;</li>
 *   <li>{@code train_loss}: the mean loss over the examples of the batches since the previous row (the batches'
 *       losses before their updates, weighted by their sizes, as {@code metrics.csv}'s epoch mean is);</li>
 *   <li>{@code lr}: the optimizer's rate after the row's last update (the rate of the next one), as in
 *       {@code metrics.csv};</li>
 *   <li>{@code elapsed_seconds}: wall time since training started, validation included.</li>
 * </ul>
 *
 * <p>Rows are kept in primitive arrays and appended as whole lines in one write, at each epoch's end and at most
 * every {@value #FLUSH_SECONDS} seconds within one, so logging costs a few array stores per update and a
 * killed run leaves whole lines. A stream's epoch length is unknown until its first epoch ends: its rows wait for
 * it. Resuming ({@code --resume}) in place keeps the rows up to the checkpoint's step, drops any written after it
 * (and a line cut short), and continues the examples and seconds from the last row kept; a run resumed into a new
 * directory counts both from the resume. A run that fails (diverges, say) keeps the rows written up to
 * {@value #FLUSH_SECONDS} seconds before, and every finished epoch's.
 */
final class StepMetricsLog implements TrainingCallback {
    static final String FILE = "metrics-steps.csv";
    static final List<String> COLUMNS = List.of("step", "epoch", "examples_seen", "train_loss", "lr",
            "elapsed_seconds");
    static final String HEADER = String.join(",", COLUMNS);
    /** Rows an epoch when {@code training.log_every_steps} is not set. */
    static final int DEFAULT_ROWS_PER_EPOCH = 50;
    /** The longest pending rows wait within an epoch before they are written. */
    static final int FLUSH_SECONDS = 2;
    /** Updates a stream's epoch is taken to have for the default interval (as its schedules count). */
    private static final int STREAM_STEPS_PER_EPOCH = 1000;

    /** Receives each row's fractional epoch and training loss, once its epoch is known (for the run's plots). */
    interface TrainingPoints {
        void add(double epoch, double trainLoss);
    }

    private final Path file;
    private final int every;
    private final TrainingPoints points;
    /** Updates per epoch, or 0 while unknown (a stream before its first epoch ends). */
    private long stepsPerEpoch;
    private final long examplesBefore;
    private final double secondsBefore;
    private long startNanos;
    private long lastFlushNanos;

    private int epoch;
    private long stepBeforeEpoch;
    private long epochExamples;
    private boolean examplesCounted = true;
    private long examplesSeen;
    private double windowLossSum;
    private long windowWeight;
    private int windowSteps;

    private int pending;
    private long[] rowStep = new long[64];
    private int[] rowEpoch = new int[64];
    private long[] rowStepInEpoch = new long[64];
    private long[] rowExamples = new long[64];
    private double[] rowLoss = new double[64];
    private double[] rowRate = new double[64];
    private double[] rowSeconds = new double[64];
    private final StringBuilder text = new StringBuilder(4096);

    private StepMetricsLog(Path file, int every, long stepsPerEpoch, long examplesBefore, double secondsBefore,
                           TrainingPoints points) {
        this.file = file;
        this.every = every;
        this.stepsPerEpoch = Math.max(0, stepsPerEpoch);
        this.examplesBefore = examplesBefore;
        this.secondsBefore = secondsBefore;
        this.points = points;
    }

    /**
     * The log of a run in {@code runDirectory}: a new file when no update is done yet, else the
     * existing one cut back to {@code stepsDone} (a resumed run; a missing file is started anew).
     *
     * @param logEverySteps {@code training.log_every_steps}, or null for the default
     * @param stepsPerEpoch updates per epoch, or a negative number when unknown (a stream)
     * @param points receives the rows for the plots, or null
     */
    static StepMetricsLog start(Path runDirectory, Integer logEverySteps, int stepsPerEpoch, long stepsDone,
                                TrainingPoints points) {
        int every = logEverySteps != null ? logEverySteps : defaultInterval(stepsPerEpoch);
        Path file = runDirectory.resolve(FILE);
        long examplesBefore = 0;
        double secondsBefore = 0;
        StringBuilder kept = new StringBuilder(HEADER).append('\n');
        if (stepsDone > 0 && Files.isRegularFile(file)) {
            List<String> lines = completeLines(file);
            if (!lines.isEmpty() && lines.get(0).equals(HEADER)) {
                for (String line : lines.subList(1, lines.size())) {
                    double[] row = parse(line);
                    if (row != null && row[0] <= stepsDone) {
                        kept.append(line).append('\n');
                        examplesBefore = Double.isFinite(row[2]) ? (long) row[2] : examplesBefore;
                        secondsBefore = Double.isFinite(row[5]) ? row[5] : secondsBefore;
                    }
                }
            } // another header: a file this version does not write; started anew
        }
        RunDirectory.writeAtomically(file, kept.toString());
        return new StepMetricsLog(file, every, stepsPerEpoch, examplesBefore, secondsBefore, points);
    }

    /** max(1, ⌊updates per epoch / 50⌋); a stream counts 1000 updates an epoch. */
    static int defaultInterval(int stepsPerEpoch) {
        return Math.max(1, (stepsPerEpoch > 0 ? stepsPerEpoch : STREAM_STEPS_PER_EPOCH) / DEFAULT_ROWS_PER_EPOCH);
    }

    /**
     * Wall time since training started, validation included, counted on from a resumed run's last row: the clock of
     * the {@code elapsed_seconds} column, which {@code metrics.jsonl}'s epoch rows share.
     */
    double elapsedSeconds() {
        return secondsBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        startNanos = System.nanoTime();
        lastFlushNanos = startNanos;
    }

    @Override
    public void onStepEnd(TrainingContext context) {
        if (context.epoch() != epoch) {
            epoch = context.epoch();
            stepBeforeEpoch = context.step() - 1;
            epochExamples = 0;
        }
        long examples = context.epochExamples();
        long batch;
        if (examples >= 0) {
            batch = examples - epochExamples;
            epochExamples = examples;
        } else { // a loop that does not count examples: batches weigh alike, and examples_seen stays empty
            batch = 1;
            examplesCounted = false;
        }
        examplesSeen += batch;
        windowLossSum += context.batchLoss() * batch;
        windowWeight += batch;
        windowSteps++;
        if ((context.step() - stepBeforeEpoch) % every == 0) {
            addRow(context);
        }
    }

    @Override
    public void onEpochEnd(EpochReport report, TrainingContext context) {
        if (windowSteps > 0) {
            addRow(context); // the epoch's last, shorter stretch
        }
        if (stepsPerEpoch == 0) {
            stepsPerEpoch = Math.max(1, context.step() - stepBeforeEpoch); // a stream's first epoch: now known
        }
        flush();
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
        if (stepsPerEpoch > 0) {
            flush();
        }
    }

    private void addRow(TrainingContext context) {
        if (pending == rowStep.length) {
            grow();
        }
        long now = System.nanoTime();
        rowStep[pending] = context.step();
        rowEpoch[pending] = epoch;
        rowStepInEpoch[pending] = context.step() - stepBeforeEpoch;
        rowExamples[pending] = examplesCounted ? examplesBefore + examplesSeen : -1;
        rowLoss[pending] = windowLossSum / windowWeight;
        rowRate[pending] = context.optimizer().learningRate();
        rowSeconds[pending] = secondsBefore + (now - startNanos) / 1e9;
        pending++;
        windowLossSum = 0;
        windowWeight = 0;
        windowSteps = 0;
        if (stepsPerEpoch > 0 && now - lastFlushNanos > FLUSH_SECONDS * 1_000_000_000L) {
            flush();
        }
    }

    /** Appends the pending rows as whole lines in one write. */
    private void flush() {
        if (pending == 0) {
            return;
        }
        text.setLength(0);
        for (int i = 0; i < pending; i++) {
            double fraction = Math.min(1, (double) rowStepInEpoch[i] / stepsPerEpoch);
            double epochs = rounded(rowEpoch[i] - 1 + fraction, 1e6);
            text.append(rowStep[i]).append(',').append(epochs).append(',');
            if (rowExamples[i] >= 0) {
                text.append(rowExamples[i]);
            }
            text.append(',').append(rowLoss[i]).append(',').append(rowRate[i]).append(',')
                    .append(rounded(rowSeconds[i], 1e3)).append('\n');
            if (points != null) {
                points.add(epochs, rowLoss[i]);
            }
        }
        pending = 0;
        lastFlushNanos = System.nanoTime();
        try {
            Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (" + FileErrors.reason(e) + ")", e);
        }
    }

    private void grow() {
        int size = rowStep.length * 2;
        rowStep = Arrays.copyOf(rowStep, size);
        rowEpoch = Arrays.copyOf(rowEpoch, size);
        rowStepInEpoch = Arrays.copyOf(rowStepInEpoch, size);
        rowExamples = Arrays.copyOf(rowExamples, size);
        rowLoss = Arrays.copyOf(rowLoss, size);
        rowRate = Arrays.copyOf(rowRate, size);
        rowSeconds = Arrays.copyOf(rowSeconds, size);
    }

    private static double rounded(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    /** A row's numbers in {@link #COLUMNS} order (an empty cell is NaN), or null for a torn or foreign line. */
    private static double[] parse(String line) {
        String[] cells = line.split(",", -1);
        if (cells.length != COLUMNS.size()) {
            return null;
        }
        double[] row = new double[cells.length];
        try {
            for (int i = 0; i < cells.length; i++) {
                row[i] = cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return Double.isNaN(row[0]) ? null : row;
    }

    /** The file's lines that end in a line break: a line cut short by a crash or a full disk is left out. */
    static List<String> completeLines(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + FileErrors.reason(e) + ")", e);
        }
        int end = content.lastIndexOf('\n');
        return end < 0 ? List.of() : content.substring(0, end).lines().toList();
    }
}
