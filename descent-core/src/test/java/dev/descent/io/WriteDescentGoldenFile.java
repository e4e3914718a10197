package dev.descent.io;

import dev.descent.nn.Models;
import dev.descent.nn.Layer;
import dev.descent.random.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code descent-mlp-4-3-2.safetensors}, the Descent-written golden file (run once; the
 * committed file must never be regenerated, since it proves that files written by this version
 * still load). From the repository root, after {@code mvn -pl descent-core test-compile}:
 *
 * <pre>
 * java -cp descent-core/target/classes:descent-core/target/test-classes dev.descent.io.WriteDescentGoldenFile \
 *     descent-core/src/test/resources/dev/descent/io/descent-mlp-4-3-2.safetensors
 * </pre>
 */
public final class WriteDescentGoldenFile {
    static final String MODEL = "Models.mlp(new Rng(7), 4, 3, 2)";

    private WriteDescentGoldenFile() {
    }

    static Layer model() {
        return Models.mlp(new Rng(7), 4, 3, 2);
    }

    static Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("producer", "Descent ModelWeights.save");
        metadata.put("model", MODEL);
        return metadata;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WriteDescentGoldenFile FILE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        ModelWeights.save(model(), file, metadata());
        System.out.println("wrote " + file + " with the weights of " + MODEL);
    }
}
