package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExampleStreamTest {

    @Test
    void streamsNumericRowsAndIntegerLabelsInFileOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "a,b,skip,y\n1,2,x,0\n3.5,-4,x,2\n\n5,6e1,x,1\n");
        try (CsvExampleStream stream = CsvExampleStream.open(file, CsvOptions.defaults().withLabel("y")
                .withIgnored("skip"), 3)) {
            assertThat(stream.featureCount()).isEqualTo(2);
            float[] row = new float[2];
            List<String> seen = new ArrayList<>();
            int label;
            while ((label = stream.next(row)) >= 0) {
                seen.add(row[0] + "," + row[1] + "->" + label);
            }
            assertThat(seen).containsExactly("1.0,2.0->0", "3.5,-4.0->2", "5.0,60.0->1");
        }
    }

    @Test
    void badCellsAndLabelsNameTheLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,y\n1,0\nhello,1\n");
        CsvExampleStream stream = CsvExampleStream.open(file, CsvOptions.defaults(), 2);
        float[] row = new float[1];
        stream.next(row);
        assertThatThrownBy(() -> stream.next(row)).isInstanceOf(DataException.class)
                .hasMessageContaining("line 3").hasMessageContaining("'a'").hasMessageContaining("hello");
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "a,y\n1,5\n");
        CsvExampleStream outOfRange = CsvExampleStream.open(labels, CsvOptions.defaults(), 2);
        assertThatThrownBy(() -> outOfRange.next(row)).hasMessageContaining("line 2").hasMessageContaining("0..1");
        Path categorical = dir.resolve("cat.csv");
        Files.writeString(categorical, "color,y\nred,0\n");
        assertThatThrownBy(() -> CsvExampleStream.open(categorical, CsvOptions.defaults().withCategorical("color"), 2))
                .hasMessageContaining("categorical");
    }

    @Test
    void feedsStreamingBatchesEpochAfterEpoch(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.csv");
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 500; i++) {
            s.append(i).append(',').append(-i).append(',').append(i % 2).append('\n');
        }
        Files.writeString(file, s);
        StreamingBatches batches = StreamingBatches.rereadable(
                () -> CsvExampleStream.open(file, CsvOptions.defaults(), 2), 2, 64, 100, 3);
        for (int epoch = 0; epoch < 2; epoch++) {
            int rows = 0;
            for (Batch batch : batches.nextEpoch()) {
                for (int r = 0; r < batch.size(); r++) {
                    int x = (int) batch.features().get(r, 0);
                    assertThat(batch.labels()[r]).isEqualTo(x % 2);
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(500);
        }
    }
}
