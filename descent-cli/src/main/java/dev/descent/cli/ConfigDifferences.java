package dev.descent.cli;

import dev.descent.dashboard.ConfigTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flattened configuration keys whose values differ between runs, each with every run's
 * value ({@link #ABSENT} where a run's config lacks the key, which counts as a difference). With
 * a single run there is nothing to compare, so every key is listed.
 *
 * @param keys   the keys shown, in the configs' order (a key only some runs have comes after the key
 *               it follows in those runs)
 * @param values {@code values.get(r).get(k)}: run {@code r}'s value of {@code keys.get(k)}
 * @param total  how many distinct keys the runs have altogether
 */
record ConfigDifferences(List<String> keys, List<List<String>> values, int total) {
    /** Shown for a key a run's config does not have. */
    static final String ABSENT = "—";

    static ConfigDifferences of(List<Map<String, String>> configs) {
        List<String> all = ConfigTree.mergedKeys(configs);
        List<String> keys = new ArrayList<>();
        for (String key : all) {
            Set<String> distinct = new LinkedHashSet<>();
            configs.forEach(config -> distinct.add(config.getOrDefault(key, ABSENT)));
            if (configs.size() == 1 || distinct.size() > 1) {
                keys.add(key);
            }
        }
        List<List<String>> values = new ArrayList<>();
        for (Map<String, String> config : configs) {
            values.add(keys.stream().map(key -> config.getOrDefault(key, ABSENT)).toList());
        }
        return new ConfigDifferences(List.copyOf(keys), List.copyOf(values), all.size());
    }
}
