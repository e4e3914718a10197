/**
 * Plots written as PNG and SVG files, from plain {@code double} arrays: no dependency on the
 * rest of Descent, so anything that has numbers can plot them.
 *
 * <ul>
 *   <li>{@link dev.descent.plot.LinePlot}: lines, points and shaded bands against a common x
 *       axis (linear or base-10 logarithmic), e.g. loss and accuracy curves with the gap between
 *       training and validation shaded, or a learning rate over steps;</li>
 *   <li>{@link dev.descent.plot.HeatMap}: a labelled grid coloured by value, with the values
 *       printed in the cells up to 20 × 20, e.g. a confusion matrix;</li>
 *   <li>{@link dev.descent.plot.ContourPlot}: level curves of a function sampled on a grid, with
 *       trajectories and arrows over them and optionally the same scale on both axes, e.g.
 *       gradient descent on an ill-conditioned quadratic, or a slice of a loss landscape.</li>
 * </ul>
 *
 * <p>Every plot has one look: 900 × 600 pixels (heat maps 900 × 700), white background, light
 * grid, text of 12 px or more, legend below the data, and the colour-blind-safe Okabe-Ito
 * palette. Drawing is done by XChart and needs no display ({@code java.awt.headless} is set
 * to {@code true} unless the application set it). Bad input is an
 * {@link java.lang.IllegalArgumentException} naming the plot, the series and the index; a file
 * that cannot be written is an {@link java.io.UncheckedIOException} naming the file.
 */
package dev.descent.plot;
