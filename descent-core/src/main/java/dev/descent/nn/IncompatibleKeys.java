package dev.descent.nn;

import java.util.List;

/**
 * What a non-strict {@link Layer#loadStateDict(java.util.Map, boolean)} left out, as PyTorch's
 * {@code _IncompatibleKeys}: the model's parameters the weights did not hold (left as they
 * were) and the weights that named no parameter (ignored). Both are empty after a strict load,
 * which throws instead.
 *
 * @param missingKeys    parameters of the model that the weights lack, in the model's order
 * @param unexpectedKeys names in the weights that the model lacks, in the weights' order
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {

    public IncompatibleKeys {
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
    }

    /** True when every parameter was loaded and every weight was used. */
    public boolean isEmpty() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
    }

    /** PyTorch's wording when everything matched, the two lists otherwise. */
    @Override
    public String toString() {
        return isEmpty() ? "<All keys matched successfully>"
                : "IncompatibleKeys(missingKeys=" + missingKeys + ", unexpectedKeys=" + unexpectedKeys + ")";
    }
}
