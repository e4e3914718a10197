package dev.descent.spark;

import dev.descent.nn.Layer;
import dev.descent.nn.ModelSpec;
import dev.descent.random.Rng;
import java.io.Serializable;
import java.util.Map;

/**
 * Builds the model's architecture on an executor; Spark ships the factory, not the model. The
 * weights the factory draws do not matter: every task overwrites them with the driver's.
 * A lambda works: {@code ModelFactory f = () -> new Sequential(...)}.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {

    Layer create();

    /** The model of a {@link ModelSpec}, shipped as its JSON-ready map. */
    static ModelFactory of(ModelSpec spec) {
        Map<String, Object> map = spec.toMap();
        return () -> ModelSpec.fromMap(map, "spark").build(new Rng(0));
    }
}
