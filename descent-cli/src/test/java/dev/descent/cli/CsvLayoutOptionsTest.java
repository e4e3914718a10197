package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --no-header}, {@code --skip-lines} and {@code --delimiter}: CSV layouts the library reads, from the command line. */
class CsvLayoutOptionsTest {

    private static CliRun train(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("train", "--hidden", "4", "--epochs", "1", "--no-plots",
                "--no-download", "--run-dir", dir.resolve("run").toString()));
        all.addAll(List.of(args));
        return CliRun.of(all);
    }

    /** Two well-separated classes, {@code rows} rows of two features, cells joined by {@code delimiter}. */
    private static String rows(int rows, String delimiter) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            int label = i % 2;
            text.append(label * 5 + i % 3).append(delimiter).append(label * 5 - i % 4).append(delimiter).append(label)
                    .append('\n');
        }
        return text.toString();
    }

    @Test
    void aScikitLearnDataFileIsRefusedAtLineOneWithTheOptionsThatReadIt(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("sklearn.csv"), "40,2,class_0,class_1\n" + rows(40, ","));

        CliRun refused = train(dir, "--csv", csv.toString());

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("descent: error: " + csv + " line 1: the header has 4 cells but the first"
                + " row (line 2) has 3; it starts with a number, so it is likely not a header but a line of counts (as"
                + " in scikit-learn's data files); skip it and read the file without a header with --skip-lines 1"
                + " --no-header.");
        assertThat(dir.resolve("run")).doesNotExist();

        CliRun read = train(dir, "--csv", csv.toString(), "--skip-lines", "1", "--no-header");
        assertThat(read.code()).as(read.err()).isZero();
        assertThat(read.out()).contains("train 28, validation 4, test 8; 2 features, 2 classes");
        assertThat(Files.readString(dir.resolve("run/config.yaml"))).contains("header: false").contains("skip_lines: 1");
    }

    @Test
    void aHeaderThatDoesNotFitTheRowsIsBlamedNotTheFirstRow(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("short-header.csv"), "a,label\n" + rows(20, ","));
        assertThat(train(dir, "--csv", csv.toString()).err()).isEqualTo("descent: error: " + csv + " line 1: the header"
                + " has 2 cells but the first row (line 2) has 3; fix the header, or, if the file has no header, read it"
                + " with --no-header.");
    }

    @Test
    void aDelimiterIsGivenByOneCharacterOrByName(@TempDir Path dir) throws IOException {
        Path piped = Files.writeString(dir.resolve("piped.csv"), "a|b|label\n" + rows(40, "|"));
        CliRun read = train(dir, "--csv", piped.toString(), "--delimiter", "|");
        assertThat(read.code()).as(read.err()).isZero();
        assertThat(read.out()).contains("2 features, 2 classes");

        Path tabs = Files.writeString(dir.resolve("tabs.tsv"), "a\tb\tlabel\n" + rows(40, "\t"));
        CliRun tab = train(dir.resolve("tab"), "--csv", tabs.toString(), "--delimiter", "tab");
        assertThat(tab.code()).as(tab.err()).isZero();

        CliRun wrong = train(dir.resolve("wrong"), "--csv", piped.toString(), "--delimiter", "||");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("descent: error: data.delimiter").contains("'||'")
                .contains("from the option --delimiter ||");
        CliRun negative = train(dir.resolve("negative"), "--csv", piped.toString(), "--skip-lines", "-1");
        assertThat(negative.err()).startsWith("descent: error: data.skip_lines").contains("--skip-lines -1");
    }

    @Test
    void aModelReadsNewFilesInItsTrainingFilesLayout(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("train.csv"), "skip me\n" + rows(40, ";"));
        assertThat(train(dir, "--csv", csv.toString(), "--skip-lines", "1", "--no-header", "--delimiter", ";").code())
                .isZero();
        Path fresh = Files.writeString(dir.resolve("new.csv"), "skipped too\n0;0;0\n5;5;1\n");
        CliRun predicted = CliRun.of("predict", dir.resolve("run").toString(), "--csv", fresh.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.out().lines().toList()).hasSize(3).first().asString().startsWith("line,predicted,label");
    }
}
