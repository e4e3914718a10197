package dev.descent.data;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Random crop with zero padding and random horizontal flip of images stored as flat rows of
 * {@code channels × height × width} values (channel-major, as PyTorch's {@code [C, H, W]}):
 * torchvision's {@code RandomCrop((H, W), padding=P)} followed by {@code RandomHorizontalFlip(p=0.5)}.
 *
 * <p>The crop pads each image with {@code P} zeros on every side and takes an {@code H × W}
 * window whose top-left corner {@code (top, left)} is drawn uniformly from {@code [0, 2P]²}:
 * the image moves by {@code (P − top)} rows down and {@code (P − left)} columns right, and the
 * pixels it leaves are 0. The flip then mirrors every row with probability ½. All channels of an
 * image share its draws. Per image the draws are, in this order: {@code top}, {@code left}
 * (each {@link Rng#nextInt}{@code (2P + 1)}, only when {@code P > 0}), then the flip
 * ({@link Rng#nextDouble()} {@code < 0.5}, only when flipping is on), so that one generator and
 * the same batches give the same images, whatever else runs.
 *
 * <pre>{@code
 * ImageAugmentation augment = ImageAugmentation.none(1, 28, 28).withRandomCrop(2).withHorizontalFlip(true);
 * BatchSource batches = new AugmentedBatches(new MiniBatches(train, options), augment, rng.split());
 * }</pre>
 *
 * <p>{@link #apply} works in place, allocates nothing and costs O(batch × pixels).
 *
 * @param channels       values per pixel, ≥ 1
 * @param height         rows per image, ≥ 1
 * @param width          columns per image, ≥ 1
 * @param cropPadding    zeros added on each side before the random crop, in {@code [0, min(height, width))};
 *                       0 for no crop
 * @param horizontalFlip whether each image is mirrored left to right with probability ½
 */
public record ImageAugmentation(int channels, int height, int width, int cropPadding, boolean horizontalFlip) {

    public ImageAugmentation {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image augmentation: the image shape must be [channels, height, width],"
                    + " each ≥ 1, got [" + channels + ", " + height + ", " + width + "]");
        }
        if ((long) channels * height * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image augmentation: an image of [" + channels + ", " + height + ", "
                    + width + "] holds more than 2^31 values");
        }
        if (cropPadding < 0 || cropPadding >= Math.min(height, width)) {
            throw new IllegalArgumentException("image augmentation: the crop padding must be in [0, "
                    + (Math.min(height, width) - 1) + "] (below the image's height and width, " + height + "×" + width
                    + "), got " + cropPadding);
        }
    }

    /** No augmentation yet, for images of {@code [channels, height, width]}; add it with the {@code with…} methods. */
    public static ImageAugmentation none(int channels, int height, int width) {
        return new ImageAugmentation(channels, height, width, 0, false);
    }

    /** No augmentation yet, for images of {@code shape} = {@code [channels, height, width]}, e.g. a model's input shape. */
    public static ImageAugmentation none(List<Integer> shape) {
        if (shape == null || shape.size() != 3 || shape.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("image augmentation: the image shape must be [channels, height, width],"
                    + " got " + shape);
        }
        return none(shape.get(0), shape.get(1), shape.get(2));
    }

    /** The same, with a random crop after padding by {@code padding} zeros on every side (0: no crop). */
    public ImageAugmentation withRandomCrop(int padding) {
        return new ImageAugmentation(channels, height, width, padding, horizontalFlip);
    }

    /** The same, with or without a random horizontal flip (probability ½). */
    public ImageAugmentation withHorizontalFlip(boolean flip) {
        return new ImageAugmentation(channels, height, width, cropPadding, flip);
    }

    /** Values per image: {@code channels × height × width}, the features a batch row must have. */
    public int featureCount() {
        return channels * height * width;
    }

    /** Whether it leaves every image unchanged (no crop padding, no flip) and draws nothing. */
    public boolean isIdentity() {
        return cropPadding == 0 && !horizontalFlip;
    }

    /**
     * Augments each row of {@code features} ({@code [b, channels·height·width]}) in place, drawing
     * from {@code rng} image by image in row order.
     */
    public void apply(Tensor features, Rng rng) {
        int d = featureCount();
        if (features.rank() != 2 || features.dim(1) != d) {
            throw new IllegalArgumentException("image augmentation of [" + channels + ", " + height + ", " + width
                    + "] images needs rows of " + d + " values, got a batch of shape " + features.shape());
        }
        float[] data = features.data();
        int span = 2 * cropPadding + 1;
        for (int row = 0, rows = features.dim(0); row < rows; row++) {
            int top = cropPadding;
            int left = cropPadding;
            if (cropPadding > 0) {
                top = rng.nextInt(span);
                left = rng.nextInt(span);
            }
            boolean flip = horizontalFlip && rng.nextDouble() < 0.5;
            transform(data, row * d, top, left, flip);
        }
    }

    /**
     * The image at {@code offset} of {@code data}, in place: the {@code height × width} window at
     * {@code (top, left)} of the image padded by {@link #cropPadding()} zeros on every side
     * ({@code top = left = cropPadding} keeps it), then mirrored left to right if {@code flip}.
     */
    void transform(float[] data, int offset, int top, int left, boolean flip) {
        int down = top - cropPadding; // output row y reads input row y + down
        int right = left - cropPadding; // output column x reads input column x + right
        if (down == 0 && right == 0 && !flip) {
            return;
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int base = offset + c * plane;
            if (down > 0) { // rows move up: read below before overwriting, top to bottom
                for (int y = 0; y < height; y++) {
                    shiftRow(data, base, y, down, right, flip);
                }
            } else {
                for (int y = height - 1; y >= 0; y--) {
                    shiftRow(data, base, y, down, right, flip);
                }
            }
        }
    }

    /** Output row {@code y} of the plane at {@code base}: input row {@code y + down} shifted by {@code right}, zeros elsewhere. */
    private void shiftRow(float[] data, int base, int y, int down, int right, boolean flip) {
        int target = base + y * width;
        int sourceRow = y + down;
        int kept = width - Math.abs(right);
        if (sourceRow < 0 || sourceRow >= height || kept <= 0) {
            Arrays.fill(data, target, target + width, 0f);
            return;
        }
        int source = base + sourceRow * width;
        if (right != 0 || down != 0) {
            // x = max(0, −right) … reads source column x + right; System.arraycopy allows the overlap of down == 0
            System.arraycopy(data, source + Math.max(0, right), data, target + Math.max(0, -right), kept);
            if (right > 0) {
                Arrays.fill(data, target + kept, target + width, 0f);
            } else if (right < 0) {
                Arrays.fill(data, target, target - right, 0f);
            }
        }
        if (flip) {
            for (int i = target, j = target + width - 1; i < j; i++, j--) {
                float t = data[i];
                data[i] = data[j];
                data[j] = t;
            }
        }
    }

    /** As torchvision writes the transforms, e.g. {@code RandomCrop(28, padding=2), RandomHorizontalFlip(p=0.5)}. */
    @Override
    public String toString() {
        if (isIdentity()) {
            return "none";
        }
        String crop = cropPadding == 0 ? "" : "RandomCrop(" + (height == width ? Integer.toString(height)
                : "(" + height + ", " + width + ")") + ", padding=" + cropPadding + ")";
        String flip = horizontalFlip ? "RandomHorizontalFlip(p=0.5)" : "";
        return crop.isEmpty() ? flip : flip.isEmpty() ? crop : crop + ", " + flip;
    }
}
