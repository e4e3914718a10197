package dev.descent.spark.bench;

import dev.descent.spark.SparkExamples;

/**
 * One way of caching the training rows on the executors for Descent, compared side by side:
 * {@code arrays} ({@link SparkExamples#of} the driver's arrays) or {@code frame}
 * ({@link dev.descent.spark.SparkRows#classification} of MLlib's own cached frame, converted
 * by the executors).
 *
 * @param source {@code arrays} or {@code frame}
 * @param examples the cached rows
 * @param cacheSeconds seconds to build and cache them (before any race's clock)
 */
record DescentData(String source, SparkExamples examples, double cacheSeconds) {

    static final String ARRAYS = "arrays";
    static final String FRAME = "frame";
}
