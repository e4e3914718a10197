package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random crop with zero padding and horizontal flip: exact pixels of hand-made images, a naive
 * pad-crop-flip reference (torchvision's definition), the draws' order and spread, and bad shapes.
 */
class ImageAugmentationTest {

    /** 1×3×4, the values 1…12 row by row. */
    private static float[] twelve() {
        float[] image = new float[12];
        for (int i = 0; i < 12; i++) {
            image[i] = i + 1;
        }
        return image;
    }

    @Test
    void aCropAtTheTopRightOfThePaddedImageMovesItDownAndLeftWithZerosFillingIn() {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 3, 4).withRandomCrop(1);
        float[] image = twelve();

        augmentation.transform(image, 0, 0, 2, false); // top 0 of [0, 2]: down 1; left 2: one column left

        assertThat(image).containsExactly(
                0, 0, 0, 0,
                2, 3, 4, 0,
                6, 7, 8, 0);
    }

    @Test
    void theSameCropThenAFlipMirrorsEveryRow() {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 3, 4).withRandomCrop(1).withHorizontalFlip(true);
        float[] image = twelve();

        augmentation.transform(image, 0, 0, 2, true);

        assertThat(image).containsExactly(
                0, 0, 0, 0,
                0, 4, 3, 2,
                0, 8, 7, 6);
    }

    @Test
    void aCropAtTheBottomLeftMovesItUpAndRight() {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 3, 4).withRandomCrop(1);
        float[] image = twelve();

        augmentation.transform(image, 0, 2, 0, false);

        assertThat(image).containsExactly(
                0, 5, 6, 7,
                0, 9, 10, 11,
                0, 0, 0, 0);
    }

    @Test
    void everyChannelOfAnImageGetsTheSameShiftAndFlipAndOtherImagesAreUntouched() {
        ImageAugmentation augmentation = ImageAugmentation.none(2, 2, 3).withRandomCrop(1).withHorizontalFlip(true);
        float[] rows = {
                -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, // image 0, left alone
                1, 2, 3, 4, 5, 6, // image 1, channel 0
                10, 20, 30, 40, 50, 60, // image 1, channel 1
        };

        augmentation.transform(rows, 12, 1, 2, true); // no vertical move; one column left; then mirrored

        assertThat(rows).containsExactly(
                -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                0, 3, 2, 0, 6, 5,
                0, 30, 20, 0, 60, 50);
    }

    @Test
    void pixelsShiftedInArePositiveZerosAndTheRestKeepTheirValues() {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 5, 5).withRandomCrop(2);
        float[] image = new float[25];
        java.util.Arrays.fill(image, -7f);

        augmentation.transform(image, 0, 0, 4, false); // down 2, left 2

        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                float expected = y >= 2 && x < 3 ? -7f : 0f;
                assertThat(Float.floatToRawIntBits(image[y * 5 + x])).as("pixel (%d, %d)", y, x)
                        .isEqualTo(Float.floatToRawIntBits(expected));
            }
        }
    }

    @Test
    void theCentredCropWithoutAFlipChangesNothing() {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 3, 4).withRandomCrop(2).withHorizontalFlip(true);
        float[] image = twelve();

        augmentation.transform(image, 0, 2, 2, false);

        assertThat(image).containsExactly(twelve());
    }

    @Test
    void everyCropAndFlipMatchesPaddingThenCroppingThenMirroring() {
        Rng values = new Rng(3);
        for (int[] shape : new int[][] {{1, 5, 5}, {3, 4, 7}, {2, 6, 3}, {1, 1, 2}, {1, 9, 8}}) {
            int c = shape[0];
            int h = shape[1];
            int w = shape[2];
            for (int padding = 0; padding < Math.min(h, w); padding++) {
                ImageAugmentation augmentation = ImageAugmentation.none(c, h, w).withRandomCrop(padding);
                for (int top = 0; top <= 2 * padding; top++) {
                    for (int left = 0; left <= 2 * padding; left++) {
                        for (boolean flip : new boolean[] {false, true}) {
                            float[] image = new float[c * h * w];
                            for (int i = 0; i < image.length; i++) {
                                image[i] = values.nextFloat() + 0.5f;
                            }
                            float[] expected = padCropFlip(image, c, h, w, padding, top, left, flip);
                            augmentation.transform(image, 0, top, left, flip);
                            assertThat(image).as("%d×%d×%d, padding %d, crop at (%d, %d), flip %s", c, h, w, padding,
                                    top, left, flip).containsExactly(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void applyDrawsTopLeftThenTheFlipForEachImageInRowOrder() {
        ImageAugmentation augmentation = ImageAugmentation.none(2, 5, 6).withRandomCrop(2).withHorizontalFlip(true);
        Tensor batch = randomImages(9, augmentation.featureCount(), 4);
        float[] expected = batch.data().clone();
        Rng twin = new Rng(11);
        for (int row = 0; row < 9; row++) {
            int top = twin.nextInt(5);
            int left = twin.nextInt(5);
            boolean flip = twin.nextDouble() < 0.5;
            float[] image = java.util.Arrays.copyOfRange(expected, row * 60, row * 60 + 60);
            System.arraycopy(padCropFlip(image, 2, 5, 6, 2, top, left, flip), 0, expected, row * 60, 60);
        }
        Rng rng = new Rng(11);

        augmentation.apply(batch, rng);

        assertThat(batch.data()).containsExactly(expected);
        assertThat(rng.state()).isEqualTo(twin.state());
    }

    @Test
    void aFlipAloneDrawsOneNumberPerImageAndACropAloneTwo() {
        Tensor batch = randomImages(5, 12, 1);
        Rng flips = new Rng(2);
        Rng crops = new Rng(2);
        ImageAugmentation.none(1, 3, 4).withHorizontalFlip(true).apply(batch, flips);
        ImageAugmentation.none(1, 3, 4).withRandomCrop(1).apply(batch, crops);
        Rng reference = new Rng(2);
        for (int i = 0; i < 5; i++) {
            reference.nextLong();
        }
        assertThat(flips.state()).isEqualTo(reference.state());
        for (int i = 0; i < 5; i++) {
            reference.nextLong();
        }
        assertThat(crops.state()).isEqualTo(reference.state());
        Rng none = new Rng(2);
        Tensor untouched = randomImages(5, 12, 1);
        ImageAugmentation.none(1, 3, 4).apply(untouched, none);
        assertThat(none.state()).isEqualTo(new Rng(2).state());
        assertThat(untouched.data()).containsExactly(randomImages(5, 12, 1).data());
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 28, 28).withRandomCrop(2).withHorizontalFlip(true);
        Tensor first = randomImages(64, 784, 8);
        Tensor again = randomImages(64, 784, 8);
        Tensor other = randomImages(64, 784, 8);

        augmentation.apply(first, new Rng(42));
        augmentation.apply(again, new Rng(42));
        augmentation.apply(other, new Rng(43));

        assertThat(again.data()).containsExactly(first.data());
        assertThat(other.data()).isNotEqualTo(first.data());
    }

    @Test
    void everyShiftAndFlipIsDrawnAboutEquallyOften() {
        int padding = 2;
        ImageAugmentation augmentation = ImageAugmentation.none(1, 9, 9).withRandomCrop(padding)
                .withHorizontalFlip(true);
        int images = 5_000;
        Tensor batch = Tensor.zeros(images, 81);
        for (int i = 0; i < images; i++) {
            batch.set(i, 4 * 9 + 4, 1f); // one lit pixel in the centre
        }
        augmentation.apply(batch, new Rng(5));

        int[] counts = new int[81];
        for (int i = 0; i < images; i++) {
            int lit = -1;
            for (int p = 0; p < 81; p++) {
                if (batch.get(i, p) == 1f) {
                    assertThat(lit).as("one lit pixel in image %d", i).isEqualTo(-1);
                    lit = p;
                }
            }
            counts[lit]++;
        }
        // the centre pixel lands at (4 ± 2, 4 ± 2): 25 places, each reached by a shift and
        // by its mirror image (a flip of x is x ↦ 8 − x), so by 2 of the 50 draws: about 200 times each
        int places = 0;
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 9; x++) {
                boolean reachable = Math.abs(y - 4) <= padding && Math.abs(x - 4) <= padding;
                if (reachable) {
                    places++;
                    assertThat(counts[y * 9 + x]).as("(%d, %d)", y, x).isBetween(140, 260);
                } else {
                    assertThat(counts[y * 9 + x]).as("(%d, %d)", y, x).isZero();
                }
            }
        }
        assertThat(places).isEqualTo(25);
    }

    @Test
    void aFlipHappensToAboutHalfTheImages() {
        ImageAugmentation flip = ImageAugmentation.none(1, 1, 2).withHorizontalFlip(true);
        Tensor batch = Tensor.zeros(10_000, 2);
        for (int i = 0; i < 10_000; i++) {
            batch.set(i, 0, 1f);
        }
        flip.apply(batch, new Rng(9));
        int flipped = 0;
        for (int i = 0; i < 10_000; i++) {
            flipped += batch.get(i, 1) == 1f ? 1 : 0;
        }
        assertThat(flipped).isBetween(4_800, 5_200);
    }

    @Test
    void badShapesAndPaddingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> ImageAugmentation.none(1, 28, 28).withRandomCrop(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crop padding must be in [0, 27]").hasMessageContaining("got -1");
        assertThatThrownBy(() -> ImageAugmentation.none(3, 8, 4).withRandomCrop(4))
                .hasMessageContaining("[0, 3]").hasMessageContaining("8×4").hasMessageContaining("got 4");
        assertThatThrownBy(() -> ImageAugmentation.none(0, 28, 28)).hasMessageContaining("[0, 28, 28]");
        assertThatThrownBy(() -> ImageAugmentation.none(List.of(784))).hasMessageContaining("[784]");
        ImageAugmentation augmentation = ImageAugmentation.none(1, 28, 28).withHorizontalFlip(true);
        assertThatThrownBy(() -> augmentation.apply(Tensor.zeros(4, 64), new Rng(1)))
                .hasMessageContaining("rows of 784 values").hasMessageContaining("[4, 64]");
    }

    @Test
    void itIsWrittenAsTorchvisionWritesItsTransforms() {
        assertThat(ImageAugmentation.none(List.of(1, 28, 28)).withRandomCrop(2).withHorizontalFlip(true))
                .hasToString("RandomCrop(28, padding=2), RandomHorizontalFlip(p=0.5)");
        assertThat(ImageAugmentation.none(3, 4, 6).withRandomCrop(1)).hasToString("RandomCrop((4, 6), padding=1)");
        assertThat(ImageAugmentation.none(1, 4, 4).withHorizontalFlip(true)).hasToString("RandomHorizontalFlip(p=0.5)");
        assertThat(ImageAugmentation.none(1, 4, 4).isIdentity()).isTrue();
        assertThat(ImageAugmentation.none(1, 4, 4).withRandomCrop(1).isIdentity()).isFalse();
    }

    /** torchvision's definition, naively: pad with zeros, take the window at (top, left), mirror each row if asked. */
    static float[] padCropFlip(float[] image, int c, int h, int w, int padding, int top, int left, boolean flip) {
        int ph = h + 2 * padding;
        int pw = w + 2 * padding;
        float[] padded = new float[c * ph * pw];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    padded[(ch * ph + y + padding) * pw + x + padding] = image[(ch * h + y) * w + x];
                }
            }
        }
        float[] out = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sourceX = flip ? w - 1 - x : x;
                    out[(ch * h + y) * w + x] = padded[(ch * ph + y + top) * pw + sourceX + left];
                }
            }
        }
        return out;
    }

    private static Tensor randomImages(int count, int values, long seed) {
        Rng rng = new Rng(seed);
        Tensor t = Tensor.zeros(count, values);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.nextFloat() + 0.25f;
        }
        return t;
    }
}
