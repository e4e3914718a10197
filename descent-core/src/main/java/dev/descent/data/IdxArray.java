package dev.descent.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * An n-dimensional array of unsigned bytes read from an IDX file by {@link IdxReader}:
 * the dimensions from the header and the values in row-major order.
 */
public final class IdxArray {
    private final Path source;
    private final int[] dims;
    private final byte[] values;

    IdxArray(Path source, int[] dims, byte[] values) {
        this.source = source;
        this.dims = dims.clone();
        this.values = values;
    }

    /** The file this array was read from, for messages. */
    public Path source() {
        return source;
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of values, the product of the dimensions. */
    public int size() {
        return values.length;
    }

    /** Value {@code flatIndex} in row-major order, in 0..255. */
    public int unsignedValue(int flatIndex) {
        return values[flatIndex] & 0xff;
    }

    /** The raw bytes, shared (no copy: image files are tens of megabytes). Read {@code b & 0xff}. */
    public byte[] bytes() {
        return values;
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims) + " from " + source;
    }
}
