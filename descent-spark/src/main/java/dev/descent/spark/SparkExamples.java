package dev.descent.spark;

import dev.descent.data.Dataset;
import dev.descent.data.Examples;
import dev.descent.data.RegressionDataset;
import dev.descent.data.Standardization;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * A data set cached on Spark's executors, one dense block of float rows per partition, with
 * the global row numbering every strategy shares: partition p holds rows
 * {@code [offset(p), offset(p + 1))}. Built once ({@link #of}, {@link SparkRows}); every step
 * after that reads the cached blocks and converts nothing.
 *
 * <p>The driver keeps the labels (4 bytes a row, as a shuffled order does anyway) so that its
 * {@link dev.descent.data.MiniBatches} can draw the same global batches as a local run; the
 * features stay on the executors.
 */
public final class SparkExamples implements AutoCloseable {
    private final String name;
    private final JavaRDD<ExampleBlock> blocks;
    private final int[] offsets;
    private final int featureCount;
    private final int targetCount;
    private final int classes;
    private final List<Integer> exampleShape;
    private final int[] labels;
    private final float[] targets;

    SparkExamples(String name, JavaRDD<ExampleBlock> blocks, int[] offsets, int featureCount, int targetCount,
                  int classes, List<Integer> exampleShape, int[] labels, float[] targets) {
        this.name = name;
        this.blocks = blocks;
        this.offsets = offsets;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.classes = classes;
        this.exampleShape = List.copyOf(exampleShape);
        this.labels = labels;
        this.targets = targets;
    }

    /**
     * Puts an in-memory data set on the cluster in {@code partitions} contiguous slices (the
     * first {@code n mod partitions} one row longer) and caches them, cutting their lineage
     * ({@code localCheckpoint}) so that tasks do not ship the rows again. For data that fits the
     * driver: trying Spark in local mode, tests. A lost executor loses its rows for good, so
     * data on a cluster is read by the executors themselves ({@link SparkRows}).
     */
    public static SparkExamples of(JavaSparkContext spark, Examples data, int partitions) {
        int n = data.size();
        if (partitions < 1 || partitions > n) {
            throw new IllegalArgumentException("partitions must be in [1, " + n + "] (the rows of '" + data.name()
                    + "'), got " + partitions);
        }
        int[] offsets = new int[partitions + 1];
        List<int[]> ranges = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            offsets[p + 1] = offsets[p] + n / partitions + (p < n % partitions ? 1 : 0);
            ranges.add(new int[] {p, offsets[p], offsets[p + 1]});
        }
        // The rows travel as a broadcast (in small torrent pieces, so no task outgrows spark.rpc.message.maxSize),
        // each executor cuts its slices from it, and the broadcast is dropped once the slices are cached.
        Broadcast<ExampleBlock> all = spark.broadcast(ExampleBlock.slice(data, -1, 0, n));
        SliceOfBroadcast slicer = new SliceOfBroadcast(all);
        JavaRDD<ExampleBlock> blocks = spark.parallelize(ranges, partitions).map(slicer)
                .persist(StorageLevel.MEMORY_ONLY());
        // Cut the lineage once cached: the blocks cannot be rebuilt after the broadcast is gone (a lost executor
        // loses its rows for good; data read by the executors, SparkRows, keeps its lineage and recovers).
        blocks.rdd().localCheckpoint();
        blocks.count();
        slicer.release(); // later tasks still serialise the (never again called) function: without the broadcast
        all.destroy();
        List<Integer> shape = data instanceof Dataset images ? images.exampleShape() : List.of(data.featureCount());
        return data instanceof Dataset labelled
                ? new SparkExamples(data.name(), blocks, offsets, data.featureCount(), 0, labelled.classes(), shape,
                        labelled.labels(), null)
                : new SparkExamples(data.name(), blocks, offsets, data.featureCount(), data.targetCount(), 0, shape,
                        null, ((RegressionDataset) data).targets().data().clone());
    }

    /**
     * Cuts a partition's rows from the broadcast data set. Its broadcast is released once the
     * blocks are cached: tasks over the blocks serialise this function with the lineage, and a
     * destroyed broadcast would refuse to be serialised.
     */
    private static final class SliceOfBroadcast implements Function<int[], ExampleBlock> {
        private static final long serialVersionUID = 1L;
        private Broadcast<ExampleBlock> source;

        SliceOfBroadcast(Broadcast<ExampleBlock> source) {
            this.source = source;
        }

        @Override
        public ExampleBlock call(int[] range) {
            if (source == null) {
                throw new IllegalStateException("the rows of SparkExamples.of were lost with an executor and cannot be"
                        + " shipped again; read large data with SparkRows, whose blocks Spark can rebuild");
            }
            return source.value().rows(range[0], range[1], range[2]);
        }

        void release() {
            source = null;
        }
    }

    public String name() {
        return name;
    }

    /** Rows in all. */
    public int size() {
        return offsets[offsets.length - 1];
    }

    public int partitions() {
        return offsets.length - 1;
    }

    public int featureCount() {
        return featureCount;
    }

    /** Regression targets per row, or 0 for class labels. */
    public int targetCount() {
        return targetCount;
    }

    /** Classes of a labelled data set, or 0 for regression. */
    public int classes() {
        return classes;
    }

    public boolean classification() {
        return targetCount == 0;
    }

    /** The first row of partition {@code p} in the global numbering; {@code offset(partitions())} is the size. */
    public int offset(int p) {
        return offsets[p];
    }

    int[] offsets() {
        return offsets.clone();
    }

    JavaRDD<ExampleBlock> blocks() {
        return blocks;
    }

    /**
     * The driver's side of the data: the labels (or targets) in the global numbering, with no
     * features ({@code [n, 0]}), for the {@link dev.descent.data.MiniBatches} that draw the
     * global batches.
     */
    public Examples driverIndex() {
        Tensor none = Tensor.zeros(size(), 0);
        return classification() ? new Dataset(name, none, labels, classes)
                : new RegressionDataset(name, none, Tensor.wrap(targets, size(), targetCount), List.of());
    }

    /** The shape of one example ({@code [d]}, or {@code [c, h, w]} for images). */
    public List<Integer> exampleShape() {
        return exampleShape;
    }

    /** The data set standardised with statistics of its own rows, and those statistics (saved with a model). */
    public record Standardized(SparkExamples examples, Standardization.Fitted scaling) {
    }

    /**
     * Fits a standardisation (each feature's mean and population standard deviation, 1 for a
     * constant feature, as {@link Standardization} does in memory) in one aggregation pass,
     * then caches the standardised blocks in place of these, which are dropped. Each partition
     * sums in double; the driver merges the partitions' means and squared deviations in
     * partition order (Chan et al.'s pairwise update), so the result is reproducible.
     */
    public Standardized standardized() {
        List<double[]> moments = blocks.map(SparkExamples::moments).collect();
        int d = featureCount;
        double count = 0;
        double[] mean = new double[d];
        double[] squares = new double[d];
        for (double[] m : moments) { // [count, mean₁..mean_d, m2₁..m2_d] per partition
            double nb = m[0];
            if (nb == 0) {
                continue;
            }
            double total = count + nb;
            for (int j = 0; j < d; j++) {
                double delta = m[1 + j] - mean[j];
                mean[j] += delta * nb / total;
                squares[j] += m[1 + d + j] + delta * delta * count * nb / total;
            }
            count = total;
        }
        double[] stds = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(squares[j] / count);
            stds[j] = std > 0 ? std : 1;
        }
        Standardization.Fitted scaling = Standardization.Fitted.of(mean, stds);
        JavaRDD<ExampleBlock> scaled = blocks.map(block -> block.standardized(mean, stds))
                .persist(StorageLevel.MEMORY_ONLY());
        scaled.count();
        blocks.unpersist(false);
        return new Standardized(new SparkExamples(name, scaled, offsets, featureCount, targetCount, classes,
                exampleShape, labels, targets), scaling);
    }

    /** A block's row count, feature means and sums of squared deviations from them, in double. */
    private static double[] moments(ExampleBlock block) {
        int d = block.featureCount;
        double[] m = new double[1 + 2 * d];
        m[0] = block.rows;
        for (int i = 0; i < block.rows; i++) {
            for (int j = 0; j < d; j++) {
                m[1 + j] += block.features[i * d + j];
            }
        }
        for (int j = 0; j < d && block.rows > 0; j++) {
            m[1 + j] /= block.rows;
        }
        for (int i = 0; i < block.rows; i++) {
            for (int j = 0; j < d; j++) {
                double deviation = block.features[i * d + j] - m[1 + j];
                m[1 + d + j] += deviation * deviation;
            }
        }
        return m;
    }

    /**
     * All rows brought to the driver as an in-memory data set, in the global numbering: for
     * the small validation and test splits a run evaluates on the driver, never for the
     * training rows.
     */
    public Examples collect() {
        List<ExampleBlock> parts = blocks.collect();
        float[] features = new float[size() * featureCount];
        float[] allTargets = classification() ? null : new float[size() * targetCount];
        int[] allLabels = classification() ? new int[size()] : null;
        for (ExampleBlock block : parts) {
            int from = offsets[block.partition];
            System.arraycopy(block.features, 0, features, from * featureCount, block.rows * featureCount);
            if (classification()) {
                System.arraycopy(block.labels, 0, allLabels, from, block.rows);
            } else {
                System.arraycopy(block.targets, 0, allTargets, from * targetCount, block.rows * targetCount);
            }
        }
        Tensor x = Tensor.wrap(features, size(), featureCount);
        return classification() ? new Dataset(name, x, allLabels, classes)
                : new RegressionDataset(name, x, Tensor.wrap(allTargets, size(), targetCount), List.of());
    }

    /** Drops the cached blocks from the executors. */
    @Override
    public void close() {
        SparkSessions.withoutWarnings(blocks.rdd().getClass().getName(), () -> blocks.unpersist(false));
    }
}
