package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code descent tune} file: a run configuration, with the keys {@code descent train --config}
 * reads, plus a top-level {@code search} section naming the keys to search and their values.
 *
 * <pre>
 * data: {dataset: digits}
 * model: {hidden: [64]}
 * training: {epochs: 3}
 * search:
 *   optimizer.lr: [0.01, 0.03, 0.1]          # choices: grid or random search
 *   model.activation: [relu, tanh]
 *   optimizer.weight_decay: {log_uniform: [1e-5, 1e-2]}   # a range: random search only
 * </pre>
 *
 * <p>A trial's configuration is the file without its {@code search} section, with one
 * {@code --set KEY=VALUE} per searched key, bound and checked exactly as {@code descent train}
 * does ({@link ConfigLoader}). Every listed value and both ends of every range are checked that
 * way when the file is read, before anything trains, and a problem is reported at its line in
 * the file: {@code optimizer.weight_decay: out of range, got -1.0; allowed: a finite number ≥ 0
 * (in tune.yaml line 9, column 31: search.optimizer.weight_decay, choice 2)}.
 *
 * <p>The data ({@code task}, {@code data.*}), {@code training.seed} (which also draws the
 * validation and test splits) and {@code run.*} cannot be searched: every trial is scored on
 * the same validation split, and the test split stays the same and unseen.
 */
public final class TuneFile {
    /** The data paths {@link ConfigLoader} resolves against the file's folder. */
    private static final List<String> DATA_PATH_KEYS = List.of("data_dir", "csv", "libsvm", "test_csv");
    private static final String EXAMPLE = "search: {optimizer.lr: [0.01, 0.1], model.activation: [relu, tanh]}";

    private final String source;
    private final Path directory;
    private final String baseText;
    private final ObjectNode baseTree;
    private final KeyLocations locations;
    private final RunConfig base;
    private SearchSpace space;

    private TuneFile(String source, Path directory, String baseText, ObjectNode baseTree, KeyLocations locations) {
        this.source = source;
        this.directory = directory;
        this.baseText = baseText;
        this.baseTree = baseTree;
        this.locations = locations;
        this.base = ConfigLoader.parse(baseText, source, directory, List.of());
    }

    /** Reads and checks {@code file}: its run configuration, its search section and every value in it. */
    public static TuneFile load(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("tune file " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException("tune file " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        ObjectNode root = root(text, source);
        JsonNode search = root.get("search");
        if (search == null) {
            throw new ConfigException(source + ": no search section; add one at the top level naming the keys to"
                    + " search and their values, e.g. " + EXAMPLE + " (see docs/tune.md)");
        }
        ObjectNode baseTree = root.deepCopy();
        baseTree.remove("search");
        Path directory = file.toAbsolutePath().getParent();
        resolveDataPaths(baseTree, directory);
        TuneFile tune = new TuneFile(source, directory, withoutSearch(text, source), baseTree, KeyLocations.of(text));
        tune.space = tune.searchSpace(search);
        return tune;
    }

    /** The file's name as given, for messages. */
    public String source() {
        return source;
    }

    /** The run configuration without any searched value. */
    public RunConfig base() {
        return base;
    }

    public SearchSpace space() {
        return space;
    }

    /**
     * The run configuration of one point of the search space: the base with the point's
     * {@code --set} overrides, checked as {@code descent train} checks it.
     *
     * @throws ConfigException naming the point, when the values are valid alone but not together
     *     (e.g. a learning rate below the base's {@code schedule.lr_floor})
     */
    public RunConfig configAt(List<SearchValue> point) {
        List<String> overrides = space.overrides(point);
        try {
            return ConfigLoader.parse(baseText, source, directory, overrides);
        } catch (ConfigException e) {
            String message = e.getMessage();
            for (int i = 0; i < point.size(); i++) {
                String key = space.dimensions().get(i).key();
                message = relocate(message, key + "=" + point.get(i).text(), where("search." + key) + ": search." + key);
            }
            throw new ConfigException(source + ": the search point " + String.join(", ", overrides) + " is not a valid"
                    + " run configuration: " + message + hint(message));
        }
    }

    /**
     * The base as a file {@code descent train --config} reads (comments dropped, data paths made
     * absolute), for a trial to be run alone: {@code --config base.yaml --set KEY=VALUE ...}.
     */
    public String baseYaml() {
        try {
            String yaml = baseTree.isEmpty() ? "" : ConfigYaml.MAPPER.writeValueAsString(baseTree);
            return "# The run configuration of " + source + " without its search section (descent tune).\n"
                    + "# A trial is: ./descent train --config base.yaml --set KEY=VALUE for each searched key.\n" + yaml;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the base configuration as YAML: " + e.getOriginalMessage(), e);
        }
    }

    // ---------------------------------------------------------------- reading

    private static ObjectNode root(String text, String source) {
        JsonNode root;
        try {
            root = ConfigYaml.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String position = YamlSyntax.position(e);
            throw new ConfigException(source + (position.isEmpty() ? "" : " " + position) + ": not valid YAML: "
                    + YamlSyntax.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source + ": expected a run configuration's sections and a search section, e.g. "
                    + EXAMPLE + "; got " + NodeText.show(root));
        }
        return (ObjectNode) root;
    }

    /**
     * The text with the lines of the top-level {@code search} section emptied: the run
     * configuration alone, its keys on the lines they have in the file, so that its errors point
     * there. The section must be written in block style (its key at the start of a line).
     */
    private static String withoutSearch(String text, String source) {
        String[] lines = text.split("\\R", -1);
        try (JsonParser parser = ConfigYaml.MAPPER.createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonLocation start = parser.currentTokenLocation();
                parser.nextToken();
                parser.skipChildren();
                if (!name.equals("search")) {
                    continue;
                }
                JsonToken next = parser.nextToken();
                JsonLocation end = parser.currentTokenLocation();
                boolean nextKey = next == JsonToken.FIELD_NAME;
                if (start.getColumnNr() != 1 || (nextKey && (end.getColumnNr() != 1
                        || end.getLineNr() <= start.getLineNr()))) {
                    throw new ConfigException(source + " " + YamlSyntax.position(start) + ": write the search"
                            + " section in block style, 'search:' at the start of its own line, the run"
                            + " configuration's sections beside it (see docs/tune.md)");
                }
                int last = nextKey ? end.getLineNr() - 1 : lines.length;
                for (int line = start.getLineNr(); line <= last; line++) {
                    lines[line - 1] = "";
                }
                return String.join("\n", lines);
            }
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage()); // read once already
        }
        throw new IllegalStateException("no search section in " + source);
    }

    private static void resolveDataPaths(ObjectNode root, Path directory) {
        JsonNode data = root.get("data");
        if (data == null || !data.isObject() || directory == null) {
            return;
        }
        for (String key : DATA_PATH_KEYS) {
            JsonNode value = data.get(key);
            if (value != null && value.isTextual() && !value.textValue().equals("-")) {
                try {
                    Path path = Path.of(value.textValue());
                    if (!path.isAbsolute()) {
                        ((ObjectNode) data).put(key, directory.resolve(path).normalize().toString());
                    }
                } catch (InvalidPathException e) {
                    // left as written, for the reader of the data to report
                }
            }
        }
    }

    // ---------------------------------------------------------------- the search section

    private SearchSpace searchSpace(JsonNode search) {
        if (!search.isObject() || search.isEmpty()) {
            throw new ConfigException("search: needs one or more keys with their values, got " + NodeText.show(search)
                    + " (" + where("search") + "); e.g. " + EXAMPLE);
        }
        List<SearchDimension> dimensions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = search.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            SearchDimension dimension = dimension(field.getKey(), field.getValue());
            check(dimension);
            dimensions.add(dimension);
        }
        return new SearchSpace(dimensions);
    }

    private SearchDimension dimension(String key, JsonNode value) {
        String label = "search." + key;
        String at = " (" + where(label) + ")";
        refuseFixedKeys(key, label, at);
        if (value.isArray()) {
            if (value.isEmpty()) {
                throw new ConfigException(label + ": an empty list has nothing to try" + at + "; list one or more"
                        + " values, e.g. " + key + ": [a, b], or remove the key");
            }
            List<SearchValue> choices = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode item : value) {
                SearchValue choice = SearchValue.of(item);
                if (!seen.add(choice.text())) {
                    throw new ConfigException(label + ": " + choice.text() + " is listed twice" + at
                            + "; list each value once");
                }
                choices.add(choice);
            }
            return new SearchDimension(key, SearchDimension.Kind.CHOICES, choices, Double.NaN, Double.NaN);
        }
        if (value.isObject()) {
            return range(key, label, at, (ObjectNode) value);
        }
        String shown = NodeText.show(value);
        throw new ConfigException(label + ": a single value (" + shown + ") searches nothing" + at + "; list the"
                + " values to try, e.g. " + key + ": [" + shown + ", ...], or give a range such as {log_uniform: [1e-4,"
                + " 0.1]}; a value every trial shares belongs in the run configuration");
    }

    private SearchDimension range(String key, String label, String at, ObjectNode value) {
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        String allowed = "a list of choices, e.g. [0.01, 0.1], or one range: {uniform: [low, high]},"
                + " {log_uniform: [low, high]} or {int_uniform: [low, high]}";
        if (names.size() != 1 || !SearchDimension.Kind.RANGE_NAMES.contains(names.get(0))) {
            String suggestion = names.size() == 1 ? ClosestMatch.among(names.get(0), SearchDimension.Kind.RANGE_NAMES)
                    .map(match -> "; did you mean '" + match + "'?").orElse("") : "";
            throw new ConfigException(label + ": expected " + allowed + ", got " + NodeText.show(value) + at
                    + suggestion);
        }
        String name = names.get(0);
        JsonNode bounds = value.get(name);
        if (!bounds.isArray() || bounds.size() != 2 || !bounds.get(0).isNumber() || !bounds.get(1).isNumber()) {
            throw new ConfigException(label + ": " + name + " needs two numbers [low, high], got "
                    + NodeText.show(bounds) + at);
        }
        double low = bounds.get(0).doubleValue();
        double high = bounds.get(1).doubleValue();
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new ConfigException(label + ": " + name + " needs finite bounds with low < high, got "
                    + NodeText.show(bounds) + at);
        }
        SearchDimension.Kind kind = switch (name) {
            case "uniform" -> SearchDimension.Kind.UNIFORM;
            case "log_uniform" -> SearchDimension.Kind.LOG_UNIFORM;
            default -> SearchDimension.Kind.INT_UNIFORM;
        };
        if (kind == SearchDimension.Kind.LOG_UNIFORM && !(low > 0)) {
            throw new ConfigException(label + ": log_uniform needs bounds > 0 (it draws the logarithm uniformly),"
                    + " got " + NodeText.show(bounds) + at + "; use uniform for a range that includes 0, or list"
                    + " 0 among choices");
        }
        if (kind == SearchDimension.Kind.INT_UNIFORM && (!bounds.get(0).isIntegralNumber()
                || !bounds.get(1).isIntegralNumber() || high - low >= Integer.MAX_VALUE)) {
            throw new ConfigException(label + ": int_uniform needs two integers [low, high], got "
                    + NodeText.show(bounds) + at);
        }
        return new SearchDimension(key, kind, List.of(), low, high);
    }

    /** The keys that must stay the same in every trial, refused with the reason. */
    private static void refuseFixedKeys(String key, String label, String at) {
        String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        String reason = switch (section) {
            case "task", "data" -> "the data and its splits stay the same in every trial, so that all are scored"
                    + " on the same validation split and the test split stays unseen; set " + key
                    + " in the run configuration";
            case "run" -> "where runs go is decided by descent tune (--out)";
            case "training" -> key.equals("training") ? "search the keys of training one by one, e.g."
                    + " training.batch_size (training.seed must stay fixed)"
                    : key.equals("training.seed") ? "the seed also draws the validation and test splits, so every"
                    + " trial trains with the run configuration's training.seed; set it there" : null;
            default -> null;
        };
        if (reason != null) {
            throw new ConfigException(label + ": cannot be searched" + at + ": " + reason);
        }
        try {
            ConfigOverride.parse(key + "=0");
        } catch (ConfigException e) {
            throw new ConfigException(label + ": not a configuration key" + at + "; write a dotted key such as"
                    + " optimizer.lr or model.hidden");
        }
    }

    /** Binds every listed value, and both ends of a range, alone with the base: each must be valid. */
    private void check(SearchDimension dimension) {
        String key = dimension.key();
        if (dimension.kind() == SearchDimension.Kind.CHOICES) {
            for (int i = 0; i < dimension.choices().size(); i++) {
                String item = "search." + key + "[" + i + "]";
                bindAlone(key, dimension.choices().get(i), where(item) + ": search." + key + ", choice " + (i + 1));
            }
            return;
        }
        boolean integers = dimension.kind() == SearchDimension.Kind.INT_UNIFORM;
        SearchValue low = integers ? SearchValue.ofDrawn((long) dimension.low()) : SearchValue.ofDrawn(dimension.low());
        SearchValue high = integers ? SearchValue.ofDrawn((long) dimension.high())
                : SearchValue.ofDrawn(dimension.high());
        String at = where("search." + key) + ": search." + key + ", " + dimension.describe();
        bindAlone(key, low, at + ", its lower end");
        bindAlone(key, high, at + ", its upper end");
    }

    private void bindAlone(String key, SearchValue value, String at) {
        String override = key + "=" + value.text();
        try {
            ConfigLoader.parse(baseText, source, directory, List.of(override));
        } catch (ConfigException e) {
            String message = relocate(e.getMessage(), override, at);
            if (message.equals(e.getMessage())) { // the base's value is the problem, given this one
                message += "; with the searched value " + override + " (" + at + ")" + hint(message);
            }
            throw new ConfigException(message);
        }
    }

    /** The usual way out of a clash between a searched value and the base. */
    private static String hint(String message) {
        return message.startsWith("schedule.lr_floor:") ? "; leave schedule.lr_floor out of the run configuration,"
                + " and it follows each trial's optimizer.lr (lr / 100)" : "";
    }

    /** A binding error about a searched value, pointed at the search section rather than at a {@code --set}. */
    private static String relocate(String message, String override, String at) {
        return message.replace("in --set " + override, at).replace("--set '" + override + "'", at);
    }

    /** "in FILE line L, column C" for a dotted key of the file, or "in FILE". */
    private String where(String key) {
        JsonLocation location = locations.find(key);
        return "in " + source + (location == null ? "" : " " + YamlSyntax.position(location));
    }

    /** The searched keys and how each is given, e.g. "optimizer.lr (log_uniform [0.001, 0.3]), model.activation (2 choices)". */
    public String describe() {
        return space.dimensions().stream().map(d -> d.key() + " (" + d.describe() + ")")
                .collect(Collectors.joining(", "));
    }
}
