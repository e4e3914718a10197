package dev.descent.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an experiment found: its claim, the settings it ran with, the measured figures, whether
 * they support the claim and why, and the files it wrote (series and plots).
 */
public final class Results {
    private final String experiment;
    private final String claim;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Path> series = new ArrayList<>();
    private final List<Path> plots = new ArrayList<>();
    private boolean supported;
    private String verdict = "";

    public Results(Experiment experiment) {
        this.experiment = experiment.name();
        this.claim = experiment.claim();
    }

    public Results setting(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    public Results finding(String name, double value, String unit) {
        findings.add(new Finding(name, value, unit));
        return this;
    }

    public Results series(Path csv) {
        series.add(csv);
        return this;
    }

    public Results plots(List<Path> files) {
        plots.addAll(files);
        return this;
    }

    /** Whether the figures support the claim, and one or two sentences that say why. */
    public Results verdict(boolean supportsClaim, String why) {
        this.supported = supportsClaim;
        this.verdict = why;
        return this;
    }

    public String experiment() {
        return experiment;
    }

    public String claim() {
        return claim;
    }

    public Map<String, Object> settings() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public List<Path> seriesFiles() {
        return List.copyOf(series);
    }

    public List<Path> plotFiles() {
        return List.copyOf(plots);
    }

    public boolean supported() {
        return supported;
    }

    public String verdict() {
        return verdict;
    }

    /** The finding called {@code name}. */
    public double value(String name) {
        for (Finding f : findings) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        throw new IllegalArgumentException("no finding named '" + name + "' in " + experiment);
    }
}
