package dev.descent.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes columns of numbers as a CSV file with a header row, full double precision. */
final class SeriesCsv {
    private SeriesCsv() {
    }

    /** {@code columns[c][r]} is row {@code r} of column {@code c}; all columns the same length. */
    static Path write(Path directory, String baseName, String[] header, double[]... columns) {
        if (header.length != columns.length) {
            throw new IllegalArgumentException(baseName + ": " + header.length + " column names for "
                    + columns.length + " columns");
        }
        int rows = columns.length == 0 ? 0 : columns[0].length;
        for (int c = 1; c < columns.length; c++) {
            if (columns[c].length != rows) {
                throw new IllegalArgumentException(baseName + ": column '" + header[c] + "' has " + columns[c].length
                        + " rows, column '" + header[0] + "' " + rows);
            }
        }
        Path file = directory.resolve(baseName + ".csv");
        try {
            Files.createDirectories(directory);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(String.join(",", header));
                out.write('\n');
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < columns.length; c++) {
                        if (c > 0) {
                            out.write(',');
                        }
                        out.write(format(columns[c][r]));
                    }
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%d", (long) v) : Double.toString(v);
    }
}
