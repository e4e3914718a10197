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
    private Verdict verdict = Verdict.INCONCLUSIVE;
    private String why = "";
    private String rule = "";
    private final String source;

    public Results(Experiment experiment) {
        this.experiment = experiment.name();
        this.claim = experiment.claim();
        this.source = experiment.source();
    }

    public Results setting(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    public Results finding(String name, double value, String unit) {
        findings.add(new Finding(name, value, unit));
        return this;
    }

    /** A figure measured once per seed, recorded as its mean with the standard error. */
    public Results finding(String name, OverSeeds values, String unit) {
        findings.add(new Finding(name, values.mean(), unit, values.count() > 1 ? values.standardError() : Double.NaN,
                values.count()));
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
        return verdict(Verdict.of(supportsClaim), why);
    }

    /** The verdict, and one or two sentences with the figures that decided it. */
    public Results verdict(Verdict verdict, String why) {
        this.verdict = java.util.Objects.requireNonNull(verdict, "verdict");
        this.why = why;
        return this;
    }

    /**
     * The rule that turns the figures into the verdict, stated so that a reader can apply it
     * to the findings by hand, e.g. "supported when every decay's final validation loss is
     * below the constant rate's by more than two standard errors of the paired difference".
     */
    public Results rule(String rule) {
        this.rule = rule;
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
        return verdict == Verdict.SUPPORTED;
    }

    public Verdict outcome() {
        return verdict;
    }

    /** The sentences that say why the verdict is what it is. */
    public String verdict() {
        return why;
    }

    public String rule() {
        return rule;
    }

    /** Where the claim comes from: the lecture idea it tests. */
    public String source() {
        return source;
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
