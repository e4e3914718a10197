package dev.descent.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves a dashboard without the command line's other parts: {@code java -cp … DashboardMain DIR…
 * [--port N] [--host H]}. {@code descent serve} is the command users type; this entry point is
 * for working on the pages alone.
 */
public final class DashboardMain {
    private DashboardMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> directories = new ArrayList<>();
        int port = Dashboard.DEFAULT_PORT;
        String host = Dashboard.DEFAULT_HOST;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                default -> directories.add(Path.of(args[i]));
            }
        }
        Dashboard dashboard = Dashboard.start(directories.isEmpty() ? List.of(Path.of("runs")) : directories, host,
                port);
        System.out.println("dashboard " + dashboard.uri());
        Thread.currentThread().join();
    }
}
