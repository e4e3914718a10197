package dev.descent.spark;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;

/**
 * The entry point for {@code spark-submit}: runs {@code descent train} with the master
 * spark-submit chose, and with {@code --data URI} read by Spark's own readers on the
 * executors (libsvm, Parquet or CSV; HDFS, S3 or local paths).
 *
 * <pre>
 * spark-submit --master yarn --class dev.descent.spark.SparkTrain descent-cli/target/descent.jar \
 *     --config run.yaml --data hdfs:///data/train.libsvm --run-dir /shared/runs/first
 * </pre>
 *
 * Every other argument is {@code descent train}'s. The command line lives in the descent-cli
 * module, whose jar ({@code descent.jar}) holds this class too; it is reached by name so that
 * this library module does not depend on the command line.
 */
public final class SparkTrain {
    private SparkTrain() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        List<String> train = new ArrayList<>(List.of("train", "--spark", new SparkConf().get("spark.master",
                "local[*]")));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                train.add("--spark-data");
                train.add(args[++i]);
            } else if (args[i].startsWith("--data=")) {
                train.add("--spark-data=" + args[i].substring("--data=".length()));
            } else {
                train.add(args[i]);
            }
        }
        Class<?> command;
        try {
            command = Class.forName("dev.descent.cli.DescentCommand");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("dev.descent.spark.SparkTrain runs the descent command line, which is not"
                    + " in this jar: submit descent-cli/target/descent.jar (it holds Descent, the command line and"
                    + " this class, without Spark)", e);
        }
        try {
            command.getMethod("main", String[].class).invoke(null, (Object) train.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
