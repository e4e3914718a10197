package dev.descent.cli;

import dev.descent.cli.config.SearchValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trials.csv} of {@code descent tune}: one row per trial, appended as soon as the trial
 * ends, so a search that is stopped keeps every finished trial. Columns: {@code trial},
 * {@code seed} (the training seed), one per searched key (its value as {@code --set} takes it),
 * {@code val_score}, {@code val_loss}, {@code train_loss}, {@code epochs}, {@code seconds},
 * {@code status}. A field holding a comma or a quote is quoted as RFC 4180 says.
 */
final class TrialsCsv {
    private final Path file;

    private TrialsCsv(Path file) {
        this.file = file;
    }

    /** Creates (or empties) {@code file} and writes the header. */
    static TrialsCsv create(Path file, List<String> keys) {
        List<String> header = new ArrayList<>(List.of("trial", "seed"));
        header.addAll(keys);
        header.addAll(List.of("val_score", "val_loss", "train_loss", "epochs", "seconds", "status"));
        TrialsCsv csv = new TrialsCsv(file);
        csv.write(header, StandardOpenOption.TRUNCATE_EXISTING);
        return csv;
    }

    void append(TuneTrial trial) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(trial.number()),
                Long.toString(trial.config().training().seed())));
        trial.values().stream().map(SearchValue::text).forEach(row::add);
        row.add(number(trial.score()));
        row.add(number(trial.validationLoss()));
        row.add(number(trial.trainLoss()));
        row.add(Integer.toString(trial.epochs()));
        row.add(String.format(java.util.Locale.ROOT, "%.3f", trial.seconds()));
        row.add(trial.status());
        write(row, StandardOpenOption.APPEND);
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    private void write(List<String> fields, StandardOpenOption mode) {
        List<String> quoted = fields.stream().map(TrialsCsv::quote).toList();
        try {
            Files.writeString(file, String.join(",", quoted) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String quote(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n")
                ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
