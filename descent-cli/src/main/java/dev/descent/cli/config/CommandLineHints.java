package dev.descent.cli.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the fix a data reader suggests in Java terms ({@code CsvOptions.withCategorical("b")},
 * {@code Options.withDimension(7)}) into what a user of {@code descent train} can do: the option
 * that exists ({@code --categorical b}, {@code --features 7}, {@code --set task=regression}), or,
 * where the command line has none, the fix to the file. The readers keep their messages, which
 * Java callers see.
 */
public final class CommandLineHints {
    private record Hint(Pattern pattern, String replacement) {
    }

    private static final List<Hint> HINTS = List.of(
            hint("one-hot encode it with CsvOptions.withCategorical\\(\"([^\"]*)\"\\) or skip it with withIgnored\\(\"[^\"]*\"\\)\\.",
                    "one-hot encode it with --categorical $1."),
            hint("one-hot encode it with CsvOptions.withCategorical\\(Column.at\\((\\d+)\\)\\) or skip it with withIgnored\\(Column.at\\(\\d+\\)\\)\\.",
                    "one-hot encode it with --categorical and the column's header name."),
            hint(", or read empty cells as NaN with CsvOptions.withNonFiniteAllowed\\(true\\)\\.", "."),
            hint(", or allow NaN and infinite values with CsvOptions.withNonFiniteAllowed\\(true\\)\\.", "."),
            hint(", or make empty cells a category \"\" with CsvOptions.withNonFiniteAllowed\\(true\\)\\.", "."),
            hint("fix the cell, or allow it with CsvOptions.withNonFiniteAllowed\\(true\\)\\.", "fix or remove the row."),
            hint("; set the delimiter with CsvOptions.withDelimiter\\.",
                    "; separate the columns with commas, semicolons or tabs."),
            hint(" \\(CsvOptions.withIgnored\\)\\.", "."),
            hint(", or read text labels with CsvOptions.withClassLabels\\(ClassLabels.NAMES\\)", ""),
            hint(", or add the class to CsvOptions.withClassNames", ""),
            hint("read real-valued targets with LibSvmReader.regression\\.",
                    "train on real-valued targets with --set task=regression."),
            hint(", or add it with Options.withClassLabels\\.", "."),
            hint("raise it with Options.withDimension\\((\\d+)\\) or more", "raise it with --features $1 or more"),
            hint("fix the dimension with Options.withDimension\\.", "give the dimension with --features N."),
            hint("; raise it with Options.withMaxDimension\\((\\d+)\\) or more if the memory allows\\.",
                    "; renumber the features below the limit (a Java program can raise it)."),
            hint("; raise it with Options.withMaxValues\\((\\d+)\\) if the memory allows \\(4 bytes per float\\),"
                    + " or read fewer rows or features\\.", "; read fewer rows or features, or stream the file with"
                    + " --stream --features N."),
            hint("choose each column for one role in CsvOptions\\.",
                    "choose each column for one role (--label-column, --categorical)."),
            hint("(the (?:label|target) column '[^']*' is not in the header .*?)\\. Fix the name in CsvOptions",
                    "$1. Fix the name given to --label-column"),
            hint("(the categorical column '[^']*' is not in the header .*?)\\. Fix the name in CsvOptions",
                    "$1. Fix the name given to --categorical"),
            hint("with CsvOptions.withSkipLines\\((\\d+)\\).withHeader\\(false\\)\\.",
                    "with --skip-lines $1 --no-header."),
            hint("read it with CsvOptions.withHeader\\(false\\)\\.", "read it with --no-header."),
            hint("\\. Fix the name in CsvOptions", ". Fix the name in the configuration's data section"),
            hint("; ignore fewer columns in CsvOptions\\.", "; check --label-column and --categorical."),
            hint(", or read class labels with CsvReader.classification\\.",
                    ", or learn class labels with --set task=classification."));

    /**
     * For {@code predict} and {@code evaluate}: the model fixes the features and classes, so the
     * fix is to the file (or a new model), not a reader option.
     */
    private static final List<Hint> SAVED_MODEL_HINTS = List.of(
            hint("exceeds the declared dimension (\\d+); raise it with Options.withDimension\\((\\d+)\\) or more,"
                    + " or remove the feature\\.", "exceeds the model's $1 features; remove the feature, or train a"
                    + " model with --features $2 or more."),
            hint("declared class labels (\\[[^\\]]*\\]); fix the line, or add it with Options.withClassLabels\\.",
                    "model's classes $1; fix the line."),
            hint("; fix the line, or read real-valued targets with LibSvmReader.regression\\.",
                    "; fix the line: the model is a classifier."));

    private CommandLineHints() {
    }

    private static Hint hint(String regex, String replacement) {
        return new Hint(Pattern.compile(regex), replacement);
    }

    /** {@code message} with its Java hints put in command-line terms; unchanged when it has none. */
    public static String of(String message) {
        return rewrite(message, HINTS);
    }

    /**
     * {@code message}, about new data read for a saved model, with the fix a user of {@code predict} or
     * {@code evaluate} can apply; then as {@link #of}.
     */
    public static String forSavedModel(String message) {
        return of(rewrite(message, SAVED_MODEL_HINTS));
    }

    private static String rewrite(String message, List<Hint> hints) {
        if (message == null) {
            return null;
        }
        String result = message;
        for (Hint hint : hints) {
            Matcher matcher = hint.pattern().matcher(result);
            result = matcher.replaceAll(hint.replacement());
        }
        return result;
    }
}
