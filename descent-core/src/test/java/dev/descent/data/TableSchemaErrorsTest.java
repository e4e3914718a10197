package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.CsvOptions.ClassLabels;
import dev.descent.data.TableSchema.Classes;
import dev.descent.data.TableSchema.Column;
import dev.descent.data.TableSchema.LabelPolicy;
import dev.descent.data.TableSchema.Role;
import dev.descent.data.TableSchema.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a new file can fail to fit a model's schema, each with the message that says what to do. */
class TableSchemaErrorsTest {
    private static final TableSchema PENGUINS = new TableSchema(true, ',', 0, List.of(
            Column.of("id", Role.IGNORED),
            Column.categorical("island", List.of("Biscoe", "Dream", "Torgersen")),
            Column.of("bill", Role.NUMERIC),
            Column.of("mass", Role.NUMERIC),
            Column.of("species", Role.LABEL)),
            new Classes(List.of("Adelie", "Chinstrap", "Gentoo"), 3, ClassLabels.NAMES));

    @TempDir
    Path directory;

    private Path write(String text) throws IOException {
        Path file = directory.resolve("new.csv");
        Files.writeString(file, text);
        return file;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> reading(TableSchema schema, Path file,
                                                                         LabelPolicy policy) {
        return assertThatThrownBy(() -> schema.readAll(file, policy)).isInstanceOf(DataException.class);
    }

    @Test
    void missingColumnsAreAllNamedWithTheFilesHeader() throws IOException {
        Path file = write("island,species\nDream,Adelie\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 1: missing columns 'bill', 'mass' that"
                + " the model was trained with; the file's header is [island, species]. Add them (names are"
                + " case-sensitive).");
    }

    @Test
    void missingColumnNextToAnUnknownOneSuggestsARename() throws IOException {
        Path file = write("island,bil,mass\nDream,40,4000\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 1: missing column 'bill' that the"
                + " model was trained with; the file's header is [island, bil, mass]. Add it (names are"
                + " case-sensitive); the file also has column 'bil' (index 1) that the model does not know: rename or"
                + " remove it.");
    }

    @Test
    void requiredLabelMustBePresent() throws IOException {
        Path file = write("island,bill,mass\nDream,40,4000\n");

        reading(PENGUINS, file, LabelPolicy.REQUIRED).hasMessage(file + " line 1: missing column 'species' (the"
                + " label) that the model was trained with; the file's header is [island, bill, mass]. Add it (names"
                + " are case-sensitive).");
    }

    @Test
    void columnsUnknownToTheModelAreListed() throws IOException {
        Path file = write("id,note,island,bill,mass,colour\n1,x,Dream,40,4000,red\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 1: columns 'note' (index 1), 'colour'"
                + " (index 5) not known to the model, which was trained without them; remove them from the file."
                + " The model's columns are [id, island, bill, mass, species].");
    }

    @Test
    void repeatedColumnName() throws IOException {
        Path file = write("island,bill,mass,bill\nDream,40,4000,41\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 1: the column name 'bill' appears at"
                + " index 1 and at index 3 of the header; keep one of them, so each column of the model is found once.");
    }

    @Test
    void trainingHeaderWithARepeatedNameCannotBeMatched() throws IOException {
        TableSchema repeated = new TableSchema(true, ',', 0, List.of(Column.of("x", Role.NUMERIC),
                Column.of("x", Role.NUMERIC), Column.of("y", Role.LABEL)), new Classes(List.of(), 2, ClassLabels.INDICES));
        Path file = write("x,x\n1,2\n");

        reading(repeated, file, LabelPolicy.OPTIONAL).hasMessage(file + ": the model's training file named columns 0"
                + " and 1 both 'x', so the columns of new files cannot be matched by name; give the columns distinct"
                + " names in the training file and train again.");
    }

    @Test
    void wrongCellCountOnALine() throws IOException {
        Path file = write("island,bill,mass\nDream,40,4000\nDream,41\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 3: found 2 cells but the header (line"
                + " 1) has 3; column 'mass' (index 2) is missing. Fix or remove this line (the delimiter is ','; quote"
                + " cells that contain it).");
    }

    @Test
    void unseenCategoryListsTheKnownOnes() throws IOException {
        Path file = write("island,bill,mass\nBiscoe,40,4000\ndream,41,4100\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 3, column 'island' (index 0): the"
                + " category 'dream' was not seen in training; the model knows [Biscoe, Dream, Torgersen]. Fix the"
                + " cell or remove the row (categories are case-sensitive).");
    }

    @Test
    void emptyCategoricalCell() throws IOException {
        Path file = write("bill,mass,island\n40,4000,\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2, column 'island' (index 2): the"
                + " categorical cell is empty; fill in one of the categories the model knows [Biscoe, Dream,"
                + " Torgersen] or remove the row.");
    }

    @Test
    void nonNumericCell() throws IOException {
        Path file = write("bill,mass,island\n40,heavy,Dream\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2, column 'mass' (index 1): expected a"
                + " number, found 'heavy'; the model was trained on numbers in this column, so fix the cell or remove"
                + " the row.");
    }

    @Test
    void nonFiniteCell() throws IOException {
        Path file = write("bill,mass,island\nNaN,4000,Dream\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2, column 'bill' (index 0): found"
                + " 'NaN', which is not a finite float32 number; fix the cell or remove the row.");
    }

    @Test
    void emptyNumericCell() throws IOException {
        Path file = write("bill,mass,island\n40,,Dream\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2, column 'mass' (index 1): the cell"
                + " is empty; the model needs a number here, so fill it in or remove the row.");
    }

    @Test
    void unknownClassNameListsTheKnownClasses() throws IOException {
        Path file = write("island,bill,mass,species\nDream,40,4000,Adelie\nDream,40,4000,Emperor\n");

        reading(PENGUINS, file, LabelPolicy.REQUIRED).hasMessage(file + " line 3, column 'species' (index 3), the"
                + " label: the class 'Emperor' is not one of the model's classes [Adelie, Chinstrap, Gentoo]; fix"
                + " the label or remove the row (class names are case-sensitive).");
    }

    @Test
    void labelThatIsNotAValidIndex() throws IOException {
        TableSchema indices = new TableSchema(true, ',', 0, List.of(Column.of("a", Role.NUMERIC),
                Column.of("y", Role.LABEL)), new Classes(List.of(), 3, ClassLabels.INDICES));
        Path file = write("a,y\n1,2\n1,3\n");

        reading(indices, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 3, column 'y' (index 1), the label:"
                + " expected a class index, an integer in 0..2, found '3'; fix the label or remove the row.");
    }

    @Test
    void labelThatIsNeitherANameNorAnIndex() throws IOException {
        TableSchema auto = new TableSchema(true, ',', 0, List.of(Column.of("a", Role.NUMERIC),
                Column.of("y", Role.LABEL)), new Classes(List.of("cat", "dog"), 2, ClassLabels.AUTO));
        Path file = write("a,y\n1,dog\n1,1\n1,-1\n");

        reading(auto, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 4, column 'y' (index 1), the label:"
                + " expected one of the model's classes [cat, dog] or a class index 0..1, found '-1'; fix the label"
                + " or remove the row.");
    }

    @Test
    void emptyLabel() throws IOException {
        Path file = write("island,bill,mass,species\nDream,40,4000,\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2, column 'species' (index 3), the"
                + " label: the cell is empty; fill in the class or remove the row, or read the file without labels"
                + " (LabelPolicy.IGNORED).");
    }

    @Test
    void nonNumericRegressionTarget() throws IOException {
        TableSchema regression = new TableSchema(true, ',', 0, List.of(Column.of("x", Role.NUMERIC),
                Column.of("t", Role.LABEL)), new Targets(List.of("t")));
        Path file = write("t,x\n1.5,1\nabc,2\n");

        reading(regression, file, LabelPolicy.REQUIRED).hasMessage(file + " line 3, column 't' (index 0), a"
                + " regression target: expected a number, found 'abc'; fix the cell or remove the row.");
    }

    @Test
    void someTargetsPresentAndOthersMissing() throws IOException {
        TableSchema regression = new TableSchema(true, ',', 0, List.of(Column.of("x", Role.NUMERIC),
                Column.of("t1", Role.LABEL), Column.of("t2", Role.LABEL)), new Targets(List.of("t1", "t2")));
        Path file = write("x,t1\n1,2\n");

        reading(regression, file, LabelPolicy.OPTIONAL).hasMessageContaining(file + " line 1: missing column 't2'"
                + " (a target) that the model was trained with");
    }

    @Test
    void noDataRows() throws IOException {
        Path empty = write("");
        reading(PENGUINS, empty, LabelPolicy.OPTIONAL).hasMessage(empty + ": no data rows (the file is empty);"
                + " expected a header line, then one line per example.");

        Path headerOnly = write("island,bill,mass\n\n");
        reading(PENGUINS, headerOnly, LabelPolicy.OPTIONAL).hasMessage(headerOnly + ": no data rows after the header"
                + " on line 1 (2 lines in all); expected a header line, then one line per example.");
    }

    @Test
    void headerlessFileOfAnotherWidth() throws IOException {
        TableSchema headerless = new TableSchema(false, ',', 0, List.of(Column.of("column0", Role.NUMERIC),
                Column.of("column1", Role.NUMERIC), Column.of("column2", Role.LABEL)),
                new Classes(List.of(), 2, ClassLabels.INDICES));
        Path file = write("\n1,2,3,4\n");

        reading(headerless, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2: found 4 cells but the model was"
                + " trained on a file without a header, whose rows have 3, or 2 without the label column (index 2);"
                + " columns are matched by position, so give each row the training file's columns in the same order"
                + " (the delimiter is ',').");
        reading(headerless, write("1,2\n"), LabelPolicy.REQUIRED).hasMessageContaining("found 2 cells but the model"
                + " was trained on a file without a header, whose rows have 3 (labels included, as they are required"
                + " here)");
    }

    @Test
    void headerlessLineOfAnotherWidth() throws IOException {
        TableSchema headerless = new TableSchema(false, ',', 0, List.of(Column.of("column0", Role.NUMERIC),
                Column.of("column1", Role.LABEL)), new Classes(List.of(), 2, ClassLabels.INDICES));
        Path file = write("1\n2,3\n");

        reading(headerless, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2: found 2 cells but the first row"
                + " (line 1) has 1; the extra cell at index 1 is '3'. Fix or remove this line (the delimiter is ',';"
                + " quote cells that contain it).");
    }

    @Test
    void unterminatedQuote() throws IOException {
        Path file = write("island,bill,mass\n\"Dream,40,4000\n");

        reading(PENGUINS, file, LabelPolicy.OPTIONAL).hasMessage(file + " line 2, cell 1: a quote is opened but not"
                + " closed on this line; close it (quoted cells cannot span lines).");
    }
}
