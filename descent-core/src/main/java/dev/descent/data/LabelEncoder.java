package dev.descent.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Class labels as the data has them ↔ class indices {@code 0 … k−1}, as scikit-learn's
 * {@code LabelEncoder} and a classifier's {@code classes_}: the classes are the distinct labels
 * in sorted order, class {@code i} is the {@code i}-th of them. Labels {−1, 1} are two classes,
 * indices 0 and 1; so are {1, 2}, or {"no", "yes"}.
 *
 * <pre>{@code
 * LabelEncoder encoder = LabelEncoder.fit(new int[] {1, -1, -1, 1});
 * encoder.classes();                          // [-1, 1]
 * int[] indices = encoder.transform(y);       // what a model trains on
 * int[] labels = encoder.inverseTransform(predictedIndices);
 * }</pre>
 *
 * <p>Integer labels sort numerically and text labels by {@link String#compareTo} (NumPy's order
 * for Unicode strings). Every class also has a name, its label as text for integer labels,
 * which is how a saved model names its outputs ({@link #classNames()}). A label the encoder
 * was not fitted on is refused with an error that names it and lists the classes. Immutable.
 */
public final class LabelEncoder {
    /** The integer label of each class, increasing; null when the labels are text. */
    private final int[] labels;
    private final List<String> names;
    private final Map<String, Integer> indexOfName = new HashMap<>();
    private final Map<Integer, Integer> indexOfLabel = new HashMap<>();

    private LabelEncoder(int[] labels, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a label encoder needs at least one class; there are no labels");
        }
        this.labels = labels;
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            if (indexOfName.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("class name '" + names.get(i) + "' is given twice in " + names
                        + "; every class needs its own name");
            }
            if (labels != null) {
                indexOfLabel.put(labels[i], i);
            }
        }
    }

    /** The distinct values of {@code labels}, sorted, as the classes; each named by its value. */
    public static LabelEncoder fit(int[] labels) {
        requireSome(labels.length);
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        return new LabelEncoder(classes, Arrays.stream(classes).mapToObj(Integer::toString).toList());
    }

    /** The distinct texts of {@code labels}, sorted by {@link String#compareTo}, as the classes. */
    public static LabelEncoder fit(String... labels) {
        requireSome(labels.length);
        TreeSet<String> distinct = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException("label " + i + " is null; every example needs a label");
            }
            distinct.add(labels[i]);
        }
        return new LabelEncoder(null, new ArrayList<>(distinct));
    }

    /**
     * Classes whose labels are already known: {@code classes} strictly increasing, with one
     * name per class (a data set's class names, or a saved model's).
     */
    public static LabelEncoder ofClasses(int[] classes, List<String> names) {
        if (classes.length != names.size()) {
            throw new IllegalArgumentException(classes.length + " class labels " + Arrays.toString(classes) + " but "
                    + names.size() + " class names " + names + "; give one name per class");
        }
        for (int i = 1; i < classes.length; i++) {
            if (classes[i] <= classes[i - 1]) {
                throw new IllegalArgumentException("class labels must be distinct and increasing, got "
                        + Arrays.toString(classes));
            }
        }
        return new LabelEncoder(classes.clone(), names);
    }

    /**
     * The classes of labels that are already indices {@code 0 … k−1}, as a {@link Dataset}'s
     * are, named by {@code names} (one per class).
     */
    public static LabelEncoder ofIndices(List<String> names) {
        int[] indices = new int[names.size()];
        Arrays.setAll(indices, i -> i);
        return ofClasses(indices, names);
    }

    /** The identity on the indices {@code 0 … classCount−1}, named "0", "1", … */
    public static LabelEncoder ofIndices(int classCount) {
        List<String> names = new ArrayList<>(classCount);
        for (int i = 0; i < classCount; i++) {
            names.add(Integer.toString(i));
        }
        return ofIndices(names);
    }

    private static void requireSome(int count) {
        if (count == 0) {
            throw new IllegalArgumentException("no labels to fit: the training set is empty");
        }
    }

    /** k, the number of classes. */
    public int classCount() {
        return names.size();
    }

    /** Whether the labels are integers (else text, and only {@link #classNames()} names them). */
    public boolean hasIntegerLabels() {
        return labels != null;
    }

    /**
     * The integer label of each class, increasing: scikit-learn's {@code classes_}.
     *
     * @throws IllegalStateException when the labels are text; use {@link #classNames()}
     */
    public int[] classes() {
        requireIntegerLabels("classes()");
        return labels.clone();
    }

    /** One name per class, in class order: the labels as text ("-1", "1"), or a data set's names. */
    public List<String> classNames() {
        return names;
    }

    /** The integer label of class {@code index}. */
    public int label(int index) {
        requireIntegerLabels("label(index)");
        requireIndex(index, "index");
        return labels[index];
    }

    /**
     * The class index of each label.
     *
     * @throws IllegalArgumentException naming the first label not among the classes, and its position
     */
    public int[] transform(int[] y) {
        requireIntegerLabels("transform(int[])");
        int[] indices = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            Integer index = indexOfLabel.get(y[i]);
            if (index == null) {
                throw unseen(Integer.toString(y[i]), i, Arrays.toString(labels));
            }
            indices[i] = index;
        }
        return indices;
    }

    /**
     * The class index of each label given as text (the class names).
     *
     * @throws IllegalArgumentException naming the first label not among the classes, and its position
     */
    public int[] transform(String... y) {
        int[] indices = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            Integer index = indexOfName.get(y[i]);
            if (index == null) {
                throw unseen("'" + y[i] + "'", i, names.toString());
            }
            indices[i] = index;
        }
        return indices;
    }

    /** The integer label of each class index. */
    public int[] inverseTransform(int[] indices) {
        requireIntegerLabels("inverseTransform");
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            requireIndex(indices[i], "index at position " + i);
            y[i] = labels[indices[i]];
        }
        return y;
    }

    /** The class name of each class index. */
    public String[] inverseTransformToNames(int[] indices) {
        String[] y = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            requireIndex(indices[i], "index at position " + i);
            y[i] = names.get(indices[i]);
        }
        return y;
    }

    private void requireIntegerLabels(String method) {
        if (labels == null) {
            throw new IllegalStateException(method + " needs integer labels, but these classes are text labels "
                    + names + "; use classNames(), transform(String...) and inverseTransformToNames");
        }
    }

    private void requireIndex(int index, String what) {
        if (index < 0 || index >= names.size()) {
            throw new IllegalArgumentException(what + " is " + index + ", outside [0, " + names.size() + ") for "
                    + names.size() + " classes");
        }
    }

    private static IllegalArgumentException unseen(String label, int position, String classes) {
        return new IllegalArgumentException("label " + label + " (position " + position + ") is not one of the "
                + "classes " + classes + " seen in fitting; unseen labels cannot be encoded");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelEncoder encoder && Arrays.equals(labels, encoder.labels)
                && names.equals(encoder.names);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + names.hashCode();
    }

    @Override
    public String toString() {
        return "LabelEncoder" + (labels != null ? Arrays.toString(labels)
                + (names.equals(Arrays.stream(labels).mapToObj(Integer::toString).toList()) ? "" : " named " + names)
                : names.toString());
    }
}
