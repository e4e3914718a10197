package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibSvmReaderTest {
    @TempDir
    Path directory;

    private static final LibSvmReader.Options DEFAULTS = LibSvmReader.Options.defaults();

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> classifying(Path file, LibSvmReader.Options options) {
        return assertThatThrownBy(() -> LibSvmReader.classification(file, options)).isInstanceOf(DataException.class);
    }

    @Test
    void readsSparseLinesDenselyAndMapsMinusOnePlusOneToClasses() throws IOException {
        Path file = write("a1a.txt", """
                # a comment line
                +1 1:0.5 3:2   # trailing comment
                -1 qid:7 2:-1.25 4:1e2

                +1
                """);

        Dataset dataset = LibSvmReader.classification(file, DEFAULTS);

        assertThat(dataset.name()).isEqualTo("a1a");
        assertThat(dataset.features().shape().dims()).containsExactly(3, 4);
        assertThat(dataset.features().data()).containsExactly(
                0.5f, 0, 2, 0,
                0, -1.25f, 0, 100,
                0, 0, 0, 0);
        assertThat(dataset.classNames()).containsExactly("-1", "1");
        assertThat(dataset.labels()).containsExactly(1, 0, 1);
    }

    @Test
    void arbitraryIntegerLabelsAreSortedIntoClasses() throws IOException {
        Path file = write("multi.svm", "7 1:1\n3 1:2\n5.0 1:3\n3 1:4\n");

        Dataset dataset = LibSvmReader.classification(file, DEFAULTS);

        assertThat(dataset.classNames()).containsExactly("3", "5", "7");
        assertThat(dataset.labels()).containsExactly(2, 0, 1, 0);
    }

    @Test
    void declaredClassLabelsAndDimensionKeepTestFilesAlignedWithTraining() throws IOException {
        Path file = write("test.svm", "1 2:1\n1 1:1\n");

        Dataset dataset = LibSvmReader.classification(file,
                DEFAULTS.withClassLabels(1, -1).withDimension(5));

        assertThat(dataset.features().shape().dims()).containsExactly(2, 5);
        assertThat(dataset.classes()).isEqualTo(2);
        assertThat(dataset.classNames()).containsExactly("1", "-1");
        assertThat(dataset.labels()).containsExactly(0, 0);
    }

    @Test
    void regressionTargets() throws IOException {
        Path file = write("cpusmall.svm", "90.5 1:1 2:2\n-3e-1 2:5\n");

        RegressionDataset dataset = LibSvmReader.regression(file, DEFAULTS);

        assertThat(dataset.targets().data()).containsExactly(90.5f, -0.3f);
        assertThat(dataset.features().data()).containsExactly(1, 2, 0, 5);
        assertThat(dataset.featureNames()).isEmpty();
    }

    @Test
    void gzipIsDetectedByContent() throws IOException {
        Path file = directory.resolve("data.svm");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("1 1:3\n0 2:4\n".getBytes(StandardCharsets.UTF_8));
        }

        Dataset dataset = LibSvmReader.classification(file, DEFAULTS);

        assertThat(dataset.features().data()).containsExactly(3, 0, 0, 4);
        assertThat(dataset.labels()).containsExactly(1, 0);
    }

    @Test
    void badTokens() throws IOException {
        Path noColon = write("nocolon.svm", "1 1:1\n1 2:1 3\n");
        Path badValue = write("badvalue.svm", "1 1:abc\n");
        Path badIndex = write("badindex.svm", "1 x:1\n");
        Path badLabel = write("badlabel.svm", "1:1 2:1\n");

        classifying(noColon, DEFAULTS).hasMessage(noColon + " line 2, token 3 '3': expected index:value, found '3';"
                + " fix the token (the label comes first, then pairs such as 3:0.5 separated by spaces).");
        classifying(badValue, DEFAULTS).hasMessage(badValue + " line 1, token 2 '1:abc': expected a number after the"
                + " colon, found 'abc'; fix the value.");
        classifying(badIndex, DEFAULTS).hasMessageContaining(badIndex + " line 1, token 2 'x:1': expected an integer"
                + " feature index before the colon");
        classifying(badLabel, DEFAULTS).hasMessageContaining(badLabel + " line 1, token 1 '1:1': expected a label"
                + " (a number), found '1:1'; every line must start with its label");
    }

    @Test
    void indexZeroOrNegative() throws IOException {
        Path zero = write("zero.svm", "1 0:1 1:2\n");
        Path negative = write("negative.svm", "# header\n1 -2:1\n");

        classifying(zero, DEFAULTS).hasMessage(zero + " line 1, token 2 '0:1': feature index 0 is not allowed; LibSVM"
                + " indices count from 1, so fix the file (shift every index by 1 if it counts from 0).");
        classifying(negative, DEFAULTS).hasMessageContaining(negative + " line 2, token 2 '-2:1': feature index -2 is"
                + " not allowed");
    }

    @Test
    void indicesMustIncreaseWithoutDuplicates() throws IOException {
        Path decreasing = write("order.svm", "1 1:1 5:1\n1 4:1 2:1\n");
        Path duplicate = write("dup.svm", "1 3:1 3:2\n");

        classifying(decreasing, DEFAULTS).hasMessage(decreasing + " line 2, token 3 '2:1': feature index 2 comes"
                + " after index 4; indices must increase along a line, so sort the pairs of this line by index.");
        classifying(duplicate, DEFAULTS).hasMessage(duplicate + " line 1, token 3 '3:2': feature index 3 appears"
                + " twice on this line; keep one of the two values.");
    }

    @Test
    void nonFiniteValuesAndLabels() throws IOException {
        Path nanValue = write("nan.svm", "1 1:NaN\n");
        Path infValue = write("inf.svm", "1 1:1e40\n");
        Path nanLabel = write("nanlabel.svm", "1 1:1\nnan 1:1\n");

        classifying(nanValue, DEFAULTS).hasMessage(nanValue + " line 1, token 2 '1:NaN': the value NaN is not a finite"
                + " float32 number; fix or remove it.");
        classifying(infValue, DEFAULTS).hasMessageContaining(infValue + " line 1, token 2 '1:1e40': the value 1e40 is"
                + " not a finite float32 number");
        classifying(nanLabel, DEFAULTS).hasMessageContaining(nanLabel + " line 2, token 1 'nan': the label is nan;"
                + " labels must be finite numbers");
        assertThatThrownBy(() -> LibSvmReader.regression(nanLabel, DEFAULTS))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 2, token 1 'nan'");
    }

    @Test
    void classificationLabelsMustBeIntegersAndDeclared() throws IOException {
        Path fractional = write("frac.svm", "1 1:1\n0.5 1:1\n");
        Path undeclared = write("undeclared.svm", "1 1:1\n2 1:1\n");

        classifying(fractional, DEFAULTS).hasMessage(fractional + " line 2, token 1 '0.5': expected an integer class"
                + " label, found 0.5; fix the line, or read real-valued targets with LibSvmReader.regression.");
        classifying(undeclared, DEFAULTS.withClassLabels(-1, 1)).hasMessage(undeclared + " line 2, token 1 '2': the"
                + " label 2 is not one of the declared class labels [-1, 1]; fix the line, or add it with"
                + " Options.withClassLabels.");
    }

    @Test
    void dimensionLimits() throws IOException {
        Path wide = write("wide.svm", "1 1:1\n1 200001:1\n");
        Path declared = write("declared.svm", "1 11:1\n");
        Path many = write("many.svm", "1 10:1\n1 1:1\n1 1:1\n");

        classifying(wide, DEFAULTS).hasMessage(wide + " line 2, token 2 '200001:1': feature index 200001 exceeds the"
                + " limit of 100000 features (the data are loaded densely); raise it with"
                + " Options.withMaxDimension(200001) or more if the memory allows.");
        classifying(declared, DEFAULTS.withDimension(10)).hasMessage(declared + " line 1, token 2 '11:1': feature"
                + " index 11 exceeds the declared dimension 10; raise it with Options.withDimension(11) or more, or"
                + " remove the feature.");
        classifying(many, DEFAULTS.withMaxValues(20)).hasMessage(many + ": 3 rows × 10 features = 30 floats exceed"
                + " the limit of 20 for dense features; raise it with Options.withMaxValues(30) if the memory allows"
                + " (4 bytes per float), or read fewer rows or features.");
        assertThat(LibSvmReader.classification(wide, DEFAULTS.withMaxDimension(200_001)).featureCount())
                .isEqualTo(200_001);
    }

    @Test
    void emptyFilesAndFilesWithoutFeatures() throws IOException {
        Path empty = write("empty.svm", "");
        Path comments = write("comments.svm", "# nothing\n\n");
        Path labelsOnly = write("labels.svm", "1\n0\n");

        classifying(empty, DEFAULTS).hasMessageContaining(empty + ": no data lines (the file is empty)");
        classifying(comments, DEFAULTS).hasMessageContaining(comments + ": no data lines in 2 lines (all blank or"
                + " comments)");
        classifying(labelsOnly, DEFAULTS).hasMessageContaining(labelsOnly + ": none of the 2 lines has a feature");
        assertThat(LibSvmReader.classification(labelsOnly, DEFAULTS.withDimension(3)).features().data())
                .containsExactly(0, 0, 0, 0, 0, 0);
    }

    @Test
    void optionsRejectBadValues() {
        assertThatThrownBy(() -> DEFAULTS.withMaxDimension(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDimension must be at least 1");
        assertThatThrownBy(() -> DEFAULTS.withMaxValues(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxValues must be at least 1");
        assertThatThrownBy(() -> DEFAULTS.withDimension(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension must be in");
        assertThatThrownBy(() -> DEFAULTS.withClassLabels(1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThat(DEFAULTS.withDimension(300_000).maxDimension()).isEqualTo(300_000);
    }
}
