package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.atLeast;
import static dev.descent.cli.config.ConfigChecks.nonNegative;
import static dev.descent.cli.config.ConfigChecks.orDefault;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The {@code data.synthetic} section: a data set drawn at start-up instead of read, with a known
 * answer (see {@code dev.descent.data.SyntheticData}).
 *
 * <ul>
 *   <li>{@code linear-regression}: y = x·w + b + noise·ε, x and w standard normal; a regression task.</li>
 *   <li>{@code two-moons}: two interleaved half circles in the plane, {@code noise} the standard deviation
 *       around them; 2 classes, {@code features} is 2.</li>
 *   <li>{@code blobs}: {@code classes} Gaussian clusters, {@code noise} their spread.</li>
 * </ul>
 *
 * @param kind what to draw (default linear-regression)
 * @param n examples, ≥ 2 (default 1000)
 * @param features ≥ 1 (default 10 for linear-regression, 2 otherwise; two-moons only 2)
 * @param noise ≥ 0 (default 0.1, 1.0 for blobs)
 * @param classes the clusters of blobs, ≥ 2 (default 3); 2 for two-moons; none for linear-regression
 * @param seed of the draw (default: {@code training.seed}, filled in by {@link RunConfig})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyntheticDataSettings(Kind kind, Integer n, Integer features, Double noise, Integer classes,
        Long seed) {

    /** Which synthetic data set to generate. */
    public enum Kind implements ConfigChoice {
        LINEAR_REGRESSION("linear-regression"),
        TWO_MOONS("two-moons"),
        BLOBS("blobs");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }

        /** Whether the targets are real numbers rather than classes. */
        public boolean regression() {
            return this == LINEAR_REGRESSION;
        }
    }

    public SyntheticDataSettings {
        kind = orDefault(kind, Kind.LINEAR_REGRESSION);
        n = (int) atLeast("data.synthetic.n", orDefault(n, 1000), 2);
        features = (int) atLeast("data.synthetic.features", orDefault(features, kind.regression() ? 10 : 2), 1);
        if (kind == Kind.TWO_MOONS && features != 2) {
            throw ConfigChecks.invalid("data.synthetic.features", "two-moons lie in the plane", features, "2");
        }
        noise = nonNegative("data.synthetic.noise", orDefault(noise, kind == Kind.BLOBS ? 1.0 : 0.1));
        switch (kind) {
            case LINEAR_REGRESSION -> ConfigChecks.notTaken("data.synthetic.classes", classes, "linear-regression",
                    List.of("kind", "n", "features", "noise", "seed"));
            case TWO_MOONS -> {
                classes = orDefault(classes, 2);
                if (classes != 2) {
                    throw ConfigChecks.invalid("data.synthetic.classes", "two-moons has two classes", classes, "2");
                }
            }
            case BLOBS -> classes = (int) atLeast("data.synthetic.classes", orDefault(classes, 3), 2);
        }
    }

    /** {@code kind} with its defaults (the seed left to {@link RunConfig}). */
    public static SyntheticDataSettings of(Kind kind) {
        return new SyntheticDataSettings(kind, null, null, null, null, null);
    }

    /** The same settings drawn with {@code value} as the seed. */
    public SyntheticDataSettings withSeed(long value) {
        return new SyntheticDataSettings(kind, n, features, noise, classes, value);
    }
}
