package dev.descent.data;

/**
 * Examples read one at a time, e.g. the rows of a CSV or LibSVM file too large for memory.
 * Readers report bad input as a {@link DataException} naming the source and line.
 */
public interface ExampleStream extends AutoCloseable {

    /** Features per example. */
    int featureCount();

    /**
     * Reads the next example's features into {@code features} (length {@link #featureCount()})
     * and returns its label, or returns −1 at the end of the stream.
     */
    int next(float[] features);

    /** A name for messages: the file, or "standard input". */
    String source();

    @Override
    void close();
}
