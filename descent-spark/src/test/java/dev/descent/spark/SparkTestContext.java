package dev.descent.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One local Spark context per test class (starting one costs about 2 s). */
final class SparkTestContext {
    private SparkTestContext() {
    }

    /** {@code local[2, 4]}: two threads, and a failed task is retried up to 4 times as on a cluster. */
    static JavaSparkContext start(String name) {
        return SparkSessions.context(new SparkConf().setMaster("local[2,4]").setAppName("descent-test-" + name));
    }
}
