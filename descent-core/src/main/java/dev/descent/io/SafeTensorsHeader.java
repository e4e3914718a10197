package dev.descent.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: decoding with every check the format requires, and
 * encoding byte for byte as the reference writer does.
 *
 * <p>A header maps each tensor name to {@code {"dtype": "F32", "shape": [2, 3],
 * "data_offsets": [begin, end]}}, with byte offsets relative to the data buffer that follows
 * the header, and may hold {@code "__metadata__"}, a map from strings to strings. Other keys
 * inside a tensor's entry are ignored, as the reference reader ignores them.
 */
final class SafeTensorsHeader {
    /** The reference implementation refuses larger headers; so does Descent. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    /** Header names in their order in the data buffer, plus the metadata (in header order). */
    record Decoded(List<TensorEntry> entries, Map<String, String> metadata) {
    }

    private SafeTensorsHeader() {
    }

    /**
     * Decodes and checks a header: valid UTF-8 and JSON, all fields present with the right
     * types, each byte range as long as its shape and type need, and the ranges tiling the
     * {@code bufferLength} bytes after the header exactly: no range past the end, no overlap,
     * no gap, nothing left over.
     */
    static Decoded decode(Path file, byte[] header, long bufferLength) throws SafeTensorsFormatException {
        String text = utf8(file, header);
        Object root;
        try {
            root = HeaderJson.parse(text);
        } catch (HeaderJson.Problem problem) {
            if (problem.duplicateKey() != null) {
                throw new SafeTensorsFormatException(file, "the name \"" + problem.duplicateKey() + "\" occurs twice"
                        + " in one object of the header, at " + where(text, problem.offset()) + ". Names must be"
                        + " unique; write the file again from a map with one entry per name.");
            }
            throw new SafeTensorsFormatException(file, "the header is not valid JSON: " + problem.getMessage()
                    + " at " + where(text, problem.offset()) + ". The file is damaged or was not written by a"
                    + " safetensors writer; write it again.");
        }
        if (!(root instanceof Map<?, ?> members)) {
            throw new SafeTensorsFormatException(file, "the header must be a JSON object {\"name\": {\"dtype\": …,"
                    + " \"shape\": …, \"data_offsets\": …}, …} but is " + kind(root) + ". Is this a safetensors file?");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> member : members.entrySet()) {
            String name = (String) member.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(file, member.getValue());
            } else {
                entries.add(entry(file, name, member.getValue()));
            }
        }
        checkLayout(file, entries, bufferLength);
        return new Decoded(entries, metadata);
    }

    private static String utf8(Path file, byte[] header) throws SafeTensorsFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(header.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new SafeTensorsFormatException(file, "the header is not valid UTF-8 at byte " + (8 + in.position())
                    + " of the file. The file is damaged or is not a safetensors file.");
        }
        return out.flip().toString();
    }

    private static Map<String, String> metadata(Path file, Object value) throws SafeTensorsFormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafeTensorsFormatException(file, "\"" + METADATA_KEY + "\" must be a JSON object of strings,"
                    + " found " + render(value) + ". Write metadata as {\"key\": \"value\", …}.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafeTensorsFormatException(file, "\"" + METADATA_KEY + "\" may hold only strings, but \""
                        + e.getKey() + "\" is " + render(e.getValue()) + ". Store it as a string, e.g. \""
                        + render(e.getValue()).replace("\"", "'") + "\".");
            }
            metadata.put((String) e.getKey(), s);
        }
        return metadata;
    }

    private static TensorEntry entry(Path file, String name, Object value) throws SafeTensorsFormatException {
        if (!(value instanceof Map<?, ?> fields)) {
            throw new SafeTensorsFormatException(file, "tensor '" + name + "': its header entry must be an object"
                    + " {\"dtype\": …, \"shape\": …, \"data_offsets\": …}, found " + render(value) + ".");
        }
        Object dtypeField = required(file, name, fields, "dtype");
        if (!(dtypeField instanceof String dtypeName)) {
            throw new SafeTensorsFormatException(file, "tensor '" + name + "': \"dtype\" must be a string such as"
                    + " \"F32\", found " + render(dtypeField) + ".");
        }
        StoredDtype dtype = StoredDtype.named(dtypeName);
        if (dtype == null) {
            throw new SafeTensorsFormatException(file, "tensor '" + name + "' has the unknown dtype \"" + dtypeName
                    + "\"; safetensors types are " + StoredDtype.allNames() + ", and Descent reads "
                    + StoredDtype.readableNames() + ". Convert the tensor to float32 before saving it.");
        }
        List<Long> dims = integers(file, name, "shape", required(file, name, fields, "shape"));
        List<Long> offsets = integers(file, name, "data_offsets", required(file, name, fields, "data_offsets"));
        if (offsets.size() != 2) {
            throw new SafeTensorsFormatException(file, "tensor '" + name + "': \"data_offsets\" must be [begin, end],"
                    + " two integers, found " + render(fields.get("data_offsets")) + ".");
        }
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (end < begin) {
            throw new SafeTensorsFormatException(file, "tensor '" + name + "': \"data_offsets\" [" + begin + ", " + end
                    + "] end before they begin. The header is damaged; write the file again.");
        }
        int[] shape = new int[dims.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            long dim = dims.get(i);
            if (dim > Integer.MAX_VALUE || (elements = elements * dim) > Integer.MAX_VALUE - 8) {
                throw new SafeTensorsFormatException(file, "tensor '" + name + "' has shape " + dims + ", too large"
                        + " for a Descent Tensor, which holds at most 2^31 - 9 elements in one float[].");
            }
            shape[i] = (int) dim;
        }
        long needed = elements * dtype.bytes();
        if (end - begin != needed) {
            throw new SafeTensorsFormatException(file, "tensor '" + name + "': shape " + dims + " of " + dtype
                    + " needs " + elements + " × " + dtype.bytes() + " = " + needed + " bytes, but \"data_offsets\" ["
                    + begin + ", " + end + "] span " + (end - begin) + " bytes. The shape or the offsets are wrong;"
                    + " write the file again.");
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static Object required(Path file, String name, Map<?, ?> fields, String field)
            throws SafeTensorsFormatException {
        Object value = fields.get(field);
        if (value == null) {
            throw new SafeTensorsFormatException(file, "tensor '" + name + "': the header entry has no \"" + field
                    + "\" field; each tensor needs \"dtype\", \"shape\" and \"data_offsets\". Found "
                    + render(fields) + ".");
        }
        return value;
    }

    private static List<Long> integers(Path file, String name, String field, Object value)
            throws SafeTensorsFormatException {
        String problem = "tensor '" + name + "': \"" + field + "\" must be a list of non-negative integers, found "
                + render(value);
        if (!(value instanceof List<?> list)) {
            throw new SafeTensorsFormatException(file, problem + ".");
        }
        List<Long> result = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof HeaderJson.Number number) || !number.isInteger()
                    || number.literal().startsWith("-")) {
                throw new SafeTensorsFormatException(file, problem + ".");
            }
            try {
                result.add(Long.parseLong(number.literal()));
            } catch (NumberFormatException tooLarge) {
                throw new SafeTensorsFormatException(file, problem + ": " + number.literal()
                        + " is larger than any file Descent can read.");
            }
        }
        return result;
    }

    /** Sorts {@code entries} into buffer order and checks that they tile the buffer exactly. */
    private static void checkLayout(Path file, List<TensorEntry> entries, long bufferLength)
            throws SafeTensorsFormatException {
        entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long expected = 0;
        TensorEntry previous = null;
        for (TensorEntry entry : entries) {
            if (entry.end() > bufferLength) {
                throw new SafeTensorsFormatException(file, "tensor '" + entry.name() + "': \"data_offsets\" ["
                        + entry.begin() + ", " + entry.end() + "] are out of range: the data buffer after the header"
                        + " holds only " + bufferLength + " bytes. The file is truncated or its header is damaged;"
                        + " copy or write it again.");
            }
            if (entry.begin() < expected) {
                throw new SafeTensorsFormatException(file, "tensors '" + previous.name() + "' [" + previous.begin()
                        + ", " + previous.end() + ") and '" + entry.name() + "' [" + entry.begin() + ", " + entry.end()
                        + ") overlap. Each byte of the buffer belongs to one tensor; write the file again.");
            }
            if (entry.begin() > expected) {
                String before = previous == null ? "the start of the data buffer" : "tensor '" + previous.name()
                        + "' (which ends at " + expected + ")";
                throw new SafeTensorsFormatException(file, "a gap of " + (entry.begin() - expected) + " bytes lies"
                        + " between " + before + " and tensor '" + entry.name() + "' (which begins at "
                        + entry.begin() + "). Tensors must be packed without gaps; write the file again.");
            }
            expected = entry.end();
            previous = entry;
        }
        if (expected < bufferLength) {
            String last = previous == null ? "the header, which names no tensor," : "the last tensor, '"
                    + previous.name() + "', which ends at buffer offset " + expected + ",";
            throw new SafeTensorsFormatException(file, (bufferLength - expected) + " bytes of trailing data follow "
                    + last + " up to the end of the file. The file is damaged or has been appended to; write it"
                    + " again.");
        }
    }

    /**
     * The header for {@code entries} in the order given: compact JSON with the metadata
     * first, as the reference writer's serde serialisation produces, padded with spaces to a
     * multiple of 8 bytes so that the data buffer starts 8-byte aligned.
     */
    static byte[] encode(List<TensorEntry> entries, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            JsonText.quote(METADATA_KEY, json).append(":{");
            String separator = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                json.append(separator);
                JsonText.quote(e.getKey(), json).append(':');
                JsonText.quote(e.getValue(), json);
                separator = ",";
            }
            json.append('}');
        }
        for (TensorEntry entry : entries) {
            json.append(json.length() > 1 ? "," : "");
            JsonText.quote(entry.name(), json).append(":{\"dtype\":\"").append(entry.dtype()).append("\",\"shape\":[");
            for (int i = 0; i < entry.shape().length; i++) {
                json.append(i == 0 ? "" : ",").append(entry.shape()[i]);
            }
            json.append("],\"data_offsets\":[").append(entry.begin()).append(',').append(entry.end()).append("]}");
        }
        json.append('}');
        byte[] unpadded = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (unpadded.length + 7) / 8 * 8;
        byte[] header = java.util.Arrays.copyOf(unpadded, padded);
        java.util.Arrays.fill(header, unpadded.length, padded, (byte) ' ');
        return header;
    }

    /** "character 57 of the header (byte 65 of the file), near: …text…". */
    private static String where(String text, int offset) {
        int fileByte = 8 + text.substring(0, Math.min(offset, text.length())).getBytes(StandardCharsets.UTF_8).length;
        int from = Math.max(0, offset - 30);
        int to = Math.min(text.length(), offset + 30);
        String near = (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
        StringBuilder printable = new StringBuilder();
        near.chars().forEach(c -> printable.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return "character " + offset + " of the header (byte " + fileByte + " of the file), near: " + printable;
    }

    private static String kind(Object value) {
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof HeaderJson.Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "null";
    }

    /** A JSON value as short JSON text, for error messages. */
    static String render(Object value) {
        StringBuilder s = new StringBuilder();
        render(value, s);
        return s.length() > 80 ? s.substring(0, 77) + "…" : s.toString();
    }

    private static void render(Object value, StringBuilder s) {
        if (value instanceof Map<?, ?> map) {
            s.append('{');
            String separator = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                s.append(separator).append('"').append(e.getKey()).append("\": ");
                render(e.getValue(), s);
                separator = ", ";
            }
            s.append('}');
        } else if (value instanceof List<?> list) {
            s.append('[');
            for (int i = 0; i < list.size(); i++) {
                s.append(i == 0 ? "" : ", ");
                render(list.get(i), s);
            }
            s.append(']');
        } else if (value instanceof String string) {
            s.append('"').append(string).append('"');
        } else if (value instanceof HeaderJson.Number number) {
            s.append(number.literal());
        } else {
            s.append(value);
        }
    }
}
