package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.CsvOptions.ClassLabels;
import dev.descent.data.CsvOptions.Column;
import dev.descent.data.TableSchema.Classes;
import dev.descent.data.TableSchema.LabelPolicy;
import dev.descent.data.TableSchema.Role;
import dev.descent.data.TableSchema.Targets;
import dev.descent.data.TableSchemaReader.Chunk;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training table's schema, saved and read back, reads new files into the training features. */
class TableSchemaTest {
    private static final String PENGUINS = """
            id,species,island,bill_length_mm,body_mass_g
            p1,Adelie,Torgersen,39.1,3750
            p2,Gentoo,Biscoe,46.1,4500
            p3,Chinstrap,Dream,49.6,3800
            p4,Adelie,Dream,38.8,3400
            p5,Gentoo,Biscoe,50.0,5700
            """;
    private static final CsvOptions PENGUIN_OPTIONS = CsvOptions.defaults()
            .withLabel("species").withCategorical("island").withIgnored("id");

    @TempDir
    Path directory;

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** The features of the given rows (from 0) of a row-major matrix. */
    private static float[] rows(float[] features, int width, int... rows) {
        float[] selected = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, selected, i * width, width);
        }
        return selected;
    }

    @Test
    void savedSchemaReadsShuffledColumnsWithoutLabelsIntoTheTrainingFeatures() throws IOException {
        CsvReader.Classification training = CsvReader.classification(write("penguins.csv", PENGUINS), PENGUIN_OPTIONS);
        TableSchema saved = TableSchema.fromMap(training.schema().toMap(), "model.json: preprocessing");
        Path fresh = write("new.csv", """
                body_mass_g,island,bill_length_mm
                4500,Biscoe,46.1
                3800,Dream,49.6
                5700,Biscoe,50.0
                """);

        Chunk chunk = saved.readAll(fresh, LabelPolicy.OPTIONAL);

        Dataset dataset = training.dataset();
        assertThat(saved).isEqualTo(training.schema());
        assertThat(saved.featureNames()).isEqualTo(training.featureNames())
                .containsExactly("island=Biscoe", "island=Dream", "island=Torgersen", "bill_length_mm", "body_mass_g");
        assertThat(saved.featureCount()).isEqualTo(dataset.featureCount());
        assertThat(chunk.rows()).isEqualTo(3);
        assertThat(chunk.features()).containsExactly(rows(dataset.features().data(), 5, 1, 2, 4));
        assertThat(chunk.lineNumbers()).containsExactly(2, 3, 4);
        assertThat(chunk.labels()).isNull();
        assertThat(chunk.targets()).isNull();
    }

    @Test
    void schemaRecordsColumnsRolesCategoriesAndClasses() throws IOException {
        TableSchema schema = CsvReader.classification(write("penguins.csv", PENGUINS), PENGUIN_OPTIONS).schema();

        assertThat(schema.header()).isTrue();
        assertThat(schema.delimiter()).isEqualTo(',');
        assertThat(schema.columns()).containsExactly(
                TableSchema.Column.of("id", Role.IGNORED),
                TableSchema.Column.of("species", Role.LABEL),
                TableSchema.Column.categorical("island", List.of("Biscoe", "Dream", "Torgersen")),
                TableSchema.Column.of("bill_length_mm", Role.NUMERIC),
                TableSchema.Column.of("body_mass_g", Role.NUMERIC));
        assertThat(schema.classification()).isTrue();
        assertThat(schema.classes()).isEqualTo(new Classes(List.of("Adelie", "Chinstrap", "Gentoo"), 3,
                ClassLabels.NAMES));
        assertThat(schema.labelNames()).containsExactly("species");
    }

    @Test
    void labelsAreReadWhenPresentAndRequired() throws IOException {
        CsvReader.Classification training = CsvReader.classification(write("penguins.csv", PENGUINS), PENGUIN_OPTIONS);

        Chunk chunk = training.schema().readAll(write("same.csv", PENGUINS), LabelPolicy.REQUIRED);

        assertThat(chunk.features()).containsExactly(training.dataset().features().data());
        assertThat(chunk.labels()).containsExactly(training.dataset().labels());
    }

    @Test
    void ignoredLabelsAreNotRead() throws IOException {
        TableSchema schema = CsvReader.classification(write("penguins.csv", PENGUINS), PENGUIN_OPTIONS).schema();
        Path unknownClass = write("new.csv", "species,island,bill_length_mm,body_mass_g\nEmperor,Dream,40,4000\n");

        try (TableSchemaReader reader = schema.reader(unknownClass, LabelPolicy.IGNORED)) {
            assertThat(reader.hasLabels()).isFalse();
            Chunk chunk = reader.next(10);
            assertThat(chunk.labels()).isNull();
            assertThat(chunk.features()).containsExactly(0, 1, 0, 40, 4000);
        }
    }

    @Test
    void lineNumbersCountTheHeaderAndBlankLines() throws IOException {
        TableSchema schema = CsvReader.classification(write("train.csv", "a,b,y\n1,2,0\n3,4,1\n"),
                CsvOptions.defaults()).schema();
        Path fresh = write("new.csv", "\nb,a\n\n5,6\n  \n\n7,8\n9,10\n\n");

        Chunk chunk = schema.readAll(fresh, LabelPolicy.OPTIONAL);

        assertThat(chunk.lineNumbers()).containsExactly(4, 7, 8);
        assertThat(chunk.features()).containsExactly(6, 5, 8, 7, 10, 9);
    }

    @Test
    void chunksSmallerThanTheFileGiveTheSameRowsAsOneChunk() throws IOException {
        StringBuilder text = new StringBuilder("x,kind,y\n");
        for (int i = 0; i < 10; i++) {
            text.append(i * 0.5).append(',').append(i % 3 == 0 ? "red" : "blue").append(',').append(i % 2).append('\n');
            if (i == 4) {
                text.append('\n');
            }
        }
        Path file = write("ten.csv", text.toString());
        TableSchema schema = CsvReader.classification(file, CsvOptions.defaults().withCategorical("kind")).schema();
        Chunk whole = schema.readAll(file, LabelPolicy.REQUIRED);

        List<Integer> sizes = new ArrayList<>();
        float[] features = new float[0];
        int[] lines = new int[0];
        int[] labels = new int[0];
        try (TableSchemaReader reader = schema.reader(file, LabelPolicy.REQUIRED)) {
            for (Chunk chunk; (chunk = reader.next(3)) != null; ) {
                sizes.add(chunk.rows());
                features = concat(features, chunk.features());
                lines = concat(lines, chunk.lineNumbers());
                labels = concat(labels, chunk.labels());
            }
            assertThat(reader.next(3)).isNull();
        }

        assertThat(sizes).containsExactly(3, 3, 3, 1);
        assertThat(whole.rows()).isEqualTo(10);
        assertThat(features).containsExactly(whole.features());
        assertThat(lines).containsExactly(whole.lineNumbers());
        assertThat(labels).containsExactly(whole.labels());
        assertThat(whole.lineNumbers()).startsWith(2, 3, 4, 5, 6, 8);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Test
    void regressionWithTwoTargetsKeepsTheTargetOrder() throws IOException {
        Path train = write("train.csv", "x,t1,c,t2\n1,10,a,100\n2,20,b,200\n3,30,a,300\n");
        CsvReader.Regression training = CsvReader.regression(train, CsvOptions.defaults()
                .withLabels(Column.named("t2"), Column.named("t1")).withCategorical("c"));
        TableSchema schema = TableSchema.fromMap(training.schema().toMap(), "model.json");
        Path fresh = write("new.csv", "t1,c,t2,x\n30,a,300,3\n10,a,100,1\n");

        Chunk withTargets = schema.readAll(fresh, LabelPolicy.REQUIRED);
        Chunk withoutTargets = schema.readAll(write("bare.csv", "c,x\nb,2\n"), LabelPolicy.OPTIONAL);

        assertThat(schema.classification()).isFalse();
        assertThat(schema.targets()).isEqualTo(new Targets(List.of("t2", "t1")));
        float[] trainedTargets = training.dataset().targets().data();
        assertThat(withTargets.targets()).containsExactly(rows(trainedTargets, 2, 2, 0));
        assertThat(withTargets.features()).containsExactly(rows(training.dataset().features().data(), 3, 2, 0));
        assertThat(withTargets.labels()).isNull();
        assertThat(withoutTargets.targets()).isNull();
        assertThat(withoutTargets.features()).containsExactly(2, 0, 1);
    }

    @Test
    void headerlessSchemaTakesColumnsByPositionWithOrWithoutTheLabel() throws IOException {
        Path train = write("train.csv", "0,1.5,x,7\n1,2.5,y,8\n");
        CsvReader.Classification training = CsvReader.classification(train,
                CsvOptions.defaults().withHeader(false).withLabel(0).withCategorical(Column.at(2)));
        TableSchema schema = training.schema();

        Chunk withLabels = schema.readAll(write("labelled.csv", "1,2.5,y,8\n0,1.5,x,7\n"), LabelPolicy.REQUIRED);
        Chunk withoutLabels = schema.readAll(write("bare.csv", "2.5,y,8\n"), LabelPolicy.OPTIONAL);

        assertThat(schema.featureNames()).containsExactly("column1", "column2=x", "column2=y", "column3");
        assertThat(withLabels.labels()).containsExactly(1, 0);
        assertThat(withLabels.features()).containsExactly(rows(training.dataset().features().data(), 4, 1, 0));
        assertThat(withoutLabels.labels()).isNull();
        assertThat(withoutLabels.features()).containsExactly(2.5f, 0, 1, 8);
    }

    @Test
    void newFilesMayUseAnotherDelimiterAndBeGzippedWithAByteOrderMark() throws IOException {
        TableSchema schema = CsvReader.classification(write("train.csv", "a,b,y\n1,2,0\n3,4,1\n"),
                CsvOptions.defaults()).schema();
        Path gzipped = directory.resolve("new.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write("\uFEFFb;a;y\n2;1.5;1\n".getBytes(StandardCharsets.UTF_8));
        }

        try (TableSchemaReader reader = schema.reader(gzipped, LabelPolicy.REQUIRED)) {
            Chunk chunk = reader.next(100);
            assertThat(reader.delimiter()).isEqualTo(';');
            assertThat(chunk.features()).containsExactly(1.5f, 2);
            assertThat(chunk.labels()).containsExactly(1);
        }
    }

    @Test
    void indexLabelsWithDeclaredNamesReadIndicesAsTrained() throws IOException {
        CsvOptions options = CsvOptions.defaults().withClassLabels(ClassLabels.INDICES).withClassNames("cat", "dog");
        TableSchema schema = CsvReader.classification(write("train.csv", "a,y\n1,0\n2,1\n"), options).schema();

        Chunk chunk = schema.readAll(write("new.csv", "a,y\n3,1\n"), LabelPolicy.REQUIRED);

        assertThat(schema.classes()).isEqualTo(new Classes(List.of("cat", "dog"), 2, ClassLabels.INDICES));
        assertThat(chunk.labels()).containsExactly(1);
    }

    @Test
    void plainIndexLabelsHaveNoNames() throws IOException {
        TableSchema schema = CsvReader.classification(write("train.csv", "a,y\n1,0\n2,2\n"),
                CsvOptions.defaults()).schema();

        assertThat(schema.classes()).isEqualTo(new Classes(List.of(), 3, ClassLabels.INDICES));
        assertThat(schema.readAll(write("new.csv", "y,a\n1,5\n"), LabelPolicy.REQUIRED).labels()).containsExactly(1);
    }

    @Test
    void readsFromAStream() {
        TableSchema schema = new TableSchema(true, ',', 0, List.of(TableSchema.Column.of("a", Role.NUMERIC),
                TableSchema.Column.of("y", Role.LABEL)), new Classes(List.of(), 2, ClassLabels.INDICES));
        byte[] bytes = "a\n4\n".getBytes(StandardCharsets.UTF_8);

        try (TableSchemaReader reader = schema.reader(new ByteArrayInputStream(bytes), "memory", LabelPolicy.OPTIONAL)) {
            assertThat(reader.next(1).features()).containsExactly(4);
            assertThat(reader.next(1)).isNull();
        }
    }

    @Test
    void mapIsPlainDataAndRoundTrips() throws IOException {
        TableSchema schema = CsvReader.classification(write("penguins.csv", PENGUINS), PENGUIN_OPTIONS).schema();

        Map<String, Object> map = schema.toMap();

        assertThat(map).containsOnlyKeys("header", "delimiter", "skipLines", "columns", "classes");
        assertThat(map.get("delimiter")).isEqualTo(",");
        assertThat(map.get("columns")).asList().element(2).isEqualTo(Map.of("name", "island", "role",
                "categorical", "categories", List.of("Biscoe", "Dream", "Torgersen")));
        assertThat(map.get("classes")).isEqualTo(Map.of("names", List.of("Adelie", "Chinstrap", "Gentoo"),
                "count", 3, "format", "names"));
        assertThat(map).isInstanceOf(LinkedHashMap.class);
        assertThat(TableSchema.fromMap(map, "model.json")).isEqualTo(schema);
    }

    @Test
    void numbersMayArriveAsAnyNumberOrTheirText() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("header", false);
        map.put("delimiter", "\t");
        map.put("skipLines", new Object() {
            @Override
            public String toString() {
                return "1";
            }
        });
        map.put("columns", List.of(Map.of("name", "column0", "role", "numeric"),
                Map.of("name", "column1", "role", "LABEL")));
        map.put("classes", Map.of("names", List.of(), "count", 4.0, "format", "indices"));

        TableSchema schema = TableSchema.fromMap(map, "model.json");

        assertThat(schema).isEqualTo(new TableSchema(false, '\t', 1, List.of(
                TableSchema.Column.of("column0", Role.NUMERIC), TableSchema.Column.of("column1", Role.LABEL)),
                new Classes(List.of(), 4, ClassLabels.INDICES)));
        assertThat(TableSchema.fromMap(schema.toMap(), "again")).isEqualTo(schema);
    }

    @Test
    void malformedMapsNameTheSourceAndTheField() throws IOException {
        Map<String, Object> valid = CsvReader.classification(write("penguins.csv", PENGUINS), PENGUIN_OPTIONS)
                .schema().toMap();

        Map<String, Object> noCategories = copy(valid);
        column(noCategories, 2).remove("categories");
        assertThatThrownBy(() -> TableSchema.fromMap(noCategories, "model.json: preprocessing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model.json: preprocessing.columns[2].categories: missing; the saved schema is"
                        + " incomplete, save the model again");

        Map<String, Object> badRole = copy(valid);
        column(badRole, 0).put("role", "feature");
        assertThatThrownBy(() -> TableSchema.fromMap(badRole, "model.json"))
                .hasMessage("model.json: columns[0].role: expected one of [numeric, categorical, ignored, label],"
                        + " found 'feature'");

        Map<String, Object> badCount = copy(valid);
        badCount.put("classes", Map.of("names", List.of("a"), "count", 1.5, "format", "names"));
        assertThatThrownBy(() -> TableSchema.fromMap(badCount, "model.json"))
                .hasMessage("model.json: classes.count: expected an integer, found 1.5");

        Map<String, Object> badCategory = copy(valid);
        column(badCategory, 2).put("categories", List.of("Biscoe", 7));
        assertThatThrownBy(() -> TableSchema.fromMap(badCategory, "model.json"))
                .hasMessage("model.json: columns[2].categories[1]: expected a text, found 7");

        Map<String, Object> bothLabels = copy(valid);
        bothLabels.put("targets", List.of("species"));
        assertThatThrownBy(() -> TableSchema.fromMap(bothLabels, "model.json"))
                .hasMessageStartingWith("model.json: expected exactly one of \"classes\"");

        Map<String, Object> noLabel = copy(valid);
        column(noLabel, 1).put("role", "numeric");
        assertThatThrownBy(() -> TableSchema.fromMap(noLabel, "model.json"))
                .hasMessage("model.json: columns must hold exactly one label column for classification, got 0 []");

        assertThatThrownBy(() -> TableSchema.fromMap(Map.of("header", "yes"), "model.json"))
                .hasMessage("model.json: header: expected true or false, found 'yes'");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> column(Map<String, Object> map, int index) {
        return ((List<Map<String, Object>>) map.get("columns")).get(index);
    }

    /** A deep copy, so each case breaks one field of its own map. */
    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copied = new LinkedHashMap<>();
            map.forEach((key, item) -> copied.put((String) key, copy(item)));
            return (T) copied;
        }
        if (value instanceof List<?> list) {
            List<Object> copied = new ArrayList<>();
            list.forEach(item -> copied.add(copy(item)));
            return (T) copied;
        }
        return value;
    }
}
