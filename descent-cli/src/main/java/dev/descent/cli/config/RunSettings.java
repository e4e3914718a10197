package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.orDefault;

import java.util.regex.Pattern;

/**
 * The {@code run} section: where the run's outputs go, {@code <dir>/<name>/} (its resolved
 * {@code config.yaml}, checkpoints, metrics, plots).
 *
 * @param name letters, digits, '.', '_' and '-', starting with a letter or digit (default
 *     {@code null}: one is made up when the run starts, e.g. from the time)
 * @param dir the folder holding the runs (default "runs")
 * @param plots whether the run draws its curves and confusion matrix into {@code plots/} as
 *     PNG and SVG (default true; {@code --no-plots} sets false)
 */
public record RunSettings(String name, String dir, Boolean plots) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public RunSettings {
        if (name != null && !NAME.matcher(name).matches()) {
            throw ConfigChecks.invalid("run.name", "not a usable folder name", name,
                    "letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        dir = orDefault(dir, "runs");
        if (dir.isBlank()) {
            throw ConfigChecks.invalid("run.dir", "empty", dir, "a folder, e.g. 'runs'");
        }
        plots = orDefault(plots, true);
    }

    /** Unnamed runs under {@code runs/}. */
    public static RunSettings defaults() {
        return new RunSettings(null, null, null);
    }
}
