package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one error boundary: every exception type Descent declares (found by walking the compiled
 * classes of the core and the command line, so a new one cannot be forgotten) is reported as one
 * line with exit 1; only a bug reaches "internal error", exit 70.
 */
class ErrorBoundaryTest {
    private static final List<Path> CLASS_DIRECTORIES = List.of(Path.of("..", "descent-core", "target", "classes"),
            Path.of("target", "classes"));

    @Test
    void everyExceptionTypeDescentDeclaresIsAUserErrorWithOneLine() throws IOException, ClassNotFoundException {
        List<String> found = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (Path directory : CLASS_DIRECTORIES) {
            assertThat(directory).as("compiled classes to walk").isDirectory();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = directory.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                            .replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (!Throwable.class.isAssignableFrom(type) || !Exception.class.isAssignableFrom(type)) {
                        continue;
                    }
                    if (type.getName().equals("dev.descent.io.HeaderJson$Problem")) {
                        continue; // a checked exception caught inside the JSON reader, never thrown out of it
                    }
                    found.add(type.getName());
                    @SuppressWarnings("unchecked")
                    Class<? extends Throwable> throwable = (Class<? extends Throwable>) type;
                    if (!DescentCommand.isExpected(throwable)) {
                        unmapped.add(type.getName());
                    }
                }
            }
        }
        assertThat(found).as("exception types found").contains("dev.descent.data.DataException",
                "dev.descent.io.WeightsMismatchException", "dev.descent.io.SafeTensorsFormatException",
                "dev.descent.train.TrainingDivergedException", "dev.descent.cli.config.ConfigException",
                "dev.descent.model.DataFingerprint$DataChangedException");
        assertThat(unmapped).as("exception types that would end in 'internal error'").isEmpty();
        assertThat(DescentCommand.isExpected(NullPointerException.class)).isFalse();
        assertThat(DescentCommand.isExpected(ArrayIndexOutOfBoundsException.class)).isFalse();
    }
}
