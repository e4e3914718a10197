package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model-sized file (about 64 MB, the middle of the 1–100 MB range the I/O is built for)
 * round-trips intact across chunk boundaries. Prints the throughput; asserts no timing, since
 * machines and disks differ.
 */
class SafeTensorsSpeedTest {

    @Test
    void aSixtyFourMegabyteFileRoundTrips(@TempDir Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embedding.weight", Tensor.generate(i -> (i % 1_000_003) * 1e-3 - 500, 4096, 4096));
        // An odd size, so that the last chunk of a tensor is partial and the next starts mid-way.
        tensors.put("layer.bias", Tensor.generate(i -> -i, 262_147));
        tensors.put("scale", Tensor.scalar(0.5f));
        Path file = dir.resolve("large.safetensors");

        long start = System.nanoTime();
        SafeTensors.write(file, tensors);
        long written = System.nanoTime();
        SafeTensorsFile read = SafeTensors.read(file);
        long done = System.nanoTime();

        double megabytes = Files.size(file) / 1e6;
        System.out.printf("safetensors %.1f MB: write %.0f ms (%.0f MB/s, with fsync), read %.0f ms (%.0f MB/s)%n",
                megabytes, (written - start) / 1e6, megabytes / ((written - start) / 1e9),
                (done - written) / 1e6, megabytes / ((done - written) / 1e9));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            assertThat(read.tensor(e.getKey()).shape()).isEqualTo(e.getValue().shape());
            assertThat(read.tensor(e.getKey()).data()).as(e.getKey()).isEqualTo(e.getValue().data());
        }
    }
}
