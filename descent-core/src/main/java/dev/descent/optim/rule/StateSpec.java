package dev.descent.optim.rule;

/**
 * One state buffer of an update rule: its name (PyTorch's, e.g. {@code exp_avg}), whether it
 * holds one value per parameter element or a single value, and the value it starts at.
 */
public record StateSpec(String name, boolean perElement, float initialValue) {

    /** A buffer of the parameter's size, starting at zero. */
    public static StateSpec perElement(String name) {
        return new StateSpec(name, true, 0f);
    }

    /** A buffer of the parameter's size, starting at {@code initialValue}. */
    public static StateSpec perElement(String name, float initialValue) {
        return new StateSpec(name, true, initialValue);
    }

    /** One value per parameter, starting at {@code initialValue}. */
    public static StateSpec scalar(String name, float initialValue) {
        return new StateSpec(name, false, initialValue);
    }
}
