package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the four-file IDX layout shared by MNIST, Fashion-MNIST and KMNIST:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or {@code .gz}.
 *
 * <p>Images become rows of a {@code [n, rows·columns]} float32 matrix with pixels scaled from
 * 0..255 to [0, 1]; there are 10 classes, named when the data set's name is known.
 */
public final class MnistLayout {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** What a directory must hold to count as an MNIST-style data set. */
    public static final RequiredFiles FILES = RequiredFiles.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    public static final int CLASSES = 10;

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final Map<String, List<String>> CLASS_NAMES = Map.of(
            "mnist", DIGITS,
            "fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            // Romanised hiragana of Kuzushiji-MNIST (Clanuwat et al. 2018): お き す つ な は ま や れ を.
            "kmnist", List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"));

    // 256 entries: a table lookup is cheaper than a division per pixel.
    private static final float[] PIXEL_TO_UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            PIXEL_TO_UNIT[v] = v / 255f;
        }
    }

    private MnistLayout() {
    }

    public static Dataset loadTrain(Path directory, String name) {
        return load(directory, name, OfficialSplit.TRAIN);
    }

    public static Dataset loadTest(Path directory, String name) {
        return load(directory, name, OfficialSplit.TEST);
    }

    /**
     * Loads one split of the data set in {@code directory}.
     *
     * @param name the data set's name, e.g. {@code "fashion-mnist"}; it chooses the class
     *             names and names the result {@code name/train} or {@code name/test}
     */
    public static Dataset load(Path directory, String name, OfficialSplit split) {
        return readRaw(directory, name, split).all(classNamesFor(name));
    }

    /**
     * The training split cut by {@link Splits#holdOut}{@code (loadTrain(directory, name),
     * fraction, seed)}, the same parts bit for bit, but built from the file's bytes: the whole
     * set is never held as floats next to its two parts, so the peak heap is about the float
     * size of the training set plus a quarter (the bytes), not twice it.
     */
    public static HoldOutSplit loadTrainHeldOut(Path directory, String name, double fraction, long seed) {
        return heldOut(readRaw(directory, name, OfficialSplit.TRAIN), name, fraction, seed);
    }

    /** The training split cut as {@link #loadTrainHeldOut} cuts it, and the official test split. */
    public record TrainAndTest(HoldOutSplit train, Dataset test) {
    }

    /**
     * {@link #loadTrainHeldOut} and {@link #loadTest} in one, checked before any pixel becomes a
     * float: both image files hold images of the same size, and the training images leave
     * examples on both sides of the hold-out. Both splits are read (as bytes) before the checks,
     * which adds the test split's bytes, a small share, to the peak heap of
     * {@link #loadTrainHeldOut}.
     *
     * @throws DataException naming the file(s) at fault
     */
    public static TrainAndTest loadTrainHeldOutAndTest(Path directory, String name, double fraction, long seed) {
        RawSplit train = readRaw(directory, name, OfficialSplit.TRAIN);
        RawSplit test = readRaw(directory, name, OfficialSplit.TEST);
        if (train.rows() != test.rows() || train.columns() != test.columns()) {
            throw new DataException("training and test images differ in size: " + train.imagesFile() + " holds "
                    + train.rows() + "×" + train.columns() + " images but " + test.imagesFile() + " holds "
                    + test.rows() + "×" + test.columns() + " images; a model reads one image size, so both files"
                    + " must come from the same data set (point --data-dir at a directory holding one data set's"
                    + " four files).");
        }
        int[] sizes = Splits.holdOutSizes(train.labels(), CLASSES, fraction);
        if (sizes[1] == 0) {
            throw new DataException(train.imagesFile() + " has " + train.count() + (train.count() == 1 ? " image"
                    : " images") + ": too few to hold out a validation share of " + fraction + " (the hold-out is"
                    + " stratified by class, and no class has the 2 images it needs to appear in both training and"
                    + " validation); point --data-dir at a complete copy of the data set.");
        }
        HoldOutSplit heldOut = heldOut(train, name, fraction, seed);
        return new TrainAndTest(heldOut, test.all(classNamesFor(name)));
    }

    private static HoldOutSplit heldOut(RawSplit raw, String name, double fraction, long seed) {
        int[][] parts = Splits.holdOutIndices(raw.labels(), CLASSES, fraction, seed);
        return new HoldOutSplit(raw.subset(parts[0], raw.name() + "/train", classNamesFor(name)),
                raw.subset(parts[1], raw.name() + "/held-out", classNamesFor(name)));
    }

    /** One split as read: pixels still bytes, labels checked. */
    private record RawSplit(String name, Path imagesFile, byte[] pixels, int count, int rows, int columns,
                            int[] labels) {
        int pixelsPerImage() {
            return rows * columns;
        }

        /** Every image, as floats in [0, 1]. */
        Dataset all(List<String> classNames) {
            return new Dataset(name, Tensor.wrap(toUnitFloats(pixels), count, pixelsPerImage()), labels, CLASSES,
                    classNames).withExampleShape(imageShape());
        }

        /** One grey channel of rows × columns: the images' NCHW shape without N. */
        List<Integer> imageShape() {
            return List.of(1, rows, columns);
        }

        Dataset subset(int[] indices, String subsetName, List<String> classNames) {
            int pixelsPerImage = pixelsPerImage();
            float[] values = new float[Math.multiplyExact(indices.length, pixelsPerImage)];
            int[] subsetLabels = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                int from = indices[i] * pixelsPerImage;
                int to = i * pixelsPerImage;
                for (int p = 0; p < pixelsPerImage; p++) {
                    values[to + p] = PIXEL_TO_UNIT[pixels[from + p] & 0xff];
                }
                subsetLabels[i] = labels[indices[i]];
            }
            return new Dataset(subsetName, Tensor.wrap(values, indices.length, pixelsPerImage), subsetLabels, CLASSES,
                    classNames).withExampleShape(imageShape());
        }
    }

    private static RawSplit readRaw(Path directory, String name, OfficialSplit split) {
        boolean train = split == OfficialSplit.TRAIN;
        Path imagesFile = requireFile(directory, name, train ? TRAIN_IMAGES : TEST_IMAGES);
        Path labelsFile = requireFile(directory, name, train ? TRAIN_LABELS : TEST_LABELS);

        IdxArray labels = IdxReader.read(labelsFile);
        if (labels.rank() != 1) {
            throw new DataException(labelsFile + ": expected a labels file of rank 1 [count], found rank "
                    + labels.rank() + " dims " + Arrays.toString(labels.dims())
                    + "; check that the images and labels files are not swapped.");
        }
        IdxArray images = IdxReader.read(imagesFile);
        if (images.rank() != 3) {
            throw new DataException(imagesFile + ": expected an images file of rank 3 [count, rows, columns], found"
                    + " rank " + images.rank() + " dims " + Arrays.toString(images.dims())
                    + "; check that the images and labels files are not swapped.");
        }
        int count = images.dim(0);
        if (count == 0) {
            throw new DataException(imagesFile + ": holds no images (dims " + Arrays.toString(images.dims())
                    + "); the file is incomplete: re-download the data set, or point --data-dir at a directory"
                    + " holding a complete copy.");
        }
        if (images.dim(1) == 0 || images.dim(2) == 0) {
            throw new DataException(imagesFile + ": its images have " + images.dim(1) + "×" + images.dim(2)
                    + " pixels (dims " + Arrays.toString(images.dims()) + "), nothing to learn from; the file is"
                    + " corrupt: re-download the data set, or point --data-dir at a directory holding a complete"
                    + " copy.");
        }
        if (labels.dim(0) != count) {
            throw new DataException("images and labels disagree: " + imagesFile + " holds " + count + " images but "
                    + labelsFile + " holds " + labels.dim(0) + " labels; both files must come from the same split"
                    + " of the same data set (re-download the one that is wrong).");
        }
        return new RawSplit(name + "/" + split.name().toLowerCase(Locale.ROOT), imagesFile, images.bytes(), count,
                images.dim(1), images.dim(2), checkedLabels(labels));
    }

    /** Class names for a known MNIST-style data set ({@code mnist}, {@code fashion-mnist}, {@code kmnist}), else empty. */
    public static List<String> classNamesFor(String name) {
        return CLASS_NAMES.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static Path requireFile(Path directory, String name, String baseName) {
        return RequiredFiles.find(directory, baseName).orElseThrow(() -> new DataException(
                "data set '" + name + "' in " + directory + ": no " + RequiredFiles.describe(baseName)
                        + "; looked for " + String.join(" and ", RequiredFiles.candidateNames(baseName))
                        + (Files.isDirectory(directory)
                                ? "; the directory contains " + RequiredFiles.listing(directory)
                                : "; the directory does not exist")
                        + ". Put the four files " + String.join(", ", FILES.baseNames())
                        + " (raw or .gz) in one directory."));
    }

    private static int[] checkedLabels(IdxArray labels) {
        int[] values = new int[labels.size()];
        for (int i = 0; i < values.length; i++) {
            int label = labels.unsignedValue(i);
            if (label >= CLASSES) {
                throw new DataException(labels.source() + ": label at index " + i + " (byte offset " + (8 + i)
                        + ") is " + label + ", but MNIST-style data sets have labels 0.." + (CLASSES - 1)
                        + "; the file is corrupt or from another data set.");
            }
            values[i] = label;
        }
        return values;
    }

    private static float[] toUnitFloats(byte[] pixels) {
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = PIXEL_TO_UNIT[pixels[i] & 0xff];
        }
        return values;
    }
}
