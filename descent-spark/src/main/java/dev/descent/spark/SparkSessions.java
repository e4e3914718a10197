package dev.descent.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts Spark for Descent: quiet logs (warnings only; Spark's default prints hundreds of INFO
 * lines per short run, and Descent prints its own per-epoch lines), no web UI unless asked for.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * A context for {@code conf}, after turning Spark's logging down to warnings (settings the
     * user made in {@code conf} win: {@code spark.ui.enabled} stays as given).
     */
    public static JavaSparkContext context(SparkConf conf) {
        quietLogs();
        if (!conf.contains("spark.ui.enabled")) {
            conf.set("spark.ui.enabled", "false");
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName("descent");
        }
        return new JavaSparkContext(conf);
    }

    /** A context on {@code master}, e.g. {@code local[2]} or {@code spark://host:7077}. */
    public static JavaSparkContext context(String master) {
        return context(new SparkConf().setMaster(master));
    }

    /**
     * Runs {@code action} with {@code logger}'s warnings off, for a warning that says what the
     * caller intends (Spark warns that a locally checkpointed RDD cannot be recomputed once
     * unpersisted, which is what closing {@link SparkExamples} means to do).
     */
    static void withoutWarnings(String logger, Runnable action) {
        Level before;
        try {
            before = org.apache.logging.log4j.LogManager.getLogger(logger).getLevel();
            Configurator.setLevel(logger, Level.ERROR);
        } catch (LinkageError otherLogging) {
            action.run();
            return;
        }
        try {
            action.run();
        } finally {
            Configurator.setLevel(logger, before);
        }
    }

    /** Spark logs at warn level, Hadoop's native-library notice not at all (set in code: the jar ships no log4j2 file). */
    public static void quietLogs() {
        try {
            Configurator.setRootLevel(Level.WARN);
            Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
        } catch (LinkageError noLog4jCore) {
            // a cluster with another logging back end keeps its own configuration
        }
    }
}
