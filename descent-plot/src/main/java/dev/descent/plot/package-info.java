/**
 * Plots written as PNG and SVG files, from plain {@code double} arrays: no dependency on the
 * rest of Descent, so anything that has numbers can plot them.
 *
 * <ul>
 *   <li>{@link dev.descent.plot.LinePlot}: lines, points, parameter sweeps, shaded bands and
 *       dashed reference lines against a common x axis (linear or base-10 logarithmic), e.g.
 *       loss and accuracy curves with the gap between training and validation shaded, a
 *       learning-rate sweep against a theoretical bound, or a learning rate over steps; a fixed
 *       y range clips what lies beyond it and says so in a note;</li>
 *   <li>{@link dev.descent.plot.HeatMap}: a labelled grid coloured by value, with the values
 *       printed in the cells up to 20 × 20, e.g. a confusion matrix;</li>
 *   <li>{@link dev.descent.plot.ContourPlot}: level curves of a function sampled on a grid, with
 *       trajectories and arrows over them and optionally the same scale on both axes, e.g.
 *       gradient descent on an ill-conditioned quadratic, or a slice of a loss landscape.</li>
 * </ul>
 *
 * <p>Every plot has one look: 900 × 600 pixels (heat maps 900 × 700), white background, light
 * grid, text of 12 px or more, legend below the data, and the colour-blind-safe Okabe-Ito
 * palette. Axes have round ticks with at least three labels; a logarithmic axis labels powers
 * of ten as "10⁻⁴", or 1, 2, 3, 5 times them within about a decade. Line and contour plots may
 * carry short notes inside the plot area. The SVG keeps text as {@code <text>} elements (titles,
 * axis titles, tick labels, legends, notes), so it can be searched and its text selected.
 * XChart draws the data and needs no display ({@code java.awt.headless} is set to
 * {@code true} unless the application set it); the axes, ticks and text around the data are
 * drawn by this package. Bad input is an
 * {@link java.lang.IllegalArgumentException} naming the plot, the series and the index; a file
 * that cannot be written is an {@link java.io.UncheckedIOException} naming the file.
 */
package dev.descent.plot;
