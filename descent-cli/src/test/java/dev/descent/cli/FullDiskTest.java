package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 256 KiB tmpfs, filled up to the byte count each case needs. Mounting needs
 * root (or CAP_SYS_ADMIN); elsewhere the class is skipped with a message, and {@code RunSafetyTest}
 * still checks the same promises by other failures.
 */
@EnabledOnOs(OS.LINUX)
class FullDiskTest {
    private static Path mountPoint;
    private static Path trainedRun;

    @BeforeAll
    static void mountATinyDisk(@TempDir Path dir) throws Exception {
        Path point = dir.resolve("disk");
        Files.createDirectories(point);
        int code = runQuietly("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", point.toString());
        Assumptions.assumeTrue(code == 0, "FullDiskTest skipped: cannot mount a tmpfs here (needs root or"
                + " CAP_SYS_ADMIN); the full-disk promises are then checked only by RunSafetyTest");
        mountPoint = point;
        trainedRun = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--dataset", "digits", "--hidden", "16", "--epochs", "1", "--no-plots",
                "--run-dir", trainedRun.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mountPoint != null) {
            runQuietly("umount", mountPoint.toString());
        }
    }

    @BeforeEach
    void emptyDisk() throws IOException {
        try (Stream<Path> files = Files.list(mountPoint)) {
            for (Path file : files.toList()) {
                deleteTree(file);
            }
        }
    }

    @Test
    void aFullDiskAtTheStartSaysWhyAndLeavesNoRunBehind() throws IOException {
        fillLeaving(0);
        Path runDir = mountPoint.resolve("run");

        CliRun result = CliRun.of("train", "--dataset", "digits", "--hidden", "16", "--epochs", "1", "--no-plots",
                "--run-dir", runDir.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("descent: error: cannot write " + runDir.resolve("config.yaml")
                + " (No space left on device)");
        assertThat(runDir).doesNotExist();
        assertThat(filesOnDisk()).containsExactly("filler");
    }

    @Test
    void aDiskThatFillsDuringTheRunKeepsTheConfigurationWholeAndNamesTheModelFile() throws IOException {
        // the configuration and metrics fit, the 77 KB model (64-256-10) does not
        fillLeaving(40 * 1024);
        Path runDir = mountPoint.resolve("run");

        CliRun result = CliRun.of("train", "--dataset", "digits", "--hidden", "256", "--epochs", "1", "--no-plots",
                "--run-dir", runDir.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("descent: error: cannot write " + runDir.resolve("model.safetensors")
                + " (No space left on device)");
        assertThat(Files.readString(runDir.resolve("config.yaml"))).contains("hidden:").endsWith("\n");
        assertThat(Files.readAllLines(runDir.resolve("metrics.csv"))).hasSizeGreaterThan(1);
        assertThat(runDir.resolve("model.safetensors")).doesNotExist();
        try (Stream<Path> files = Files.list(runDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void predictionsOntoAFullDiskLeaveTheOldFileAsItWas() throws IOException {
        Path output = mountPoint.resolve("predictions.csv");
        Files.writeString(output, "the old predictions\n");
        fillLeaving(4 * 1024); // far less than the test split's 360 rows of 10 probabilities

        CliRun result = CliRun.of("predict", trainedRun.toString(), "--split", "test", "--output", output.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("descent: error: cannot write " + output
                + " (No space left on device)");
        assertThat(Files.readString(output)).isEqualTo("the old predictions\n");
        assertThat(filesOnDisk()).containsExactlyInAnyOrder("filler", "predictions.csv");
    }

    /** Writes a filler file so that about {@code free} bytes stay free (tmpfs counts whole 4 KiB pages). */
    private static void fillLeaving(long free) throws IOException {
        long available = Files.getFileStore(mountPoint).getUsableSpace();
        byte[] filler = new byte[(int) Math.max(0, available - free)];
        Path file = mountPoint.resolve("filler");
        Files.write(file, filler);
        if (free == 0) {
            try { // top up: the first write may leave a partial page
                Files.write(file, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException full) {
                // full now
            }
        }
    }

    private static List<String> filesOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(mountPoint)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            try (Stream<Path> children = Files.list(file)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(file);
    }

    private static int runQuietly(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException noCommand) {
            return -1;
        }
    }
}
