package dev.descent.data;

import dev.descent.data.TableSchema.Column;
import dev.descent.data.TableSchema.LabelPolicy;
import dev.descent.data.TableSchema.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where each column of a new file goes: matched to the training columns of a
 * {@link TableSchema} by header name, or by position without a header. For each column of
 * the file it knows the role, the offset of its feature (or the slot of its target) and, for a
 * categorical column, the index of each category.
 */
final class TableSchemaLayout {
    private final List<String> names;
    private final boolean named;
    private final Role[] roles;
    private final int[] offsets;
    private final List<Column> columns;
    private final List<Map<String, Integer>> categoryIndex;
    private final boolean labelsRead;

    /**
     * @param schemaColumn for each column of the file, the index of its training column
     * @param labelsRead   whether the file's label columns are read
     */
    private TableSchemaLayout(TableSchema schema, List<String> names, boolean named, int[] schemaColumn,
                              boolean labelsRead) {
        this.names = names;
        this.named = named;
        this.labelsRead = labelsRead;
        int width = schemaColumn.length;
        this.roles = new Role[width];
        this.offsets = new int[width];
        this.columns = new ArrayList<>(width);
        this.categoryIndex = new ArrayList<>(width);
        int[] featureOffset = featureOffsets(schema);
        List<String> targets = schema.classification() ? List.of() : schema.targets().names();
        for (int c = 0; c < width; c++) {
            Column column = schema.columns().get(schemaColumn[c]);
            columns.add(column);
            roles[c] = column.role() == Role.LABEL && !labelsRead ? Role.IGNORED : column.role();
            offsets[c] = column.role() == Role.LABEL ? Math.max(targets.indexOf(column.name()), 0)
                    : featureOffset[schemaColumn[c]];
            categoryIndex.add(indexOf(column.categories()));
        }
    }

    /** For each training column, the index of its first feature. */
    private static int[] featureOffsets(TableSchema schema) {
        int[] offsets = new int[schema.columns().size()];
        int offset = 0;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = offset;
            offset += schema.columns().get(i).featureCount();
        }
        return offsets;
    }

    private static Map<String, Integer> indexOf(List<String> texts) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            index.put(texts.get(i), i);
        }
        return index;
    }

    /**
     * Matches a header to the schema's columns by name.
     *
     * @throws DataException for a repeated name, missing columns or columns the model does not know
     */
    static TableSchemaLayout byName(TableSchema schema, List<String> header, String source, int line,
                                    LabelPolicy policy) {
        String where = source + " line " + line;
        rejectRepeatedTrainingNames(schema, source);
        Map<String, Integer> position = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            Integer earlier = position.put(header.get(c), c);
            if (earlier != null) {
                throw new DataException(where + ": the column name '" + header.get(c) + "' appears at index "
                        + earlier + " and at index " + c + " of the header; keep one of them, so each column of"
                        + " the model is found once.");
            }
        }
        Map<String, Integer> training = new HashMap<>();
        for (int i = 0; i < schema.columns().size(); i++) {
            training.put(schema.columns().get(i).name(), i);
        }
        List<String> missing = new ArrayList<>();
        List<String> labelsPresent = new ArrayList<>();
        List<String> labelsAbsent = new ArrayList<>();
        for (Column column : schema.columns()) {
            boolean present = position.containsKey(column.name());
            if (column.role() == Role.LABEL) {
                (present ? labelsPresent : labelsAbsent).add(column.name());
            } else if (!present && column.role() != Role.IGNORED) {
                missing.add(quoted(column.name()));
            }
        }
        boolean partialLabels = !labelsPresent.isEmpty() && !labelsAbsent.isEmpty() && policy != LabelPolicy.IGNORED;
        if (policy == LabelPolicy.REQUIRED || partialLabels) {
            for (String label : labelsAbsent) {
                missing.add(quoted(label) + " (" + (schema.classification() ? "the label" : "a target") + ")");
            }
        }
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!training.containsKey(header.get(c))) {
                unknown.add(quoted(header.get(c)) + " (index " + c + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(where + ": missing " + plural(missing.size(), "column") + " " + join(missing)
                    + " that the model was trained with; the file's header is " + header + ". Add "
                    + (missing.size() == 1 ? "it" : "them") + " (names are case-sensitive)"
                    + (unknown.isEmpty() ? "." : "; the file also has " + plural(unknown.size(), "column") + " "
                    + join(unknown) + " that the model does not know: rename or remove "
                    + (unknown.size() == 1 ? "it." : "them.")));
        }
        if (!unknown.isEmpty()) {
            throw new DataException(where + ": " + plural(unknown.size(), "column") + " " + join(unknown)
                    + " not known to the model, which was trained without " + (unknown.size() == 1 ? "it" : "them")
                    + "; remove " + (unknown.size() == 1 ? "it" : "them") + " from the file. The model's columns are "
                    + trainingNames(schema) + ".");
        }
        int[] schemaColumn = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            schemaColumn[c] = training.get(header.get(c));
        }
        boolean labelsRead = labelsAbsent.isEmpty() && policy != LabelPolicy.IGNORED;
        return new TableSchemaLayout(schema, List.copyOf(header), true, schemaColumn, labelsRead);
    }

    /** A training header with a repeated name cannot be matched by name; say so before anything else. */
    private static void rejectRepeatedTrainingNames(TableSchema schema, String source) {
        int[] repeated = schema.repeatedColumns();
        if (repeated.length > 0) {
            throw new DataException(source + ": the model's training file named columns " + repeated[0] + " and "
                    + repeated[1] + " both '" + schema.columns().get(repeated[0]).name() + "', so the columns of new"
                    + " files cannot be matched by name; give the columns distinct names in the training file and"
                    + " train again.");
        }
    }

    /**
     * Takes the columns by position: the file has the training file's width, or that width
     * less the label columns when it has no labels.
     *
     * @param line the line of the first row
     * @throws DataException for any other width
     */
    static TableSchemaLayout byPosition(TableSchema schema, int width, String source, int line, LabelPolicy policy,
                                        char delimiter) {
        int trainingWidth = schema.columns().size();
        int labelCount = schema.labelNames().size();
        boolean withLabels = width == trainingWidth;
        boolean withoutLabels = width == trainingWidth - labelCount && policy != LabelPolicy.REQUIRED;
        if (!withLabels && !withoutLabels) {
            String expected = policy == LabelPolicy.REQUIRED
                    ? trainingWidth + " (labels included, as they are required here)"
                    : trainingWidth + ", or " + (trainingWidth - labelCount) + " without the "
                    + plural(labelCount, "label column") + " " + labelIndices(schema);
            throw new DataException(source + " line " + line + ": found " + width + " " + plural(width, "cell")
                    + " but the model was trained on a file without a header, whose rows have " + expected
                    + "; columns are matched by position, so give each row the training file's columns in the"
                    + " same order (the delimiter is " + CsvOptions.describe(delimiter) + ").");
        }
        int[] schemaColumn = new int[width];
        List<String> names = new ArrayList<>(width);
        int c = 0;
        for (int i = 0; i < trainingWidth; i++) {
            if (withLabels || schema.columns().get(i).role() != Role.LABEL) {
                schemaColumn[c++] = i;
                names.add("column" + i);
            }
        }
        return new TableSchemaLayout(schema, names, false, schemaColumn, withLabels && policy != LabelPolicy.IGNORED);
    }

    private static String labelIndices(TableSchema schema) {
        StringJoiner indices = new StringJoiner(", ", "(index ", ")");
        for (int i = 0; i < schema.columns().size(); i++) {
            if (schema.columns().get(i).role() == Role.LABEL) {
                indices.add(String.valueOf(i));
            }
        }
        return indices.toString();
    }

    private static List<String> trainingNames(TableSchema schema) {
        return schema.columns().stream().map(Column::name).toList();
    }

    private static String quoted(String name) {
        return "'" + name + "'";
    }

    private static String join(List<String> items) {
        return String.join(", ", items);
    }

    private static String plural(int count, String noun) {
        return count == 1 ? noun : noun + "s";
    }

    int width() {
        return roles.length;
    }

    /** The column's role in this file: a label column that is not read is {@link Role#IGNORED}. */
    Role role(int column) {
        return roles[column];
    }

    /** The index of the column's first feature, or for a label column the slot of its target. */
    int offset(int column) {
        return offsets[column];
    }

    /** The index of {@code category} among a categorical column's categories, or -1. */
    int category(int column, String category) {
        return categoryIndex.get(column).getOrDefault(category, -1);
    }

    List<String> categories(int column) {
        return columns.get(column).categories();
    }

    boolean labelsRead() {
        return labelsRead;
    }

    /** {@code column 'age' (index 2)} with a header, {@code column index 2} without. */
    String describe(int column) {
        return named ? "column '" + names.get(column) + "' (index " + column + ")" : "column index " + column;
    }
}
