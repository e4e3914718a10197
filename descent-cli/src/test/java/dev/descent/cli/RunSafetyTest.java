package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.RunConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs never clobber runs: existing runs, resuming in place, simultaneous starts, locks and atomic files. */
class RunSafetyTest {

    private record Result(int code, String out, String err) {
    }

    private static Result train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = commandLine.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    private static Result trainOk(String... args) {
        Result result = train(args);
        assertThat(result.code()).as(result.err()).isZero();
        return result;
    }

    private static Result digits(Path runDir, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("--dataset", "digits", "--hidden", "16", "--epochs",
                Integer.toString(epochs), "--no-plots", "--run-dir", runDir.toString()));
        args.addAll(List.of(more));
        return train(args.toArray(String[]::new));
    }

    @Test
    void anExistingRunIsRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        assertThat(digits(runDir, 2, "--set", "training.checkpoint_every=1").code()).isZero();
        byte[] config = Files.readAllBytes(runDir.resolve("config.yaml"));
        byte[] model = Files.readAllBytes(runDir.resolve("model.safetensors"));
        byte[] metrics = Files.readAllBytes(runDir.resolve("metrics.csv"));
        byte[] jsonl = Files.readAllBytes(runDir.resolve("metrics.jsonl"));

        Result again = digits(runDir, 1);

        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("descent: error: --run-dir " + runDir + " already holds a run"
                + " (config.yaml, metrics.csv, model.safetensors); choose another directory, continue it with"
                + " --resume " + runDir + ", or replace it with --overwrite");
        assertThat(again.out()).doesNotContain("model    ").doesNotContain("data     ");
        assertThat(Files.readAllBytes(runDir.resolve("config.yaml"))).isEqualTo(config);
        assertThat(Files.readAllBytes(runDir.resolve("model.safetensors"))).isEqualTo(model);
        assertThat(Files.readAllBytes(runDir.resolve("metrics.csv"))).isEqualTo(metrics);
        assertThat(Files.readAllBytes(runDir.resolve("metrics.jsonl"))).isEqualTo(jsonl);
    }

    @Test
    void overwriteReplacesTheOldRunAndOnlyItsFiles(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        assertThat(digits(runDir, 2, "--set", "training.checkpoint_every=1").code()).isZero();
        Files.writeString(runDir.resolve("notes.txt"), "mine");
        Files.writeString(runDir.resolve("checkpoints/README.txt"), "mine too");

        Result replaced = digits(runDir, 1, "--overwrite");

        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(Files.readAllLines(runDir.resolve("metrics.csv"))).hasSize(2); // header and epoch 1
        assertThat(Files.readAllLines(runDir.resolve("metrics.jsonl"))).hasSize(1);
        assertThat(runDir.resolve("checkpoints/epoch-0001.safetensors")).doesNotExist();
        assertThat(runDir.resolve("checkpoints/last.safetensors")).doesNotExist();
        assertThat(ConfigLoader.load(runDir.resolve("config.yaml"), List.of()).training().epochs()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(runDir.resolve("summary.json").toFile()).get("epochs").asInt())
                .isEqualTo(1);
        assertThat(runDir.resolve("notes.txt")).hasContent("mine");
        assertThat(runDir.resolve("checkpoints/README.txt")).hasContent("mine too");
    }

    @Test
    void anExistingEmptyDirectoryIsFine(@TempDir Path dir) throws IOException {
        Path runDir = Files.createDirectory(dir.resolve("empty"));
        assertThat(digits(runDir, 1).code()).isZero();
        assertThat(runDir.resolve("model.safetensors")).exists();
    }

    @Test
    void resumingInPlaceAppendsToTheMetrics(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        assertThat(digits(runDir, 2, "--set", "training.checkpoint_every=1").code()).isZero();

        Result resumed = trainOk("--resume", runDir.toString(), "--run-dir", runDir.toString(), "--epochs", "4");

        assertThat(resumed.out()).contains("after epoch 2");
        List<String> csv = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).isEqualTo(String.join(",", RunDirectory.METRIC_COLUMNS));
        assertThat(csv.stream().skip(1).map(row -> row.split(",")[0])).containsExactly("1", "2", "3", "4");
        List<String> jsonl = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertThat(jsonl).hasSize(4);
        assertThat(new ObjectMapper().readTree(jsonl.get(3)).get("epoch").asInt()).isEqualTo(4);
    }

    @Test
    void runsStartedTogetherNeverShareADirectory(@TempDir Path dir) throws Exception {
        RunConfig config = ConfigLoader.defaults(List.of("run.dir=" + dir, "run.name=same"));
        int threads = 16;
        List<Path> created = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Path>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return RunDirectory.create(null, config, "unused").path();
                    }));
                }
                for (Future<Path> future : futures) {
                    created.add(future.get(60, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new HashSet<>(created)).hasSize(created.size());
        for (Path run : created) {
            assertThat(run.getFileName().toString()).startsWith("same-");
            assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1);
        }
    }

    @Test
    void aDirectoryInUseInThisProcessIsRefused(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("busy");
        RunDirectory.create(runDir, ConfigLoader.defaults(List.of()), "first");

        Result second = digits(runDir, 1);

        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err()).contains(runDir + " is in use by another training run (lock file "
                + runDir.resolve(".lock") + "); wait for it or choose another --run-dir");
        assertThatThrownBy(() -> RunDirectory.create(runDir, ConfigLoader.defaults(List.of()), "second"))
                .hasMessageContaining("is in use by another training run");
    }

    @Test
    void aDirectoryLockedByAnotherProcessIsRefusedUntilThatProcessDies(@TempDir Path dir) throws Exception {
        Path runDir = Files.createDirectory(dir.resolve("shared"));
        Path holder = dir.resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        if (c.tryLock() == null) System.exit(3);
                        System.out.println("locked");
                        System.out.flush();
                        Thread.sleep(120_000);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, holder.toString(), runDir.resolve(".lock").toString())
                .redirectErrorStream(true).start();
        try {
            String first = new String(process.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
            assertThat(first).isEqualTo("locked");

            Result refused = digits(runDir, 1);

            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains(runDir + " is in use by another training run");
            assertThat(runDir.resolve("config.yaml")).doesNotExist();
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        // killed: its lock file stays, but no lock is held
        assertThat(runDir.resolve(".lock")).exists();
        assertThat(digits(runDir, 1).code()).isZero();
    }

    @Test
    void aStaleLockFileDoesNotBlock(@TempDir Path dir) throws IOException {
        Path runDir = Files.createDirectory(dir.resolve("stale"));
        Files.writeString(runDir.resolve(".lock"), "left by a killed run");
        assertThat(digits(runDir, 1).code()).isZero();
    }

    @Test
    void aConfigThatCannotBeWrittenLeavesNoFileAndSaysWhy(@TempDir Path dir) throws IOException {
        Path runDir = Files.createDirectory(dir.resolve("run"));
        Files.createDirectories(runDir.resolve("config.yaml").resolve("in-the-way"));

        assertThatThrownBy(() -> RunDirectory.create(runDir, ConfigLoader.defaults(List.of()), "x"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write " + runDir.resolve("config.yaml"))
                .hasMessageContaining("Is a directory");
        assertThat(runDir.resolve("config.yaml")).isDirectory();
        try (Stream<Path> files = Files.list(runDir)) {
            Set<String> names = new HashSet<>(files.map(p -> p.getFileName().toString()).toList());
            assertThat(names).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(org.junit.jupiter.api.condition.OS.WINDOWS)
    void everyFileOfARunHasTheSamePermissionsAsAnyNewFile(@TempDir Path dir) throws IOException {
        // atomic writes go through a temporary file; it must not leave the result private (0600)
        Path runDir = dir.resolve("run");
        assertThat(digits(runDir, 1, "--set", "training.checkpoint_every=1").code()).isZero();
        var expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(expected);
            }
        }
    }
}
