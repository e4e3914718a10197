package dev.descent.tensor;

import java.lang.reflect.Array;

/**
 * Checks that a nested Java array is rectangular before it becomes a tensor, naming the first
 * row or block whose length differs from the first one's. Works on float and double arrays
 * alike: their lengths are read through {@link Array#getLength} (constructors only, no hot path).
 */
final class NestedArrays {
    private NestedArrays() {
    }

    /** The common length of {@code rows} (each a float[] or double[]); 0 for no rows. */
    static int columns(Object[] rows) {
        return columns(rows, "");
    }

    /** [blocks, rows, columns] of a rectangular rank-3 array (blocks of float[][] or double[][]). */
    static int[] dims(Object[][] blocks) {
        int rows = 0;
        int columns = 0;
        for (int b = 0; b < blocks.length; b++) {
            Object[] block = blocks[b];
            if (block == null) {
                throw new IllegalArgumentException("Tensor.of: block [" + b + "] is null");
            }
            if (b > 0 && block.length != rows) {
                throw new IllegalArgumentException("Tensor.of: block [" + b + "] has " + block.length
                        + " rows but block [0] has " + rows + "; a tensor needs every block the same size");
            }
            int blockColumns = columns(block, "[" + b + "]");
            if (b > 0 && rows > 0 && blockColumns != columns) {
                throw new IllegalArgumentException("Tensor.of: row [" + b + "][0] has " + blockColumns
                        + " values but row [0][0] has " + columns + "; a tensor needs every row the same length");
            }
            rows = block.length;
            columns = blockColumns;
        }
        return new int[] {blocks.length, rows, columns};
    }

    /** The length shared by all rows; {@code prefix} places them in an enclosing block for messages. */
    private static int columns(Object[] rows, String prefix) {
        int columns = 0;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                throw new IllegalArgumentException("Tensor.of: row " + prefix + name(prefix, r) + " is null");
            }
            int length = Array.getLength(rows[r]);
            if (r == 0) {
                columns = length;
            } else if (length != columns) {
                throw new IllegalArgumentException("Tensor.of: row " + prefix + name(prefix, r) + " has " + length
                        + " values but row " + prefix + name(prefix, 0) + " has " + columns
                        + "; a tensor needs every row the same length");
            }
        }
        return columns;
    }

    /** "3" for a top-level row, "[3]" inside a block, so that messages read "row 3" or "row [1][3]". */
    private static String name(String prefix, int r) {
        return prefix.isEmpty() ? Integer.toString(r) : "[" + r + "]";
    }
}
