package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LineTail}: whole lines as a file grows, half lines left for later, a cut or replaced file restarted. */
class LineTailTest {
    @TempDir
    Path temp;
    private Path file;
    private LineTail tail;

    @BeforeEach
    void tail() {
        file = temp.resolve("metrics.jsonl");
        tail = new LineTail(file);
    }

    private void append(String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aMissingFileIsMissingThenReadWhenItAppears() throws Exception {
        LineTail.Poll poll = tail.poll();
        assertThat(poll.missing()).isTrue();
        assertThat(poll.restarted()).isFalse();
        assertThat(poll.lines()).isEmpty();
        assertThat(tail.modifiedMillis()).isZero();

        append("a\nb\n");
        poll = tail.poll();
        assertThat(poll.missing()).isFalse();
        assertThat(poll.restarted()).isFalse();
        assertThat(poll.lines()).containsExactly("a", "b");
        assertThat(tail.modifiedMillis()).isEqualTo(Files.getLastModifiedTime(file).toMillis());
    }

    @Test
    void aFileThatGoesAwayIsMissingAndRestarted() throws Exception {
        append("a\n");
        assertThat(tail.poll().lines()).containsExactly("a");

        Files.delete(file);
        LineTail.Poll poll = tail.poll();
        assertThat(poll.missing()).isTrue();
        assertThat(poll.restarted()).isTrue();
        assertThat(tail.poll().restarted()).as("reported once").isFalse();

        append("b\n");
        assertThat(tail.poll().lines()).containsExactly("b");
    }

    @Test
    void eachPollReturnsOnlyTheNewLines() throws Exception {
        append("one\ntwo\n");
        assertThat(tail.poll().lines()).containsExactly("one", "two");
        assertThat(tail.poll()).isEqualTo(LineTail.Poll.NOTHING);

        append("three\n");
        assertThat(tail.poll().lines()).containsExactly("three");
        assertThat(tail.poll().lines()).isEmpty();
    }

    @Test
    void aLineSplitAcrossPollsComesWhole() throws Exception {
        append("a\nb");
        assertThat(tail.poll().lines()).containsExactly("a");

        append("c");
        assertThat(tail.poll().lines()).isEmpty();

        append("d\ne");
        assertThat(tail.poll().lines()).containsExactly("bcd");

        append("\n");
        assertThat(tail.poll().lines()).containsExactly("e");
    }

    @Test
    void aPartialLineWaitsEvenWhenPolledAgain() throws Exception {
        append("{\"epoch\":3,\"step\":");
        for (int i = 0; i < 3; i++) {
            LineTail.Poll poll = tail.poll();
            assertThat(poll.lines()).isEmpty();
            assertThat(poll.restarted()).isFalse();
        }
        append("63}\n");
        assertThat(tail.poll().lines()).containsExactly("{\"epoch\":3,\"step\":63}");
    }

    @Test
    void crLfEndsALineToo() throws Exception {
        append("a\r\nb\r\n\r\nc\rd\n");
        assertThat(tail.poll().lines()).containsExactly("a", "b", "", "c\rd");

        append("e\r");
        assertThat(tail.poll().lines()).isEmpty();
        append("\n");
        assertThat(tail.poll().lines()).containsExactly("e");
    }

    @Test
    void utf8SplitAcrossPollsIsDecodedWhole() throws Exception {
        byte[] euro = "é€😀".getBytes(StandardCharsets.UTF_8);
        Files.write(file, new byte[] {euro[0]});
        assertThat(tail.poll().lines()).isEmpty();
        Files.write(file, Arrays.copyOfRange(euro, 1, euro.length), StandardOpenOption.APPEND);
        Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
        assertThat(tail.poll().lines()).containsExactly("é€😀");
    }

    @Test
    void aFileCutShortIsRestartedFromItsStart() throws Exception {
        append("1\n2\n3\n");
        assertThat(tail.poll().lines()).containsExactly("1", "2", "3");
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        Files.writeString(file, "x\n"); // truncated, then written: the same file, shorter
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
                .isEqualTo(inode);
        LineTail.Poll poll = tail.poll();
        assertThat(poll.restarted()).isTrue();
        assertThat(poll.lines()).containsExactly("x");

        append("y\n");
        poll = tail.poll();
        assertThat(poll.restarted()).isFalse();
        assertThat(poll.lines()).containsExactly("y");
    }

    @Test
    void aFileCutToNothingIsRestarted() throws Exception {
        append("1\n2\n");
        tail.poll();

        Files.write(file, new byte[0]);
        LineTail.Poll poll = tail.poll();
        assertThat(poll.restarted()).isTrue();
        assertThat(poll.lines()).isEmpty();

        append("3\n");
        assertThat(tail.poll().lines()).containsExactly("3");
    }

    @Test
    void aFileReplacedByAnotherIsRestartedEvenWhenLonger() throws Exception {
        append("1\n2\n");
        assertThat(tail.poll().lines()).containsExactly("1", "2");

        Path other = temp.resolve("new.jsonl");
        Files.writeString(other, "a\nb\nc\nd\n"); // longer than the old one: only the new inode tells
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LineTail.Poll poll = tail.poll();
        assertThat(poll.restarted()).isTrue();
        assertThat(poll.lines()).containsExactly("a", "b", "c", "d");
        assertThat(tail.poll().restarted()).isFalse();
    }

    @Test
    void aFileReplacedByAnotherOfTheSameSizeAndTimeIsRestarted() throws Exception {
        append("1\n2\n");
        tail.poll();
        FileTime time = Files.getLastModifiedTime(file);

        Path other = temp.resolve("new.jsonl");
        Files.writeString(other, "3\n4\n");
        Files.setLastModifiedTime(other, time);
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LineTail.Poll poll = tail.poll();
        assertThat(poll.restarted()).isTrue();
        assertThat(poll.lines()).containsExactly("3", "4");
    }

    @Test
    void emptyLinesAreLines() throws Exception {
        append("\n\na\n");
        assertThat(tail.poll().lines()).containsExactly("", "", "a");
    }

    @Test
    void aFileLargerThanOneReadIsReadWhole() throws Exception {
        // a long run's metrics-steps.csv passes 1 MiB: a finished one never changes again, so a poll that stops at
        // the first MiB would never show the rest
        StringBuilder text = new StringBuilder(RunFixture.STEP_HEADER).append('\n');
        int rows = 3 * LineTail.MAX_LINE_BYTES / 40;
        for (int step = 1; step <= rows; step++) {
            text.append(RunFixture.stepCsv(step)).append('\n');
        }
        Files.writeString(file, text);
        assertThat(Files.size(file)).isGreaterThan(2L * LineTail.MAX_LINE_BYTES);

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // however many polls it takes, with the file unchanged
            lines.addAll(tail.poll().lines());
        }

        assertThat(lines.size()).as("lines read").isEqualTo(rows + 1);
        assertThat(lines.get(0)).isEqualTo(RunFixture.STEP_HEADER);
        assertThat(lines.get(rows)).isEqualTo(RunFixture.stepCsv(rows));
    }

    @Test
    void aFileGrowingPastOneReadKeepsEveryLine() throws Exception {
        append("first\n");
        assertThat(tail.poll().lines()).containsExactly("first");
        String row = "x".repeat(99) + "\n";
        append(row.repeat(LineTail.MAX_LINE_BYTES / 100 * 2));

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.addAll(tail.poll().lines());
        }
        assertThat(lines.size()).as("lines read").isEqualTo(LineTail.MAX_LINE_BYTES / 100 * 2);
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedWhole() throws Exception {
        append("before\n" + "x".repeat(LineTail.MAX_LINE_BYTES + 10) + "\nafter\n");

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.addAll(tail.poll().lines());
        }
        assertThat(lines).as("%d lines", lines.size()).hasSizeLessThan(5)
                .allSatisfy(line -> assertThat(line).hasSizeLessThan(100));
        assertThat(lines).containsExactly("before", "after");
    }
}
