package dev.descent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Layer;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No public type of the core has the simple name of a public {@code java.lang} type, so that
 * {@code import dev.descent.nn.*} (or any other package of ours) never makes a name such as
 * {@code Module} or {@code Record} ambiguous in user code. The core's types are found by walking
 * its compiled classes, so a new one cannot be forgotten; {@code java.lang}'s are read from the
 * running JDK's {@code jrt:/} file system, so a newer JDK's additions count too. Public member
 * types are checked as well, for {@code import dev.descent.nn.ModelSpec.*}.
 */
class JavaLangNamesTest {

    @Test
    void noPublicTypeOfDescentIsNamedAsAJavaLangType() throws IOException, ReflectiveOperationException,
            URISyntaxException {
        Set<String> javaLang = publicJavaLangNames();
        List<Class<?>> descent = publicDescentTypes();
        assertThat(javaLang).as("java.lang's public types").contains("Module", "Record", "Override", "Process");
        assertThat(descent).as("the core's public types").contains(Layer.class)
                .anyMatch(type -> type.getName().equals("dev.descent.nn.ModelSpec$LayerSpec"));

        List<String> clashes = new ArrayList<>();
        for (Class<?> type : descent) {
            if (javaLang.contains(type.getSimpleName())) {
                clashes.add(type.getCanonicalName() + " (java.lang." + type.getSimpleName() + ")");
            }
        }
        assertThat(clashes).as("public types named as java.lang types: rename them").isEmpty();
    }

    /** The simple names of java.lang's public top-level types in the running JDK. */
    private static Set<String> publicJavaLangNames() throws IOException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> files = Files.list(jrt.getPath("/modules/java.base/java/lang"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$") || name.equals("package-info.class")) {
                    continue; // member types and sub-packages are not imported by java.lang.*
                }
                String simpleName = name.substring(0, name.length() - ".class".length());
                Class<?> type = Class.forName("java.lang." + simpleName, false, null);
                if (Modifier.isPublic(type.getModifiers())) {
                    names.add(simpleName);
                }
            }
        }
        return names;
    }

    /**
     * The core's public types that an import on demand brings in: public top-level types, and
     * public member types of public types.
     */
    private static List<Class<?>> publicDescentTypes() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path classes = Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (!name.startsWith("dev.descent.") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, JavaLangNamesTest.class.getClassLoader());
                if (isVisibleByImport(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean isVisibleByImport(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
