package dev.descent.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Plots inside self-contained HTML pages (experiment reports, {@code descent report} and
 * {@code descent tune}): the PNG embedded as a data URL, so the page opens offline.
 */
public final class HtmlImages {
    private HtmlImages() {
    }

    /** {@code <img alt="…" src="data:image/png;base64,…">} for the PNG file {@code png}. */
    public static String embeddedPng(Path png, String alt) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plot " + png + ": " + e.getMessage(), e);
        }
        return "<img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(bytes) + "\">";
    }

    /** Text safe inside HTML elements and attribute values. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
