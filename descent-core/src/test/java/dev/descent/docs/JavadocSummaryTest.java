package dev.descent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the published modules opens with a Javadoc summary sentence. The Javadoc
 * build fails on broken references and bad HTML ({@code failOnWarnings}); a missing comment on a
 * type is checked here, from the sources, because javadoc's "missing" check cannot tell types
 * from members.
 */
class JavadocSummaryTest {
    private static final List<String> PUBLISHED = List.of("descent-core", "descent-plot", "descent-experiments",
            "descent-cli");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    @Test
    void everyPublicTypeHasASummarySentence() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> undocumented = new ArrayList<>();
        int types = 0;
        for (String module : PUBLISHED) {
            for (String folder : List.of("src/main/java", "src/main/simd")) {
                Path sources = root.resolve(module).resolve(folder);
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        List<String> lines = Files.readAllLines(file);
                        for (int i = 0; i < lines.size(); i++) {
                            Matcher type = PUBLIC_TYPE.matcher(lines.get(i));
                            if (type.find()) {
                                types++;
                                if (!summaryAbove(lines, i)) {
                                    undocumented.add(root.relativize(file) + ":" + (i + 1) + " " + type.group(1));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(types).as("public types found").isGreaterThan(100);
        assertThat(undocumented).as("public types without a Javadoc summary sentence").isEmpty();
    }

    /** Whether a Javadoc comment with a first sentence ends just above line {@code at} (annotations may sit between). */
    private static boolean summaryAbove(List<String> lines, int at) {
        int i = at - 1;
        int annotation = i;
        while (annotation >= 0 && !lines.get(annotation).strip().startsWith("@")
                && !lines.get(annotation).strip().endsWith("*/") && at - annotation < 20) {
            annotation--; // inside an annotation that spans lines
        }
        if (annotation >= 0 && lines.get(annotation).strip().startsWith("@")) {
            i = annotation;
        }
        while (i >= 0 && lines.get(i).strip().startsWith("@")) {
            i--;
        }
        if (i < 0 || !lines.get(i).strip().endsWith("*/")) {
            return false;
        }
        StringBuilder comment = new StringBuilder();
        for (; i >= 0; i--) {
            String line = lines.get(i).strip();
            comment.insert(0, line + " ");
            if (line.startsWith("/**")) {
                break;
            }
            if (line.startsWith("/*")) {
                return false; // a plain comment, not Javadoc
            }
        }
        String text = comment.toString().replace("/**", "").replace("*/", "").replaceAll("(?m)^\\s*\\*", " ")
                .replace(" * ", " ").strip();
        return !text.isEmpty() && !text.startsWith("@") && text.chars().anyMatch(Character::isLetter);
    }
}
