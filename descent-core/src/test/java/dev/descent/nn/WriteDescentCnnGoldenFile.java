package dev.descent.nn;

import dev.descent.io.SafeTensors;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code descent-cnn.safetensors}: {@link CnnParityTest#SPEC} built with {@code new Rng(11)},
 * trained 5 SGD steps (lr 0.05, momentum 0.9) on random batches in training mode, saved with an
 * {@code input} batch for PyTorch to run. Then {@code cnn_golden.py --check} records torch's
 * logits. From the repository root, after {@code mvn -pl descent-core test-compile}:
 *
 * <pre>
 * java -cp descent-core/target/classes:descent-core/target/test-classes dev.descent.nn.WriteDescentCnnGoldenFile \
 *     descent-core/src/test/resources/dev/descent/cnn/descent-cnn.safetensors
 * /usr/bin/python3 tools/torch-reference/cnn_golden.py --check descent-core/src/test/resources/dev/descent/cnn/descent-cnn.safetensors \
 *     --out descent-core/src/test/resources/dev/descent/cnn/descent-cnn.torch-logits.json
 * </pre>
 */
public final class WriteDescentCnnGoldenFile {
    private WriteDescentCnnGoldenFile() {
    }

    /** The trained state dict and, under {@code input}, a batch of 4 images to run. */
    static Map<String, Tensor> trainedState() {
        Rng rng = new Rng(11);
        Sequential model = CnnParityTest.SPEC.build(rng);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(0.05).withMomentum(0.9).build(model.namedParameters()));
        Rng data = new Rng(12);
        for (int step = 0; step < 5; step++) {
            Tensor x = Tensor.generate(i -> data.nextGaussian(), 8, 144);
            int[] labels = new int[8];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data.nextInt(3);
            }
            trainer.step(x, labels);
        }
        Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
        state.put("input", Tensor.generate(i -> data.nextGaussian(), 4, 1, 12, 12));
        return state;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WriteDescentCnnGoldenFile FILE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        SafeTensors.write(file, trainedState(), Map.of("format", "pt", "producer", "Descent WriteDescentCnnGoldenFile"));
        System.out.println("wrote " + file);
    }

}
