package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.CsvOptions.ClassLabels;
import dev.descent.data.CsvOptions.Column;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path directory;

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path writeGzip(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void readsAHeaderAndTheLastColumnAsIntegerLabels() throws IOException {
        Path file = write("points.csv", "x,y,class\n1,2,0\n3.5,-4e1,2\n\n5,6,1\n");

        CsvReader.Classification read = CsvReader.classification(file, CsvOptions.defaults());

        Dataset dataset = read.dataset();
        assertThat(dataset.name()).isEqualTo("points");
        assertThat(dataset.features().shape().dims()).containsExactly(3, 2);
        assertThat(dataset.features().data()).containsExactly(1, 2, 3.5f, -40, 5, 6);
        assertThat(dataset.labels()).containsExactly(0, 2, 1);
        assertThat(dataset.classes()).isEqualTo(3);
        assertThat(dataset.classNames()).isEmpty();
        assertThat(read.featureNames()).containsExactly("x", "y");
        assertThat(read.categories()).isEmpty();
    }

    @Test
    void gzipIsDetectedByContentWhateverTheName() throws IOException {
        String text = "a,b,label\n1,2,0\n3,4,1\n";
        Path gzipped = writeGzip("data.csv", text);
        Path plain = write("plain.csv.gz", text);

        Dataset fromGzip = CsvReader.classification(gzipped, CsvOptions.defaults()).dataset();
        Dataset fromPlain = CsvReader.classification(plain, CsvOptions.defaults()).dataset();

        assertThat(fromGzip.features().data()).containsExactly(1, 2, 3, 4);
        assertThat(fromPlain.features().data()).containsExactly(1, 2, 3, 4);
        assertThat(fromGzip.labels()).containsExactly(0, 1);
        assertThat(fromPlain.name()).isEqualTo("plain");
    }

    @Test
    void headerlessFileWithLabelChosenByIndex() throws IOException {
        Path file = write("noheader.csv", "0,1.5,2.5\n1,3.5,4.5\n");

        CsvReader.Classification read = CsvReader.classification(file,
                CsvOptions.defaults().withHeader(false).withLabel(0));

        assertThat(read.dataset().labels()).containsExactly(0, 1);
        assertThat(read.dataset().features().data()).containsExactly(1.5f, 2.5f, 3.5f, 4.5f);
        assertThat(read.featureNames()).containsExactly("column1", "column2");
    }

    @Test
    void labelByNameAndNegativeIndex() throws IOException {
        Path file = write("t.csv", "label,a,b\n1,10,20\n0,30,40\n");

        Dataset byName = CsvReader.classification(file, CsvOptions.defaults().withLabel("label")).dataset();
        Dataset byNegativeIndex = CsvReader.classification(file, CsvOptions.defaults().withLabel(-3)).dataset();

        assertThat(byName.labels()).containsExactly(1, 0);
        assertThat(byName.features().data()).containsExactly(10, 20, 30, 40);
        assertThat(byNegativeIndex.labels()).containsExactly(1, 0);
    }

    @Test
    void delimitersAreDetectedOrGiven() throws IOException {
        Path semicolons = write("semi.csv", "a;b;y\n1,5;2;0\n3;4;1\n");
        Path tabs = write("tabs.tsv", "a\tb\ty\n1\t2\t0\n3\t4\t1\n");
        Path pipes = write("pipes.txt", "a|b|y\n1|2|0\n3|4|1\n");

        assertThat(CsvReader.classification(tabs, CsvOptions.defaults()).dataset().features().data())
                .containsExactly(1, 2, 3, 4);
        assertThat(CsvReader.classification(pipes, CsvOptions.defaults().withDelimiter('|')).dataset()
                .features().data()).containsExactly(1, 2, 3, 4);
        // A semicolon file may use decimal commas; those are not numbers here, and the message says so.
        assertThatThrownBy(() -> CsvReader.classification(semicolons, CsvOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("semi.csv line 2, column 'a' (index 0): expected a number, found '1,5'");
    }

    @Test
    void spaceDelimiterWithoutHeader() throws IOException {
        Path file = write("spaced.txt", "59 2 32.1 151\n48 1 21.6 75\n");

        RegressionDataset read = CsvReader.regression(file,
                CsvOptions.defaults().withHeader(false).withDelimiter(' ')).dataset();

        assertThat(read.features().data()).containsExactly(59, 2, 32.1f, 48, 1, 21.6f);
        assertThat(read.targets().data()).containsExactly(151, 75);
    }

    @Test
    void skipLinesSkipsATitleAndCountsItInLineNumbers() throws IOException {
        Path file = write("titled.csv", "Measurements of 2020\na,y\n1,0\nx,1\n");

        assertThatThrownBy(() -> CsvReader.classification(file, CsvOptions.defaults().withSkipLines(1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("titled.csv line 4, column 'a' (index 0)");
    }

    @Test
    void ignoredColumnsAreDropped() throws IOException {
        Path file = write("ids.csv", "id,a,note,b,y\n17,1,hello,2,0\n18,3,bye,4,1\n");

        CsvReader.Classification read = CsvReader.classification(file,
                CsvOptions.defaults().withIgnored("id").withIgnored(Column.named("id"), Column.at(2)));

        assertThat(read.featureNames()).containsExactly("a", "b");
        assertThat(read.dataset().features().data()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void categoricalColumnsAreOneHotEncodedInPlaceWithSortedCategories() throws IOException {
        Path file = write("pets.csv", """
                weight,colour,legs,size,label
                4.5,red,4,10,cat
                30,green,4,3,dog
                0.1,red,2,1,bird
                5,blue,4,10,cat
                """);

        CsvReader.Classification read = CsvReader.classification(file,
                CsvOptions.defaults().withCategorical(Column.named("colour"), Column.at(3)));

        assertThat(read.categories()).containsOnlyKeys("colour", "size");
        assertThat(read.categories().get("colour")).containsExactly("blue", "green", "red");
        assertThat(read.categories().get("size")).containsExactly("1", "3", "10"); // numeric order
        assertThat(read.featureNames()).containsExactly("weight", "colour=blue", "colour=green", "colour=red",
                "legs", "size=1", "size=3", "size=10");
        Dataset dataset = read.dataset();
        assertThat(dataset.features().shape().dims()).containsExactly(4, 8);
        assertThat(dataset.features().row(0)).containsExactly(4.5f, 0, 0, 1, 4, 0, 0, 1);
        assertThat(dataset.features().row(1)).containsExactly(30, 0, 1, 0, 4, 0, 1, 0);
        assertThat(dataset.features().row(2)).containsExactly(0.1f, 0, 0, 1, 2, 1, 0, 0);
        assertThat(dataset.features().row(3)).containsExactly(5, 1, 0, 0, 4, 0, 0, 1);
        for (int r = 0; r < 4; r++) {
            float[] row = dataset.features().row(r);
            assertThat(row[1] + row[2] + row[3]).isEqualTo(1f);
            assertThat(row[5] + row[6] + row[7]).isEqualTo(1f);
        }
        assertThat(dataset.classNames()).containsExactly("bird", "cat", "dog");
        assertThat(dataset.labels()).containsExactly(1, 2, 0, 1);
    }

    @Test
    void stringLabelsAreSortedIntoClassIndices() throws IOException {
        Path file = write("flowers.csv", "a,species\n1,versicolor\n2,setosa\n3,virginica\n4,setosa\n");

        Dataset dataset = CsvReader.classification(file, CsvOptions.defaults()).dataset();

        assertThat(dataset.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(dataset.labels()).containsExactly(1, 0, 2, 0);
        assertThat(dataset.classCounts()).containsExactly(2, 1, 1);
    }

    @Test
    void minusOneAndPlusOneLabelsAreSortedNumerically() throws IOException {
        Path file = write("pm.csv", "a,y\n1,1\n2,-1\n3,1\n");

        Dataset dataset = CsvReader.classification(file, CsvOptions.defaults()).dataset();

        assertThat(dataset.classNames()).containsExactly("-1", "1");
        assertThat(dataset.labels()).containsExactly(1, 0, 1);
    }

    @Test
    void declaredClassNamesFixTheOrderAndAcceptIndicesUnderAuto() throws IOException {
        Path file = write("declared.csv", "a,y\n1,virginica\n2,0\n3,versicolor\n");

        Dataset dataset = CsvReader.classification(file,
                CsvOptions.defaults().withClassNames("setosa", "versicolor", "virginica")).dataset();

        assertThat(dataset.classes()).isEqualTo(3);
        assertThat(dataset.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(dataset.labels()).containsExactly(2, 0, 1);
    }

    @Test
    void namesModeMapsIntegerLabelsLikeOneToThreeToZeroToTwo() throws IOException {
        Path file = write("uci-wine.csv", "a,y\n1,3\n2,1\n3,2\n4,10\n");

        Dataset names = CsvReader.classification(file,
                CsvOptions.defaults().withClassLabels(ClassLabels.NAMES)).dataset();
        Dataset indices = CsvReader.classification(file,
                CsvOptions.defaults().withClassLabels(ClassLabels.INDICES)).dataset();

        assertThat(names.classNames()).containsExactly("1", "2", "3", "10");
        assertThat(names.labels()).containsExactly(2, 0, 1, 3);
        assertThat(indices.classes()).isEqualTo(11);
        assertThat(indices.labels()).containsExactly(3, 1, 2, 10);
    }

    @Test
    void indicesWithDeclaredNames() throws IOException {
        Path file = write("idx.csv", "a,y\n1,1\n2,0\n");

        Dataset dataset = CsvReader.classification(file, CsvOptions.defaults()
                .withClassLabels(ClassLabels.INDICES).withClassNames("no", "yes", "maybe")).dataset();

        assertThat(dataset.classes()).isEqualTo(3);
        assertThat(dataset.className(1)).isEqualTo("yes");
        assertThat(dataset.labels()).containsExactly(1, 0);
    }

    @Test
    void nonFiniteAndEmptyCellsWhenAllowed() throws IOException {
        Path file = write("gaps.csv", "a,b,c,colour,y\nNaN,inf,,red,0\n-Infinity,nan,1e39,,1\n");

        CsvReader.Classification read = CsvReader.classification(file,
                CsvOptions.defaults().withNonFiniteAllowed(true).withCategorical("colour"));

        float[] row0 = read.dataset().features().row(0);
        float[] row1 = read.dataset().features().row(1);
        assertThat(row0[0]).isNaN();
        assertThat(row0[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(row0[2]).isNaN(); // empty
        assertThat(row1[0]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(row1[1]).isNaN();
        assertThat(row1[2]).isEqualTo(Float.POSITIVE_INFINITY); // overflows float32
        assertThat(read.categories().get("colour")).containsExactly("", "red");
    }

    @Test
    void quotedCellsMayHoldTheDelimiterAndQuotes() throws IOException {
        Path file = write("quoted.csv", "\"size, cm\",\"say \"\"hi\"\"\",label\n\" 1.5 \",\"a, b\",\"x, y\"\n2,c,z\n");

        CsvReader.Classification read = CsvReader.classification(file,
                CsvOptions.defaults().withCategorical("say \"hi\""));

        assertThat(read.featureNames()).containsExactly("size, cm", "say \"hi\"=a, b", "say \"hi\"=c");
        assertThat(read.dataset().features().data()).containsExactly(1.5f, 1, 0, 2, 0, 1);
        assertThat(read.dataset().classNames()).containsExactly("x, y", "z");
    }

    @Test
    void byteOrderMarkAndWindowsLineEndingsAreHandled() throws IOException {
        Path file = write("excel.csv", "\uFEFFa,y\r\n1,0\r\n2,1\r\n");

        CsvReader.Classification read = CsvReader.classification(file, CsvOptions.defaults().withLabel("y"));

        assertThat(read.featureNames()).containsExactly("a");
        assertThat(read.dataset().labels()).containsExactly(0, 1);
    }

    @Test
    void regressionWithOneTarget() throws IOException {
        Path file = write("houses.csv", "rooms,area,town,price\n3,70.5,north,250000\n5,120,south,410000.5\n");

        CsvReader.Regression read = CsvReader.regression(file,
                CsvOptions.defaults().withLabel("price").withCategorical("town"));

        RegressionDataset dataset = read.dataset();
        assertThat(dataset.name()).isEqualTo("houses");
        assertThat(dataset.targets().shape().dims()).containsExactly(2);
        assertThat(dataset.targets().data()).containsExactly(250000, 410000.5f);
        assertThat(dataset.featureNames()).containsExactly("rooms", "area", "town=north", "town=south");
        assertThat(dataset.features().row(1)).containsExactly(5, 120, 0, 1);
        assertThat(read.categories().get("town")).containsExactly("north", "south");
    }

    @Test
    void regressionWithSeveralTargets() throws IOException {
        Path file = write("multi.csv", "y1,a,y2\n1,10,-1\n2,20,-2\n3,30,-3\n");

        RegressionDataset dataset = CsvReader.regression(file,
                CsvOptions.defaults().withLabels(Column.named("y2"), Column.at(0))).dataset();

        assertThat(dataset.targets().shape().dims()).containsExactly(3, 2);
        assertThat(dataset.targets().data()).containsExactly(-1, 1, -2, 2, -3, 3);
        assertThat(dataset.targetCount()).isEqualTo(2);
        assertThat(dataset.features().data()).containsExactly(10, 20, 30);
    }

    @Test
    void readsFromAStreamWithAGivenSourceAndName() {
        byte[] bytes = "a,y\n1,0\n".getBytes(StandardCharsets.UTF_8);

        Dataset dataset = CsvReader.classification(new ByteArrayInputStream(bytes), "memory", "tiny",
                CsvOptions.defaults()).dataset();

        assertThat(dataset.name()).isEqualTo("tiny");
        assertThat(dataset.size()).isEqualTo(1);
    }

    @Test
    void gzipStreamFromMemory() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("a,y\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8));
        }

        Dataset dataset = CsvReader.classification(new ByteArrayInputStream(bytes.toByteArray()), "memory.gz",
                "tiny", CsvOptions.defaults()).dataset();

        assertThat(dataset.features().data()).containsExactly(1, 2);
    }

    @Test
    void numbersAreReadAsCorrectlyRoundedFloats() throws IOException {
        List<String> numbers = List.of("0.1", "-0.0", "3.4028235e38", "1.4e-45", "123456789012345678901234567890",
                "0.000000000000000000000000000001", "2.5E+3", ".5", "5.", "+7", "0.30000000000000004",
                "9007199254740993", "1e-320");
        StringBuilder text = new StringBuilder("x,y\n");
        for (String number : numbers) {
            text.append(number).append(",0\n");
        }
        Path file = write("numbers.csv", text.toString());

        float[] read = CsvReader.classification(file, CsvOptions.defaults()).dataset().features().data();

        for (int i = 0; i < numbers.size(); i++) {
            assertThat(read[i]).as(numbers.get(i)).isEqualTo((float) Double.parseDouble(numbers.get(i)));
        }
    }

    @Test
    void optionsRejectBadValues() {
        assertThatThrownBy(() -> CsvOptions.defaults().withSkipLines(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("skipLines must be at least 0, got -1");
        assertThatThrownBy(() -> CsvOptions.defaults().withDelimiter('"'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delimiter");
        assertThatThrownBy(() -> CsvOptions.defaults().withClassNames("a", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> CsvOptions.defaults().withLabels())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one column");
        assertThatThrownBy(() -> Column.named(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void classificationNeedsExactlyOneLabelColumn() throws IOException {
        Path file = write("two.csv", "a,b,c\n1,2,3\n");

        assertThatThrownBy(() -> CsvReader.classification(file,
                CsvOptions.defaults().withLabels(Column.at(0), Column.at(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one label column");
    }

    @Test
    void manyRowsGrowTheBuffersWithoutLosingValues() throws IOException {
        int rows = 5000;
        StringBuilder text = new StringBuilder("i,half,kind,y\n");
        for (int r = 0; r < rows; r++) {
            text.append(r).append(',').append(r * 0.5).append(',').append(r % 3 == 0 ? "even3" : "other")
                    .append(',').append(r % 2).append('\n');
        }
        Path file = writeGzip("many.csv.gz", text.toString());

        CsvReader.Classification read = CsvReader.classification(file, CsvOptions.defaults().withCategorical("kind"));

        Dataset dataset = read.dataset();
        assertThat(dataset.features().shape().dims()).containsExactly(rows, 4);
        for (int r = 0; r < rows; r += 997) {
            assertThat(dataset.features().row(r))
                    .containsExactly(r, r * 0.5f, r % 3 == 0 ? 1 : 0, r % 3 == 0 ? 0 : 1);
            assertThat(dataset.label(r)).isEqualTo(r % 2);
        }
        assertThat(dataset.name()).isEqualTo("many");
    }
}
