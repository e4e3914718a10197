package dev.descent.cli;

import dev.descent.cli.config.SearchDimension;
import dev.descent.cli.config.SearchSpace;
import dev.descent.cli.config.SearchValue;
import dev.descent.plot.LinePlot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The plots of {@code descent tune}: one per searched key, each finished trial's validation score
 * against the value it had for that key, the best trial marked. Numbers are on a numeric axis
 * (logarithmic for a {@code log_uniform} range, or listed positive numbers spanning a factor of
 * ten or more), with a line through the best trial at each listed value; other values (words,
 * lists, sections) are categories placed at 1, 2, … in the order listed, one colour and marker
 * each, named in the legend. A key with one value among the finished trials is not drawn.
 */
final class TunePlots {

    private TunePlots() {
    }

    /** Draws the plots into {@code directory} (PNG and SVG each); one that fails is returned with the reason. */
    static List<ComparisonPlots.Plot> draw(SearchSpace space, List<TuneTrial> trials, TuneTrial best,
                                           boolean classification, Path directory) {
        List<TuneTrial> finished = trials.stream().filter(TuneTrial::finished).toList();
        List<ComparisonPlots.Plot> plots = new ArrayList<>();
        if (finished.isEmpty() || best == null) {
            return plots;
        }
        String scoreName = classification ? "Validation accuracy" : "Validation loss";
        for (int k = 0; k < space.dimensions().size(); k++) {
            SearchDimension dimension = space.dimensions().get(k);
            int index = k;
            String title = scoreName + " against " + dimension.key() + " · " + finished.size()
                    + (finished.size() == 1 ? " trial" : " trials");
            long distinct = finished.stream().map(t -> t.values().get(index).text()).distinct().count();
            if (distinct < 2) {
                plots.add(new ComparisonPlots.Plot(title, "", null, "every finished trial has the same "
                        + dimension.key()));
                continue;
            }
            try {
                plots.add(dimension.isNumeric() ? numeric(dimension, index, finished, best, classification, title,
                        directory) : categories(dimension, index, finished, best, classification, title, directory));
            } catch (RuntimeException e) {
                plots.add(new ComparisonPlots.Plot(title, "", null, e.getMessage() == null ? e.toString()
                        : e.getMessage()));
            }
        }
        return plots;
    }

    private static ComparisonPlots.Plot numeric(SearchDimension dimension, int index, List<TuneTrial> finished,
                                                TuneTrial best, boolean classification, String title, Path directory) {
        double[] x = finished.stream().mapToDouble(t -> t.values().get(index).number()).toArray();
        double[] y = finished.stream().mapToDouble(t -> shown(t, classification)).toArray();
        LinePlot plot = start(title, dimension.key() + (dimension.isLogarithmic() ? " (logarithmic axis)" : ""),
                classification, y);
        if (dimension.isLogarithmic()) {
            plot.logX();
        }
        plot.points("trial", x, y);
        String caption = "Each point is one trial: " + scoreText(classification) + " against its "
                + dimension.key() + ".";
        if (dimension.kind() == SearchDimension.Kind.CHOICES) {
            TreeMap<Double, Double> bestAt = new TreeMap<>();
            for (int i = 0; i < x.length; i++) {
                bestAt.merge(x[i], y[i], classification ? Math::max : Math::min);
            }
            plot.line("best at each value", bestAt.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    bestAt.values().stream().mapToDouble(Double::doubleValue).toArray());
            caption += " The line joins the best trial at each listed value.";
        }
        plot.points("best: trial " + best.number(), new double[] {best.values().get(index).number()},
                new double[] {shown(best, classification)});
        if (dimension.isLogarithmic()) {
            caption += " Logarithmic x axis.";
        }
        return save(plot, title, caption, dimension, directory);
    }

    private static ComparisonPlots.Plot categories(SearchDimension dimension, int index, List<TuneTrial> finished,
                                                   TuneTrial best, boolean classification, String title,
                                                   Path directory) {
        double[] all = finished.stream().mapToDouble(t -> shown(t, classification)).toArray();
        LinePlot plot = start(title, dimension.key() + ": choice 1, 2, … as listed (named in the legend)",
                classification, all);
        List<SearchValue> choices = dimension.choices();
        for (int c = 0; c < choices.size(); c++) {
            String text = choices.get(c).text();
            double[] y = finished.stream().filter(t -> t.values().get(index).text().equals(text))
                    .mapToDouble(t -> shown(t, classification)).toArray();
            if (y.length > 0) {
                double[] x = new double[y.length];
                java.util.Arrays.fill(x, c + 1);
                plot.points(text, x, y);
            }
        }
        int bestChoice = choices.stream().map(SearchValue::text).toList().indexOf(best.values().get(index).text());
        plot.points("best: trial " + best.number(), new double[] {bestChoice + 1},
                new double[] {shown(best, classification)});
        String caption = "Each point is one trial: " + scoreText(classification) + " against its " + dimension.key()
                + ". The values are categories, placed at 1, 2, … in the order the search section lists them, one"
                + " colour and marker each.";
        return save(plot, title, caption, dimension, directory);
    }

    private static LinePlot start(String title, String xAxis, boolean classification, double[] y) {
        LinePlot plot = LinePlot.titled(title).xAxis(xAxis)
                .yAxis(classification ? "validation accuracy (%)" : "validation loss (mean squared error)");
        if (!classification && RunPlots.spansDecades(y)) {
            plot.logY();
        }
        return plot;
    }

    private static ComparisonPlots.Plot save(LinePlot plot, String title, String caption, SearchDimension dimension,
                                             Path directory) {
        Path png = plot.save(directory, "score-vs-" + dimension.key().replaceAll("[^A-Za-z0-9._-]", "-")).get(0);
        return new ComparisonPlots.Plot(title, caption, png, null);
    }

    private static String scoreText(boolean classification) {
        return classification ? "the validation accuracy of its final model"
                : "the validation loss (mean squared error) of its final model";
    }

    /**
     * The score as drawn: accuracy in percent to two decimals, a loss to four significant digits.
     * With few distinct scores the axis is labelled at the scores themselves, so they are rounded
     * as the table prints them ("83.33", not "83.3333333333").
     */
    private static double shown(TuneTrial trial, boolean classification) {
        if (classification) {
            return Math.round(10_000 * trial.score()) / 100.0;
        }
        return new java.math.BigDecimal(trial.score()).round(new java.math.MathContext(4)).doubleValue();
    }
}
