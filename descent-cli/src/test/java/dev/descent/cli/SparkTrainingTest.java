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
    void libsvmDataReadBySparkTrainsAndTheDriverKeepsOnlyValidationAndTest(@TempDir Path dir) throws IOException {
        StringBuilder libsvm = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) { // two classes split by the sign of x1 + x2
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            libsvm.append(x1 + x2 > 0 ? 1 : 0).append(" 1:").append(x1).append(" 2:").append(x2).append(" 3:0.5\n");
        }
        Path file = dir.resolve("train.libsvm");
        Files.writeString(file, libsvm);
        Path run = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--spark", "local[2]", "--spark-data", file.toString(), "--epochs", "20",
                "--hidden", "8", "--no-plots", "--run-dir", run.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("(libsvm) on the executors");
        assertThat(summary(run).get("test_accuracy").asDouble()).isGreaterThan(0.9);
        CliRun predicted = CliRun.of("predict", run.toString(), "--libsvm", file.toString(), "--output",
                dir.resolve("predictions.csv").toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("predictions.csv"))).hasSize(401);
        CliRun rescored = CliRun.of("evaluate", run.toString(), "--split", "test");
        assertThat(rescored.code()).isNotZero();
        assertThat(rescored.err()).contains("read from " + file).contains("--libsvm FILE");

        CliRun withoutMaster = CliRun.of("train", "--spark-data", file.toString(), "--run-dir",
                dir.resolve("x").toString());
        assertThat(withoutMaster.code()).isNotZero();
        assertThat(withoutMaster.err()).contains("--spark MASTER");
    }

    @Test
    void aSparkRunStoppedAfterACheckpointResumesToTheSameWeights(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole");
        Path stopped = dir.resolve("stopped");
        String[] common = {"--spark", "local[2]", "--dataset", "digits", "--no-plots", "--set",
                "training.checkpoint_every=1", "--schedule", "constant"};
        CliRun three = CliRun.of(concat(common, "--epochs", "3", "--run-dir", whole.toString()));
        CliRun two = CliRun.of(concat(common, "--epochs", "2", "--run-dir", stopped.toString()));
        assertThat(three.code()).as(three.err()).isZero();
        assertThat(two.code()).as(two.err()).isZero();
        CliRun resumed = CliRun.of("train", "--spark", "local[2]", "--resume", stopped.toString(), "--epochs", "3",
                "--no-plots", "--run-dir", stopped.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("after epoch 2");
        assertThat(Files.readAllBytes(stopped.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.resolve("model.safetensors")));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length + 1];
        all[0] = "train";
        System.arraycopy(first, 0, all, 1, first.length);
        System.arraycopy(more, 0, all, 1 + first.length, more.length);
        return all;
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
