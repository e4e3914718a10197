package dev.descent.data;

import java.util.Arrays;

/**
 * Splits one CSV line into cells, reusing its arrays from line to line: the cells are ranges
 * of {@link #text()}, trimmed of spaces and tabs that are not the delimiter.
 *
 * <p>A cell may be quoted ({@code "a, b"}), with {@code ""} for a quote inside; quoted cells
 * cannot span lines. A line without quotes, the common case, is split without copying.
 */
final class CsvReaderCells {
    private final char delimiter;
    private CharSequence text = "";
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;
    private int unterminatedQuote = -1;
    private final StringBuilder unquoted = new StringBuilder();

    CsvReaderCells(char delimiter) {
        this.delimiter = delimiter;
    }

    char delimiter() {
        return delimiter;
    }

    /**
     * The delimiter that occurs most often in {@code line} outside quotes among comma,
     * semicolon and tab; comma when none occurs.
     */
    static char detectDelimiter(String line) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /**
     * Splits {@code line}; returns the number of cells, or -1 when a quote is not closed on
     * this line ({@link #unterminatedQuote()} then says in which cell).
     */
    int split(String line) {
        count = 0;
        unterminatedQuote = -1;
        if (line.indexOf('"') < 0) {
            text = line;
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == delimiter) {
                    add(line, start, i);
                    start = i + 1;
                }
            }
            return count;
        }
        return splitQuoted(line);
    }

    private int splitQuoted(String line) {
        unquoted.setLength(0);
        text = unquoted;
        int i = 0;
        int length = line.length();
        while (true) {
            int cellStart = unquoted.length();
            while (i < length && isBlank(line.charAt(i))) {
                i++;
            }
            if (i < length && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < length) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < length && line.charAt(i) == '"') {
                            unquoted.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        unquoted.append(c);
                    }
                }
                if (!closed) {
                    unterminatedQuote = count;
                    return -1;
                }
                int end = unquoted.length();
                while (i < length && line.charAt(i) != delimiter) {
                    unquoted.append(line.charAt(i++)); // text after the closing quote is kept, then trimmed
                }
                addRaw(cellStart, Math.max(end, trimmedEnd(unquoted, cellStart, unquoted.length())));
            } else {
                while (i < length && line.charAt(i) != delimiter) {
                    unquoted.append(line.charAt(i++));
                }
                add(unquoted, cellStart, unquoted.length());
            }
            if (i >= length) {
                return count;
            }
            i++; // the delimiter
        }
    }

    private void add(CharSequence line, int start, int end) {
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        addRaw(start, trimmedEnd(line, start, end));
    }

    private int trimmedEnd(CharSequence line, int start, int end) {
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private void addRaw(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    private boolean isBlank(char c) {
        return (c == ' ' || c == '\t') && c != delimiter;
    }

    int count() {
        return count;
    }

    /** The cell in which a quote was left open, after {@link #split} returned -1. */
    int unterminatedQuote() {
        return unterminatedQuote;
    }

    CharSequence text() {
        return text;
    }

    int start(int cell) {
        return starts[cell];
    }

    int end(int cell) {
        return ends[cell];
    }

    boolean isEmpty(int cell) {
        return starts[cell] == ends[cell];
    }

    String cell(int cell) {
        return text.subSequence(starts[cell], ends[cell]).toString();
    }

    /** The cell as a number; spaces kept inside quotes do not matter here. */
    double number(int cell) {
        int start = starts[cell];
        int end = ends[cell];
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return CsvReaderNumbers.parse(text, start, end);
    }
}
