package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * A labelled classification data set: {@code n} examples of {@code d} float32 features
 * (a {@code [n, d]} tensor, one example per row) and one class label in {@code [0, classes)}
 * per example.
 *
 * <p>The feature tensor is taken as is, not copied, because data sets are large: treat it as
 * read-only once it is inside a {@code Dataset}. Labels are copied in and out.
 */
public final class Dataset implements Examples {
    private final String name;
    private final Tensor features;
    private final int[] labels;
    private final int classes;
    private final List<String> classNames;
    /** One example's shape, e.g. [1, 28, 28] for images; [d] for flat features. */
    private List<Integer> exampleShape;

    /**
     * @param name       shown in messages and logs, e.g. {@code "fashion-mnist/train"}
     * @param features   {@code [n, d]}, not copied
     * @param labels     length {@code n}, each in {@code [0, classes)}
     * @param classes    number of classes, at least 1
     * @param classNames empty, or one name per class
     */
    public Dataset(String name, Tensor features, int[] labels, int classes, List<String> classNames) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a non-blank name");
        }
        if (features.rank() != 2) {
            throw new IllegalArgumentException("dataset '" + name + "': features must be a [n, d] matrix, not shape "
                    + features.shape());
        }
        if (labels.length != features.dim(0)) {
            throw new IllegalArgumentException("dataset '" + name + "': " + features.dim(0)
                    + " feature rows but " + labels.length + " labels; there must be one label per row");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("dataset '" + name + "': classes must be at least 1, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset '" + name + "': label at index " + i + " is " + labels[i]
                        + ", outside [0, " + classes + ") for " + classes + " classes");
            }
        }
        if (!classNames.isEmpty() && classNames.size() != classes) {
            throw new IllegalArgumentException("dataset '" + name + "': " + classNames.size()
                    + " class names for " + classes + " classes; give one name per class or none");
        }
        this.name = name;
        this.features = features;
        this.labels = labels.clone();
        this.classes = classes;
        this.classNames = List.copyOf(classNames);
    }

    /** A data set without class names. */
    public Dataset(String name, Tensor features, int[] labels, int classes) {
        this(name, features, labels, classes, List.of());
    }

    @Override
    public String name() {
        return name;
    }

    /** The {@code [n, d]} features, shared: do not modify. */
    @Override
    public Tensor features() {
        return features;
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    public int label(int example) {
        return labels[example];
    }

    public int classes() {
        return classes;
    }

    /** One name per class, or an empty list when the classes are unnamed. */
    public List<String> classNames() {
        return classNames;
    }

    /** The name of class {@code label}, or the label itself as text when classes are unnamed. */
    public String className(int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " is outside [0, " + classes + ")");
        }
        return classNames.isEmpty() ? Integer.toString(label) : classNames.get(label);
    }

    /** 0: the targets are class labels. */
    @Override
    public int targetCount() {
        return 0;
    }

    /** Number of examples, {@code n}. */
    @Override
    public int size() {
        return labels.length;
    }

    /** Number of features per example, {@code d}. */
    @Override
    public int featureCount() {
        return features.dim(1);
    }

    /**
     * The shape of one example: {@code [1, 28, 28]} for the IDX images of MNIST and
     * Fashion-MNIST (NCHW without N), {@code [d]} for flat features. Rows are stored flat either
     * way; a model declared for images reshapes them.
     */
    public List<Integer> exampleShape() {
        return exampleShape == null ? List.of(featureCount()) : exampleShape;
    }

    /**
     * The same data, its examples declared to have {@code shape} (e.g. {@code [1, 28, 28]});
     * the product must be the number of features.
     */
    public Dataset withExampleShape(List<Integer> shape) {
        long product = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("dataset '" + name + "': an example shape needs sizes ≥ 1, got "
                        + shape);
            }
            product *= d;
        }
        if (product != featureCount()) {
            throw new IllegalArgumentException("dataset '" + name + "': the example shape " + shape + " holds "
                    + product + " values, but each example has " + featureCount());
        }
        Dataset shaped = new Dataset(name, features, labels, classes, classNames);
        shaped.exampleShape = List.copyOf(shape);
        return shaped;
    }

    /** This data set's example shape on {@code other}, a data set derived from it. */
    Dataset sameShape(Dataset other) {
        return exampleShape == null ? other : other.withExampleShape(exampleShape);
    }

    /** The same data under another name (features shared, as everywhere in a dataset). */
    public Dataset withName(String newName) {
        return sameShape(new Dataset(newName, features, labels, classes, classNames));
    }

    /** A new data set of copies of the rows at {@code indices}, in that order; repeats are allowed. */
    @Override
    public Dataset subset(int[] indices) {
        int d = featureCount();
        float[] source = features.data();
        float[] rows = new float[Math.multiplyExact(indices.length, d)];
        int[] subsetLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int example = indices[i];
            if (example < 0 || example >= size()) {
                throw new IllegalArgumentException("dataset '" + name + "': subset index at position " + i + " is "
                        + example + ", outside [0, " + size() + ")");
            }
            System.arraycopy(source, example * d, rows, i * d, d);
            subsetLabels[i] = labels[example];
        }
        return sameShape(new Dataset(name, Tensor.wrap(rows, indices.length, d), subsetLabels, classes, classNames));
    }

    /** How many examples each class has; element {@code c} counts label {@code c}. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + size() + " × " + featureCount() + ", " + classes + " classes"
                + (classNames.isEmpty() ? "" : " " + classNames) + "]";
    }
}
