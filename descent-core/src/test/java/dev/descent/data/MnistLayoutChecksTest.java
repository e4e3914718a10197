package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files that cannot make a run are refused on load, naming the file at fault. */
class MnistLayoutChecksTest {
    @TempDir
    Path dir;

    private static byte[] labels(int count) {
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = (byte) (i % 2);
        }
        return values;
    }

    private void write(int n, int trainSide, int m, int testSide) {
        IdxBytes.write(dir.resolve(MnistLayout.TRAIN_IMAGES),
                IdxBytes.ubyte(new byte[n * trainSide * trainSide], n, trainSide, trainSide));
        IdxBytes.write(dir.resolve(MnistLayout.TRAIN_LABELS), IdxBytes.ubyte(labels(n), n));
        IdxBytes.write(dir.resolve(MnistLayout.TEST_IMAGES),
                IdxBytes.ubyte(new byte[m * testSide * testSide], m, testSide, testSide));
        IdxBytes.write(dir.resolve(MnistLayout.TEST_LABELS), IdxBytes.ubyte(labels(m), m));
    }

    @Test
    void loadsBothSplitsAsTheSeparateCallsDo() {
        write(6, 3, 4, 3);

        MnistLayout.TrainAndTest both = MnistLayout.loadTrainHeldOutAndTest(dir, "mnist", 0.3, 5);
        HoldOutSplit train = MnistLayout.loadTrainHeldOut(dir, "mnist", 0.3, 5);
        Dataset test = MnistLayout.loadTest(dir, "mnist");

        assertThat(both.train().train().labels()).containsExactly(train.train().labels());
        assertThat(both.train().heldOut().labels()).containsExactly(train.heldOut().labels());
        assertThat(both.train().heldOut().name()).isEqualTo(train.heldOut().name());
        assertThat(both.test().name()).isEqualTo(test.name());
        assertThat(both.test().features().shape().dims()).containsExactly(4, 9);
    }

    @Test
    void anImagesFileWithNoImagesIsNamed() {
        write(0, 28, 4, 28);

        assertThatThrownBy(() -> MnistLayout.loadTrain(dir, "mnist")).isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir.resolve(MnistLayout.TRAIN_IMAGES) + ": holds no images (dims [0, 28, 28])");
    }

    @Test
    void zeroPixelImagesAreNamed() {
        write(4, 3, 4, 0);

        assertThatThrownBy(() -> MnistLayout.loadTest(dir, "mnist")).isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir.resolve(MnistLayout.TEST_IMAGES) + ": its images have 0×0 pixels");
    }

    @Test
    void trainAndTestImagesOfDifferentSizesAreRefusedNamingBothFiles() {
        write(6, 28, 4, 14);

        assertThatThrownBy(() -> MnistLayout.loadTrainHeldOutAndTest(dir, "mnist", 0.1, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(dir.resolve(MnistLayout.TRAIN_IMAGES) + " holds 28×28 images")
                .hasMessageContaining(dir.resolve(MnistLayout.TEST_IMAGES) + " holds 14×14 images");
    }

    @Test
    void trainingImagesLeavingNoValidationAreRefused() {
        write(2, 3, 4, 3);

        assertThatThrownBy(() -> MnistLayout.loadTrainHeldOutAndTest(dir, "mnist", 0.1, 1))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir.resolve(MnistLayout.TRAIN_IMAGES) + " has 2 images: too few");
    }
}
