package dev.descent.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types a safetensors header may name, with their sizes in bytes, in the order of
 * the reference implementation's {@code Dtype} enum (increasing alignment). The order matters
 * only for writing: files are laid out by descending alignment, then by name.
 *
 * <p>Descent reads the floating-point types, converting them to float32, and refuses the
 * others by name; it needs every size to check a file's layout before refusing.
 */
enum StoredDtype {
    BOOL(1, false),
    U8(1, false),
    I8(1, false),
    F8_E5M2(1, false),
    F8_E4M3(1, false),
    I16(2, false),
    U16(2, false),
    F16(2, true),
    BF16(2, true),
    I32(4, false),
    U32(4, false),
    F32(4, true),
    F64(8, true),
    I64(8, true),
    U64(8, false);

    private final int bytes;
    private final boolean readable;

    StoredDtype(int bytes, boolean readable) {
        this.bytes = bytes;
        this.readable = readable;
    }

    /** Size of one element in bytes. */
    int bytes() {
        return bytes;
    }

    /** True when Descent reads this type (as float32). */
    boolean readable() {
        return readable;
    }

    /** The type named {@code name} exactly as in a header ({@code "F32"}), or null if none is. */
    static StoredDtype named(String name) {
        for (StoredDtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return dtype;
            }
        }
        return null;
    }

    static String allNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    static String readableNames() {
        return Arrays.stream(values()).filter(StoredDtype::readable).map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
