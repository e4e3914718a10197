package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent train --spark local[2]}: the same run as on one machine, and clear refusals. */
class SparkTrainingTest {

    private static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(Files.readString(run.resolve("summary.json")));
    }

    @Test
    void aRunOnSparkEndsWhereTheSameRunHereEnds(@TempDir Path dir) throws IOException {
        Path here = dir.resolve("here");
        Path spark = dir.resolve("spark");
        CliRun local = CliRun.of("train", "--dataset", "digits", "--epochs", "2", "--no-plots", "--run-dir",
                here.toString());
        CliRun onSpark = CliRun.of("train", "--spark", "local[2]", "--dataset", "digits", "--epochs", "2",
                "--no-plots", "--run-dir", spark.toString());
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(onSpark.code()).as(onSpark.err()).isZero();
        assertThat(onSpark.out()).contains("spark    local[2] (Spark 4.2.0): 1,293 rows in 2 partitions")
                .containsPattern("spark    42 steps, [0-9.]+ s in Spark jobs");
        double accuracy = summary(here).get("test_accuracy").asDouble();
        assertThat(summary(spark).get("test_accuracy").asDouble()).isEqualTo(accuracy);
        assertThat(summary(spark).get("test_loss").asDouble()).isCloseTo(summary(here).get("test_loss").asDouble(),
                org.assertj.core.api.Assertions.within(1e-4));
        assertThat(accuracy).isGreaterThan(0.5);

        CliRun evaluated = CliRun.of("evaluate", spark.toString(), "--split", "test");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
    }

    @Test
    void streamingAndAugmentationAreRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
        CliRun stream = CliRun.of("train", "--spark", "local[2]", "--csv", csv.toString(), "--stream",
                "--classes", "2", "--run-dir", dir.resolve("s").toString());
        assertThat(stream.code()).isNotZero();
        assertThat(stream.err()).contains("--spark").contains("--stream");
        assertThat(dir.resolve("s")).doesNotExist();
        CliRun prefetch = CliRun.of("train", "--spark", "local[2]", "--dataset", "digits", "--prefetch",
                "--run-dir", dir.resolve("p").toString());
        assertThat(prefetch.code()).isNotZero();
        assertThat(prefetch.err()).contains("--prefetch");
    }
}
