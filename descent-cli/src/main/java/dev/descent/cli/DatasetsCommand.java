package dev.descent.cli;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.DatasetLocator;
import dev.descent.data.DownloadPolicy;
import dev.descent.data.KnownDatasets;
import dev.descent.data.MnistLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent datasets}: which data sets exist, where they are found, and fetching them. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List data sets (list), show where a named one is found (resolve NAME), or download it (download NAME).")
final class DatasetsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ACTION", defaultValue = "list", description = "list (default), resolve or download.")
    String action;

    @Parameters(index = "1", paramLabel = "NAME", arity = "0..1", description = "mnist, fashion-mnist or kmnist.")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Look only in this directory (resolve).")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DatasetLocator locator = DatasetLocator.fromSystem();
        switch (action) {
            case "list" -> {
                out.println("named (IDX files, found on this machine or downloaded with a SHA-256 check):");
                for (String known : KnownDatasets.official().names()) {
                    String where;
                    try {
                        where = "found in " + locator.locate(known, MnistLayout.FILES);
                    } catch (RuntimeException notFound) {
                        where = "not on this machine (descent datasets download " + known + ")";
                    }
                    out.printf("  %-14s %s%n", known, where);
                }
                out.println("built in (inside the jar): " + String.join(", ", BuiltInDatasets.names())
                        + "; regression: " + String.join(", ", BuiltInDatasets.regressionNames()));
                out.println("your own: ./descent train --csv FILE | --libsvm FILE");
            }
            case "resolve" -> out.println(locator.locate(requireName(), MnistLayout.FILES, dataDir));
            case "download" -> out.println("ready in " + locator.locateOrDownload(requireName(), MnistLayout.FILES, null,
                    DownloadPolicy.allowedOverHttp(System.err)));
            default -> throw new IllegalArgumentException("datasets: unknown action '" + action
                    + "'; use list, resolve NAME or download NAME");
        }
        out.flush();
        return 0;
    }

    private String requireName() {
        if (name == null) {
            throw new IllegalArgumentException("datasets " + action + " needs a name: one of "
                    + KnownDatasets.official().names());
        }
        return name;
    }
}
