package dev.descent.io;

import dev.descent.nn.IncompatibleKeys;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A model's parameters saved to and loaded from safetensors files by name, the way PyTorch's
 * {@code state_dict} and {@code load_state_dict} exchange them. Names follow
 * {@link Layer#namedParameters()} ({@code 0.weight}, {@code 0.bias}, …) and layouts follow
 * PyTorch ({@code Linear.weight} is [out, in]), so a file saved here loads into the same
 * architecture in PyTorch and the other way round:
 *
 * <pre>{@code
 * // PyTorch: save_file(model.state_dict(), "mlp.safetensors")
 * Sequential model = Models.mlp(new Rng(0), 4, 3, 2);
 * ModelWeights.load(model, Path.of("mlp.safetensors"));
 * // ... train ...
 * ModelWeights.save(model, Path.of("trained.safetensors"), Map.of("format", "pt"));
 * // PyTorch: model.load_state_dict(load_file("trained.safetensors"))
 * }</pre>
 *
 * <p>Loading is strict and all-or-nothing: every parameter must be in the file with its exact
 * shape and the file may hold nothing else; otherwise one {@link WeightsMismatchException}
 * lists every problem and the model is left as it was. The matching is done here once for
 * files and maps alike; {@link Layer#stateDict()} and {@link Layer#loadStateDict(Map, boolean)}
 * (with PyTorch's non-strict form) are the same operations on the layer itself.
 */
public final class ModelWeights {
    private ModelWeights() {
    }

    /**
     * The model's parameter values by name, in registration order, then its
     * {@link Layer#namedBuffers() buffers} (batch normalisation's running statistics). The
     * tensors are the live values, not copies: training changes them ({@link Layer#stateDict()}
     * gives copies).
     */
    public static Map<String, Tensor> stateDict(Layer model) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        model.namedParameters().forEach((name, parameter) -> values.put(name, parameter.value()));
        model.namedBuffers().forEach((name, buffer) -> {
            if (values.put(name, buffer) != null) {
                throw new IllegalStateException("the model has a parameter and a buffer both named '" + name + "'");
            }
        });
        return Collections.unmodifiableMap(values);
    }

    /**
     * Saves every parameter as float32 under its name, with {@code metadata} (for example
     * {@code Map.of("format", "pt")}, which Hugging Face's transformers looks for), replacing
     * {@code file} atomically.
     */
    public static void save(Layer model, Path file, Map<String, String> metadata) throws IOException {
        SafeTensors.write(file, stateDict(model), metadata);
    }

    /**
     * As {@link #save}, with the SHA-256 of the tensor data added to the metadata (see
     * {@link SafeTensors#writeWithChecksum}), so that {@link #load} detects a damaged file
     * instead of loading wrong weights. PyTorch loads the file as usual. {@link #save} itself
     * adds no checksum, so that its bytes stay those of PyTorch's {@code save_file}.
     */
    public static void saveWithChecksum(Layer model, Path file, Map<String, String> metadata) throws IOException {
        SafeTensors.writeWithChecksum(file, stateDict(model), metadata);
    }

    /**
     * Copies the weights in {@code file} into the model's parameters, matched by name and
     * shape. The file is read completely and checked before any parameter changes.
     *
     * @throws WeightsMismatchException   if names or shapes differ; nothing was changed
     * @throws SafeTensorsFormatException if the file is not a readable safetensors file, or is
     *                                    corrupted: its tensor data does not match the checksum
     *                                    saved with it (files without one are not checked)
     * @throws java.nio.file.NoSuchFileException if the file does not exist ("FILE does not exist")
     * @throws IOException                if the file cannot be read
     */
    public static void load(Layer model, Path file) throws IOException {
        loadStateDict(model, SafeTensors.read(file).tensors(), true, file.toString());
    }

    /**
     * Copies {@code weights} into the model's parameters, matched by name and shape, all or
     * nothing, as {@link #load} does for a file.
     *
     * @throws WeightsMismatchException if names or shapes differ; nothing was changed
     */
    public static void loadStateDict(Layer model, Map<String, Tensor> weights) {
        loadStateDict(model, weights, true, "a state dict");
    }

    /**
     * As {@link #loadStateDict(Layer, Map)}, with {@code source} (e.g. the file the weights came
     * from) named in the error.
     */
    public static void loadStateDict(Layer model, Map<String, Tensor> weights, String source) {
        loadStateDict(model, weights, true, source);
    }

    /**
     * Copies {@code weights} into the model's parameters by name, as PyTorch's
     * {@code load_state_dict(weights, strict)}; {@link Layer#loadStateDict(Map, boolean)} calls it.
     * Strict, a parameter the weights lack and a weight the model lacks are errors. Not strict,
     * they are skipped and returned, and the names on both sides are loaded. Either way a name
     * on both sides with different shapes is an error, and every check is made before any
     * parameter changes.
     *
     * @param source names where the weights came from in the error, e.g. a file
     * @return what was skipped: always empty when {@code strict}
     * @throws WeightsMismatchException listing every problem at once; nothing was changed
     */
    public static IncompatibleKeys loadStateDict(Layer model, Map<String, Tensor> weights, boolean strict,
            String source) {
        Map<String, Tensor> parameters = stateDict(model);
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
            Tensor stored = weights.get(p.getKey());
            if (stored == null) {
                missing.add(p.getKey());
            } else if (!stored.shape().equals(p.getValue().shape())) {
                mismatched.add(p.getKey());
            }
        }
        List<String> unexpected = weights.keySet().stream().filter(name -> !parameters.containsKey(name)).toList();
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            // Not strict, missing and unexpected names are a result, not a problem.
            throw mismatch(model, weights, source, strict, strict ? missing : List.of(),
                    strict ? unexpected : List.of(), mismatched);
        }
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
            Tensor stored = weights.get(p.getKey());
            if (stored != null) {
                p.getValue().copyFrom(stored);
            }
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    private static WeightsMismatchException mismatch(Layer model, Map<String, Tensor> weights, String source,
            boolean strict, List<String> missing, List<String> unexpected, List<String> mismatched) {
        Map<String, Tensor> parameters = stateDict(model);
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("  Missing key(s), in the model but not in the weights: " + missing.stream()
                    .map(name -> "\"" + name + "\" " + parameters.get(name).shape())
                    .collect(Collectors.joining(", ")) + ".");
        }
        if (!unexpected.isEmpty()) {
            problems.add("  Unexpected key(s), in the weights but not in the model: "
                    + unexpected.stream().map(name -> "\"" + name + "\" " + weights.get(name).shape())
                    .collect(Collectors.joining(", ")) + ".");
        }
        for (String name : mismatched) {
            problems.add("  Size mismatch for \"" + name + "\": the weights have shape " + weights.get(name).shape()
                    + ", the model's parameter has shape " + parameters.get(name).shape() + ".");
        }
        String advice = strict
                ? "Build the model with the architecture the weights were saved from: names and shapes must match"
                        + " exactly."
                : "Non-strict loading skips names found on one side only, but a name on both sides must have the"
                        + " same shape.";
        return new WeightsMismatchException("Error(s) in loading weights from " + source + " into "
                + model.getClass().getSimpleName() + "; no parameter was changed:\n" + String.join("\n", problems)
                + "\n  The model's parameters are " + parameters.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue().shape()).collect(Collectors.joining(", "))
                + ". " + advice, missing, unexpected, mismatched);
    }
}
