package dev.descent.cli;

import dev.descent.optim.AdaGrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Adamax;
import dev.descent.optim.Momentum;
import dev.descent.optim.NAdam;
import dev.descent.optim.OptimizerConfig;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;
import dev.descent.schedule.CosineAnnealing;
import dev.descent.schedule.InverseTimeDecay;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.LinearDecay;
import dev.descent.schedule.OneCycle;
import dev.descent.schedule.ReduceOnPlateau;
import java.util.List;

/** Turns the {@code --optimizer}, {@code --lr}, {@code --momentum}, {@code --weight-decay} and {@code --schedule} options into objects. */
final class OptimizerChoice {
    static final List<String> OPTIMIZERS = List.of("sgd", "nesterov", "momentum", "adagrad", "rmsprop", "adam",
            "amsgrad", "adamw", "adamax", "nadam");
    static final List<String> SCHEDULES = List.of("linear", "constant", "cosine", "inverse-time", "one-cycle", "plateau");

    private OptimizerChoice() {
    }

    /** The learning rate when {@code --lr} is not given: 0.05 for the SGD family, PyTorch's default otherwise. */
    static double defaultLearningRate(String optimizer) {
        return switch (optimizer) {
            case "sgd", "nesterov", "momentum" -> 0.05;
            case "adagrad", "rmsprop" -> 0.01;
            case "adam", "amsgrad", "adamw" -> 1e-3;
            default -> 2e-3;
        };
    }

    static OptimizerConfig optimizer(String name, double lr, double momentum, double weightDecay) {
        return switch (name) {
            case "sgd" -> new Sgd(lr).withMomentum(momentum).withWeightDecay(weightDecay);
            case "nesterov" -> new Sgd(lr).withMomentum(momentum).withNesterov(true).withWeightDecay(weightDecay);
            case "momentum" -> new Momentum(lr, momentum).withWeightDecay(weightDecay);
            case "adagrad" -> new AdaGrad().withLr(lr).withWeightDecay(weightDecay);
            case "rmsprop" -> new RmsProp().withLr(lr).withWeightDecay(weightDecay);
            case "adam" -> new Adam().withLr(lr).withWeightDecay(weightDecay);
            case "amsgrad" -> new Adam().withLr(lr).withAmsgrad(true).withWeightDecay(weightDecay);
            case "adamw" -> new AdamW().withLr(lr).withWeightDecay(weightDecay);
            case "adamax" -> new Adamax().withLr(lr).withWeightDecay(weightDecay);
            case "nadam" -> new NAdam().withLr(lr).withWeightDecay(weightDecay);
            default -> throw new IllegalArgumentException("--optimizer: unknown optimizer '" + name + "'; choose one of "
                    + OPTIMIZERS);
        };
    }

    /** The schedule over {@code totalSteps} updates; {@code plateau} is driven by the validation loss. */
    static LearningRateSchedule schedule(String name, double lr, double floor, long totalSteps, long stepsPerEpoch) {
        return switch (name) {
            case "constant" -> LearningRateSchedule.constant(lr);
            case "linear" -> new LinearDecay(lr, floor, totalSteps);
            case "cosine" -> new CosineAnnealing(lr, floor, totalSteps);
            case "inverse-time" -> new InverseTimeDecay(lr, 1.0 / stepsPerEpoch); // halves after one epoch
            case "one-cycle" -> OneCycle.of(lr, totalSteps);
            case "plateau" -> new ReduceOnPlateau(lr, ReduceOnPlateau.Settings.minimize().withPatience(1));
            default -> throw new IllegalArgumentException("--schedule: unknown schedule '" + name + "'; choose one of "
                    + SCHEDULES);
        };
    }
}
