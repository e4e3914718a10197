package dev.descent.spark.bench;

import dev.descent.data.Dataset;
import dev.descent.data.MnistLayout;
import dev.descent.spark.SparkExamples;
import dev.descent.spark.SparkRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fashion-MNIST, once for each side and from the same float arrays: pixels already in [0, 1]
 * ({@link MnistLayout} divides by 255), cached in two partitions before any clock starts.
 * MLlib reads a cached {@code DataFrame} with a {@code label} (double) and a {@code features}
 * (ml.linalg dense vector) column; Descent reads {@link SparkExamples} blocks, built in one or
 * both of the ways of {@link DescentData}.
 *
 * @param train the training rows on the driver (for the local reference timings)
 * @param test the test rows on the driver (both sides' test accuracy)
 * @param descent the training rows cached for Descent, one entry per way of building them
 * @param trainFrame the training rows cached for MLlib
 * @param testFrame the test rows cached for MLlib
 * @param framesSeconds seconds to build and cache MLlib's two frames (before any race's clock)
 */
record SharedData(Dataset train, Dataset test, List<DescentData> descent,
                  org.apache.spark.sql.Dataset<Row> trainFrame, org.apache.spark.sql.Dataset<Row> testFrame,
                  double framesSeconds) {

    static final int PARTITIONS = 2;

    /** Loads the data set, keeps the first rows if asked to ({@code 0} = all), and caches every side's copy. */
    static SharedData load(JavaSparkContext spark, SparkSession session, Path directory, int trainRows,
                           int testRows, List<String> descentSources, boolean mllib) {
        Dataset train = head(MnistLayout.loadTrain(directory, "fashion-mnist"), trainRows);
        Dataset test = head(MnistLayout.loadTest(directory, "fashion-mnist"), testRows);
        long start = System.nanoTime();
        // Only when MLlib races or Descent reads the frame: the frames ship their rows inside the first tasks,
        // which separate executor JVMs (local-cluster) refuse above spark.rpc.message.maxSize.
        boolean frames = mllib || descentSources.contains(DescentData.FRAME);
        org.apache.spark.sql.Dataset<Row> trainFrame = frames ? frame(session, train) : null;
        org.apache.spark.sql.Dataset<Row> testFrame = frames ? frame(session, test) : null;
        double framesSeconds = (System.nanoTime() - start) / 1e9;
        List<DescentData> descent = new ArrayList<>();
        for (String source : descentSources) {
            start = System.nanoTime();
            SparkExamples examples = source.equals(DescentData.FRAME)
                    ? SparkRows.classification(trainFrame, "features", "label", 10)
                    : SparkExamples.of(spark, train, PARTITIONS);
            descent.add(new DescentData(source, examples, (System.nanoTime() - start) / 1e9));
        }
        return new SharedData(train, test, descent, trainFrame, testFrame, framesSeconds);
    }

    /** The first {@code rows} rows (Fashion-MNIST's files are already in a mixed class order), or all for 0. */
    private static Dataset head(Dataset data, int rows) {
        if (rows <= 0 || rows >= data.size()) {
            return data;
        }
        int[] first = new int[rows];
        for (int i = 0; i < rows; i++) {
            first[i] = i;
        }
        return data.subset(first);
    }

    /** MLlib's view of the same rows: float pixels widened to double, repartitioned, cached and counted. */
    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession session, Dataset data) {
        float[] pixels = data.features().data();
        int d = data.featureCount();
        List<Row> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            double[] features = new double[d];
            for (int j = 0; j < d; j++) {
                features[j] = pixels[i * d + j];
            }
            rows.add(RowFactory.create((double) data.label(i), Vectors.dense(features)));
        }
        StructType schema = new StructType()
                .add("label", DataTypes.DoubleType, false)
                .add("features", SQLDataTypes.VectorType(), false);
        org.apache.spark.sql.Dataset<Row> frame = session.createDataFrame(rows, schema).repartition(PARTITIONS).cache();
        frame.count();
        return frame;
    }
}
