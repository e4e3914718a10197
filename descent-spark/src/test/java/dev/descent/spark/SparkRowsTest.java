package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.RegressionDataset;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.random.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkRowsTest {
    /** Nine rows of three features in three partitions of three rows; a zero in each row, for sparse vectors. */
    private static final double[][] X = {
        {1, 0, 2}, {0, 3, 4}, {5, 6, 0}, {0.5, 0, -1}, {2, -2, 0}, {0, 0.25, 8}, {7, 0, 1}, {-3, 1, 0}, {0, 9, 9}};
    private static final int[] Y = {0, 1, 2, 1, 0, 2, 2, 1, 0};
    private static final DataType VECTOR = SQLDataTypes.VectorType();
    private static JavaSparkContext spark;
    private static SparkSession session;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("rows");
        session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        spark.close();
    }

    // ---- building frames ----

    private static StructType schema(DataType features, DataType label) {
        return new StructType(new StructField[] {
            DataTypes.createStructField("features", features, true),
            DataTypes.createStructField("label", label, true)});
    }

    /** Rows in {@code partitions} slices of the list, in order (Spark's own slicing: i·n/p). */
    private static Dataset<Row> frame(List<Row> rows, StructType schema, int partitions) {
        return session.createDataFrame(spark.parallelize(rows, partitions), schema);
    }

    /** X and Y with each row's features as {@code encode} makes them. */
    private static Dataset<Row> frame(Function<double[], Object> encode, DataType type, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(RowFactory.create(encode.apply(X[i]), Y[i]));
        }
        return frame(rows, schema(type, DataTypes.IntegerType), partitions);
    }

    /** An array<float> value: an array, boxed (Spark 4's row encoder refused a java.util.List). */
    private static Float[] boxedFloats(double[] x) {
        Float[] boxed = new Float[x.length];
        for (int i = 0; i < x.length; i++) {
            boxed[i] = (float) x[i];
        }
        return boxed;
    }

    private static Double[] boxedDoubles(double[] x) {
        Double[] boxed = new Double[x.length];
        for (int i = 0; i < x.length; i++) {
            boxed[i] = x[i];
        }
        return boxed;
    }

    private static float[] flat(double[][] x) {
        float[] out = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                out[i * x[i].length + j] = (float) x[i][j];
            }
        }
        return out;
    }

    /** The features the executors hold, read back block by block in partition order. */
    private static float[] features(SparkExamples data) {
        float[] out = new float[data.size() * data.featureCount()];
        for (ExampleBlock block : data.blocks().collect()) {
            System.arraycopy(block.features, 0, out, data.offset(block.partition) * data.featureCount(),
                    block.features.length);
        }
        return out;
    }

    private static int[] labels(SparkExamples data) {
        return ((dev.descent.data.Dataset) data.driverIndex()).labels();
    }

    /** The refusal's message, after checking it is one IllegalArgumentException and left nothing cached. */
    private static String refusal(Supplier<SparkExamples> build) {
        int cached = spark.getPersistentRDDs().size();
        Throwable thrown = catchThrowable(() -> build.get().close());
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage()).as("no Spark failure inside").doesNotContain("Exception");
        assertThat(spark.getPersistentRDDs()).as("the refused blocks are uncached").hasSize(cached);
        return thrown.getMessage();
    }

    // ---- what is read ----

    @Test
    void denseAndSparseVectorsAndArraysOfFloatsOrDoublesGiveTheSameExamples() {
        List<Dataset<Row>> frames = List.of(
                frame(Vectors::dense, VECTOR, 3),
                frame(x -> Vectors.dense(x).toSparse(), VECTOR, 3),
                frame(SparkRowsTest::boxedFloats, DataTypes.createArrayType(DataTypes.FloatType), 3),
                frame(SparkRowsTest::boxedDoubles, DataTypes.createArrayType(DataTypes.DoubleType), 3));
        for (Dataset<Row> frame : frames) {
            try (SparkExamples data = SparkRows.classification(frame, "features", "label", 3)) {
                String type = frame.schema().apply("features").dataType().simpleString();
                assertThat(data.size()).as(type).isEqualTo(9);
                assertThat(data.partitions()).as(type).isEqualTo(3);
                assertThat(data.featureCount()).as(type).isEqualTo(3);
                assertThat(data.exampleShape()).as(type).containsExactly(3);
                assertThat(data.classes()).as(type).isEqualTo(3);
                assertThat(data.classification()).as(type).isTrue();
                assertThat(data.name()).as(type).isEqualTo("dataframe");
                assertThat(features(data)).as(type).containsExactly(flat(X));
                assertThat(labels(data)).as(type).containsExactly(Y);
            }
        }
    }

    @Test
    void aSingleNumericColumnIsOneFeature() {
        double[][] column = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            column[i] = new double[] {X[i][0]};
        }
        for (DataType type : List.of(DataTypes.DoubleType, DataTypes.FloatType)) {
            Dataset<Row> frame = frame(x -> type == DataTypes.DoubleType ? (Object) x[0] : (Object) (float) x[0], type,
                    3);
            try (SparkExamples data = SparkRows.classification(frame, "features", "label", 3)) {
                assertThat(data.featureCount()).isEqualTo(1);
                assertThat(data.exampleShape()).containsExactly(1);
                assertThat(features(data)).as(type.simpleString()).containsExactly(flat(column));
                assertThat(labels(data)).containsExactly(Y);
            }
        }
    }

    @Test
    void labelsMayBeIntegersLongsFloatsOrDoublesAndTheClassesMayBeInferred() {
        List<DataType> types = List.of(DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType,
                DataTypes.DoubleType);
        for (DataType type : types) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < X.length; i++) {
                Object label = type == DataTypes.IntegerType ? (Object) Y[i]
                        : type == DataTypes.LongType ? (Object) (long) Y[i]
                        : type == DataTypes.FloatType ? (Object) (float) Y[i] : (Object) (double) Y[i];
                rows.add(RowFactory.create(Vectors.dense(X[i]), label));
            }
            Dataset<Row> frame = frame(rows, schema(VECTOR, type), 2);
            try (SparkExamples inferred = SparkRows.classification(frame, "features", "label", 0);
                 SparkExamples given = SparkRows.classification(frame, "features", "label", 5)) {
                assertThat(inferred.classes()).as(type.simpleString()).isEqualTo(3);
                assertThat(given.classes()).as(type.simpleString()).isEqualTo(5);
                assertThat(labels(inferred)).as(type.simpleString()).containsExactly(Y);
                assertThat(labels(given)).as(type.simpleString()).containsExactly(Y);
            }
        }
    }

    @Test
    void offsetsAreThePrefixSumsOfThePartitionsRowsEmptyPartitionsIncluded() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, -i), i % 2));
        }
        try (SparkExamples data = SparkRows.classification(frame(rows, schema(VECTOR, DataTypes.IntegerType), 3),
                "features", "label", 2)) {
            assertThat(data.partitions()).isEqualTo(3);
            assertThat(data.offsets()).containsExactly(0, 3, 6, 10); // Spark slices 10 rows as 3, 3, 4
            List<ExampleBlock> blocks = data.blocks().collect();
            for (int p = 0; p < 3; p++) {
                ExampleBlock block = blocks.get(p);
                assertThat(block.partition).isEqualTo(p);
                assertThat(block.rows).isEqualTo(data.offset(p + 1) - data.offset(p));
                assertThat(block.features[0]).as("partition %d starts at its offset", p).isEqualTo(data.offset(p));
            }
        }
        try (SparkExamples sparse = SparkRows.classification(frame(rows.subList(0, 2),
                schema(VECTOR, DataTypes.IntegerType), 4), "features", "label", 2)) {
            assertThat(sparse.offsets()).containsExactly(0, 0, 1, 1, 2);
            assertThat(features(sparse)).containsExactly(0, 0, 1, -1);
        }
    }

    @Test
    void theLibsvmReadersSparseVectorsAndDoubleLabelsAreReadAndNamedAfterTheFile(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("tiny.libsvm");
        Files.writeString(file, "0 1:0.5 3:2\n2 2:-1 4:7\n1 1:3\n2 4:1.5\n");
        Dataset<Row> frame = session.read().format("libsvm").option("numFeatures", "4").load(file.toString());
        try (SparkExamples data = SparkRows.classification(frame, "features", "label", 0)) {
            assertThat(data.name()).isEqualTo("tiny.libsvm");
            assertThat(data.size()).isEqualTo(4);
            assertThat(data.featureCount()).isEqualTo(4);
            assertThat(data.classes()).isEqualTo(3);
            assertThat(features(data)).containsExactly(0.5f, 0, 2, 0, 0, -1, 0, 7, 3, 0, 0, 0, 0, 0, 0, 1.5f);
            assertThat(labels(data)).containsExactly(0, 2, 1, 2);
        }
    }

    @Test
    void regressionReadsOneTargetPerColumn() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(RowFactory.create(Vectors.dense(X[i]), i * 0.5, (long) -i));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("features", VECTOR, false),
            DataTypes.createStructField("price", DataTypes.DoubleType, false),
            DataTypes.createStructField("rank", DataTypes.LongType, false)});
        try (SparkExamples data = SparkRows.regression(frame(rows, schema, 3), "features", "price", "rank")) {
            assertThat(data.classification()).isFalse();
            assertThat(data.targetCount()).isEqualTo(2);
            assertThat(data.classes()).isZero();
            assertThat(features(data)).containsExactly(flat(X));
            float[] targets = ((RegressionDataset) data.driverIndex()).targets().data();
            for (int i = 0; i < X.length; i++) {
                assertThat(targets[2 * i]).isEqualTo(i * 0.5f);
                assertThat(targets[2 * i + 1]).isEqualTo(-i);
            }
            ExampleBlock last = data.blocks().collect().get(2);
            assertThat(last.targets).containsExactly(3f, -6, 3.5f, -7, 4f, -8);
        }
    }

    @Test
    void anRddOfExamplesGivesWhatTheSameDataFrameGives() {
        List<SparkRows.Example> examples = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            examples.add(new SparkRows.Example(Arrays.copyOfRange(flat(X), 3 * i, 3 * i + 3), Y[i]));
        }
        JavaRDD<SparkRows.Example> rdd = spark.parallelize(examples, 3).setName("nine");
        try (SparkExamples data = SparkRows.classification(rdd, 0)) {
            assertThat(data.name()).isEqualTo("nine");
            assertThat(data.offsets()).containsExactly(0, 3, 6, 9);
            assertThat(data.classes()).isEqualTo(3);
            assertThat(features(data)).containsExactly(flat(X));
            assertThat(labels(data)).containsExactly(Y);
        }
    }

    @Test
    void digitsReadFromADataFrameGiveTheSameRiskAsDigitsSentFromTheDriver() {
        dev.descent.data.Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        float[] pixels = digits.features().data();
        int d = digits.featureCount();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = pixels[i * d + j];
            }
            rows.add(RowFactory.create(Vectors.dense(x), (double) digits.label(i)));
        }
        ModelSpec logistic = new ModelSpec(d, List.of(new LinearSpec(10, true)));
        double[] x = SparkRisk.parameters(logistic.build(new Rng(5)));
        try (SparkExamples read = SparkRows.classification(frame(rows, schema(VECTOR, DataTypes.DoubleType), 3),
                "features", "label", 10);
             SparkExamples sent = SparkExamples.of(spark, digits, 3)) {
            assertThat(read.offsets()).containsExactly(sent.offsets());
            assertThat(labels(read)).containsExactly(digits.labels());
            double[] g1 = new double[x.length];
            double[] g2 = new double[x.length];
            double f1 = SparkRisk.of(spark, sent, ModelFactory.of(logistic), ObjectiveFactory.softmaxCrossEntropy())
                    .valueAndGradient(x, g1);
            double f2 = SparkRisk.of(spark, read, ModelFactory.of(logistic), ObjectiveFactory.softmaxCrossEntropy())
                    .valueAndGradient(x, g2);
            assertThat(f2).as("the same rows in the same partitions: the same bits").isEqualTo(f1);
            assertThat(g2).containsExactly(g1);
        }
    }

    // ---- what is refused ----

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAndTheClosest() {
        Dataset<Row> frame = frame(Vectors::dense, VECTOR, 1);
        assertThat(refusal(() -> SparkRows.classification(frame, "featurs", "label", 3)))
                .contains("no column 'featurs'", "[features, label]", "Did you mean 'features'?");
        assertThat(refusal(() -> SparkRows.classification(frame, "features", "Label", 3)))
                .contains("no column 'Label'", "Did you mean 'label'?");
        assertThat(refusal(() -> SparkRows.regression(frame, "features", "temperature")))
                .contains("no column 'temperature'", "[features, label]").doesNotContain("Did you mean");
    }

    @Test
    void anUnsupportedTypeIsNamedWithTheSupportedOnes() {
        Dataset<Row> strings = frame(x -> Arrays.toString(x), DataTypes.StringType, 1);
        assertThat(refusal(() -> SparkRows.classification(strings, "features", "label", 3)))
                .contains("column 'features' has type string", "org.apache.spark.ml.linalg.Vector", "array of float"
                        + " or double", "single numeric column");
        Dataset<Row> old = session.createDataFrame(List.of(), schema(new org.apache.spark.mllib.linalg.VectorUDT(),
                DataTypes.IntegerType));
        assertThat(refusal(() -> SparkRows.classification(old, "features", "label", 3)))
                .contains("org.apache.spark.mllib.linalg.Vector", "MLUtils.convertVectorColumnsToML");
        List<Row> named = List.of(RowFactory.create(Vectors.dense(1), "cat"));
        Dataset<Row> labelledByName = frame(named, schema(VECTOR, DataTypes.StringType), 1);
        assertThat(refusal(() -> SparkRows.classification(labelledByName, "features", "label", 3)))
                .contains("label column 'label' has type string", "StringIndexer");
        assertThat(refusal(() -> SparkRows.regression(labelledByName, "features", "label")))
                .contains("target column 'label' has type string");
    }

    @Test
    void vectorsOfMixedSizesAreRefusedWithThePartitionTheRowAndBothSizes() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(RowFactory.create(Vectors.dense(i == 4 ? new double[] {1, 2, 3, 4} : X[i]), Y[i]));
        }
        assertThat(refusal(() -> SparkRows.classification(frame(rows, schema(VECTOR, DataTypes.IntegerType), 3),
                "features", "label", 3)))
                .contains("data set 'dataframe'", "column 'features' holds a vector of size 4",
                        "rows before it have size 3", "in partition 1, row 1 (counting from 0 within the partition)");
        List<Row> longerLast = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            double[] x = i < 6 ? X[i] : new double[] {1, 2, 3, 4, 5};
            longerLast.add(RowFactory.create(boxedDoubles(x), Y[i]));
        }
        assertThat(refusal(() -> SparkRows.classification(frame(longerLast,
                schema(DataTypes.createArrayType(DataTypes.DoubleType), DataTypes.IntegerType), 3),
                "features", "label", 3)))
                .contains("column 'features' holds vectors of size 3 in partition 0 but of size 5 in partition 2",
                        "from its row 0");
    }

    @Test
    void labelsOutOfRangeOrNotWholeNumbersAreRefusedWithTheValidRange() {
        assertThat(refusal(() -> SparkRows.classification(withLabel(7, 3.0), "features", "label", 3)))
                .contains("column 'label' holds 3.0 in partition 2, row 1 (counting from 0", "whole numbers in [0, 3)");
        assertThat(refusal(() -> SparkRows.classification(withLabel(1, 1.5), "features", "label", 0)))
                .contains("column 'label' holds 1.5 in partition 0, row 1", "whole numbers ≥ 0");
        assertThat(refusal(() -> SparkRows.classification(withLabel(3, -1.0), "features", "label", 0)))
                .contains("holds -1.0 in partition 1, row 0");
        assertThat(refusal(() -> SparkRows.classification(withLabel(5, Double.NaN), "features", "label", 3)))
                .contains("column 'label' holds NaN in partition 1, row 2");
    }

    /** X with double labels Y, but {@code label} in row {@code row} (of 9, three per partition). */
    private static Dataset<Row> withLabel(int row, Double label) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(RowFactory.create(Vectors.dense(X[i]), i == row ? label : (Double) (double) Y[i]));
        }
        return frame(rows, schema(VECTOR, DataTypes.DoubleType), 3);
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheColumnTheRowAndTheIndex() {
        assertThat(refusal(() -> SparkRows.classification(withFeatures(2, Vectors.dense(1, 2, Double.NaN)),
                "features", "label", 3)))
                .contains("column 'features' holds NaN at index 2 of its vector in partition 0, row 2",
                        "finite float32");
        Vector sparse = Vectors.sparse(3, new int[] {1}, new double[] {Double.POSITIVE_INFINITY});
        assertThat(refusal(() -> SparkRows.classification(withFeatures(8, sparse), "features", "label", 3)))
                .contains("holds Infinity at index 1 of its vector in partition 2, row 2");
        assertThat(refusal(() -> SparkRows.classification(withFeatures(4, Vectors.dense(1e300, 0, 0)),
                "features", "label", 3)))
                .contains("holds 1.0E300 (beyond float32's range) at index 0 of its vector in partition 1, row 1");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(RowFactory.create(i == 5 ? Double.NEGATIVE_INFINITY : X[i][0], i * 1.0));
        }
        Dataset<Row> numbers = frame(rows, schema(DataTypes.DoubleType, DataTypes.DoubleType), 3);
        assertThat(refusal(() -> SparkRows.classification(numbers, "features", "label", 0)))
                .contains("column 'features' holds -Infinity in partition 1, row 2").doesNotContain("index");
        assertThat(refusal(() -> SparkRows.regression(numbers.selectExpr("label AS features", "features AS y"),
                "features", "y")))
                .contains("column 'y' holds -Infinity in partition 1, row 2", "regression targets must be finite");
    }

    /** X and Y with {@code features} in row {@code row}. */
    private static Dataset<Row> withFeatures(int row, Vector features) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            rows.add(RowFactory.create(i == row ? features : Vectors.dense(X[i]), Y[i]));
        }
        return frame(rows, schema(VECTOR, DataTypes.IntegerType), 3);
    }

    @Test
    void nullsAreRefusedWithTheColumnAndTheRow() {
        assertThat(refusal(() -> SparkRows.classification(withFeatures(6, null), "features", "label", 3)))
                .contains("column 'features' is null in partition 2, row 0", "na().drop()");
        assertThat(refusal(() -> SparkRows.classification(withLabel(0, null), "features", "label", 3)))
                .contains("column 'label' is null in partition 0, row 0");
        List<Row> rows = List.of(RowFactory.create(boxedDoubles(X[0]), 0),
                RowFactory.create(new Double[] {1.0, null, 2.0}, 1));
        Dataset<Row> holes = frame(rows, schema(DataTypes.createArrayType(DataTypes.DoubleType), DataTypes.IntegerType),
                1);
        assertThat(refusal(() -> SparkRows.classification(holes, "features", "label", 3)))
                .contains("column 'features' holds null at index 1 of its array in partition 0, row 1");
    }

    @Test
    void anEmptyDataSetIsRefused() {
        Dataset<Row> none = frame(Vectors::dense, VECTOR, 3).filter("label > 5");
        assertThat(refusal(() -> SparkRows.classification(none, "features", "label", 3)))
                .contains("data set 'dataframe' has no rows", "partitions are empty");
    }

    @Test
    void badExamplesOfAnRddAreRefusedToo() {
        List<SparkRows.Example> examples = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            examples.add(new SparkRows.Example(new float[] {i, 1}, i == 4 ? 7 : i % 3));
        }
        assertThat(refusal(() -> SparkRows.classification(spark.parallelize(examples, 2), 3)))
                .contains("data set 'rdd'", "Example.label holds 7 in partition 1, row 1", "[0, 3)");
        examples.set(1, new SparkRows.Example(null, 0));
        assertThat(refusal(() -> SparkRows.classification(spark.parallelize(examples, 2), 3)))
                .contains("Example.features is null in partition 0, row 1");
    }
}
