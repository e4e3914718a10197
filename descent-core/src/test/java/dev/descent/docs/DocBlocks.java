package dev.descent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The code blocks of a Markdown page, and the check that each Java block is tested code, line for line. */
public final class DocBlocks {
    /** The repository's root, seen from a module's tests (Maven runs them in the module's folder). */
    public static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private DocBlocks() {
    }

    /** The code of each block fenced with {@code ```language}, its lines trimmed and blank lines dropped. */
    public static List<List<String>> blocks(Path markdown, String language) throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : Files.readString(markdown).split("\n")) {
            if (block == null && line.strip().equals("```" + language)) {
                block = new ArrayList<>();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(trimmedLines(String.join("\n", block)));
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        return blocks;
    }

    /** Asserts that every Java block of {@code markdown} appears, whole lines in order, in one of {@code sources}. */
    public static void assertJavaBlocksAreTestedCode(Path markdown, List<Path> sources) throws IOException {
        List<String> code = new ArrayList<>();
        for (Path source : sources) {
            code.addAll(trimmedLines(Files.readString(source)));
        }
        String tested = "\n" + String.join("\n", code) + "\n";
        List<List<String>> blocks = blocks(markdown, "java");
        assertThat(blocks).as("Java blocks in " + markdown).isNotEmpty();
        for (List<String> block : blocks) {
            // newlines around both: whole lines only, not the tail of one
            assertThat(tested).as("a Java block of %s (starting '%s') in the tested code %s", markdown.getFileName(),
                    block.get(0), sources.stream().map(Path::getFileName).toList())
                    .contains("\n" + String.join("\n", block) + "\n");
        }
    }

    /** The non-blank lines without their indentation, which differs between a page and a method body. */
    public static List<String> trimmedLines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
