package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistLayoutTest {
    @TempDir
    Path dir;

    /** Three 2×2 training images (pixels 0, 1, …, 11 and one 255), two 2×2 test images. */
    private void writeTinyDataSet(boolean gzip) {
        byte[] trainPixels = IdxBytes.counting(12);
        trainPixels[11] = (byte) 255;
        write(MnistLayout.TRAIN_IMAGES, IdxBytes.ubyte(trainPixels, 3, 2, 2), gzip);
        write(MnistLayout.TRAIN_LABELS, IdxBytes.ubyte(new byte[] {9, 0, 3}, 3), gzip);
        write(MnistLayout.TEST_IMAGES, IdxBytes.ubyte(IdxBytes.counting(8), 2, 2, 2), !gzip);
        write(MnistLayout.TEST_LABELS, IdxBytes.ubyte(new byte[] {1, 2}, 2), !gzip);
    }

    private Path write(String baseName, byte[] idx, boolean gzip) {
        return IdxBytes.write(dir.resolve(baseName + (gzip ? ".gz" : "")), gzip ? IdxBytes.gzip(idx) : idx);
    }

    @Test
    void loadsTrainSplitScaledAndFlattened() {
        writeTinyDataSet(true);

        Dataset train = MnistLayout.loadTrain(dir, "fashion-mnist");

        assertThat(train.name()).isEqualTo("fashion-mnist/train");
        assertThat(train.features().shape().dims()).containsExactly(3, 4);
        assertThat(train.labels()).containsExactly(9, 0, 3);
        assertThat(train.classes()).isEqualTo(10);
        assertThat(train.features().get(0, 1)).isCloseTo(1 / 255f, within(1e-7f));
        assertThat(train.features().get(2, 3)).isEqualTo(1f);
        assertThat(train.className(9)).isEqualTo("Ankle boot");
        assertThat(train.className(0)).isEqualTo("T-shirt/top");
    }

    @Test
    void loadsTestSplitFromRawFiles() {
        writeTinyDataSet(true); // test files are raw when train files are gzip

        Dataset test = MnistLayout.load(dir, "mnist", OfficialSplit.TEST);

        assertThat(test.name()).isEqualTo("mnist/test");
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.labels()).containsExactly(1, 2);
        assertThat(test.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void unknownDataSetNameHasUnnamedClasses() {
        writeTinyDataSet(false);

        Dataset test = MnistLayout.loadTest(dir, "my-digits");

        assertThat(test.classNames()).isEmpty();
        assertThat(test.className(2)).isEqualTo("2");
    }

    @Test
    void rawFileIsPreferredWhenBothExist() {
        writeTinyDataSet(false);
        write(MnistLayout.TRAIN_LABELS, IdxBytes.ubyte(new byte[] {5, 5, 5}, 3), true);

        assertThat(MnistLayout.loadTrain(dir, "mnist").labels()).containsExactly(9, 0, 3);
    }

    @Test
    void missingFileListsTheNamesLookedForAndTheDirectoryContents() throws Exception {
        writeTinyDataSet(true);
        Files.delete(dir.resolve(MnistLayout.TRAIN_LABELS + ".gz"));

        assertThatThrownBy(() -> MnistLayout.loadTrain(dir, "mnist"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("in " + dir)
                .hasMessageContaining("looked for train-labels-idx1-ubyte and train-labels-idx1-ubyte.gz")
                .hasMessageContaining("contains t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, train-images-idx3-ubyte.gz");
    }

    @Test
    void missingDirectoryIsSaid() {
        Path nowhere = dir.resolve("nowhere");

        assertThatThrownBy(() -> MnistLayout.loadTest(nowhere, "mnist"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void countMismatchNamesBothFilesAndBothCounts() {
        writeTinyDataSet(false);
        Path labels = write(MnistLayout.TRAIN_LABELS, IdxBytes.ubyte(new byte[] {1, 2}, 2), false);

        assertThatThrownBy(() -> MnistLayout.loadTrain(dir, "mnist"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(dir.resolve(MnistLayout.TRAIN_IMAGES) + " holds 3 images")
                .hasMessageContaining(labels + " holds 2 labels");
    }

    @Test
    void imagesFileOfWrongRankIsReported() {
        writeTinyDataSet(false);
        Path images = write(MnistLayout.TRAIN_IMAGES, IdxBytes.ubyte(new byte[3], 3), false);

        assertThatThrownBy(() -> MnistLayout.loadTrain(dir, "mnist"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("expected an images file of rank 3 [count, rows, columns], found rank 1 dims [3]");
    }

    @Test
    void labelsFileOfWrongRankIsReported() {
        writeTinyDataSet(false);
        Path labels = write(MnistLayout.TRAIN_LABELS, IdxBytes.ubyte(new byte[12], 3, 2, 2), false);

        assertThatThrownBy(() -> MnistLayout.loadTrain(dir, "mnist"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("expected a labels file of rank 1 [count], found rank 3");
    }

    @Test
    void labelAboveNineIsReportedWithIndexAndOffset() throws Exception {
        writeTinyDataSet(false);
        Files.delete(dir.resolve(MnistLayout.TRAIN_LABELS));
        Path labels = write(MnistLayout.TRAIN_LABELS, IdxBytes.ubyte(new byte[] {1, 10, 2}, 3), true);

        assertThatThrownBy(() -> MnistLayout.loadTrain(dir, "mnist"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label at index 1 (byte offset 9) is 10")
                .hasMessageContaining("labels 0..9");
    }

    @Test
    void fileErrorsFromTheReaderPassThrough() {
        writeTinyDataSet(true); // test files raw
        Path images = IdxBytes.write(dir.resolve(MnistLayout.TEST_IMAGES), "<html>".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> MnistLayout.loadTest(dir, "mnist"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("HTML page");
    }

    @Test
    void heldOutSplitFromBytesEqualsSplittingTheLoadedSet() {
        byte[] pixels = IdxBytes.counting(40 * 4);
        byte[] labels = new byte[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i * 7 % 10);
        }
        write(MnistLayout.TRAIN_IMAGES, IdxBytes.ubyte(pixels, 40, 2, 2), true);
        write(MnistLayout.TRAIN_LABELS, IdxBytes.ubyte(labels, 40), true);

        HoldOutSplit expected = Splits.holdOut(MnistLayout.loadTrain(dir, "fashion-mnist"), 0.25, 11);
        HoldOutSplit actual = MnistLayout.loadTrainHeldOut(dir, "fashion-mnist", 0.25, 11);

        for (Dataset[] pair : new Dataset[][] {{expected.train(), actual.train()}, {expected.heldOut(), actual.heldOut()}}) {
            assertThat(pair[1].name()).isEqualTo(pair[0].name());
            assertThat(pair[1].labels()).containsExactly(pair[0].labels());
            assertThat(pair[1].features().shape()).isEqualTo(pair[0].features().shape());
            assertThat(pair[1].features().data()).containsExactly(pair[0].features().data());
            assertThat(pair[1].classNames()).isEqualTo(pair[0].classNames());
        }
        assertThat(actual.heldOut().size()).isEqualTo(10);
    }
}
