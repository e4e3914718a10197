package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads back what a plot wrote: the PNG as an image, the SVG as an XML document. */
final class PlotFiles {

    private PlotFiles() {
    }

    static BufferedImage png(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("%s is a PNG image", file).isNotNull();
        return image;
    }

    /** Parses the SVG without fetching its DTD (tests run offline). */
    static Document svg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        return document;
    }

    static String svgTitle(Path file) throws Exception {
        return svg(file).getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent();
    }

    /** The contents of the SVG's {@code <text>} elements, in document order. */
    static List<String> svgTexts(Path file) throws Exception {
        NodeList texts = svg(file).getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            contents.add(texts.item(i).getTextContent());
        }
        return contents;
    }

    /** How many pixels in the rectangle are dark (every channel under 100): text, not data or grid. */
    static int darkPixels(BufferedImage image, Rectangle within) {
        int dark = 0;
        for (int y = within.y; y < within.getMaxY(); y++) {
            for (int x = within.x; x < within.getMaxX(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 100 && ((rgb >> 8) & 0xFF) < 100 && (rgb & 0xFF) < 100) {
                    dark++;
                }
            }
        }
        return dark;
    }

    /** Whether some pixel has exactly this colour (an opaque series colour, say). */
    static boolean hasPixel(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
