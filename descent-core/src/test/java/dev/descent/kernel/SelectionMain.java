package dev.descent.kernel;

/** Prints {@link KernelProvider#selection()}; run in a child JVM by {@link KernelProviderTest}. */
public final class SelectionMain {
    private SelectionMain() {
    }

    public static void main(String[] args) {
        System.out.println(KernelProvider.selection());
        System.out.println("name=" + KernelProvider.kernels().name());
    }
}
