package dev.descent.fuzz;

import static dev.descent.fuzz.FuzzChecks.parsesOrThrowsOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.descent.data.CsvOptions;
import dev.descent.data.CsvReader;
import dev.descent.data.DataException;
import dev.descent.data.LibSvmReader;
import dev.descent.data.TableSchema;
import dev.descent.data.TableSchemaReader;
import dev.descent.io.JsonText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the text table readers: {@link CsvReader} with {@link CsvOptions#defaults()},
 * {@link LibSvmReader} (small size caps), and {@link TableSchema} (from its JSON form, and
 * reading new rows with a fixed schema). Any bytes either read or give a {@link DataException}
 * or {@link IllegalArgumentException} with a message.
 * Seeds: {@code src/test/resources/dev/descent/fuzz/TextTableFuzzTestInputs/<method>/}.
 */
class TextTableFuzzTest {
    /** Caps that keep a declared index such as {@code 1:99999999} from asking for gigabytes. */
    private static final LibSvmReader.Options LIBSVM = LibSvmReader.Options.defaults()
            .withMaxDimension(1_000).withMaxValues(1_000_000);

    /** A classification schema: two numeric features, a categorical one, and a named label. */
    private static final TableSchema SCHEMA = TableSchema.fromMap(JsonText.parseObject("""
            {"header": true, "delimiter": ",", "skipLines": 0,
             "columns": [{"name": "island", "role": "categorical", "categories": ["Biscoe", "Dream"]},
                         {"name": "bill", "role": "numeric"},
                         {"name": "mass", "role": "numeric"},
                         {"name": "species", "role": "label"}],
             "classes": {"names": ["Adelie", "Gentoo"], "count": 2, "format": "names"}}
            """, "schema"), "schema");

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void csvClassification(byte[] input) {
        parsesOrThrowsOnly(() -> CsvReader.classification(stream(input), "fuzz.csv", "fuzz", CsvOptions.defaults()),
                DataException.class, IllegalArgumentException.class);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void csvRegression(byte[] input) {
        parsesOrThrowsOnly(() -> CsvReader.regression(stream(input), "fuzz.csv", "fuzz", CsvOptions.defaults()),
                DataException.class, IllegalArgumentException.class);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void libSvm(byte[] input) {
        parsesOrThrowsOnly(() -> LibSvmReader.classification(stream(input), "fuzz.svm", "fuzz", LIBSVM),
                DataException.class, IllegalArgumentException.class);
        parsesOrThrowsOnly(() -> LibSvmReader.regression(stream(input), "fuzz.svm", "fuzz", LIBSVM),
                DataException.class, IllegalArgumentException.class);
    }

    /** A schema's JSON form, as saved with a model. */
    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void tableSchemaJson(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        parsesOrThrowsOnly(() -> TableSchema.fromMap(JsonText.parseObject(json, "schema.json"), "schema.json"),
                IllegalArgumentException.class);
    }

    /** New rows read with a fixed schema, labels optional, in chunks of 3 rows. */
    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void tableSchemaRows(byte[] input) {
        parsesOrThrowsOnly(() -> {
            try (TableSchemaReader reader = SCHEMA.reader(stream(input), "new.csv", TableSchema.LabelPolicy.OPTIONAL)) {
                while (reader.next(3) != null) {
                    // read to the end
                }
            }
        }, DataException.class, IllegalArgumentException.class);
    }

    private static ByteArrayInputStream stream(byte[] input) {
        return new ByteArrayInputStream(input);
    }
}
