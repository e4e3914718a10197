package dev.descent.spark.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one {@link MllibComparison} run, from its command line.
 *
 * @param master the Spark master, e.g. {@code local[2]}
 * @param dataDirectory the Fashion-MNIST directory (the four IDX files)
 * @param trainRows training rows used, 0 for all 60 000
 * @param testRows test rows used, 0 for all 10 000
 * @param parts which comparisons to run: {@code lr}, {@code mlp}, {@code steps}, {@code rounds} (a local-SGD round), {@code scaling}
 * @param seed seeds MLlib's MLP, Descent's initial weights and its batch order
 * @param regParam MLlib's regParam for logistic regression (Descent's λ is half of it)
 * @param lrMaxIterations MLlib's maxIter for logistic regression
 * @param lrTolerance MLlib's tol for logistic regression
 * @param descentLrMaxIterations the iteration budget of Descent's L-BFGS
 * @param mlpMaxIterations MLlib's maxIter for the MLP
 * @param mlpBlockSize MLlib's blockSize for the MLP
 * @param batchSize Descent's SGD batch
 * @param learningRate Descent's SGD learning rate
 * @param momentum Descent's SGD momentum
 * @param maxEpochs the most epochs Descent's MLP trains
 * @param capSeconds the most training seconds Descent's MLP spends, whatever MLlib took
 * @param stepBatches the batch sizes of the step-cost part; 0 means the whole training set
 * @param scalingEvaluations timed evaluations in the scaling part
 * @param kernelThreads Descent's compute threads per Spark task
 * @param warmUp whether each side gets a short untimed run first
 * @param descentSources how Descent's training rows are cached, each run in turn: {@code arrays}
 *     ({@code SparkExamples.of}) and/or {@code frame} ({@code SparkRows} of MLlib's frame)
 * @param jsonFile where to write every figure as JSON, or null
 */
record ComparisonOptions(String master, Path dataDirectory, int trainRows, int testRows, Set<String> parts, long seed,
                         double regParam, int lrMaxIterations, double lrTolerance, int descentLrMaxIterations,
                         int mlpMaxIterations, int mlpBlockSize, int batchSize, double learningRate, double momentum,
                         int maxEpochs, double capSeconds, List<Integer> stepBatches, int scalingEvaluations,
                         int kernelThreads, boolean warmUp, List<String> descentSources, Path jsonFile) {

    static final String USAGE = """
            usage: MllibComparison [--quick] [--master local[2]] [--parts lr,mlp,steps,rounds,scaling] [--json FILE]
                   [--data-dir DIR] [--train-rows N] [--test-rows N] [--seed N]
                   [--lr-max-iter 100] [--lr-tol 1e-6] [--descent-lr-max-iter 300] [--reg-param 1e-4]
                   [--mlp-max-iter 100] [--mlp-block-size 128]
                   [--batch 512] [--learning-rate 0.1] [--momentum 0.9] [--max-epochs 100] [--cap-seconds 300]
                   [--step-batches 256,1024,4096,0] [--scaling-evaluations 20] [--kernel-threads 1] [--no-warm-up]
                   [--descent-data arrays,frame]
              --quick: 6 000 training and 2 000 test rows, MLP maxIter 5, 5 epochs at most (a smoke test)""";

    /** Parses {@code --name value} pairs; an unknown or malformed option throws with the usage. */
    static ComparisonOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean quick = false;
        boolean warmUp = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-warm-up" -> warmUp = false;
                default -> {
                    if (!args[i].startsWith("--") || i + 1 == args.length) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
                    }
                    given.put(args[i].substring(2), args[++i]);
                }
            }
        }
        Settings s = new Settings(given);
        String json = s.text("json", null);
        ComparisonOptions options = new ComparisonOptions(
                s.text("master", "local[2]"),
                Path.of(s.text("data-dir", "/usr/share/datasets/fashion-mnist")),
                s.integer("train-rows", quick ? 6_000 : 0),
                s.integer("test-rows", quick ? 2_000 : 0),
                new LinkedHashSet<>(List.of(s.text("parts", "lr,mlp,steps,scaling").split(","))),
                s.integer("seed", 42),
                s.number("reg-param", 1e-4),
                s.integer("lr-max-iter", 100),
                s.number("lr-tol", 1e-6),
                s.integer("descent-lr-max-iter", 300),
                s.integer("mlp-max-iter", quick ? 5 : 100),
                s.integer("mlp-block-size", 128),
                s.integer("batch", 512),
                s.number("learning-rate", 0.1),
                s.number("momentum", 0.9),
                s.integer("max-epochs", quick ? 5 : 100),
                s.number("cap-seconds", quick ? 30 : 300),
                s.integers("step-batches", quick ? "256,1024,0" : "256,1024,4096,0"),
                s.integer("scaling-evaluations", quick ? 3 : 20),
                s.integer("kernel-threads", 1),
                warmUp,
                descentSources(s.text("descent-data", "arrays,frame")),
                json == null ? null : Path.of(json));
        s.requireAllUsed();
        return options;
    }

    private static List<String> descentSources(String sources) {
        List<String> list = List.of(sources.split(","));
        for (String source : list) {
            if (!source.equals(DescentData.ARRAYS) && !source.equals(DescentData.FRAME)) {
                throw new IllegalArgumentException("--descent-data takes 'arrays' (SparkExamples.of the driver's"
                        + " arrays) and/or 'frame' (SparkRows of MLlib's cached frame), got '" + source + "'");
            }
        }
        return list;
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    /** The settings as figures for the JSON file. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("master", master);
        map.put("data_directory", dataDirectory.toString());
        map.put("parts", List.copyOf(parts));
        map.put("seed", seed);
        map.put("reg_param", regParam);
        map.put("lr_max_iter", lrMaxIterations);
        map.put("lr_tol", lrTolerance);
        map.put("descent_lr_max_iter", descentLrMaxIterations);
        map.put("mlp_max_iter", mlpMaxIterations);
        map.put("mlp_block_size", mlpBlockSize);
        map.put("batch", batchSize);
        map.put("learning_rate", learningRate);
        map.put("momentum", momentum);
        map.put("max_epochs", maxEpochs);
        map.put("cap_seconds", capSeconds);
        map.put("step_batches", stepBatches);
        map.put("scaling_evaluations", scalingEvaluations);
        map.put("kernel_threads_per_task", kernelThreads);
        map.put("warm_up", warmUp);
        map.put("descent_data", descentSources);
        return map;
    }

    /** The given options, each read once; what is left over at the end is a typo. */
    private static final class Settings {
        private final Map<String, String> given;
        private final Set<String> used = new LinkedHashSet<>();

        Settings(Map<String, String> given) {
            this.given = given;
        }

        String text(String name, String fallback) {
            used.add(name);
            return given.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            String value = text(name, null);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " takes an integer, got '" + value + "'");
            }
        }

        double number(String name, double fallback) {
            String value = text(name, null);
            try {
                return value == null ? fallback : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " takes a number, got '" + value + "'");
            }
        }

        List<Integer> integers(String name, String fallback) {
            List<Integer> values = new ArrayList<>();
            for (String part : text(name, fallback).split(",")) {
                try {
                    values.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + name + " takes integers separated by commas, got '"
                            + part + "'");
                }
            }
            return values;
        }

        void requireAllUsed() {
            Set<String> unknown = new LinkedHashSet<>(given.keySet());
            unknown.removeAll(used);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + unknown + "\n" + USAGE);
            }
        }
    }
}
