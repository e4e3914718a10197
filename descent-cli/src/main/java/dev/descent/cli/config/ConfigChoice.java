package dev.descent.cli.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** A value out of a fixed list (an optimizer's name, an activation…), written in YAML by its {@link #configName}. */
public interface ConfigChoice {

    /** The spelling in configuration files, e.g. {@code leaky_relu} or {@code one-cycle}. */
    @JsonValue
    String configName();

    /** The spellings of every constant of {@code type}, in declaration order. */
    static List<String> namesOf(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        if (constants == null) {
            return List.of();
        }
        return Arrays.stream(constants)
                .map(constant -> constant instanceof ConfigChoice choice ? choice.configName() : constant.toString())
                .toList();
    }
}
