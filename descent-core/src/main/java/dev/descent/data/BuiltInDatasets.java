package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Small real data sets shipped inside the jar, so that Descent works offline on real data.
 * Attribution for each sits beside it in {@code src/main/resources/dev/descent/data}.
 */
public final class BuiltInDatasets {
    public static final String DIGITS = "digits";

    private static final String DIGITS_RESOURCE = "digits.csv.gz";
    private static final int DIGITS_ROWS = 1797;
    private static final int DIGITS_PIXELS = 64;
    private static final int DIGITS_MAX_PIXEL = 16;
    private static final int DIGITS_CLASSES = 10;

    private BuiltInDatasets() {
    }

    /**
     * "Optical Recognition of Handwritten Digits" (E. Alpaydin and C. Kaynak, UCI; CC BY 4.0),
     * as packaged by scikit-learn: 1797 8×8 images as {@code [1797, 64]} features scaled from
     * 0..16 to [0, 1], classes "0".."9". There is no official test split: use {@link Splits}.
     */
    public static Dataset digits() {
        String source = DIGITS_RESOURCE + " (built-in resource dev/descent/data/" + DIGITS_RESOURCE + ")";
        LabeledCsvReader.Table table;
        try (InputStream resource = BuiltInDatasets.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (resource == null) {
                throw new DataException(source + " is missing from the class path: the descent-core jar is"
                        + " incomplete; rebuild it with its resources.");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(resource, 1 << 16), StandardCharsets.US_ASCII));
            table = LabeledCsvReader.read(reader, source,
                    new LabeledCsvReader.Expect(DIGITS_CLASSES, 0, DIGITS_MAX_PIXEL));
        } catch (IOException e) {
            throw new DataException(source + ": not a readable gzip file (" + e.getMessage()
                    + "); the jar is corrupt, rebuild it.", e);
        }
        if (table.rows() != DIGITS_ROWS || table.featureColumns() != DIGITS_PIXELS) {
            throw new DataException(source + ": expected " + DIGITS_ROWS + " rows of " + DIGITS_PIXELS
                    + " pixels, found " + table.rows() + " rows of " + table.featureColumns()
                    + "; the resource was replaced by another file, restore it.");
        }
        float[] pixels = table.features();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= DIGITS_MAX_PIXEL;
        }
        return new Dataset(DIGITS, Tensor.wrap(pixels, DIGITS_ROWS, DIGITS_PIXELS), table.labels(),
                DIGITS_CLASSES, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }
}
