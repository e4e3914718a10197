package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.closedFraction;
import static dev.descent.cli.config.ConfigChecks.fraction;
import static dev.descent.cli.config.ConfigChecks.nonNegative;
import static dev.descent.cli.config.ConfigChecks.notTaken;
import static dev.descent.cli.config.ConfigChecks.orDefault;
import static dev.descent.cli.config.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.optim.AdaGrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Adamax;
import dev.descent.optim.Momentum;
import dev.descent.optim.NAdam;
import dev.descent.optim.OptimizerConfig;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;
import java.util.List;
import java.util.Objects;

/**
 * The {@code optimizer} section: an update rule by name and its hyper-parameters, with
 * PyTorch's names and defaults. Only the keys of the chosen optimizer may be given; each one
 * left out (or {@code null}) takes its default, so the resolved record holds exactly the
 * optimizer's hyper-parameters and {@code null} for the others.
 *
 * <table>
 *   <caption>Hyper-parameters and defaults</caption>
 *   <tr><th>name</th><th>keys (default)</th></tr>
 *   <tr><td>sgd</td><td>lr (0.05), momentum (0.9), dampening (0), nesterov (false), weight_decay (0)</td></tr>
 *   <tr><td>nesterov</td><td>lr (0.05), momentum (0.9), weight_decay (0)</td></tr>
 *   <tr><td>momentum</td><td>lr (0.05), momentum (0.9), weight_decay (0)</td></tr>
 *   <tr><td>adagrad</td><td>lr (0.01), lr_decay (0), weight_decay (0), initial_accumulator_value (0), eps (1e-10)</td></tr>
 *   <tr><td>rmsprop</td><td>lr (0.01), alpha (0.99), eps (1e-8), weight_decay (0), momentum (0), centered (false)</td></tr>
 *   <tr><td>adam, adamw</td><td>lr (0.001), betas ([0.9, 0.999]), eps (1e-8), weight_decay (0), amsgrad (false)</td></tr>
 *   <tr><td>amsgrad</td><td>lr (0.001), betas, eps, weight_decay (0)</td></tr>
 *   <tr><td>adamax</td><td>lr (0.002), betas, eps (1e-8), weight_decay (0)</td></tr>
 *   <tr><td>nadam</td><td>lr (0.002), betas, eps (1e-8), weight_decay (0), momentum_decay (0.004)</td></tr>
 * </table>
 *
 * <p>The SGD family's defaults are {@code descent train}'s (lr 0.05, momentum 0.9), not
 * PyTorch's; {@code weight_decay} is 0 for every optimizer, adamw included (PyTorch: 0.01).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerSettings(Name name, Double lr, Double momentum, Double dampening, Boolean nesterov,
        Double weightDecay, List<Double> betas, Double eps, Boolean amsgrad, Double alpha, Boolean centered,
        Double lrDecay, Double initialAccumulatorValue, Double momentumDecay) {

    /** The update rules {@code descent train} offers. */
    public enum Name implements ConfigChoice {
        SGD("sgd", 0.05, List.of("lr", "momentum", "dampening", "nesterov", "weight_decay")),
        /** SGD with Nesterov momentum (sgd with nesterov: true). */
        NESTEROV("nesterov", 0.05, List.of("lr", "momentum", "weight_decay")),
        /** The lectures' momentum: v ← λv − α∇, θ ← θ + v. */
        MOMENTUM("momentum", 0.05, List.of("lr", "momentum", "weight_decay")),
        ADAGRAD("adagrad", 0.01, List.of("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps")),
        RMSPROP("rmsprop", 0.01, List.of("lr", "alpha", "eps", "weight_decay", "momentum", "centered")),
        ADAM("adam", 1e-3, List.of("lr", "betas", "eps", "weight_decay", "amsgrad")),
        /** Adam with amsgrad: true. */
        AMSGRAD("amsgrad", 1e-3, List.of("lr", "betas", "eps", "weight_decay")),
        ADAMW("adamw", 1e-3, List.of("lr", "betas", "eps", "weight_decay", "amsgrad")),
        ADAMAX("adamax", 2e-3, List.of("lr", "betas", "eps", "weight_decay")),
        NADAM("nadam", 2e-3, List.of("lr", "betas", "eps", "weight_decay", "momentum_decay"));

        private final String configName;
        private final double defaultLr;
        private final List<String> keys;

        Name(String configName, double defaultLr, List<String> keys) {
            this.configName = configName;
            this.defaultLr = defaultLr;
            this.keys = keys;
        }

        @Override
        public String configName() {
            return configName;
        }

        /** The learning rate when {@code lr} is not given. */
        public double defaultLr() {
            return defaultLr;
        }

        /** The hyper-parameter keys this optimizer takes, {@code lr} first. */
        public List<String> keys() {
            return keys;
        }
    }

    private static final List<Double> DEFAULT_BETAS = List.of(0.9, 0.999);

    public OptimizerSettings {
        name = orDefault(name, Name.SGD);
        List<String> keys = name.keys();
        String owner = name.configName();
        notTaken("optimizer.momentum", keys.contains("momentum") ? null : momentum, owner, keys);
        notTaken("optimizer.dampening", keys.contains("dampening") ? null : dampening, owner, keys);
        notTaken("optimizer.nesterov", keys.contains("nesterov") ? null : nesterov, owner, keys);
        notTaken("optimizer.betas", keys.contains("betas") ? null : betas, owner, keys);
        notTaken("optimizer.eps", keys.contains("eps") ? null : eps, owner, keys);
        notTaken("optimizer.amsgrad", keys.contains("amsgrad") ? null : amsgrad, owner, keys);
        notTaken("optimizer.alpha", keys.contains("alpha") ? null : alpha, owner, keys);
        notTaken("optimizer.centered", keys.contains("centered") ? null : centered, owner, keys);
        notTaken("optimizer.lr_decay", keys.contains("lr_decay") ? null : lrDecay, owner, keys);
        notTaken("optimizer.initial_accumulator_value",
                keys.contains("initial_accumulator_value") ? null : initialAccumulatorValue, owner, keys);
        notTaken("optimizer.momentum_decay", keys.contains("momentum_decay") ? null : momentumDecay, owner, keys);

        lr = positive("optimizer.lr", orDefault(lr, name.defaultLr()));
        weightDecay = nonNegative("optimizer.weight_decay", orDefault(weightDecay, 0.0));
        if (keys.contains("momentum")) {
            momentum = fraction("optimizer.momentum", orDefault(momentum, name == Name.RMSPROP ? 0.0 : 0.9));
        }
        if (keys.contains("dampening")) {
            dampening = closedFraction("optimizer.dampening", orDefault(dampening, 0.0));
        }
        if (keys.contains("nesterov")) {
            nesterov = orDefault(nesterov, false);
        }
        if (keys.contains("betas")) {
            betas = orDefault(betas, DEFAULT_BETAS);
            if (betas.size() != 2 || betas.stream().anyMatch(Objects::isNull)) {
                throw ConfigChecks.invalid("optimizer.betas", "needs two coefficients", betas,
                        "[beta1, beta2], each in [0, 1)");
            }
            fraction("optimizer.betas[0]", betas.get(0));
            fraction("optimizer.betas[1]", betas.get(1));
            betas = List.copyOf(betas);
        }
        if (keys.contains("eps")) {
            eps = positive("optimizer.eps", orDefault(eps, name == Name.ADAGRAD ? 1e-10 : 1e-8));
        }
        if (keys.contains("amsgrad")) {
            amsgrad = orDefault(amsgrad, false);
        }
        if (keys.contains("alpha")) {
            alpha = closedFraction("optimizer.alpha", orDefault(alpha, 0.99));
        }
        if (keys.contains("centered")) {
            centered = orDefault(centered, false);
        }
        if (keys.contains("lr_decay")) {
            lrDecay = nonNegative("optimizer.lr_decay", orDefault(lrDecay, 0.0));
        }
        if (keys.contains("initial_accumulator_value")) {
            initialAccumulatorValue = nonNegative("optimizer.initial_accumulator_value",
                    orDefault(initialAccumulatorValue, 0.0));
        }
        if (keys.contains("momentum_decay")) {
            momentumDecay = nonNegative("optimizer.momentum_decay", orDefault(momentumDecay, 4e-3));
        }
        if ((name == Name.NESTEROV || Boolean.TRUE.equals(nesterov)) && !(momentum > 0)) {
            throw ConfigChecks.invalid("optimizer.momentum", "Nesterov momentum needs momentum > 0", momentum,
                    "(0, 1)");
        }
        if (Boolean.TRUE.equals(nesterov) && dampening != 0) {
            throw ConfigChecks.invalid("optimizer.dampening", "nesterov: true needs no dampening", dampening, "0");
        }
    }

    /** {@code name} with all its defaults. */
    public static OptimizerSettings defaults(Name name) {
        return new OptimizerSettings(name, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** {@code descent train}'s optimizer: SGD, lr 0.05, momentum 0.9. */
    public static OptimizerSettings defaults() {
        return defaults(Name.SGD);
    }

    /** The same settings with another learning rate. */
    public OptimizerSettings withLr(double value) {
        return new OptimizerSettings(name, value, momentum, dampening, nesterov, weightDecay, betas, eps, amsgrad,
                alpha, centered, lrDecay, initialAccumulatorValue, momentumDecay);
    }

    /** The core library's description of this update rule, ready to build an optimizer. */
    public OptimizerConfig toOptimizerConfig() {
        return switch (name) {
            case SGD -> new Sgd(lr, momentum, dampening, weightDecay, nesterov);
            case NESTEROV -> new Sgd(lr, momentum, 0, weightDecay, true);
            case MOMENTUM -> new Momentum(lr, momentum, weightDecay);
            case ADAGRAD -> new AdaGrad(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
            case RMSPROP -> new RmsProp(lr, alpha, eps, weightDecay, momentum, centered);
            case ADAM -> new Adam(lr, betas.get(0), betas.get(1), eps, weightDecay, amsgrad);
            case AMSGRAD -> new Adam(lr, betas.get(0), betas.get(1), eps, weightDecay, true);
            case ADAMW -> new AdamW(lr, betas.get(0), betas.get(1), eps, weightDecay, amsgrad);
            case ADAMAX -> new Adamax(lr, betas.get(0), betas.get(1), eps, weightDecay);
            case NADAM -> new NAdam(lr, betas.get(0), betas.get(1), eps, weightDecay, momentumDecay);
        };
    }
}
