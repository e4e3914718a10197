package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.CsvOptions.ClassLabels;
import dev.descent.data.CsvOptions.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a CSV file can be wrong, each with the message that says where and what to do. */
class CsvReaderErrorsTest {
    @TempDir
    Path directory;

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> classifying(Path file, CsvOptions options) {
        return assertThatThrownBy(() -> CsvReader.classification(file, options)).isInstanceOf(DataException.class);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> regressing(Path file, CsvOptions options) {
        return assertThatThrownBy(() -> CsvReader.regression(file, options)).isInstanceOf(DataException.class);
    }

    @Test
    void nonNumericCellNamesFileLineColumnAndTheCategoricalOption() throws IOException {
        Path file = write("bad.csv", "a,b,y\n1,2,0\n3,abc,1\n");

        classifying(file, CsvOptions.defaults()).hasMessage(file + " line 3, column 'b' (index 1): expected a number,"
                + " found 'abc'; fix the cell, or if the column holds categories one-hot encode it with"
                + " CsvOptions.withCategorical(\"b\") or skip it with withIgnored(\"b\").");
    }

    @Test
    void nonNumericCellWithoutHeaderNamesTheIndex() throws IOException {
        Path file = write("bad.csv", "1,2,0\n3,4,1\n5,x,0\n");

        classifying(file, CsvOptions.defaults().withHeader(false))
                .hasMessageContaining(file + " line 3, column index 1: expected a number, found 'x'")
                .hasMessageContaining("withCategorical(Column.at(1))");
    }

    @Test
    void tooFewCellsNamesTheMissingColumn() throws IOException {
        Path file = write("short.csv", "a,b,y\n1,2,0\n3,4\n");

        classifying(file, CsvOptions.defaults()).hasMessage(file + " line 3: found 2 cells but the header (line 1)"
                + " has 3; column 'y' (index 2) is missing. Fix or remove this line (the delimiter is ','; quote"
                + " cells that contain it).");
    }

    @Test
    void tooManyCellsNamesTheExtraCell() throws IOException {
        Path file = write("long.csv", "1,2,0\n3,4,1,9\n");

        classifying(file, CsvOptions.defaults().withHeader(false))
                .hasMessageContaining(file + " line 2: found 4 cells but the first row has 3; the extra cell at"
                        + " index 3 is '9'");
    }

    @Test
    void emptyFiles() throws IOException {
        Path empty = write("empty.csv", "");
        Path headerOnly = write("header.csv", "a,b,y\n\n");
        Path blank = write("blank.csv", "\n  \n");
        Path skippedAll = write("skipped.csv", "title\n");

        classifying(empty, CsvOptions.defaults()).hasMessage(empty + ": no data rows (the file is empty); expected a"
                + " header line, then one line per example with cells separated by commas, semicolons or tabs.");
        classifying(headerOnly, CsvOptions.defaults())
                .hasMessageContaining(headerOnly + ": no data rows after the header on line 1 (2 lines in all)");
        classifying(blank, CsvOptions.defaults().withHeader(false))
                .hasMessageContaining(blank + ": no data rows in 2 lines (all blank)");
        classifying(skippedAll, CsvOptions.defaults().withSkipLines(1))
                .hasMessageContaining(skippedAll + ": no data rows in 1 lines (all skipped by skipLines)");
    }

    @Test
    void labelNotInTheDeclaredClassNames() throws IOException {
        Path file = write("species.csv", "a,species\n1,setosa\n2,virginca\n");

        classifying(file, CsvOptions.defaults().withClassLabels(ClassLabels.NAMES).withClassNames("setosa",
                "versicolor", "virginica")).hasMessage(file + " line 3, column 'species' (index 1), the label: the"
                + " label 'virginca' is not one of the declared classes [setosa, versicolor, virginica]; fix the"
                + " row, or add the class to CsvOptions.withClassNames.");
        classifying(file, CsvOptions.defaults().withClassNames("setosa", "virginica"))
                .hasMessageContaining(file + " line 3, column 'species' (index 1), the label: the label 'virginca'"
                        + " is not one of the declared classes [setosa, virginica] (or their indices 0..1)");
    }

    @Test
    void labelIndexBeyondTheDeclaredClasses() throws IOException {
        Path file = write("idx.csv", "a,y\n1,0\n2,1\n3,2\n");

        classifying(file, CsvOptions.defaults().withClassLabels(ClassLabels.INDICES).withClassNames("no", "yes"))
                .hasMessageContaining(file + " line 4, column 'y' (index 1), the label: the label '2' is not one of"
                        + " the declared classes [no, yes]");
    }

    @Test
    void textLabelUnderIndicesSuggestsNames() throws IOException {
        Path file = write("idx.csv", "a,y\n1,0\n2,cat\n");

        classifying(file, CsvOptions.defaults().withClassLabels(ClassLabels.INDICES))
                .hasMessageContaining(file + " line 3, column 'y' (index 1), the label: expected a class index, an"
                        + " integer 0 or more (ClassLabels.INDICES), found 'cat'")
                .hasMessageContaining("withClassLabels(ClassLabels.NAMES)");
        classifying(write("neg.csv", "a,y\n1,-1\n"), CsvOptions.defaults().withClassLabels(ClassLabels.INDICES))
                .hasMessageContaining("line 2, column 'y' (index 1), the label: expected a class index")
                .hasMessageContaining("found '-1'");
    }

    @Test
    void emptyLabel() throws IOException {
        Path file = write("nolabel.csv", "a,y\n1,0\n2,\n");

        classifying(file, CsvOptions.defaults())
                .hasMessageContaining(file + " line 3, column 'y' (index 1), the label: the label is empty");
    }

    @Test
    void nonFiniteFeaturesAreRejectedByDefault() throws IOException {
        Path nan = write("nan.csv", "a,b,y\n1,NaN,0\n");
        Path inf = write("inf.csv", "a,b,y\n1,2,0\n-inf,2,1\n");
        Path overflow = write("overflow.csv", "a,b,y\n1,1e39,0\n");

        classifying(nan, CsvOptions.defaults()).hasMessage(nan + " line 2, column 'b' (index 1): found 'NaN', which"
                + " is not a finite float32 number; fix or remove the row, or allow NaN and infinite values with"
                + " CsvOptions.withNonFiniteAllowed(true).");
        classifying(inf, CsvOptions.defaults())
                .hasMessageContaining(inf + " line 3, column 'a' (index 0): found '-inf', which is not a finite");
        classifying(overflow, CsvOptions.defaults())
                .hasMessageContaining(overflow + " line 2, column 'b' (index 1): found '1e39', which is not a finite");
    }

    @Test
    void emptyCellsAreRejectedByDefault() throws IOException {
        Path numeric = write("gap.csv", "a,b,y\n1,,0\n");
        Path categorical = write("gapcat.csv", "a,colour,y\n1,,0\n");

        classifying(numeric, CsvOptions.defaults()).hasMessage(numeric + " line 2, column 'b' (index 1): the cell is"
                + " empty; fill it in or remove the row, or read empty cells as NaN with"
                + " CsvOptions.withNonFiniteAllowed(true).");
        classifying(categorical, CsvOptions.defaults().withCategorical("colour"))
                .hasMessageContaining(categorical + " line 2, column 'colour' (index 1): the categorical cell is empty");
    }

    @Test
    void labelColumnNameNotFoundListsTheHeaderAndTheClosestName() throws IOException {
        Path file = write("iris.csv", "sepal_length,sepal_width,species\n5.1,3.5,setosa\n");

        classifying(file, CsvOptions.defaults().withLabel("Specie")).hasMessage(file + " line 1: the label column"
                + " 'Specie' is not in the header [sepal_length, sepal_width, species]; the closest name is"
                + " 'species'. Fix the name in CsvOptions (names are case-sensitive).");
    }

    @Test
    void categoricalAndIgnoredNamesNotFound() throws IOException {
        Path file = write("cols.csv", "id,colour,y\n1,red,0\n");

        classifying(file, CsvOptions.defaults().withCategorical("color"))
                .hasMessageContaining(file + " line 1: the categorical column 'color' is not in the header [id,"
                        + " colour, y]; the closest name is 'colour'");
        classifying(file, CsvOptions.defaults().withIgnored("ID"))
                .hasMessageContaining("the ignored column 'ID' is not in the header")
                .hasMessageContaining("the closest name is 'id'");
    }

    @Test
    void columnIndexOutOfRange() throws IOException {
        Path file = write("narrow.csv", "a,y\n1,0\n");

        classifying(file, CsvOptions.defaults().withLabel(5)).hasMessage(file + " line 1: the label column is index 5"
                + " but the file has 2 columns (indices 0..1, or -2..-1 from the end); choose an index in that range.");
        classifying(file, CsvOptions.defaults().withLabel(-3)).hasMessageContaining("the label column is index -3");
    }

    @Test
    void columnNameWithoutHeader() throws IOException {
        Path file = write("noheader.csv", "1,0\n");

        classifying(file, CsvOptions.defaults().withHeader(false).withLabel("y"))
                .hasMessageContaining(file + ": the label column is chosen by the name 'y' but the file is read"
                        + " without a header; choose it by index");
    }

    @Test
    void aColumnInTwoRoles() throws IOException {
        Path file = write("roles.csv", "a,b,y\n1,2,0\n");

        classifying(file, CsvOptions.defaults().withCategorical("b").withIgnored(Column.at(1)))
                .hasMessageContaining(file + " line 1: column 'b' (index 1) is chosen both as a categorical and as"
                        + " ignored column");
        classifying(file, CsvOptions.defaults().withCategorical("y"))
                .hasMessageContaining("column 'y' (index 2) is chosen both as a label and as categorical column");
    }

    @Test
    void duplicateHeaderNameChosenByName() throws IOException {
        Path file = write("dup.csv", "a,a,y\n1,2,0\n");

        classifying(file, CsvOptions.defaults().withIgnored("a"))
                .hasMessageContaining(file + " line 1: the ignored column name 'a' appears at index 0 and at index 1"
                        + " of the header; choose the column by index instead.");
    }

    @Test
    void noFeatureColumnsLeft() throws IOException {
        Path file = write("nofeatures.csv", "id,y\n1,0\n");

        classifying(file, CsvOptions.defaults().withIgnored("id"))
                .hasMessageContaining(file + " line 1: no feature columns are left among the 2 columns [id, y]");
    }

    @Test
    void singleColumnSuggestsTheDelimiter() throws IOException {
        Path file = write("one.csv", "a b y\n1 2 0\n");

        classifying(file, CsvOptions.defaults()).hasMessage(file + " line 1: found 1 column with the delimiter ','"
                + " (detected), expected at least 2 (features and a label); set the delimiter with"
                + " CsvOptions.withDelimiter.");
    }

    @Test
    void unterminatedQuote() throws IOException {
        Path file = write("quote.csv", "a,b,y\n1,\"2,0\n");

        classifying(file, CsvOptions.defaults()).hasMessageContaining(file + " line 2, column 'b' (index 1): a quote is"
                + " opened but not closed on this line");
    }

    @Test
    void regressionTargetsMustBeFiniteNumbers() throws IOException {
        Path text = write("t1.csv", "a,price\n1,100\n2,cheap\n");
        Path nan = write("t2.csv", "a,price\n1,NaN\n");
        Path empty = write("t3.csv", "a,price\n1,\n");

        regressing(text, CsvOptions.defaults()).hasMessage(text + " line 3, column 'price' (index 1), a regression"
                + " target: expected a number, found 'cheap'; fix the cell, or read class labels with"
                + " CsvReader.classification.");
        regressing(nan, CsvOptions.defaults().withNonFiniteAllowed(true))
                .hasMessageContaining(nan + " line 2, column 'price' (index 1), a regression target: found 'NaN',"
                        + " which is not a finite float32 number");
        regressing(empty, CsvOptions.defaults())
                .hasMessageContaining(empty + " line 2, column 'price' (index 1), a regression target: the cell is empty");
    }

    @Test
    void missingFileDirectoryAndCorruptGzip() throws IOException {
        Path missing = directory.resolve("missing.csv");
        Path corrupt = directory.resolve("corrupt.csv.gz");
        Files.write(corrupt, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});

        classifying(missing, CsvOptions.defaults()).hasMessage(missing + ": file not found; check the path.");
        classifying(directory, CsvOptions.defaults()).hasMessageContaining(directory + ": expected a file but this is"
                + " a directory");
        classifying(corrupt, CsvOptions.defaults()).hasMessageContaining(corrupt + ": ");
    }
}
