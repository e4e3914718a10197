package dev.descent.cli.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The valid name a mistyped one most likely meant: first a known synonym from other libraries
 * ({@code learning_rate} → {@code lr}), then the same name spelt differently ({@code batchSize},
 * {@code batch-size} → {@code batch_size}), then the nearest by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours), if it is near enough to be a typo.
 */
final class ClosestMatch {

    /** Names other libraries (Keras, scikit-learn, Lightning…) use for our keys. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("learningrate", "lr"),
            Map.entry("learning_rate", "lr"),
            Map.entry("rate", "lr"),
            Map.entry("epsilon", "eps"),
            Map.entry("beta1", "betas"),
            Map.entry("beta2", "betas"),
            Map.entry("beta_1", "betas"),
            Map.entry("beta_2", "betas"),
            Map.entry("l2", "weight_decay"),
            Map.entry("decay", "weight_decay"),
            Map.entry("min_lr", "lr_floor"),
            Map.entry("eta_min", "lr_floor"),
            Map.entry("final_lr", "lr_floor"),
            Map.entry("end_lr", "lr_floor"),
            Map.entry("warmup", "warmup_steps"),
            Map.entry("layers", "hidden"),
            Map.entry("hidden_layers", "hidden"),
            Map.entry("hidden_sizes", "hidden"),
            Map.entry("hidden_layer_sizes", "hidden"),
            Map.entry("units", "hidden"),
            Map.entry("type", "kind"),
            Map.entry("algorithm", "name"),
            Map.entry("optim", "optimizer"),
            Map.entry("scheduler", "schedule"),
            Map.entry("lr_scheduler", "schedule"),
            Map.entry("lr_schedule", "schedule"),
            Map.entry("train", "training"),
            Map.entry("trainer", "training"),
            Map.entry("n_epochs", "epochs"),
            Map.entry("num_epochs", "epochs"),
            Map.entry("max_epochs", "epochs"),
            Map.entry("batch", "batch_size"),
            Map.entry("minibatch_size", "batch_size"),
            Map.entry("random_seed", "seed"),
            Map.entry("random_state", "seed"),
            Map.entry("workers", "threads"),
            Map.entry("num_threads", "threads"),
            Map.entry("dataset_dir", "data_dir"),
            Map.entry("root", "data_dir"),
            Map.entry("path", "csv"),
            Map.entry("file", "csv"),
            Map.entry("target", "label_column"),
            Map.entry("label", "label_column"),
            Map.entry("target_column", "label_column"),
            Map.entry("val_fraction", "validation_fraction"),
            Map.entry("validation_split", "validation_fraction"),
            Map.entry("test_size", "test_fraction"),
            Map.entry("test_split", "test_fraction"),
            Map.entry("normalize", "standardize"),
            Map.entry("standardise", "standardize"),
            Map.entry("scale", "standardize"),
            Map.entry("monitor", "metric"),
            Map.entry("early_stop", "early_stopping"),
            Map.entry("earlystopping", "early_stopping"),
            Map.entry("restore_best_weights", "restore_best"),
            Map.entry("max_time", "time_limit"),
            Map.entry("timeout", "time_limit"),
            Map.entry("output_dir", "dir"),
            Map.entry("out_dir", "dir"),
            Map.entry("experiment", "name"));

    private ClosestMatch() {
    }

    /** The candidate {@code wrong} most likely meant, if any is close. */
    static Optional<String> among(String wrong, Collection<String> candidates) {
        String synonym = SYNONYMS.get(wrong.toLowerCase(Locale.ROOT));
        if (synonym != null && candidates.contains(synonym)) {
            return Optional.of(synonym);
        }
        String plain = normalize(wrong);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(plain, normalize(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= Math.max(1, (plain.length() + 2) / 3)) {
            return Optional.of(best);
        }
        // a shortened name, e.g. 'warm' for 'warmup_steps', when only one key starts so
        List<String> extensions = candidates.stream().filter(c -> plain.length() >= 3 && normalize(c).startsWith(plain))
                .toList();
        return extensions.size() == 1 ? Optional.of(extensions.get(0)) : Optional.empty();
    }

    /** Case, '-' and '_' do not tell names apart: {@code batchSize} and {@code batch-size} are {@code batch_size}. */
    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
