package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LabeledCsvReaderTest {
    private static final LabeledCsvReader.Expect PIXELS = new LabeledCsvReader.Expect(10, 0, 16);

    private static LabeledCsvReader.Table read(String csv) {
        return LabeledCsvReader.read(new BufferedReader(new StringReader(csv)), "test.csv", PIXELS);
    }

    @Test
    void readsFeaturesAndLastColumnLabels() {
        LabeledCsvReader.Table table = read("0,1,16,3\n4,5.5,6,9\n\n");

        assertThat(table.rows()).isEqualTo(2);
        assertThat(table.featureColumns()).isEqualTo(3);
        assertThat(table.features()).containsExactly(0, 1, 16, 4, 5.5f, 6);
        assertThat(table.labels()).containsExactly(3, 9);
    }

    @Test
    void badCellIsReportedByLineAndColumn() {
        assertThatThrownBy(() -> read("0,1,2,3\n4,x5,6,7\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 2, column 2: expected a number, found 'x5'.");
    }

    @Test
    void valueOutOfRangeIsReportedByLineAndColumn() {
        assertThatThrownBy(() -> read("0,1,2,3\n4,5,17,7\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test.csv line 2, column 3: expected a number in [0.0, 16.0], found 17");
    }

    @Test
    void notANumberIsOutOfRange() {
        assertThatThrownBy(() -> read("NaN,1,2,3\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 1, column 1")
                .hasMessageContaining("found NaN");
    }

    @Test
    void badLabelIsReportedByLineAndColumn() {
        assertThatThrownBy(() -> read("0,1,2,3\n4,5,6,2.5\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test.csv line 2, column 4 (the label): expected an integer class label, found '2.5'");
        assertThatThrownBy(() -> read("0,1,2,10\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 1, column 4 (the label): expected a class in 0..9, found 10");
    }

    @Test
    void raggedRowIsReported() {
        assertThatThrownBy(() -> read("0,1,2,3\n4,5,6\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test.csv line 2: found 3 columns, expected 4 like the first line");
    }

    @Test
    void emptyInputIsReported() {
        assertThatThrownBy(() -> read("\n\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test.csv: no data lines");
    }

    @Test
    void singleColumnIsReported() {
        assertThatThrownBy(() -> read("1 2 3\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 1: found 1 column, expected at least 2");
    }
}
