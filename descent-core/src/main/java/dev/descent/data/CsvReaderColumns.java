package dev.descent.data;

import dev.descent.data.CsvOptions.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What each column of one CSV file is for, once the options' {@link Column} choices are
 * matched against its header (or its width, without a header).
 */
final class CsvReaderColumns {
    enum Role { NUMERIC, CATEGORICAL, IGNORED, LABEL }

    private final String source;
    private final int headerLine;
    private final List<String> names;
    private final boolean named;
    private final Role[] roles;
    private final int[] labelColumns;

    /**
     * @param names      the header cells, or null without a header
     * @param headerLine the line of the header, or of the first data row without one
     */
    CsvReaderColumns(String source, int headerLine, List<String> names, int width, CsvOptions options) {
        this.source = source;
        this.headerLine = headerLine;
        this.named = names != null;
        this.names = named ? List.copyOf(names) : defaultNames(width);
        this.roles = new Role[width];
        Arrays.fill(roles, Role.NUMERIC);
        this.labelColumns = new int[options.labels().size()];
        for (int i = 0; i < labelColumns.length; i++) {
            labelColumns[i] = assign(options.labels().get(i), Role.LABEL, "label");
        }
        for (Column column : options.categorical()) {
            assign(column, Role.CATEGORICAL, "categorical");
        }
        for (Column column : options.ignored()) {
            assign(column, Role.IGNORED, "ignored");
        }
        if (numericOrCategoricalCount() == 0) {
            throw new DataException(source + " line " + headerLine + ": no feature columns are left among the "
                    + width + " columns " + this.names + " once the label and ignored columns are set aside;"
                    + " ignore fewer columns in CsvOptions.");
        }
    }

    private static List<String> defaultNames(int width) {
        List<String> names = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            names.add("column" + i);
        }
        return names;
    }

    private int assign(Column column, Role role, String what) {
        int index = resolve(column, what);
        if (roles[index] != Role.NUMERIC) {
            throw new DataException(source + " line " + headerLine + ": " + describe(index) + " is chosen both as "
                    + roleName(roles[index]) + " and as " + what + " column; choose each column for one role"
                    + " in CsvOptions.");
        }
        roles[index] = role;
        return index;
    }

    private static String roleName(Role role) {
        return switch (role) {
            case LABEL -> "a label";
            case CATEGORICAL -> "a categorical";
            case IGNORED -> "an ignored";
            case NUMERIC -> "a numeric";
        };
    }

    private int resolve(Column column, String what) {
        int width = roles.length;
        if (!column.byName()) {
            int index = column.index() < 0 ? width + column.index() : column.index();
            if (index < 0 || index >= width) {
                throw new DataException(source + " line " + headerLine + ": the " + what + " column is index "
                        + column.index() + " but the file has " + width + " columns (indices 0.." + (width - 1)
                        + ", or -" + width + "..-1 from the end); choose an index in that range.");
            }
            return index;
        }
        if (!named) {
            throw new DataException(source + ": the " + what + " column is chosen by the name '" + column.name()
                    + "' but the file is read without a header; choose it by index (CsvOptions.Column.at),"
                    + " or read the first line as a header with withHeader(true).");
        }
        int found = -1;
        for (int i = 0; i < width; i++) {
            if (names.get(i).equals(column.name())) {
                if (found >= 0) {
                    throw new DataException(source + " line " + headerLine + ": the " + what + " column name '"
                            + column.name() + "' appears at index " + found + " and at index " + i
                            + " of the header; choose the column by index instead.");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new DataException(source + " line " + headerLine + ": the " + what + " column '" + column.name()
                    + "' is not in the header " + names + "; the closest name is '" + closest(column.name())
                    + "'. Fix the name in CsvOptions (names are case-sensitive).");
        }
        return found;
    }

    /** The header name nearest to {@code wanted} in edit distance, ignoring case. */
    private String closest(String wanted) {
        String best = names.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = editDistance(wanted.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    int width() {
        return roles.length;
    }

    Role role(int column) {
        return roles[column];
    }

    /** The label columns in the order the options list them. */
    int[] labelColumns() {
        return labelColumns.clone();
    }

    String name(int column) {
        return names.get(column);
    }

    int numericOrCategoricalCount() {
        int count = 0;
        for (Role role : roles) {
            if (role == Role.NUMERIC || role == Role.CATEGORICAL) {
                count++;
            }
        }
        return count;
    }

    /**
     * {@code column 'age' (index 2)} with a header, {@code column index 2} without, or
     * {@code cell 5 (beyond the 3 columns)} for a cell past the last column (found by fuzzing:
     * an unclosed quote in an extra cell).
     */
    String describe(int column) {
        if (column >= names.size()) {
            return "cell " + (column + 1) + " (beyond the " + names.size() + " columns)";
        }
        return named ? "column '" + names.get(column) + "' (index " + column + ")" : "column index " + column;
    }
}
