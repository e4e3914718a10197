package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WatchedRun} polled by hand: its rows, its status, its summary row. */
class WatchedRunTest {
    @TempDir
    Path temp;

    private WatchedRun watch(RunFixture run) {
        return new WatchedRun(0, run.dir.getFileName().toString(), run.dir);
    }

    @Test
    void theFirstPollReadsEverything() throws Exception {
        RunFixture fixture = RunFixture.finished(temp.resolve("a"));
        WatchedRun run = watch(fixture);

        WatchedRun.Changes changes = run.poll();

        assertThat(changes.summary()).isTrue();
        assertThat(changes.restarted()).isFalse();
        assertThat(changes.epochRows()).hasSize(3);
        assertThat(changes.epochFrom()).isZero();
        assertThat(changes.stepRows()).hasSize(10); // the header is not a row
        assertThat(changes.stepRows().get(0)[0]).isEqualTo(1.0);
        assertThat(run.poll().summary()).as("nothing changed").isFalse();

        Map<String, Object> summary = run.summary();
        assertThat(summary).containsEntry("id", "0/a").containsEntry("name", "a").containsEntry("status", "finished")
                .containsEntry("epochs_done", 3).containsEntry("epochs", 5).containsEntry("test_accuracy", 0.91)
                .containsEntry("best_val_accuracy", RunFixture.valAccuracy(3))
                .containsEntry("best_val_loss", 2.2 / 3).containsEntry("last_train_loss", RunFixture.trainLoss(3))
                .doesNotContainKey("skipped_lines");
        assertThat(summary.get("settings")).isEqualTo(Map.of("dataset", "digits", "model", "mlp [256, 128]",
                "optimizer", "sgd", "lr", "0.05", "batch_size", "64", "schedule", "linear"));
    }

    @Test
    void stepColumnsFollowTheHeaderNotItsOrder() throws Exception {
        RunFixture fixture = RunFixture.create(temp.resolve("a"));
        fixture.write("metrics-steps.csv", "lr,step,train_loss,extra\n0.05,7,1.5,x\n");
        WatchedRun run = watch(fixture);

        double[] row = run.poll().stepRows().get(0);

        assertThat(row[WatchedRun.STEP_COLUMNS.indexOf("step")]).isEqualTo(7.0);
        assertThat(row[WatchedRun.STEP_COLUMNS.indexOf("lr")]).isEqualTo(0.05);
        assertThat(row[WatchedRun.STEP_COLUMNS.indexOf("train_loss")]).isEqualTo(1.5);
        assertThat(row[WatchedRun.STEP_COLUMNS.indexOf("epoch")]).isNaN();
    }

    @Test
    void statusFollowsTheFileAndTheProcess() throws Exception {
        RunFixture fixture = RunFixture.create(temp.resolve("a")).epochs(1);
        WatchedRun run = watch(fixture);
        run.poll();
        assertThat(run.status()).as("no status.json, no summary").isEqualTo("stopped");

        fixture.status("running", ProcessHandle.current().pid());
        run.poll();
        assertThat(run.status()).isEqualTo("running");

        fixture.status("diverged", ProcessHandle.current().pid());
        run.poll();
        assertThat(run.status()).isEqualTo("diverged");

        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        fixture.status("running", ended.pid());
        run.poll();
        assertThat(run.status()).isEqualTo("stopped");
        assertThat((String) run.summary().get("message")).contains("pid " + ended.pid());

        fixture.write("status.json", "{\"status\":\"running\"}"); // no pid recorded: the file is believed
        run.poll();
        assertThat(run.status()).isEqualTo("running");
    }

    @Test
    void aSummaryWithoutStatusIsFinished() throws Exception {
        RunFixture fixture = RunFixture.create(temp.resolve("a")).epochs(1).summary("x");
        WatchedRun run = watch(fixture);
        run.poll();

        assertThat(run.status()).isEqualTo("finished");
        assertThat(run.summary().get("message")).isNull();
    }

    @Test
    void configChangesAreReadAgain() throws Exception {
        RunFixture fixture = RunFixture.create(temp.resolve("a"));
        WatchedRun run = watch(fixture);
        run.poll();
        assertThat(run.config()).containsEntry("optimizer.lr", "0.05");

        fixture.write("config.yaml", RunFixture.CONFIG.replace("lr: 0.05", "lr: 0.125"));
        assertThat(run.poll().summary()).isTrue();

        assertThat(run.config()).containsEntry("optimizer.lr", "0.125");
    }

    @Test
    void elapsedSecondsAddUpAndStartAgainAfterARestart() throws Exception {
        RunFixture fixture = RunFixture.create(temp.resolve("a")).epochs(3);
        WatchedRun run = watch(fixture);
        int elapsed = WatchedRun.EPOCH_COLUMNS.indexOf("elapsed_seconds");

        List<double[]> rows = run.poll().epochRows();
        assertThat(rows).extracting(r -> r[elapsed]).containsExactly(0.5, 1.0, 1.5);

        fixture.replace("metrics.jsonl", RunFixture.epochJson(1) + "\n");
        WatchedRun.Changes changes = run.poll();
        assertThat(changes.restarted()).isTrue();
        assertThat(changes.epochRows()).extracting(r -> r[elapsed]).containsExactly(0.5);
        assertThat(run.summary()).containsEntry("epochs_done", 1);
    }
}
