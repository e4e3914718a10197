package dev.descent.kernel;

import java.util.ArrayList;
import java.util.List;

/** The implementations under test: scalar always, vector when this JVM can load it. */
final class TestKernels {
    private TestKernels() {
    }

    static List<Kernels> all() {
        List<Kernels> list = new ArrayList<>();
        list.add(KernelProvider.scalar());
        Kernels vector = KernelProvider.vectorOrNull();
        if (vector != null) {
            list.add(vector);
        }
        return list;
    }
}
