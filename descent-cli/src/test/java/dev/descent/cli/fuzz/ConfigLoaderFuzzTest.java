package dev.descent.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.descent.cli.config.ConfigException;
import dev.descent.cli.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the YAML run configuration: any text either binds to a {@code RunConfig} or gives a
 * {@link ConfigException} with a message; any other throwable is a finding.
 * Seeds: {@code src/test/resources/dev/descent/cli/fuzz/ConfigLoaderFuzzTestInputs/parse/}.
 */
class ConfigLoaderFuzzTest {

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        try {
            ConfigLoader.parse(yaml, "run.yaml", null, List.of());
        } catch (ConfigException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("ConfigException without a message", e);
            }
        }
    }
}
