package dev.descent.cli.config;

import dev.descent.nn.ModelSpec;
import dev.descent.nn.ModelSpec.LayerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code model.layers} of a {@code cnn}, one map per layer with PyTorch's names and defaults:
 * <ul>
 *   <li>{@code {type: conv2d, out_channels: 32, kernel_size: 3}}, and optionally {@code stride}
 *       (default 1), {@code padding} (0), {@code dilation} (1), {@code groups} (1), {@code bias}
 *       (true); each size is one integer or a pair [height, width];</li>
 *   <li>{@code {type: max_pool2d, kernel_size: 2}} and {@code avg_pool2d}, with {@code stride}
 *       (default: the kernel size) and {@code padding} (0);</li>
 *   <li>{@code {type: global_avg_pool2d}} ({@code nn.AdaptiveAvgPool2d(1)}), {@code {type: flatten}};</li>
 *   <li>{@code {type: linear, out_features: 128}} (and {@code bias});</li>
 *   <li>the activations {@code relu}, {@code tanh}, {@code gelu}, {@code gelu_tanh}, {@code sigmoid},
 *       {@code leaky_relu} (with {@code negative_slope}), as {@code {type: relu}};</li>
 *   <li>{@code {type: dropout, p: 0.5}} and {@code {type: dropout2d, p: 0.1}} (whole feature maps);</li>
 *   <li>{@code {type: batch_norm2d}} on feature maps and {@code {type: batch_norm1d}} on features,
 *       with {@code eps} (1e-5), {@code momentum} (0.1) and {@code affine} (true);</li>
 *   <li>{@code {type: layer_norm}} over the whole example, or over its trailing
 *       {@code normalized_shape} (an integer or a list), with {@code eps} and
 *       {@code elementwise_affine};</li>
 *   <li>{@code {type: residual, branch: [layers…], shortcut: [layers…]}}: the branch's output
 *       plus the shortcut's (the input itself when {@code shortcut} is left out).</li>
 * </ul>
 * The model's linear output layer is added after them, sized by the data.
 */
final class CnnLayers {
    private static final Map<String, Set<String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("conv2d", Set.of("type", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
                "bias"));
        KEYS.put("max_pool2d", Set.of("type", "kernel_size", "stride", "padding"));
        KEYS.put("avg_pool2d", Set.of("type", "kernel_size", "stride", "padding"));
        KEYS.put("global_avg_pool2d", Set.of("type"));
        KEYS.put("flatten", Set.of("type"));
        KEYS.put("linear", Set.of("type", "out_features", "bias"));
        KEYS.put("dropout", Set.of("type", "p"));
        KEYS.put("dropout2d", Set.of("type", "p"));
        KEYS.put("batch_norm1d", Set.of("type", "eps", "momentum", "affine"));
        KEYS.put("batch_norm2d", Set.of("type", "eps", "momentum", "affine"));
        KEYS.put("layer_norm", Set.of("type", "normalized_shape", "eps", "elementwise_affine"));
        KEYS.put("residual", Set.of("type", "branch", "shortcut"));
        for (String activation : ModelSpec.ACTIVATIONS) {
            KEYS.put(activation, activation.equals("leaky_relu") ? Set.of("type", "negative_slope") : Set.of("type"));
        }
    }

    private CnnLayers() {
    }

    /**
     * The layers as specs.
     *
     * @throws IllegalArgumentException naming {@code model.layers[i].key} and what to write instead
     */
    static List<LayerSpec> parse(List<Map<String, Object>> layers) {
        return parse(layers, "model.layers");
    }

    private static List<LayerSpec> parse(List<?> layers, String where) {
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String at = where + "[" + i + "]";
            if (layers.get(i) != null && !(layers.get(i) instanceof Map)) {
                throw ConfigChecks.invalid(at, "not a layer", layers.get(i), "a layer such as {type: relu}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> layer = (Map<String, Object>) layers.get(i);
            specs.add(layer(layer, at));
        }
        return specs;
    }

    private static List<LayerSpec> layerList(Map<String, Object> map, String where, String key, boolean required) {
        Object value = map.get(key);
        if (value == null && !required) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || (required && list.isEmpty())) {
            throw ConfigChecks.invalid(where + "." + key, value == null ? "missing" : "not a list of layers", value,
                    "a list of layers, e.g. [{type: conv2d, out_channels: 32, kernel_size: 3, padding: 1}]");
        }
        return parse(list, where + "." + key);
    }

    private static LayerSpec layer(Map<String, Object> map, String where) {
        if (map == null) {
            throw ConfigChecks.invalid(where, "empty", null, "a layer such as {type: relu}");
        }
        Object rawType = map.get("type");
        if (!(rawType instanceof String type) || !KEYS.containsKey(type)) {
            throw ConfigChecks.invalid(where + ".type", rawType == null ? "missing" : "unknown layer type", rawType,
                    "one of " + String.join(", ", KEYS.keySet()));
        }
        for (String key : map.keySet()) {
            if (!KEYS.get(type).contains(key)) {
                throw new IllegalArgumentException(where + "." + key + ": a " + type + " layer has no such setting;"
                        + " allowed: " + String.join(", ", KEYS.get(type).stream().sorted().toList()));
            }
        }
        try {
            return switch (type) {
                case "conv2d" -> new ModelSpec.Conv2dSpec(integer(map, where, "out_channels", null),
                        pair(map, where, "kernel_size", null), pair(map, where, "stride", 1),
                        pair(map, where, "padding", 0), pair(map, where, "dilation", 1),
                        integer(map, where, "groups", 1), bool(map, where, "bias"));
                case "max_pool2d", "avg_pool2d" -> {
                    List<Integer> kernel = pair(map, where, "kernel_size", null);
                    List<Integer> stride = map.containsKey("stride") ? pair(map, where, "stride", null) : kernel;
                    yield new ModelSpec.Pool2dSpec(type.equals("max_pool2d"), kernel, stride,
                            pair(map, where, "padding", 0));
                }
                case "global_avg_pool2d" -> new ModelSpec.GlobalAvgPool2dSpec();
                case "flatten" -> new ModelSpec.FlattenSpec();
                case "linear" -> new ModelSpec.LinearSpec(integer(map, where, "out_features", null),
                        bool(map, where, "bias"));
                case "dropout" -> new ModelSpec.DropoutSpec(number(map, where, "p"));
                case "dropout2d" -> new ModelSpec.Dropout2dSpec(number(map, where, "p"));
                case "batch_norm1d", "batch_norm2d" -> new ModelSpec.BatchNormSpec(type.equals("batch_norm2d"),
                        optionalNumber(map, where, "eps", 1e-5), optionalNumber(map, where, "momentum", 0.1),
                        bool(map, where, "affine"));
                case "layer_norm" -> new ModelSpec.LayerNormSpec(sizes(map, where, "normalized_shape"),
                        optionalNumber(map, where, "eps", 1e-5), bool(map, where, "elementwise_affine"));
                case "residual" -> new ModelSpec.ResidualSpec(layerList(map, where, "branch", true),
                        layerList(map, where, "shortcut", false));
                default -> new ModelSpec.ActivationSpec(type,
                        map.containsKey("negative_slope") ? number(map, where, "negative_slope") : 0.01);
            };
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("model.layers[") ? e : new IllegalArgumentException(where + ": "
                    + e.getMessage(), e);
        }
    }

    private static int integer(Map<String, Object> map, String where, String key, Integer fallback) {
        Object value = map.get(key);
        if (value == null) {
            if (fallback == null) {
                throw ConfigChecks.invalid(where + "." + key, "missing", null, "an integer");
            }
            return fallback;
        }
        if (value instanceof Integer number) {
            return number;
        }
        throw ConfigChecks.invalid(where + "." + key, "not an integer", value, "an integer");
    }

    /** One integer for both sides, or a pair [height, width]. */
    private static List<Integer> pair(Map<String, Object> map, String where, String key, Integer fallback) {
        Object value = map.get(key);
        if (value == null) {
            if (fallback == null) {
                throw ConfigChecks.invalid(where + "." + key, "missing", null, "an integer, or [height, width]");
            }
            return List.of(fallback, fallback);
        }
        if (value instanceof Integer number) {
            return List.of(number, number);
        }
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Integer h
                && list.get(1) instanceof Integer w) {
            return List.of(h, w);
        }
        throw ConfigChecks.invalid(where + "." + key, "not a size", value, "an integer, or [height, width]");
    }

    private static boolean bool(Map<String, Object> map, String where, String key) {
        Object value = map.get(key);
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw ConfigChecks.invalid(where + "." + key, "not true or false", value, "true or false");
    }

    private static double optionalNumber(Map<String, Object> map, String where, String key, double fallback) {
        return map.get(key) == null ? fallback : number(map, where, key);
    }

    /** One integer or a list of them; empty when absent. */
    private static List<Integer> sizes(Map<String, Object> map, String where, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Integer size) {
            return List.of(size);
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof Integer)) {
            return list.stream().map(v -> (Integer) v).toList();
        }
        throw ConfigChecks.invalid(where + "." + key, "not a shape", value, "an integer, or a list such as [64, 7, 7]");
    }

    private static double number(Map<String, Object> map, String where, String key) {
        Object value = map.get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw ConfigChecks.invalid(where + "." + key, value == null ? "missing" : "not a number", value, "a number");
    }
}
