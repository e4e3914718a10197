package dev.descent.cli;

import dev.descent.kernel.KernelProvider;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code descent info}: what this JVM runs Descent with. */
@Command(name = "info", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Print the JDK, the kernel provider and the thread count in use.")
final class InfoCommand implements Runnable {

    @Mixin
    ThreadsOption threadsOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        threadsOption.apply();
        PrintWriter out = spec.commandLine().getOut();
        out.println("descent  " + VersionProvider.version());
        out.println("jdk      " + System.getProperty("java.version") + " · " + System.getProperty("java.vm.name")
                + " · " + System.getProperty("java.home"));
        out.println("os       " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + " · " + Runtime.getRuntime().availableProcessors() + " cores · max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        out.println(KernelProvider.selection());
        out.flush();
    }
}
