package dev.descent.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writes a drawing as {@code <baseName>.png} and {@code <baseName>.svg}. The same code paints
 * both: once on a bitmap, once on VectorGraphics2D's recording canvas (what XChart's
 * {@code VectorGraphicsEncoder} uses), so the two files show the same picture. The SVG carries
 * the plot's title in a {@code <title>} element as well.
 *
 * <p>Text stays text in the SVG: VectorGraphics2D 0.13 writes every {@code drawString} as a
 * {@code <text>} element whatever its {@code VectorHints.KEY_TEXT} hint says, so the plots draw
 * their titles, tick labels, legends and notes with {@code drawString} (see {@link Text}). XChart,
 * which fills glyph outlines for its text, draws only the data.
 * The font family VectorGraphics2D names (the one Java used, e.g. "DejaVu Sans") gets
 * {@code sans-serif} as a fallback, for viewers without it. The PNG draws text with fractional
 * metrics, as layout measures it.
 *
 * <p>Each file is written to a temporary file beside it and renamed into place, so a failed write
 * never leaves a half-written plot under the final name.
 *
 * <p>Drawing needs no display: unless the application chose otherwise, the first plot sets
 * {@code java.awt.headless=true} before anything touches AWT (a desktop application that shows
 * windows sets {@code -Djava.awt.headless=false} itself).
 */
final class ChartFiles {

    /** A font family in a style attribute, as VectorGraphics2D writes it: {@code font-family:&quot;X&quot;;}. */
    private static final Pattern FONT_FAMILY = Pattern.compile("(font-family:&quot;[^&;]*&quot;);");

    /** Paints a whole canvas; the canvas size is given when the drawing is saved. */
    interface Painting {
        void paint(Graphics2D g);
    }

    private ChartFiles() {
    }

    /** Called by the plots' static initialisers, before XChart creates any AWT object. */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Writes both files and returns their paths (PNG first). */
    static List<Path> save(Painting painting, int width, int height, String title, Path directory, String baseName) {
        Objects.requireNonNull(directory, "directory");
        checkBaseName(baseName);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plot directory " + directory + ": " + describe(e), e);
        }
        Path png = directory.resolve(baseName + ".png");
        Path svg = directory.resolve(baseName + ".svg");
        write(png, out -> writePng(painting, width, height, out));
        write(svg, out -> out.write(svg(painting, width, height, title)));
        return List.of(png, svg);
    }

    private static void writePng(Painting painting, int width, int height, OutputStream out) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            paintOnWhite(painting, g, width, height);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("this Java runtime has no PNG writer (javax.imageio)");
        }
    }

    /** The SVG document as UTF-8 bytes, with a {@code <title>} right after the opening tag. */
    static byte[] svg(Painting painting, int width, int height, String title) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paintOnWhite(painting, g, width, height);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int svgTag = text.indexOf("<svg");
        int end = svgTag < 0 ? -1 : text.indexOf('>', svgTag);
        if (end < 0) {
            throw new IOException("VectorGraphics2D wrote no <svg> element");
        }
        String withTitle = text.substring(0, end + 1) + "\n  <title>" + escapeXml(title) + "</title>"
                + text.substring(end + 1);
        return FONT_FAMILY.matcher(withTitle).replaceAll("$1,sans-serif;").getBytes(StandardCharsets.UTF_8);
    }

    private static void paintOnWhite(Painting painting, Graphics2D g, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painting.paint(g);
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static void write(Path file, Encoder encoder) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                encoder.encode(out);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + file + ": " + describe(e), e);
        }
    }

    private static void checkBaseName(String baseName) {
        Objects.requireNonNull(baseName, "baseName");
        if (baseName.isBlank() || baseName.contains("/") || baseName.contains("\\") || baseName.equals(".")
                || baseName.equals("..")) {
            throw new IllegalArgumentException("baseName must be a file name without a folder or an extension "
                    + "(e.g. \"loss\"), got \"" + baseName + "\"");
        }
    }

    /** The exception's type and message: a NoSuchFileException's message is only the path. */
    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }

    static String escapeXml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return escaped.toString();
    }
}
