package dev.descent.nn;

import dev.descent.init.Initializer;
import dev.descent.io.JsonFields;
import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An architecture as data: the input width and the layers in order, enough to build the model
 * again without its training run. A trained model is saved as its spec plus its weights by
 * name ({@code 0.weight}, …), so loading builds the {@link Sequential} from the spec and copies
 * the weights in: no random draws are replayed.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.mlp(784, List.of(256, 128), 10, "relu", 0.0);
 * Sequential model = spec.build(new Rng(42));
 * Map<String, Object> saved = spec.toMap();           // JSON-ready
 * ModelSpec again = ModelSpec.fromMap(saved, "model.json");
 * }</pre>
 *
 * <p>Shapes are per example, without the batch dimension: {@code [784]} for a flat feature
 * vector, {@code [1, 28, 28]} for an image (NCHW without N). New layer kinds (convolutions,
 * pooling, normalisation, flattening) join as further {@link LayerSpec} records: each knows its
 * output shape from its input shape and how to build itself.
 *
 * @param inputShape the shape of one example's input, every dimension ≥ 1
 * @param layers     the layers, in order; at least one, and the model's parameters are named
 *                   by their positions, as in PyTorch's {@code nn.Sequential}
 */
public record ModelSpec(List<Integer> inputShape, List<LayerSpec> layers) {

    /** The activation names a spec accepts, as written in configurations and saved models. */
    public static final List<String> ACTIVATIONS = List.of("relu", "tanh", "gelu", "gelu_tanh", "sigmoid",
            "leaky_relu");

    public ModelSpec {
        inputShape = List.copyOf(inputShape);
        if (inputShape.isEmpty() || inputShape.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("model spec: the input shape needs one or more dimensions, each ≥ 1,"
                    + " got " + inputShape);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("model spec: at least one layer is needed");
        }
        List<Integer> shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model spec: layer " + i + " (" + layers.get(i).toMap().get("type")
                        + ") cannot take an input of shape " + shape + ": " + e.getMessage(), e);
            }
        }
    }

    /** A model of flat feature vectors of {@code inputs} features. */
    public ModelSpec(int inputs, List<LayerSpec> layers) {
        this(List.of(positive(inputs)), layers);
    }

    private static int positive(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("model spec: inputs must be ≥ 1, got " + inputs);
        }
        return inputs;
    }

    /** The number of input values per example: the product of {@link #inputShape()}. */
    public int inputs() {
        return product(inputShape);
    }

    private static int product(List<Integer> shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** One layer of a spec. */
    public sealed interface LayerSpec permits LinearSpec, ActivationSpec, DropoutSpec, Conv2dSpec, Pool2dSpec,
            GlobalAvgPool2dSpec, FlattenSpec, BatchNormSpec, LayerNormSpec, Dropout2dSpec, ResidualSpec {
        /**
         * The shape of this layer's output for one example of {@code input}'s shape.
         *
         * @throws IllegalArgumentException when the layer cannot take that shape, saying why
         */
        List<Integer> outputShape(List<Integer> input);

        /** Builds the layer for inputs of {@code input}'s shape, drawing its initial weights from {@code rng}. */
        Layer build(List<Integer> input, Rng rng);

        /** The layer as a JSON-ready map with a {@code "type"}. */
        Map<String, Object> toMap();
    }

    /** A fully connected layer, {@link Linear}, initialised as PyTorch's {@code nn.Linear}. */
    public record LinearSpec(int outFeatures, boolean bias) implements LayerSpec {
        public LinearSpec {
            if (outFeatures < 1) {
                throw new IllegalArgumentException("linear layer: out_features must be ≥ 1, got " + outFeatures);
            }
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            if (input.size() != 1) {
                throw new IllegalArgumentException("a linear layer takes flat features, not shape " + input
                        + "; flatten the input first");
            }
            return List.of(outFeatures);
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            int width = input.get(0);
            if (bias) {
                return new Linear(width, outFeatures, rng);
            }
            return new Linear(width, outFeatures, false, Initializer.pytorchLinearDefault(),
                    Initializer.pytorchLinearDefault(), rng);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "linear");
            map.put("out_features", outFeatures);
            map.put("bias", bias);
            return map;
        }
    }

    /**
     * An element-wise activation by name (one of {@link #ACTIVATIONS});
     * {@code negativeSlope} is used by {@code leaky_relu} only.
     */
    public record ActivationSpec(String name, double negativeSlope) implements LayerSpec {
        public ActivationSpec {
            if (!ACTIVATIONS.contains(name)) {
                throw new IllegalArgumentException("activation: unknown name '" + name + "'; allowed: "
                        + String.join(", ", ACTIVATIONS));
            }
            if (!Double.isFinite(negativeSlope)) {
                throw new IllegalArgumentException("activation: negative_slope must be finite, got " + negativeSlope);
            }
            if (!name.equals("leaky_relu")) {
                negativeSlope = 0.01; // unused: one value, so that equal layers are equal records
            }
        }

        /** The activation {@code name} with PyTorch's default slope for {@code leaky_relu} (0.01). */
        public static ActivationSpec of(String name) {
            return new ActivationSpec(name, 0.01);
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            return input;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return switch (name) {
                case "relu" -> Activation.relu();
                case "tanh" -> Activation.tanh();
                case "gelu" -> Activation.gelu();
                case "gelu_tanh" -> Activation.geluTanh();
                case "sigmoid" -> Activation.sigmoid();
                case "leaky_relu" -> Activation.leakyRelu((float) negativeSlope);
                default -> throw new IllegalStateException("unreachable: " + name);
            };
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "activation");
            map.put("name", name);
            if (name.equals("leaky_relu")) {
                map.put("negative_slope", negativeSlope);
            }
            return map;
        }
    }

    /** Inverted dropout with probability {@code p}; its masks come from a generator split off the build's. */
    public record DropoutSpec(double p) implements LayerSpec {
        public DropoutSpec {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
            }
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            return input;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return new Dropout((float) p, rng.split());
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "dropout");
            map.put("p", p);
            return map;
        }
    }

    /**
     * A two-dimensional convolution, {@link Conv2d}, on [channels, height, width] examples; each
     * pair is [height, width].
     */
    public record Conv2dSpec(int outChannels, List<Integer> kernel, List<Integer> stride, List<Integer> padding,
                             List<Integer> dilation, int groups, boolean bias) implements LayerSpec {
        public Conv2dSpec {
            if (outChannels < 1) {
                throw new IllegalArgumentException("conv2d layer: out_channels must be ≥ 1, got " + outChannels);
            }
            kernel = pair("conv2d layer", "kernel_size", kernel, 1);
            stride = pair("conv2d layer", "stride", stride, 1);
            padding = pair("conv2d layer", "padding", padding, 0);
            dilation = pair("conv2d layer", "dilation", dilation, 1);
            if (groups < 1 || outChannels % groups != 0) {
                throw new IllegalArgumentException("conv2d layer: groups = " + groups
                        + " must be ≥ 1 and divide out_channels (" + outChannels + ")");
            }
        }

        /** {@code nn.Conv2d(in, out, k, stride, padding)} with square sizes, dilation 1, one group and a bias. */
        public static Conv2dSpec of(int outChannels, int kernel, int stride, int padding) {
            return new Conv2dSpec(outChannels, List.of(kernel, kernel), List.of(stride, stride),
                    List.of(padding, padding), List.of(1, 1), 1, true);
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            requireImage("a conv2d layer", input);
            if (input.get(0) % groups != 0) {
                throw new IllegalArgumentException("groups = " + groups + " does not divide the " + input.get(0)
                        + " input channels");
            }
            int h = outputSize(input.get(1), kernel.get(0), stride.get(0), padding.get(0), dilation.get(0));
            int w = outputSize(input.get(2), kernel.get(1), stride.get(1), padding.get(1), dilation.get(1));
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException("a " + kernel.get(0) + "×" + kernel.get(1) + " kernel does not fit "
                        + input.get(1) + "×" + input.get(2) + " inputs with padding " + padding);
            }
            return List.of(outChannels, h, w);
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return new Conv2d(input.get(0), outChannels, ints(kernel), ints(stride), ints(padding), ints(dilation),
                    groups, bias, rng);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "conv2d");
            map.put("out_channels", outChannels);
            map.put("kernel_size", kernel);
            map.put("stride", stride);
            map.put("padding", padding);
            map.put("dilation", dilation);
            map.put("groups", groups);
            map.put("bias", bias);
            return map;
        }
    }

    /** Max or average pooling ({@link MaxPool2d}, {@link AvgPool2d}); each pair is [height, width]. */
    public record Pool2dSpec(boolean max, List<Integer> kernel, List<Integer> stride, List<Integer> padding)
            implements LayerSpec {
        public Pool2dSpec {
            String layer = max ? "max_pool2d layer" : "avg_pool2d layer";
            kernel = pair(layer, "kernel_size", kernel, 1);
            stride = pair(layer, "stride", stride, 1);
            padding = pair(layer, "padding", padding, 0);
            if (2 * padding.get(0) > kernel.get(0) || 2 * padding.get(1) > kernel.get(1)) {
                throw new IllegalArgumentException(layer + ": padding " + padding + " must be at most half the kernel "
                        + kernel);
            }
        }

        /** {@code nn.MaxPool2d(k)} or {@code nn.AvgPool2d(k)}: k×k windows, stride k, no padding. */
        public static Pool2dSpec of(boolean max, int kernel) {
            return new Pool2dSpec(max, List.of(kernel, kernel), List.of(kernel, kernel), List.of(0, 0));
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            requireImage(max ? "a max_pool2d layer" : "an avg_pool2d layer", input);
            int h = outputSize(input.get(1), kernel.get(0), stride.get(0), padding.get(0), 1);
            int w = outputSize(input.get(2), kernel.get(1), stride.get(1), padding.get(1), 1);
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException("a " + kernel.get(0) + "×" + kernel.get(1) + " window does not fit "
                        + input.get(1) + "×" + input.get(2) + " inputs");
            }
            return List.of(input.get(0), h, w);
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return max ? new MaxPool2d(ints(kernel), ints(stride), ints(padding))
                    : new AvgPool2d(ints(kernel), ints(stride), ints(padding));
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", max ? "max_pool2d" : "avg_pool2d");
            map.put("kernel_size", kernel);
            map.put("stride", stride);
            map.put("padding", padding);
            return map;
        }
    }

    /** Each channel's mean, {@link GlobalAvgPool2d} ({@code nn.AdaptiveAvgPool2d(1)}): [C, H, W] → [C, 1, 1]. */
    public record GlobalAvgPool2dSpec() implements LayerSpec {
        @Override
        public List<Integer> outputShape(List<Integer> input) {
            requireImage("a global_avg_pool2d layer", input);
            return List.of(input.get(0), 1, 1);
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return new GlobalAvgPool2d();
        }

        @Override
        public Map<String, Object> toMap() {
            return new LinkedHashMap<>(Map.of("type", "global_avg_pool2d"));
        }
    }

    /** {@link Flatten}: [C, H, W] → [C·H·W], before a linear layer. */
    public record FlattenSpec() implements LayerSpec {
        @Override
        public List<Integer> outputShape(List<Integer> input) {
            return List.of(product(input));
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return new Flatten();
        }

        @Override
        public Map<String, Object> toMap() {
            return new LinkedHashMap<>(Map.of("type", "flatten"));
        }
    }

    /**
     * Batch normalisation, {@link BatchNorm1d} on [features] or [channels, length] examples and
     * {@link BatchNorm2d} on [channels, height, width] images, with running statistics.
     *
     * @param image true for {@code batch_norm2d}, false for {@code batch_norm1d}
     */
    public record BatchNormSpec(boolean image, double eps, double momentum, boolean affine) implements LayerSpec {
        public BatchNormSpec {
            String layer = image ? "batch_norm2d layer" : "batch_norm1d layer";
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException(layer + ": eps must be a finite number > 0, got " + eps);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException(layer + ": momentum must be in [0, 1], got " + momentum);
            }
        }

        /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
        public static BatchNormSpec of(boolean image) {
            return new BatchNormSpec(image, 1e-5, 0.1, true);
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            if (image) {
                requireImage("a batch_norm2d layer", input);
            } else if (input.size() > 2) {
                throw new IllegalArgumentException("a batch_norm1d layer takes [features] or [channels, length], not"
                        + " shape " + input + "; use batch_norm2d on images");
            }
            return input;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return image ? new BatchNorm2d(input.get(0), (float) eps, (float) momentum, affine, true)
                    : new BatchNorm1d(input.get(0), (float) eps, (float) momentum, affine, true);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", image ? "batch_norm2d" : "batch_norm1d");
            map.put("eps", eps);
            map.put("momentum", momentum);
            map.put("affine", affine);
            return map;
        }
    }

    /**
     * {@link LayerNorm} over the example's trailing dimensions {@code normalizedShape}, or over
     * the whole example when it is empty.
     */
    public record LayerNormSpec(List<Integer> normalizedShape, double eps, boolean affine) implements LayerSpec {
        public LayerNormSpec {
            normalizedShape = List.copyOf(normalizedShape);
            if (normalizedShape.stream().anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException("layer_norm layer: normalized_shape must hold sizes ≥ 1, got "
                        + normalizedShape);
            }
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("layer_norm layer: eps must be a finite number > 0, got " + eps);
            }
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            List<Integer> tail = input.subList(Math.max(0, input.size() - normalizedShape.size()), input.size());
            if (!normalizedShape.isEmpty() && !tail.equals(normalizedShape)) {
                throw new IllegalArgumentException("normalized_shape " + normalizedShape + " is not the end of the"
                        + " input shape " + input);
            }
            return input;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            List<Integer> shape = normalizedShape.isEmpty() ? input : normalizedShape;
            return new LayerNorm(ints(shape), (float) eps, affine);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "layer_norm");
            map.put("normalized_shape", normalizedShape);
            map.put("eps", eps);
            map.put("affine", affine);
            return map;
        }
    }

    /** Channel dropout, {@link Dropout2d}; its masks come from a generator split off the build's. */
    public record Dropout2dSpec(double p) implements LayerSpec {
        public Dropout2dSpec {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout2d: p must be in [0, 1), got " + p);
            }
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            if (input.size() < 2) {
                throw new IllegalArgumentException("a dropout2d layer takes feature maps [channels, height, width],"
                        + " not shape " + input);
            }
            return input;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return new Dropout2d((float) p, rng.split());
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "dropout2d");
            map.put("p", p);
            return map;
        }
    }

    /**
     * A {@link Residual} block: {@code branch(x) + shortcut(x)}, each a list of layers built as a
     * {@link Sequential}; an empty shortcut is the identity. Both must give the same shape.
     */
    public record ResidualSpec(List<LayerSpec> branch, List<LayerSpec> shortcut) implements LayerSpec {
        public ResidualSpec {
            branch = List.copyOf(branch);
            shortcut = List.copyOf(shortcut);
            if (branch.isEmpty()) {
                throw new IllegalArgumentException("residual layer: the branch needs at least one layer");
            }
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            List<Integer> main = chain("branch", branch, input);
            List<Integer> skip = chain("shortcut", shortcut, input);
            if (!main.equals(skip)) {
                throw new IllegalArgumentException("the branch gives shape " + main + " but the "
                        + (shortcut.isEmpty() ? "identity shortcut passes " + skip + "; add a shortcut (e.g. a 1×1"
                                + " conv2d with the branch's stride and channels)" : "shortcut gives " + skip)
                        + "; they are added, so they must match");
            }
            return main;
        }

        private static List<Integer> chain(String part, List<LayerSpec> layers, List<Integer> input) {
            List<Integer> shape = input;
            for (int i = 0; i < layers.size(); i++) {
                try {
                    shape = layers.get(i).outputShape(shape);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(part + "[" + i + "] (" + layers.get(i).toMap().get("type")
                            + ") cannot take an input of shape " + shape + ": " + e.getMessage(), e);
                }
            }
            return shape;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            Sequential main = buildAll(branch, input, rng);
            return shortcut.isEmpty() ? new Residual(main) : new Residual(main, buildAll(shortcut, input, rng));
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "residual");
            map.put("branch", branch.stream().map(LayerSpec::toMap).toList());
            map.put("shortcut", shortcut.stream().map(LayerSpec::toMap).toList());
            return map;
        }
    }

    private static Sequential buildAll(List<LayerSpec> layers, List<Integer> input, Rng rng) {
        List<Layer> modules = new ArrayList<>(layers.size());
        List<Integer> shape = input;
        for (LayerSpec layer : layers) {
            modules.add(layer.build(shape, rng));
            shape = layer.outputShape(shape);
        }
        return new Sequential(modules);
    }

    private static void requireImage(String layer, List<Integer> input) {
        if (input.size() != 3) {
            throw new IllegalArgumentException(layer + " takes images [channels, height, width], not shape " + input
                    + (input.size() == 1 ? "; give the model an input shape such as [1, 28, 28]" : ""));
        }
    }

    private static List<Integer> pair(String layer, String name, List<Integer> values, int min) {
        if (values == null || values.size() != 2 || values.get(0) == null || values.get(1) == null
                || values.get(0) < min || values.get(1) < min) {
            throw new IllegalArgumentException(layer + ": " + name + " must be two integers ≥ " + min
                    + " [height, width], got " + values);
        }
        return List.copyOf(values);
    }

    private static int outputSize(int size, int kernel, int stride, int pad, int dilation) {
        int span = size + 2 * pad - dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A multilayer perceptron: {@code Linear → activation [→ Dropout]} per hidden width, then a
     * linear output layer. Dropout layers are left out when {@code dropout} is 0.
     */
    public static ModelSpec mlp(int inputs, List<Integer> hiddenWidths, int outputs, String activation,
                                double dropout) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int width : hiddenWidths) {
            layers.add(new LinearSpec(width, true));
            layers.add(ActivationSpec.of(activation));
            if (dropout > 0) {
                layers.add(new DropoutSpec(dropout));
            }
        }
        layers.add(new LinearSpec(outputs, true));
        return new ModelSpec(inputs, layers);
    }

    /**
     * The "FMNIST-CNN" of the benchmarks ({@code torch_cnn.py}): Conv2d(1,32,3,p=1)-ReLU-MaxPool2d(2)-
     * Conv2d(32,64,3,p=1)-ReLU-MaxPool2d(2)-Flatten-Linear(3136,128)-ReLU-Linear(128,10) on 1×28×28 images.
     */
    public static ModelSpec fmnistCnn() {
        return new ModelSpec(List.of(1, 28, 28), List.of(
                Conv2dSpec.of(32, 3, 1, 1), ActivationSpec.of("relu"), Pool2dSpec.of(true, 2),
                Conv2dSpec.of(64, 3, 1, 1), ActivationSpec.of("relu"), Pool2dSpec.of(true, 2),
                new FlattenSpec(), new LinearSpec(128, true), ActivationSpec.of("relu"), new LinearSpec(10, true)));
    }

    /** One linear layer: a linear model (least squares, logistic or softmax regression by its loss). */
    public static ModelSpec linear(int inputs, int outputs) {
        return new ModelSpec(inputs, List.of(new LinearSpec(outputs, true)));
    }

    /**
     * Builds the model, drawing initial weights from {@code rng} layer by layer in order (a
     * dropout layer splits its own generator off it), so one seed gives one model.
     */
    public Sequential build(Rng rng) {
        return buildAll(layers, inputShape, rng).withExampleShape(inputShape)
                .withActivationsPerExample(activationsPerExample());
    }

    /**
     * The values one example's forward pass produces across all layers (residual branches
     * included): what a batch of B examples holds in activations, B times this, and as much
     * again in their gradients when training. It sizes evaluation batches so that a
     * convolutional network, whose feature maps are large, is evaluated within the memory it
     * trains in.
     */
    public long activationsPerExample() {
        return activations(layers, inputShape);
    }

    private static long activations(List<LayerSpec> layers, List<Integer> input) {
        long total = 0;
        List<Integer> shape = input;
        for (LayerSpec layer : layers) {
            if (layer instanceof ResidualSpec residual) {
                total += activations(residual.branch(), shape) + activations(residual.shortcut(), shape);
            }
            shape = layer.outputShape(shape);
            total += product(shape);
        }
        return total;
    }

    /**
     * As {@link #build(Rng)}, drawing from a generator seeded with {@link Layer#DEFAULT_SEED}:
     * for a model whose weights are loaded next, as when a saved model is read back.
     */
    public Sequential build() {
        return build(new Rng(Layer.DEFAULT_SEED));
    }

    /** The width of the model's output: the number of classes, or of regression targets. */
    public int outputs() {
        List<Integer> shape = inputShape;
        for (LayerSpec layer : layers) {
            shape = layer.outputShape(shape);
        }
        return product(shape);
    }

    /** A one-line description: {@code 784-256-128-10 ReLU MLP}, {@code 30-2 linear model}. */
    public String describe() {
        long convolutions = layers.stream().filter(l -> l instanceof Conv2dSpec || l instanceof ResidualSpec).count();
        if (convolutions > 0) {
            List<String> parts = new ArrayList<>();
            for (LayerSpec layer : layers) {
                if (layer instanceof Conv2dSpec conv) {
                    parts.add("conv " + conv.outChannels());
                } else if (layer instanceof LinearSpec linear) {
                    parts.add("linear " + linear.outFeatures());
                } else if (layer instanceof ResidualSpec) {
                    parts.add("residual");
                } else if (layer instanceof BatchNormSpec && !parts.isEmpty() && !parts.get(parts.size() - 1)
                        .endsWith("+bn")) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "+bn");
                }
            }
            return String.join("×", inputShape.stream().map(String::valueOf).toList()) + " CNN ("
                    + String.join(", ", parts) + ")";
        }
        StringBuilder widths = new StringBuilder().append(inputs());
        String activation = "";
        int linears = 0;
        for (LayerSpec layer : layers) {
            if (layer instanceof LinearSpec linear) {
                widths.append('-').append(linear.outFeatures());
                linears++;
            } else if (layer instanceof ActivationSpec a && activation.isEmpty()) {
                activation = " " + displayName(a.name());
            }
        }
        return widths + (linears == 1 && layers.size() == 1 ? " linear model" : activation + " MLP");
    }

    private static String displayName(String activation) {
        return switch (activation) {
            case "relu" -> "ReLU";
            case "leaky_relu" -> "LeakyReLU";
            case "gelu", "gelu_tanh" -> "GELU";
            default -> activation.substring(0, 1).toUpperCase(Locale.ROOT) + activation.substring(1);
        };
    }

    /** The spec as a JSON-ready tree of maps, lists, strings, numbers and booleans. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("inputs", inputs());
        if (inputShape.size() > 1) {
            map.put("input_shape", inputShape);
        }
        List<Object> list = new ArrayList<>();
        for (LayerSpec layer : layers) {
            list.add(layer.toMap());
        }
        map.put("layers", list);
        return map;
    }

    /**
     * Reads a spec written by {@link #toMap()}.
     *
     * @param source names where the map came from in messages, e.g. a file
     * @throws IllegalArgumentException naming the source and the field that is missing or wrong
     */
    public static ModelSpec fromMap(Map<String, ?> map, String source) {
        JsonFields fields = new JsonFields(source, "model");
        int inputs = fields.integer(map, "", "inputs");
        List<Integer> inputShape = null;
        if (map.containsKey("input_shape")) {
            List<?> dims = fields.list(map, "", "input_shape");
            List<Integer> shape = new ArrayList<>();
            for (int i = 0; i < dims.size(); i++) {
                try {
                    shape.add(Integer.parseInt(String.valueOf(dims.get(i))));
                } catch (NumberFormatException e) {
                    throw fields.invalid("input_shape[" + i + "]", "expected an integer, found " + dims.get(i));
                }
            }
            if (product(shape) != inputs) {
                throw fields.invalid("input_shape", shape + " holds " + product(shape) + " values but inputs is "
                        + inputs);
            }
            inputShape = shape;
        }
        List<LayerSpec> layers = parseLayers(fields, source, fields.list(map, "", "layers"), "layers");
        try {
            return inputShape == null ? new ModelSpec(inputs, layers) : new ModelSpec(inputShape, layers);
        } catch (IllegalArgumentException e) {
            throw fields.invalid("", e.getMessage());
        }
    }

    private static List<LayerSpec> parseLayers(JsonFields fields, String source, List<?> rawLayers, String prefix) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < rawLayers.size(); i++) {
            String where = prefix + "[" + i + "]";
            Map<String, ?> layer = fields.map(rawLayers.get(i), where);
            String type = fields.text(layer, where, "type");
            LayerSpec parsed;
            try {
                parsed = switch (type) {
                    case "linear" -> new LinearSpec(fields.integer(layer, where, "out_features"),
                            fields.bool(layer, where, "bias"));
                    case "activation" -> new ActivationSpec(fields.text(layer, where, "name"),
                            layer.containsKey("negative_slope") ? fields.number(layer, where, "negative_slope") : 0.01);
                    case "dropout" -> new DropoutSpec(fields.number(layer, where, "p"));
                    case "dropout2d" -> new Dropout2dSpec(fields.number(layer, where, "p"));
                    case "conv2d" -> new Conv2dSpec(fields.integer(layer, where, "out_channels"),
                            ints(fields, layer, where, "kernel_size"), ints(fields, layer, where, "stride"),
                            ints(fields, layer, where, "padding"), ints(fields, layer, where, "dilation"),
                            fields.integer(layer, where, "groups"), fields.bool(layer, where, "bias"));
                    case "max_pool2d", "avg_pool2d" -> new Pool2dSpec(type.equals("max_pool2d"),
                            ints(fields, layer, where, "kernel_size"), ints(fields, layer, where, "stride"),
                            ints(fields, layer, where, "padding"));
                    case "global_avg_pool2d" -> new GlobalAvgPool2dSpec();
                    case "flatten" -> new FlattenSpec();
                    case "batch_norm1d", "batch_norm2d" -> new BatchNormSpec(type.equals("batch_norm2d"),
                            fields.number(layer, where, "eps"), fields.number(layer, where, "momentum"),
                            fields.bool(layer, where, "affine"));
                    case "layer_norm" -> new LayerNormSpec(ints(fields, layer, where, "normalized_shape"),
                            fields.number(layer, where, "eps"), fields.bool(layer, where, "affine"));
                    case "residual" -> new ResidualSpec(
                            parseLayers(fields, source, fields.list(layer, where, "branch"), where + ".branch"),
                            parseLayers(fields, source, fields.list(layer, where, "shortcut"), where + ".shortcut"));
                    default -> throw fields.invalid(where + ".type", "unknown layer type '" + type + "'; this version"
                            + " knows linear, activation, dropout, dropout2d, conv2d, max_pool2d, avg_pool2d,"
                            + " global_avg_pool2d, flatten, batch_norm1d, batch_norm2d, layer_norm and residual"
                            + " (was the model saved by a newer Descent?)");
                };
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(source + ": ") ? e : fields.invalid(where, e.getMessage());
            }
            layers.add(parsed);
        }
        return layers;
    }

    private static List<Integer> ints(JsonFields fields, Map<String, ?> layer, String where, String key) {
        List<?> raw = fields.list(layer, where, key);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                values.add(Integer.parseInt(String.valueOf(raw.get(i))));
            } catch (NumberFormatException e) {
                throw fields.invalid(where + "." + key + "[" + i + "]", "expected an integer, found " + raw.get(i));
            }
        }
        return values;
    }
}
