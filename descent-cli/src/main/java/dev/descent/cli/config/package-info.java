/**
 * Run configurations: a YAML file (or the defaults) plus {@code --set key=value} overrides,
 * bound to a tree of validated records.
 *
 * <pre>
 *   RunConfig config = ConfigLoader.load(Path.of("examples/mnist-mlp.yaml"), List.of("optimizer.lr=0.01"));
 *   ConfigWriter.write(config, runDirectory.resolve("config.yaml"));   // every default filled in
 * </pre>
 *
 * <p>{@link dev.descent.cli.config.RunConfig} is the root: {@code task}, {@code data},
 * {@code model}, {@code optimizer}, {@code schedule}, {@code training} and {@code run}, each a
 * record with snake_case keys whose compact constructor fills in the defaults (those of
 * {@code descent train}) and checks every value. A record's error names the dotted key, the
 * value and what is allowed: {@code optimizer.momentum: out of range, got 1.5; allowed: [0, 1)}.
 * Hyper-parameters carry PyTorch's names ({@code lr}, {@code betas}, {@code weight_decay}…); a
 * key that the chosen optimizer, schedule or model does not have is an error rather than
 * silently ignored. A {@code null} value anywhere means "the default".
 *
 * <p>{@link dev.descent.cli.config.ConfigLoader} turns every problem (YAML syntax, an unknown
 * key, a wrong type, an invalid value) into a one-line
 * {@link dev.descent.cli.config.ConfigException} that says where it is (file line and column,
 * or the {@code --set} argument) and, for an unknown key, the closest valid one.
 */
package dev.descent.cli.config;
