package dev.descent.io;

import dev.descent.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of a safetensors file as read by {@link SafeTensors#read}.
 *
 * @param tensors  every tensor by name, as float32, in the order of their bytes in the file
 *                 (for files written by Descent or by the safetensors library: sorted by name
 *                 within each type)
 * @param metadata the {@code "__metadata__"} strings, in header order; empty when absent
 * @param dtypes   the type each tensor was stored as ({@code "F32"}, {@code "F64"},
 *                 {@code "F16"}, {@code "BF16"}), in the order of {@code tensors}; anything but
 *                 F32 was converted, F64 with rounding to the nearest float
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata, Map<String, String> dtypes) {

    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        dtypes = Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
    }

    /** The tensor called {@code name}; the error lists the names the file holds. */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; the file holds " + tensors.keySet());
        }
        return tensor;
    }
}
