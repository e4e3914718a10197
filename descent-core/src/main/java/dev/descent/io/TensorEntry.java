package dev.descent.io;

/**
 * One tensor of a safetensors header: its name, element type, shape and byte range
 * [{@code begin}, {@code end}) in the data buffer that follows the header.
 */
record TensorEntry(String name, StoredDtype dtype, int[] shape, long begin, long end) {

    long byteLength() {
        return end - begin;
    }

    /** Element count; the header check has already ensured it fits an int. */
    int elementCount() {
        return (int) (byteLength() / dtype.bytes());
    }
}
