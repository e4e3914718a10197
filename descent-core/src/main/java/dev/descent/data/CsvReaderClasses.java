package dev.descent.data;

import dev.descent.data.CsvOptions.ClassLabels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the text of classification labels into class indices, row by row, as
 * {@link CsvOptions.ClassLabels} describes; labels whose order is only known at the end of
 * the file get provisional codes that {@link #finish} renumbers.
 */
final class CsvReaderClasses {
    private final ClassLabels mode;
    private final List<String> declared;
    private final Map<String, Integer> declaredIndex = new HashMap<>();
    /** Distinct label texts in first-seen order, when the order is decided at the end. */
    private final Map<String, Integer> firstSeen = new HashMap<>();
    private final List<String> seenTexts = new ArrayList<>();
    private int classes;
    private List<String> names = List.of();

    CsvReaderClasses(ClassLabels mode, List<String> declared) {
        this.mode = mode;
        this.declared = declared;
        for (int i = 0; i < declared.size(); i++) {
            declaredIndex.put(declared.get(i), i);
        }
    }

    /**
     * The code of one label.
     *
     * @throws IllegalArgumentException whose message says what is wrong with the label (the
     *     caller adds where it is)
     */
    int code(String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("the label is empty; every row needs a class label");
        }
        return switch (mode) {
            case INDICES -> index(label);
            case NAMES -> declared.isEmpty() ? provisional(label) : declaredName(label);
            case AUTO -> declared.isEmpty() ? provisional(label) : declaredNameOrIndex(label);
        };
    }

    private int declaredName(String label) {
        Integer position = declaredIndex.get(label);
        if (position == null) {
            throw notDeclared(label);
        }
        return position;
    }

    private int declaredNameOrIndex(String label) {
        Integer position = declaredIndex.get(label);
        if (position != null) {
            return position;
        }
        Integer value = integerOrNull(label);
        if (value == null || value < 0 || value >= declared.size()) {
            throw notDeclared(label);
        }
        return value;
    }

    private int index(String label) {
        Integer value = integerOrNull(label);
        if (value == null || value < 0) {
            throw new IllegalArgumentException("expected a class index, an integer "
                    + (declared.isEmpty() ? "0 or more" : "in 0.." + (declared.size() - 1))
                    + " (ClassLabels.INDICES), found '" + label + "'; fix the row, or read text labels with"
                    + " CsvOptions.withClassLabels(ClassLabels.NAMES)");
        }
        if (!declared.isEmpty() && value >= declared.size()) {
            throw notDeclared(label);
        }
        return value;
    }

    private IllegalArgumentException notDeclared(String label) {
        return new IllegalArgumentException("the label '" + label + "' is not one of the declared classes "
                + declared + (mode == ClassLabels.NAMES ? "" : " (or their indices 0.." + (declared.size() - 1) + ")")
                + "; fix the row, or add the class to CsvOptions.withClassNames");
    }

    private int provisional(String label) {
        Integer code = firstSeen.get(label);
        if (code == null) {
            code = seenTexts.size();
            firstSeen.put(label, code);
            seenTexts.add(label);
        }
        return code;
    }

    private static Integer integerOrNull(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Renumbers {@code codes} in place to final class indices; then {@link #classes()} and {@link #names()}. */
    void finish(int[] codes, int rows) {
        if (!declared.isEmpty()) {
            classes = declared.size();
            names = declared;
            return;
        }
        if (mode == ClassLabels.INDICES) {
            classes = max(codes, rows) + 1;
            return;
        }
        if (mode == ClassLabels.AUTO && allNonNegativeIntegers(seenTexts)) {
            int[] value = new int[seenTexts.size()];
            for (int i = 0; i < value.length; i++) {
                value[i] = Integer.parseInt(seenTexts.get(i));
            }
            for (int r = 0; r < rows; r++) {
                codes[r] = value[codes[r]];
            }
            classes = max(codes, rows) + 1;
            return;
        }
        names = sorted(seenTexts);
        int[] rank = ranks(seenTexts, names);
        for (int r = 0; r < rows; r++) {
            codes[r] = rank[codes[r]];
        }
        classes = names.size();
    }

    private static int max(int[] values, int count) {
        int max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    private static boolean allNonNegativeIntegers(List<String> texts) {
        for (String text : texts) {
            Integer value = integerOrNull(text);
            if (value == null || value < 0) {
                return false;
            }
        }
        return true;
    }

    int classes() {
        return classes;
    }

    /** The class names, or empty when labels are indices without declared names. */
    List<String> names() {
        return names;
    }

    /**
     * The texts in a stable order that does not depend on the rows: by numeric value when all
     * are numbers (ties by text), otherwise by {@link String#compareTo}.
     */
    static List<String> sorted(Collection<String> texts) {
        List<String> result = new ArrayList<>(texts);
        Map<String, Double> values = new HashMap<>();
        for (String text : texts) {
            try {
                values.put(text, CsvReaderNumbers.parse(text, 0, text.length()));
            } catch (NumberFormatException e) {
                result.sort(Comparator.naturalOrder());
                return List.copyOf(result);
            }
        }
        result.sort(Comparator.comparing((String text) -> values.get(text)).thenComparing(Comparator.naturalOrder()));
        return List.copyOf(result);
    }

    /** For each text in {@code firstSeen} order, its position in {@code order}. */
    static int[] ranks(List<String> firstSeen, List<String> order) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        int[] rank = new int[firstSeen.size()];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = position.get(firstSeen.get(i));
        }
        return rank;
    }
}
