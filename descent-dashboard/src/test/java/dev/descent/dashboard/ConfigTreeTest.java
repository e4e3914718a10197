package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ConfigTree}: flattened to dotted keys in file order, and the keys that differ between configs. */
class ConfigTreeTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Map<String, String> flat(String yaml) throws Exception {
        return ConfigTree.flatten(YAML.readTree(yaml));
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> row(String key, String... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("values", Arrays.asList(values));
        return row;
    }

    @Test
    void flattensToDottedKeysInFileOrder() throws Exception {
        Map<String, String> config = flat(RunFixture.CONFIG + "extra:\n  empty: {}\n  none: null\n  list: []\n"
                + "  nested: {deep: {deeper: 1}}\n  objects: [{a: 1}, 2]\n");

        assertThat(config).containsExactly(
                entry("task", "classification"),
                entry("data.dataset", "digits"),
                entry("model.kind", "mlp"),
                entry("model.hidden", "[256, 128]"),
                entry("optimizer.name", "sgd"),
                entry("optimizer.lr", "0.05"),
                entry("training.epochs", "5"),
                entry("training.batch_size", "64"),
                entry("schedule.name", "linear"),
                entry("extra.empty", "{}"),
                entry("extra.none", "null"),
                entry("extra.list", "[]"),
                entry("extra.nested.deep.deeper", "1"),
                entry("extra.objects", "[{\"a\":1}, 2]"));
    }

    @Test
    void aTreeThatIsNotAMappingIsEmpty() throws Exception {
        assertThat(ConfigTree.flatten(null)).isEmpty();
        assertThat(flat("- 1\n- 2\n")).isEmpty();
        assertThat(flat("just text")).isEmpty();
    }

    @Test
    void differingListsTheKeysThatDifferWithNullWhereMissing() {
        Map<String, String> a = map("task", "classification", "optimizer.lr", "0.05", "only_a", "1");
        Map<String, String> b = map("task", "classification", "optimizer.lr", "0.1", "only_b", "x");

        assertThat(ConfigTree.differing(List.of(a, b))).containsExactly(
                row("optimizer.lr", "0.05", "0.1"),
                row("only_b", null, "x"), // right after optimizer.lr, the key before it in its run
                row("only_a", "1", null));
    }

    @Test
    void theTextNullDiffersFromAMissingKey() {
        Map<String, String> a = map("optimizer.momentum", "null");
        Map<String, String> b = map();

        assertThat(ConfigTree.differing(List.of(a, b))).containsExactly(row("optimizer.momentum", "null", null));
    }

    @Test
    void equalConfigsAndFewerThanTwoDifferInNothing() {
        Map<String, String> a = map("task", "classification", "optimizer.lr", "0.05");

        assertThat(ConfigTree.differing(List.of(a, new LinkedHashMap<>(a)))).isEmpty();
        assertThat(ConfigTree.differing(List.of(a))).isEmpty();
        assertThat(ConfigTree.differing(List.of())).isEmpty();
    }

    @Test
    void aKeyOnlyOneRunHasGoesAfterTheKeyBeforeItInThatRun() {
        Map<String, String> a = map("z", "1", "a", "1");
        Map<String, String> b = map("m", "2", "a", "2", "z", "2");
        Map<String, String> c = map("z", "1");

        assertThat(ConfigTree.differing(List.of(a, b, c))).containsExactly(
                row("m", null, "2", null), // first in its run: first
                row("z", "1", "2", "1"),
                row("a", "1", "2", null));
    }
}
