package dev.descent.cli.config;

import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The searched keys of a {@code descent tune} file, in the order written, and the points
 * (one value per key) a grid or a random search visits.
 *
 * <p>A point is applied to the run configuration as one {@code --set KEY=VALUE} per key. A
 * whole section ({@code optimizer: [{name: adam}, {name: sgd}]}) replaces the section, so it is
 * applied before the keys inside it ({@code optimizer.lr}) whatever the order written.
 */
public record SearchSpace(List<SearchDimension> dimensions) {

    public SearchSpace {
        dimensions = List.copyOf(dimensions);
    }

    /** The searched keys, in the order written. */
    public List<String> keys() {
        return dimensions.stream().map(SearchDimension::key).toList();
    }

    /** Whether some key is a range, which only a random search can draw from. */
    public boolean hasRanges() {
        return dimensions.stream().anyMatch(SearchDimension::isRange);
    }

    /** The number of grid points (the product of the lists' lengths), at most {@code Long.MAX_VALUE}; 0 with ranges. */
    public long gridSize() {
        if (hasRanges()) {
            return 0;
        }
        long size = 1;
        for (SearchDimension d : dimensions) {
            try {
                size = Math.multiplyExact(size, d.choices().size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return size;
    }

    /**
     * The grid point at {@code index} of {@link #gridSize()}: the first key varies slowest and the
     * last fastest, as nested loops written in the file's order.
     */
    public List<SearchValue> gridPoint(long index) {
        if (hasRanges() || index < 0 || index >= gridSize()) {
            throw new IllegalArgumentException("no grid point " + index + " of " + gridSize());
        }
        SearchValue[] point = new SearchValue[dimensions.size()];
        long rest = index;
        for (int i = dimensions.size() - 1; i >= 0; i--) {
            List<SearchValue> choices = dimensions.get(i).choices();
            point[i] = choices.get((int) (rest % choices.size()));
            rest /= choices.size();
        }
        return List.of(point);
    }

    /**
     * {@code count} distinct points drawn with a generator seeded by {@code seed}: each key's value
     * independently (a choice equally likely, a range as its kind says). A point drawn before is
     * drawn again, so a small space gives fewer points than asked once all are drawn.
     */
    public List<List<SearchValue>> draw(int count, long seed) {
        Rng rng = new Rng(seed);
        List<List<SearchValue>> points = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        long budget = 100L * count + 1000;
        while (points.size() < count && budget-- > 0) {
            List<SearchValue> point = dimensions.stream().map(d -> d.draw(rng)).toList();
            if (seen.add(point.stream().map(SearchValue::text).toList())) {
                points.add(point);
            }
        }
        return points;
    }

    /** The point as {@code --set} arguments, {@code KEY=VALUE}, sections before the keys inside them. */
    public List<String> overrides(List<SearchValue> point) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> dimensions.get(i).key().chars().filter(c -> c == '.').count()));
        return order.stream().map(i -> dimensions.get(i).key() + "=" + point.get(i).text()).toList();
    }
}
