package dev.descent.model;

import dev.descent.data.Standardization;
import dev.descent.data.TableSchema;
import dev.descent.io.JsonFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How raw inputs become the model's input, as fitted on the training split: which columns a
 * table has and how they are encoded, and the standardisation statistics, if any.
 *
 * @param input        what kind of raw input the model was trained on
 * @param featureCount the width of the model's input
 * @param table        for {@link Input#TABLE}: the training table's columns, categories and
 *                     labels, to read new tables by column name; null otherwise
 * @param scaling      the standardisation fitted on the training split, or null when the
 *                     features are used as read
 */
public record Preprocessing(Input input, int featureCount, TableSchema table, Standardization.Fitted scaling) {

    /** The kind of raw input. */
    public enum Input {
        /** A CSV table read through its {@link TableSchema}: columns by name, one-hot categories. */
        TABLE,
        /** Feature vectors by position: LibSVM files, built-in and generated data. */
        VECTOR,
        /** Images of an IDX data set (MNIST layout), pixels scaled to [0, 1] by the reader. */
        IMAGES;

        String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Preprocessing {
        if (input == null) {
            throw new IllegalArgumentException("preprocessing: input must be table, vector or images, got null");
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("preprocessing: feature count must be ≥ 1, got " + featureCount);
        }
        if ((input == Input.TABLE) != (table != null)) {
            throw new IllegalArgumentException("preprocessing: a table schema is needed for table input, and only"
                    + " for it (input " + input.configName() + ", schema " + (table == null ? "absent" : "present")
                    + ")");
        }
        if (table != null && table.featureCount() != featureCount) {
            throw new IllegalArgumentException("preprocessing: the table gives " + table.featureCount()
                    + " features but the model takes " + featureCount);
        }
        if (scaling != null && scaling.featureCount() != featureCount) {
            throw new IllegalArgumentException("preprocessing: the standardisation was fitted on "
                    + scaling.featureCount() + " features but the model takes " + featureCount);
        }
    }

    /** Features read by position, used as they are. */
    public static Preprocessing vectors(int featureCount) {
        return new Preprocessing(Input.VECTOR, featureCount, null, null);
    }

    /** The same, with this standardisation (or none when null). */
    public Preprocessing withScaling(Standardization.Fitted fitted) {
        return new Preprocessing(input, featureCount, table, fitted);
    }

    /**
     * Applies the fitted transforms to {@code rows} rows of raw features, in place: what the
     * model was trained on.
     */
    public void applyInPlace(float[] features, int rows) {
        if (scaling != null) {
            scaling.applyInPlace(dev.descent.tensor.Tensor.wrap(features, rows, featureCount));
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("input", input.configName());
        map.put("features", featureCount);
        if (table != null) {
            map.put("table", table.toMap());
        }
        if (scaling != null) {
            Map<String, Object> standardization = new LinkedHashMap<>();
            standardization.put("means", java.util.Arrays.stream(scaling.means()).boxed().toList());
            standardization.put("stds", java.util.Arrays.stream(scaling.stds()).boxed().toList());
            map.put("standardization", standardization);
        }
        return map;
    }

    static Preprocessing fromMap(Map<String, ?> map, JsonFields fields, String path) {
        String inputName = fields.text(map, path, "input");
        Input input;
        try {
            input = Input.valueOf(inputName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fields.invalid(path + ".input", "expected table, vector or images, found '" + inputName + "'");
        }
        int features = fields.integer(map, path, "features");
        TableSchema table = map.containsKey("table")
                ? TableSchema.fromMap(fields.object(map, path, "table"), fields.source() + ": " + path + ".table") : null;
        Standardization.Fitted scaling = null;
        if (map.containsKey("standardization")) {
            Map<String, ?> s = fields.object(map, path, "standardization");
            String where = path + ".standardization";
            try {
                scaling = Standardization.Fitted.of(fields.numbers(s, where, "means"), fields.numbers(s, where, "stds"));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(fields.source()) ? e : fields.invalid(where, e.getMessage());
            }
        }
        try {
            return new Preprocessing(input, features, table, scaling);
        } catch (IllegalArgumentException e) {
            throw fields.invalid(path, e.getMessage());
        }
    }
}
