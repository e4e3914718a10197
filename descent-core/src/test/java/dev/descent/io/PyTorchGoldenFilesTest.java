package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.autodiff.Tape;
import dev.descent.nn.Models;
import dev.descent.nn.Layer;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights exchanged with PyTorch in both directions, through committed golden files
 * ({@code tools/torch-reference/safetensors_golden.py} and its README section):
 *
 * <ul>
 *   <li>{@code torch-mlp-4-3-2.safetensors}: the state_dict of torch's
 *       {@code Sequential(Linear(4, 3), ReLU(), Linear(3, 2))} after {@code manual_seed(0)},
 *       with torch's output on a fixed batch in {@code torch-mlp-4-3-2.json};</li>
 *   <li>{@code descent-mlp-4-3-2.safetensors}: written by Descent ({@link WriteDescentGoldenFile})
 *       and loaded by PyTorch with the strict {@code load_state_dict}, which recorded its output
 *       in {@code descent-mlp-4-3-2.torch-output.json}. The file is never regenerated: it
 *       proves that files written by this version still load.</li>
 * </ul>
 */
class PyTorchGoldenFilesTest {
    private static final double TOLERANCE = 1e-6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path resource(String name) throws URISyntaxException {
        return Path.of(getClass().getResource(name).toURI());
    }

    private static Tensor matrix(JsonNode rows) {
        int columns = rows.get(0).size();
        float[] values = new float[rows.size() * columns];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = (float) rows.get(r).get(c).asDouble();
            }
        }
        return Tensor.wrap(values, rows.size(), columns);
    }

    private static void assertOutputMatches(Layer model, JsonNode record) {
        Tensor input = matrix(record.get("input"));
        Tensor expected = matrix(record.get("output"));
        Tensor output = model.forward(Tape.noGrad().input(input)).value();
        assertThat(output.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < output.size(); i++) {
            assertThat((double) output.get(i)).as("output element %d", i).isCloseTo(expected.get(i), within(TOLERANCE));
        }
    }

    @Test
    void pyTorchsWeightsLoadIntoADescentMlpAndGiveTorchsOutput() throws IOException, URISyntaxException {
        JsonNode record = JSON.readTree(resource("torch-mlp-4-3-2.json").toFile());
        Layer model = Models.mlp(new Rng(0), 4, 3, 2);
        ModelWeights.load(model, resource("torch-mlp-4-3-2.safetensors"));

        // The values are torch's, bit for bit (float32 stored as its exact double).
        record.get("state_dict").properties().forEach(e -> {
            Tensor parameter = model.namedParameters().get(e.getKey()).value();
            JsonNode values = e.getValue().get("values");
            assertThat(parameter.size()).isEqualTo(values.size());
            for (int i = 0; i < values.size(); i++) {
                assertThat(parameter.get(i)).as(e.getKey() + "[" + i + "]").isEqualTo((float) values.get(i).asDouble());
            }
        });
        assertOutputMatches(model, record);
        assertThat(SafeTensors.read(resource("torch-mlp-4-3-2.safetensors")).metadata())
                .containsEntry("format", "pt").containsKey("torch");
    }

    @Test
    void theDescentWrittenGoldenFileStillLoadsAndGivesTheOutputPyTorchComputedFromIt()
            throws IOException, URISyntaxException {
        Path golden = resource("descent-mlp-4-3-2.safetensors");
        SafeTensorsFile file = SafeTensors.read(golden);
        assertThat(file.metadata()).containsExactlyEntriesOf(WriteDescentGoldenFile.metadata());
        assertThat(List.copyOf(file.tensors().keySet())).containsExactly("0.bias", "0.weight", "2.bias", "2.weight");

        Layer model = Models.mlp(new Rng(123), 4, 3, 2);
        ModelWeights.load(model, golden);
        JsonNode torchOutput = JSON.readTree(resource("descent-mlp-4-3-2.torch-output.json").toFile());
        assertThat(torchOutput.get("metadata").get("producer").asText()).isEqualTo("Descent ModelWeights.save");
        assertOutputMatches(model, torchOutput);

        // Saving what was loaded reproduces the file byte for byte: the layout has not drifted.
        Path again = dir.resolve("again.safetensors");
        ModelWeights.save(model, again, file.metadata());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(golden));
    }

    @Test
    void aDescentMlpWrittenToATemporaryFileHasTheNamesAndLayoutsPyTorchExpects() throws IOException {
        Layer model = WriteDescentGoldenFile.model();
        Path file = dir.resolve("descent-mlp.safetensors");
        ModelWeights.save(model, file, WriteDescentGoldenFile.metadata());

        SafeTensorsFile read = SafeTensors.read(file);
        // torch.nn.Sequential(Linear(4, 3), ReLU(), Linear(3, 2)).state_dict() has exactly these.
        assertThat(read.tensors()).containsOnlyKeys("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(read.tensor("0.weight").shape().dims()).containsExactly(3, 4);
        assertThat(read.tensor("0.bias").shape().dims()).containsExactly(3);
        assertThat(read.tensor("2.weight").shape().dims()).containsExactly(2, 3);
        assertThat(read.tensor("2.bias").shape().dims()).containsExactly(2);
        for (Map.Entry<String, Tensor> e : ModelWeights.stateDict(model).entrySet()) {
            assertThat(read.tensor(e.getKey()).data()).containsExactly(e.getValue().data());
        }
        assertThat(read.dtypes().values()).containsOnly("F32");
    }
}
