package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A YAML parser's complaint in one line, without the excerpt and caret lines SnakeYAML adds. */
final class YamlSyntax {
    private static final Pattern MARK = Pattern.compile("in '[^']*', line (\\d+), column (\\d+)");

    private YamlSyntax() {
    }

    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        List<String> kept = new ArrayList<>();
        for (String line : original.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.equals("^") || line.startsWith(" ") || trimmed.startsWith("in 'reader'")
                    || trimmed.startsWith("at [Source")) {
                continue;
            }
            kept.add(trimmed);
        }
        return kept.isEmpty() ? original.strip() : String.join("; ", kept);
    }

    /**
     * "line L, column C" of the problem: SnakeYAML's problem mark (the last position its message
     * names) when there is one, else where the parser stopped; empty when neither is known.
     */
    static String position(JsonProcessingException e) {
        Matcher mark = MARK.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        String last = null;
        while (mark.find()) {
            last = "line " + mark.group(1) + ", column " + mark.group(2);
        }
        return last != null ? last : position(e.getLocation());
    }

    /** "line L, column C", or empty when the parser did not say. */
    static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "");
    }
}
