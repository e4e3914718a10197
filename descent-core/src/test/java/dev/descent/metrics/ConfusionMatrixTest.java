package dev.descent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Row and column sums, unscored examples, rendering and argument checks. */
class ConfusionMatrixTest {
    private static final long[][] COUNTS = {{2, 1, 1}, {1, 2, 0}, {1, 1, 3}};

    @Test
    void sumsFollowRowsAndColumns() {
        ConfusionMatrix m = ConfusionMatrix.of(COUNTS, new long[] {0, 0, 2});

        assertThat(m.classes()).isEqualTo(3);
        assertThat(m.count(0, 2)).isEqualTo(1);
        assertThat(m.predicted(0)).isEqualTo(4);
        assertThat(m.predicted(2)).isEqualTo(4);
        assertThat(m.support(0)).isEqualTo(4);
        assertThat(m.support(2)).as("row sum plus unscored").isEqualTo(7);
        assertThat(m.total()).isEqualTo(14);
        assertThat(m.correct()).isEqualTo(7);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.scores(2)).isEqualTo(PrecisionRecallF1.of(3, 4, 7));
    }

    @Test
    void factoryAndToArrayCopy() {
        long[][] counts = {{2, 1}, {0, 3}};
        ConfusionMatrix m = ConfusionMatrix.of(counts);
        counts[0][0] = 100;
        m.toArray()[0][0] = 100;

        assertThat(m.count(0, 0)).isEqualTo(2);
        assertThat(m).isEqualTo(ConfusionMatrix.of(new long[][] {{2, 1}, {0, 3}}));
        assertThat(m.hashCode()).isEqualTo(ConfusionMatrix.of(new long[][] {{2, 1}, {0, 3}}).hashCode());
        assertThat(m).isNotEqualTo(ConfusionMatrix.of(new long[][] {{2, 1}, {0, 3}}, new long[] {1, 0}));
    }

    @Test
    void tableWidensColumnsForLongNamesAndLargeCounts() {
        ConfusionMatrix m = ConfusionMatrix.of(new long[][] {{12345, 0}, {7, 1}});

        assertThat(m.toTable(List.of("no", "yes"))).isEqualTo(""
                + "true\\pred     no  yes\n"
                + "       no  12345    0\n"
                + "      yes      7    1\n");
        assertThat(m.toTable()).isEqualTo(""
                + "true\\pred      0  1\n"
                + "        0  12345  0\n"
                + "        1      7  1\n");
    }

    @Test
    void tableShowsUnscoredExamplesInANanColumn() {
        ConfusionMatrix m = ConfusionMatrix.of(new long[][] {{3, 1}, {0, 4}}, new long[] {0, 2});

        assertThat(m.toTable(List.of("cat", "dog"))).isEqualTo(""
                + "true\\pred  cat  dog  NaN\n"
                + "      cat    3    1    0\n"
                + "      dog    0    4    2\n");
        assertThat(m.toString()).isEqualTo("ConfusionMatrix[[3, 1], [0, 4]] unscored [0, 2]");
    }

    @Test
    void invalidMatricesAreRejected() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, 2}, {3}}))
                .hasMessage("a confusion matrix is square: row 1 has 1 columns, not 2");
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, -2}, {3, 4}}))
                .hasMessage("count[0][1] must be ≥ 0, got -2");
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1}}, new long[] {1, 2}))
                .hasMessage("unscored needs one count per class (1), got 2");
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[0][]))
                .hasMessage("a confusion matrix needs at least one class");
        assertThatThrownBy(() -> ConfusionMatrix.of(COUNTS).count(3, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("class 3 is outside 0..2");
    }
}
