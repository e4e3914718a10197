package dev.descent.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        String v = DescentCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"descent " + version(),
                "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
