package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.orDefault;

import dev.descent.data.ImageAugmentation;
import java.util.List;

/**
 * The {@code data.augment} section: random changes to the training images, drawn afresh for every
 * batch from a generator seeded by {@code training.seed} (torchvision's {@code RandomCrop} and
 * {@code RandomHorizontalFlip}). Validation, test and prediction data are never augmented. It
 * needs images: {@code model.kind: cnn}, whose {@code input_shape} gives their size. Absent (the
 * default), nothing is augmented.
 *
 * <pre>
 * data:
 *   augment:
 *     random_crop_padding: 2     # pad by 2 zeros on every side, then crop back at a random offset
 *     horizontal_flip: true      # mirror left to right with probability 0.5
 * </pre>
 *
 * @param randomCropPadding zeros added on every side before a random crop to the original size: shifts each
 *     image by up to this many pixels in each direction, zeros filling in; ≥ 0 and below the image's height
 *     and width (default 0: no crop)
 * @param horizontalFlip whether each image is mirrored left to right with probability 0.5 (default false)
 */
public record AugmentationSettings(Integer randomCropPadding, Boolean horizontalFlip) {
    static final String PADDING_KEY = "data.augment.random_crop_padding";

    public AugmentationSettings {
        randomCropPadding = orDefault(randomCropPadding, 0);
        if (randomCropPadding < 0) {
            throw ConfigChecks.invalid(PADDING_KEY, "out of range: a padding is a number of pixels", randomCropPadding,
                    "an integer ≥ 0 and below the image's height and width, e.g. 2 for 28×28 images (0: no crop)");
        }
        horizontalFlip = orDefault(horizontalFlip, false);
    }

    /**
     * The augmentation of images of {@code inputShape} ([channels, height, width]), checked
     * against their size.
     */
    public ImageAugmentation toAugmentation(List<Integer> inputShape) {
        int height = inputShape.get(1);
        int width = inputShape.get(2);
        if (randomCropPadding >= Math.min(height, width)) {
            throw ConfigChecks.invalid(PADDING_KEY, "not smaller than the image (model.input_shape " + inputShape
                    + "): the crop would shift it out entirely", randomCropPadding, "an integer in [0, "
                    + (Math.min(height, width) - 1) + "]; a few pixels, e.g. 2 for 28×28 images or 4 for 32×32");
        }
        return ImageAugmentation.none(inputShape).withRandomCrop(randomCropPadding).withHorizontalFlip(horizontalFlip);
    }
}
