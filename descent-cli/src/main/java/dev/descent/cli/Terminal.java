package dev.descent.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether standard input and output are a terminal (a person watching), rather than a file, a pipe
 * or a CI log. {@code System.console() != null} said so up to JDK 21; from JDK 22 there is a console
 * even when output is redirected, and {@code Console.isTerminal()} (JDK 22, called reflectively since
 * the code targets 17) tells.
 */
final class Terminal {
    private static final boolean INTERACTIVE = interactive();

    private Terminal() {
    }

    static boolean isInteractive() {
        return INTERACTIVE;
    }

    private static boolean interactive() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console is a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
