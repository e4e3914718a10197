package dev.descent.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@link SparkExamples} from Spark's own data: a {@code Dataset<Row>} (Parquet, CSV, the
 * libsvm reader, a {@code VectorAssembler}'s output) or an RDD of {@link Example}s. The
 * executors read their partitions themselves, one dense block each, and cache it; the driver
 * receives only each partition's row count and its labels (or targets), never the features.
 *
 * <p>The features column may hold {@code ml.linalg} vectors (dense or sparse), arrays of
 * numbers, or be a single numeric column. Bad input is found while converting and reported
 * once, as an {@link IllegalArgumentException} naming the column, the partition and the row
 * (counted from 0 within its partition), rather than as a Spark task that fails four times.
 *
 * <pre>{@code
 * Dataset<Row> frame = session.read().format("libsvm").option("numFeatures", "784").load("mnist.libsvm");
 * try (SparkExamples data = SparkRows.classification(frame, "features", "label", 10)) { ... }
 * }</pre>
 */
public final class SparkRows {
    private SparkRows() {
    }

    /**
     * One example of an RDD: its features and class label. Not checked when built (that would
     * fail the user's own Spark task): {@link #classification(JavaRDD, int)} checks it.
     */
    public record Example(float[] features, int label) implements Serializable {
    }

    /** The format of {@code uri}: {@code format} when given, else from the extension, else {@code libsvm}. */
    public static String formatOf(String uri, String format) {
        return format != null ? format : uri.endsWith(".parquet") ? "parquet" : uri.endsWith(".csv") ? "csv"
                : "libsvm";
    }

    /**
     * Reads {@code uri} with Spark's own readers (on the executors; HDFS, S3 and local paths
     * alike) as a frame of two columns, {@code features} and the label:
     * <ul>
     *   <li>{@code libsvm}: {@code numFeatures}, when given, saves the pass that counts them;</li>
     *   <li>{@code parquet}: a vector or array {@code features} column, or numeric columns,
     *       assembled into one;</li>
     *   <li>{@code csv}: a header line; every column but the label is a feature.</li>
     * </ul>
     *
     * @param format {@code libsvm}, {@code parquet} or {@code csv}; null: {@link #formatOf}
     * @throws IllegalArgumentException for another format, or without the label column (naming the columns)
     */
    public static Dataset<Row> read(SparkSession session, String uri, String format, String labelColumn,
                                    Integer numFeatures) {
        Dataset<Row> frame = switch (formatOf(uri, format)) {
            case "libsvm" -> numFeatures == null ? session.read().format("libsvm").load(uri)
                    : session.read().format("libsvm").option("numFeatures", numFeatures).load(uri);
            case "parquet" -> session.read().parquet(uri);
            case "csv" -> session.read().option("header", "true").option("inferSchema", "true").csv(uri);
            default -> throw new IllegalArgumentException(uri + ": format '" + format + "' is not read; use libsvm,"
                    + " parquet or csv");
        };
        List<String> columns = Arrays.asList(frame.columns());
        if (!columns.contains(labelColumn)) {
            throw new IllegalArgumentException(uri + ": no label column '" + labelColumn + "'; its columns are "
                    + columns);
        }
        if (!columns.contains("features")) {
            List<String> inputs = new java.util.ArrayList<>(columns);
            inputs.remove(labelColumn);
            frame = new VectorAssembler().setInputCols(inputs.toArray(String[]::new)).setOutputCol("features")
                    .setHandleInvalid("keep").transform(frame);
        }
        return frame.select("features", labelColumn);
    }

    /**
     * A classification data set from {@code frame}: features from {@code featuresColumn}, class
     * labels from {@code labelColumn} (an integer, long, float or double column of whole
     * numbers in {@code [0, classes)}). {@code classes ≤ 0} counts the classes as the largest
     * label + 1.
     */
    public static SparkExamples classification(Dataset<Row> frame, String featuresColumn, String labelColumn,
                                               int classes) {
        StructType schema = frame.schema();
        FeatureKind kind = featureKind(field(schema, featuresColumn));
        DataType labelType = field(schema, labelColumn).dataType();
        if (!(labelType instanceof NumericType)) {
            throw new IllegalArgumentException("the label column '" + labelColumn + "' has type "
                    + labelType.simpleString() + "; class labels must be a numeric column (integer, long, float or"
                    + " double) of whole numbers 0, 1, 2, …" + (labelType instanceof StringType
                    ? ": index the strings first, e.g. with org.apache.spark.ml.feature.StringIndexer" : ""));
        }
        FrameReader reader = new FrameReader(kind, new String[] {featuresColumn, labelColumn}, Math.max(classes, 0));
        return assemble(nameOf(frame), "column '" + featuresColumn + "'", select(frame, featuresColumn, labelColumn)
                .toJavaRDD().mapPartitionsWithIndex(reader, false), Math.max(classes, 0), 0);
    }

    /**
     * A regression data set from {@code frame}: features from {@code featuresColumn}, one target
     * per (numeric) target column, in the order given.
     */
    public static SparkExamples regression(Dataset<Row> frame, String featuresColumn, String... targetColumns) {
        if (targetColumns.length == 0) {
            throw new IllegalArgumentException("name at least one target column for regression");
        }
        StructType schema = frame.schema();
        FeatureKind kind = featureKind(field(schema, featuresColumn));
        for (String column : targetColumns) {
            DataType type = field(schema, column).dataType();
            if (!(type instanceof NumericType)) {
                throw new IllegalArgumentException("the target column '" + column + "' has type " + type.simpleString()
                        + "; regression targets must be numeric columns (integer, long, float or double)");
            }
        }
        String[] columns = new String[targetColumns.length + 1];
        columns[0] = featuresColumn;
        System.arraycopy(targetColumns, 0, columns, 1, targetColumns.length);
        FrameReader reader = new FrameReader(kind, columns, -1);
        return assemble(nameOf(frame), "column '" + featuresColumn + "'", select(frame, columns).toJavaRDD()
                .mapPartitionsWithIndex(reader, false), 0, targetColumns.length);
    }

    /**
     * A classification data set from an RDD of examples, with labels in {@code [0, classes)}
     * ({@code classes ≤ 0}: the largest label + 1). Named after the RDD ({@code setName}), or "rdd".
     */
    public static SparkExamples classification(JavaRDD<Example> examples, int classes) {
        String name = examples.name() == null || examples.name().isBlank() ? "rdd" : examples.name();
        return assemble(name, "Example.features", examples.mapPartitionsWithIndex(
                new ExampleReader(Math.max(classes, 0)), false), Math.max(classes, 0), 0);
    }

    // ---- the driver's side ----

    /**
     * Converts and caches every partition in one job that brings back only each partition's
     * size, first error and labels (or targets), then checks that the partitions agree.
     */
    private static SparkExamples assemble(String name, String featuresName, JavaRDD<ExampleBlock> converted,
                                          int classes, int targetCount) {
        JavaRDD<ExampleBlock> blocks = converted.persist(StorageLevel.MEMORY_ONLY());
        try {
            List<Summary> summaries = blocks.map(Summary::of).collect(); // the one pass that fills the cache
            return examples(name, featuresName, blocks, summaries, classes, targetCount);
        } catch (RuntimeException e) {
            blocks.unpersist(false);
            throw e;
        }
    }

    private static SparkExamples examples(String name, String featuresName, JavaRDD<ExampleBlock> blocks,
                                          List<Summary> summaries, int classes, int targetCount) {
        for (Summary s : summaries) { // partition order: the first bad row of the data set
            if (s.error() != null) {
                throw new IllegalArgumentException("data set '" + name + "': " + s.error());
            }
        }
        Summary first = null;
        long total = 0;
        for (Summary s : summaries) {
            if (s.rows() == 0) {
                continue;
            }
            if (first == null) {
                first = s;
            } else if (s.featureCount() != first.featureCount()) {
                throw new IllegalArgumentException("data set '" + name + "': " + featuresName
                        + " holds vectors of size " + first.featureCount() + " in partition " + first.partition()
                        + " but of size " + s.featureCount() + " in partition " + s.partition() + " (from its row 0,"
                        + " counting from 0 within the partition); every row needs the same number of features");
            }
            total += s.rows();
        }
        if (first == null) {
            throw new IllegalArgumentException("data set '" + name + "' has no rows (all " + summaries.size()
                    + " partitions are empty): check the path and any filter before it");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("data set '" + name + "' has " + total + " rows; at most "
                    + (Integer.MAX_VALUE - 8) + " are supported");
        }
        int[] offsets = new int[summaries.size() + 1];
        for (int p = 0; p < summaries.size(); p++) {
            offsets[p + 1] = offsets[p] + summaries.get(p).rows();
        }
        int d = first.featureCount();
        if (targetCount > 0) {
            float[] targets = new float[offsets[summaries.size()] * targetCount];
            for (Summary s : summaries) {
                System.arraycopy(s.targets(), 0, targets, offsets[s.partition()] * targetCount, s.targets().length);
            }
            return new SparkExamples(name, blocks, offsets, d, targetCount, 0, List.of(d), null, targets);
        }
        int[] labels = new int[offsets[summaries.size()]];
        int largest = 0;
        for (Summary s : summaries) {
            System.arraycopy(s.labels(), 0, labels, offsets[s.partition()], s.labels().length);
            for (int label : s.labels()) {
                largest = Math.max(largest, label);
            }
        }
        return new SparkExamples(name, blocks, offsets, d, 0, classes > 0 ? classes : largest + 1, List.of(d),
                labels, null);
    }

    /** What the driver learns of one partition: no features. */
    private record Summary(int partition, int rows, int featureCount, String error, int[] labels, float[] targets)
            implements Serializable {
        static Summary of(ExampleBlock block) {
            return new Summary(block.partition, block.rows, block.featureCount, block.error, block.labels,
                    block.targets);
        }
    }

    private static StructField field(StructType schema, String column) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(column)) {
                return field;
            }
        }
        List<String> names = Arrays.asList(schema.fieldNames());
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : names) {
            int distance = editDistance(column.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        boolean near = closest != null && best <= Math.max(2, column.length() / 3);
        throw new IllegalArgumentException("no column '" + column + "' in the data frame; its columns are " + names
                + (near ? ". Did you mean '" + closest + "'?" : ""));
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    private static FeatureKind featureKind(StructField field) {
        DataType type = field.dataType();
        if (type.equals(SQLDataTypes.VectorType())) {
            return FeatureKind.VECTOR;
        }
        if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
            return FeatureKind.ARRAY;
        }
        if (type instanceof NumericType) {
            return FeatureKind.NUMBER;
        }
        boolean oldVector = type instanceof UserDefinedType<?> udt
                && udt.userClass().getName().startsWith("org.apache.spark.mllib.");
        throw new IllegalArgumentException("the features column '" + field.name() + "' has type "
                + (oldVector ? "org.apache.spark.mllib.linalg.Vector" : type.simpleString())
                + ", which cannot hold features; use an org.apache.spark.ml.linalg.Vector column (VectorUDT, as"
                + " VectorAssembler and the libsvm reader make), an array of float or double, or a single numeric"
                + " column" + (oldVector ? ". Convert old vectors with MLUtils.convertVectorColumnsToML" : ""));
    }

    /** Only the columns read, so that Parquet and other columnar sources skip the rest. */
    private static Dataset<Row> select(Dataset<Row> frame, String... columns) {
        Column[] selected = new Column[columns.length];
        for (int i = 0; i < columns.length; i++) {
            selected[i] = functions.col("`" + columns[i].replace("`", "``") + "`"); // quoted: dots stay in the name
        }
        return frame.select(selected);
    }

    /** The file read, or the directory of the files read, else "dataframe". */
    private static String nameOf(Dataset<Row> frame) {
        String[] files = frame.inputFiles();
        if (files.length == 0) {
            return "dataframe";
        }
        String parent = parentOf(files[0]);
        for (String file : files) {
            if (!parentOf(file).equals(parent)) {
                return "dataframe";
            }
        }
        String named = files.length == 1 ? files[0] : parent;
        return named.substring(named.lastIndexOf('/') + 1);
    }

    private static String parentOf(String path) {
        return path.substring(0, Math.max(path.lastIndexOf('/'), 0));
    }

    // ---- the executors' side ----

    private enum FeatureKind { VECTOR, ARRAY, NUMBER }

    /** Reads one row into the block being written; false once the row is refused. */
    private interface RowReader<T> {
        boolean read(T row, BlockWriter out);
    }

    /**
     * One partition's rows into one block, stopping at the first bad row. Failures of Spark's own
     * reading (a lost file, a network error) stay Spark's, to retry; those of converting a row
     * become the block's error, since a retry would fail the same way.
     */
    private static <T> Iterator<ExampleBlock> convert(Iterator<T> rows, BlockWriter out, RowReader<T> reader) {
        while (rows.hasNext()) {
            T row = rows.next();
            boolean read;
            try {
                read = reader.read(row, out);
            } catch (RuntimeException e) { // a value of a class the schema did not announce
                String why = String.valueOf(e);
                read = out.fail("cannot convert the row (" + (why.length() > 300 ? why.substring(0, 300) + "…" : why)
                        + ")", "");
            }
            if (!read) {
                break;
            }
            out.endRow();
        }
        return Collections.singletonList(out.finish()).iterator();
    }

    /** Row columns: the features first, then the label or the targets. */
    private static final class FrameReader implements Function2<Integer, Iterator<Row>, Iterator<ExampleBlock>> {
        private static final long serialVersionUID = 1L;
        private final FeatureKind kind;
        private final String[] columns;
        /** The known classes, 0 to infer them, or -1 for regression. */
        private final int classes;

        FrameReader(FeatureKind kind, String[] columns, int classes) {
            this.kind = kind;
            this.columns = columns;
            this.classes = classes;
        }

        @Override
        public Iterator<ExampleBlock> call(Integer partition, Iterator<Row> rows) {
            int targetCount = classes < 0 ? columns.length - 1 : 0;
            BlockWriter out = new BlockWriter(partition, "column '" + columns[0] + "'", kind != FeatureKind.NUMBER,
                    Math.max(classes, 0), targetCount);
            return convert(rows, out, this::read);
        }

        private boolean read(Row row, BlockWriter out) {
            for (int c = 0; c < columns.length; c++) {
                if (row.isNullAt(c)) {
                    return out.fail("column '" + columns[c] + "' is null", "drop or fill missing values first,"
                            + " e.g. with frame.na().drop()");
                }
            }
            if (!readFeatures(row, out)) {
                return false;
            }
            if (classes >= 0) {
                return out.label(((Number) row.get(1)).doubleValue(), row.get(1), "column '" + columns[1] + "'");
            }
            for (int k = 1; k < columns.length; k++) {
                if (!out.target(k - 1, ((Number) row.get(k)).doubleValue(), "column '" + columns[k] + "'")) {
                    return false;
                }
            }
            return true;
        }

        private boolean readFeatures(Row row, BlockWriter out) {
            switch (kind) {
                case VECTOR -> {
                    Vector vector = (Vector) row.get(0);
                    if (!out.startRow(vector.size())) {
                        return false;
                    }
                    if (vector instanceof SparseVector sparse) { // the zeros are already there
                        int[] indices = sparse.indices();
                        double[] values = sparse.values();
                        for (int i = 0; i < indices.length; i++) {
                            if (indices[i] < 0 || indices[i] >= vector.size()) { // would land in another row
                                return out.fail("column '" + columns[0] + "' holds a sparse vector of size "
                                        + vector.size() + " with index " + indices[i], "");
                            }
                            if (!out.feature(indices[i], values[i])) {
                                return false;
                            }
                        }
                        return true;
                    }
                    double[] values = vector.toArray();
                    for (int i = 0; i < values.length; i++) {
                        if (!out.feature(i, values[i])) {
                            return false;
                        }
                    }
                    return true;
                }
                case ARRAY -> {
                    List<Object> values = row.getList(0);
                    if (!out.startRow(values.size())) {
                        return false;
                    }
                    int i = 0;
                    for (Object value : values) { // an iterator: get(i) may walk a linked Scala list
                        if (value == null) {
                            return out.fail("column '" + columns[0] + "' holds null at index " + i + " of its array",
                                    "drop or fill missing values first");
                        }
                        if (!out.feature(i++, ((Number) value).doubleValue())) {
                            return false;
                        }
                    }
                    return true;
                }
                default -> {
                    return out.startRow(1) && out.feature(0, ((Number) row.get(0)).doubleValue());
                }
            }
        }
    }

    private static final class ExampleReader
            implements Function2<Integer, Iterator<Example>, Iterator<ExampleBlock>> {
        private static final long serialVersionUID = 1L;
        private final int classes;

        ExampleReader(int classes) {
            this.classes = classes;
        }

        @Override
        public Iterator<ExampleBlock> call(Integer partition, Iterator<Example> rows) {
            BlockWriter out = new BlockWriter(partition, "Example.features", true, classes, 0);
            return convert(rows, out, (example, block) -> {
                if (example == null || example.features() == null) {
                    return block.fail(example == null ? "the example is null" : "Example.features is null",
                            "every example needs its features");
                }
                float[] features = example.features();
                if (!block.startRow(features.length)) {
                    return false;
                }
                for (int i = 0; i < features.length; i++) {
                    if (!block.feature(i, features[i])) {
                        return false;
                    }
                }
                return block.label(example.label(), example.label(), "Example.label");
            });
        }
    }

    /**
     * The block of one partition, written row by row into arrays that grow as needed. The
     * first refused row stops it and becomes the block's error, naming the partition and row.
     */
    private static final class BlockWriter {
        private static final int MAX_FLOATS = Integer.MAX_VALUE - 8;
        private final int partition;
        private final String featuresName;
        /** Whether the features have positions worth naming (a vector or array, not one number). */
        private final boolean indexed;
        private final int classes;
        private final int targetCount;
        private int rows;
        private int featureCount = -1;
        private float[] features = new float[0];
        private int[] labels = new int[0];
        private float[] targets = new float[0];
        private String error;

        BlockWriter(int partition, String featuresName, boolean indexed, int classes, int targetCount) {
            this.partition = partition;
            this.featuresName = featuresName;
            this.indexed = indexed;
            this.classes = classes;
            this.targetCount = targetCount;
        }

        String position() {
            return "partition " + partition + ", row " + rows + " (counting from 0 within the partition)";
        }

        /** Always false, to end the row: records what is wrong here and how to fix it. */
        boolean fail(String what, String fix) {
            if (error == null) {
                error = what + " in " + position() + (fix.isEmpty() ? "" : "; " + fix);
            }
            return false;
        }

        /** Starts a row of {@code size} features: the size of every earlier row in the partition. */
        boolean startRow(int size) {
            if (size < 1) {
                return fail(featuresName + " holds an empty vector", "every row needs at least one feature");
            }
            if (featureCount < 0) {
                featureCount = size;
            } else if (size != featureCount) {
                return fail(featuresName + " holds a vector of size " + size, "the rows before it have size "
                        + featureCount + ", and every row needs the same number of features");
            }
            long needed = (long) (rows + 1) * featureCount;
            if (needed > MAX_FLOATS) {
                return fail("partition " + partition + " holds more than " + MAX_FLOATS + " feature values",
                        "split the data into more partitions, e.g. with repartition()");
            }
            if (needed > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(MAX_FLOATS, Math.max(needed, 2L * features.length)));
                int capacity = features.length / featureCount;
                labels = Arrays.copyOf(labels, targetCount == 0 ? capacity : 0);
                targets = Arrays.copyOf(targets, capacity * targetCount);
            }
            return true;
        }

        boolean feature(int index, double value) {
            float f = (float) value;
            if (!Float.isFinite(f)) {
                return fail(featuresName + " holds " + value + (Double.isFinite(value) ? " (beyond float32's range)"
                        : "") + (indexed ? " at index " + index + " of its vector" : ""),
                        "features must be finite float32 numbers");
            }
            features[rows * featureCount + index] = f;
            return true;
        }

        /** A class label, {@code shown} as the column holds it (3, 3.0 or 2.5). */
        boolean label(double value, Object shown, String column) {
            double limit = classes > 0 ? classes : Integer.MAX_VALUE;
            if (!(value >= 0 && value < limit && value == Math.rint(value))) { // NaN fails too
                return fail(column + " holds " + shown, "class labels must be whole numbers " + (classes > 0
                        ? "in [0, " + classes + ")" : "≥ 0 (the classes are counted as the largest label + 1)"));
            }
            labels[rows] = (int) value;
            return true;
        }

        boolean target(int k, double value, String column) {
            float f = (float) value;
            if (!Float.isFinite(f)) {
                return fail(column + " holds " + value + (Double.isFinite(value) ? " (beyond float32's range)" : ""),
                        "regression targets must be finite float32 numbers");
            }
            targets[rows * targetCount + k] = f;
            return true;
        }

        void endRow() {
            rows++;
        }

        ExampleBlock finish() {
            if (error != null) {
                return ExampleBlock.failed(partition, error);
            }
            int d = Math.max(featureCount, 0);
            float[] x = Arrays.copyOf(features, rows * d);
            return targetCount == 0
                    ? new ExampleBlock(partition, rows, d, x, Arrays.copyOf(labels, rows), null, 0, null)
                    : new ExampleBlock(partition, rows, d, x, null, Arrays.copyOf(targets, rows * targetCount),
                            targetCount, null);
        }
    }
}
