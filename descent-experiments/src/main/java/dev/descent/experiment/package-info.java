/**
 * Experiments that make the lectures' claims about gradient-based learning visible: each
 * {@link dev.descent.experiment.Experiment} states a claim, measures the figure behind it on
 * real data, and says whether the measurement supports it; {@link dev.descent.experiment.Results}
 * writes {@code results.json}, CSV series, PNG/SVG plots and a self-contained
 * {@code report.html}. {@link dev.descent.experiment.Experiments} lists them by name.
 */
package dev.descent.experiment;
