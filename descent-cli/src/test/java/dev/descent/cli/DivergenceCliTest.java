package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A learning rate far too large used to end in "training loss 1.6e31" and exit 0; now the run stops and says so. */
class DivergenceCliTest {

    @Test
    void anExplodingLossEndsTheRunWithOneLineAndExitOne(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute("train", "--dataset", "iris", "--lr", "1e6", "--epochs", "5", "--no-plots",
                "--run-dir", dir.resolve("run").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("descent: error: training diverged: the loss is")
                .contains("more than").contains("training.divergence_factor").contains("Try a smaller learning rate")
                .doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("test     loss");
    }
}
