package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapTest {
    private static final String[] CLASSES = {"setosa", "versicolor", "virginica"};
    private static final double[][] COUNTS = {{10, 0, 0}, {0, 9, 1}, {0, 2, 8}};

    @Test
    void writesAPngOfTheStatedSizeAndAnSvgCarryingTheTitle(@TempDir Path dir) throws Exception {
        List<Path> files = HeatMap.titled("Confusion matrix (test set)").xAxis("predicted class").yAxis("true class")
                .cells(CLASSES, CLASSES, COUNTS).save(dir, "confusion");

        BufferedImage png = PlotFiles.png(files.get(0));
        assertThat(png.getWidth()).isEqualTo(HeatMap.DEFAULT_WIDTH).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(HeatMap.DEFAULT_HEIGHT).isEqualTo(700);
        assertThat(png.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(PlotFiles.hasPixel(png, PlotStyle.HEAT_SCALE[2].getRGB() & 0xFFFFFF))
                .as("the largest count in the darkest colour of the scale").isTrue();
        assertThat(PlotFiles.svgTitle(files.get(1))).isEqualTo("Confusion matrix (test set)");
        assertThat(PlotFiles.svgTexts(files.get(1))).as("all text as text, values too")
                .contains("Confusion matrix (test set)", "predicted class", "true class", "setosa", "versicolor",
                        "virginica", "10", "9", "8");
    }

    @Test
    void valuesUseAPointWhateverTheLocale(@TempDir Path dir) throws Exception {
        java.util.Locale saved = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.GERMANY);
        try {
            List<Path> files = HeatMap.titled("Rates").cells(new String[] {"a", "b"}, new String[] {"r"},
                    new double[][] {{0.25, 0.75}}).save(dir, "rates");
            assertThat(PlotFiles.svgTexts(files.get(1))).contains("0.25", "0.75").doesNotContain("0,25");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void largeGridsAndEmptyCellsAreDrawn(@TempDir Path dir) throws Exception {
        int k = 25; // beyond 20 × 20 the values are not printed
        String[] labels = new String[k];
        double[][] values = new double[k][k];
        for (int i = 0; i < k; i++) {
            labels[i] = "c" + i;
            for (int j = 0; j < k; j++) {
                values[i][j] = i == j ? Double.NaN : 0.01 * i * j;
            }
        }
        List<Path> files = HeatMap.titled("Large").cells(labels, labels, values).size(600, 600).save(dir, "large");
        assertThat(PlotFiles.png(files.get(0)).getWidth()).isEqualTo(600);
        PlotFiles.svg(files.get(1));
    }

    @Test
    void shapesMustAgree() {
        assertThatThrownBy(() -> HeatMap.titled("C").cells(CLASSES, new String[] {"a", "b"}, COUNTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HeatMap \"C\": 2 row labels for 3 rows of values; give one label per row");
        assertThatThrownBy(() -> HeatMap.titled("C").cells(CLASSES, CLASSES,
                new double[][] {{1, 2, 3}, {4, 5}, {6, 7, 8}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HeatMap \"C\": values[1] has 2 columns but there are 3 column labels; every row needs "
                        + "one value per column");
        assertThatThrownBy(() -> HeatMap.titled("C").cells(new String[0], new String[0], new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the grid is empty");
        assertThatThrownBy(() -> HeatMap.titled("C").cells(new String[] {"a", null, "c"}, CLASSES, COUNTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column label 1 is null");
    }

    @Test
    void aGridWithoutAFiniteValueOrWithoutCellsIsRefused(@TempDir Path dir) {
        double nan = Double.NaN;
        assertThatThrownBy(() -> HeatMap.titled("C").cells(new String[] {"a", "b"}, new String[] {"r"},
                new double[][] {{nan, Double.NEGATIVE_INFINITY}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none of the 2 values is finite");
        assertThatThrownBy(() -> HeatMap.titled("C").save(dir, "c"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no cells to draw");
    }
}
